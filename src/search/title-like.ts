/**
 * A paragraph that is a section's title the source did not mark as a heading ("Radek's and
 * Piatakov's Testimony", "3. Was the Purpose to Restore Capitalism?", "Evidence: the March 1938
 * Moscow Trial"). A marked heading weighs nothing, its words being read with the passages under it
 * (their second field); set as a paragraph, a title of a few words holding the query's two words
 * side by side, as typed, took every factor a short query gives (BM25 on a short text, its words
 * together, their forms as typed) and outranked the passage under it that says what it names.
 */
import type { Block } from '../corpus/model.ts';

/** A title is a line: more words and it is a sentence in title case (rare), or a list of names. */
const MAX_WORDS = 12;
/** A title ends in its last word, a question mark or a closing quote; a sentence, a lead-in or an address ends in . : ; ! , */
const ENDS_AS_SENTENCE = /[.:;!,…]["'”’»)\]]*\s*$/u;
const WORD = /[\p{L}][\p{L}'’-]*/gu;
const LATIN = /^[\p{Script=Latin}'’-]+$/u;
/** Words of four letters or more that a title leaves in lower case. */
const MINOR = new Set(['from', 'with', 'into', 'upon', 'onto', 'about', 'over', 'under', 'after', 'before', 'against', 'between', 'through', 'that', 'this', 'than', 'their', 'what', 'when', 'where', 'which', 'were', 'does', 'during', 'without', 'within', 'toward', 'towards']);
/** A title names at least two things or words capitalised, not a signature ("M. Zborowski"). */
const MIN_CAPITALISED = 2;

const cache = new WeakMap<Block, boolean>();

/** Does the block read as a title set as a paragraph: a short Latin line, every longer word capitalised, no sentence's end? */
export function readsAsTitle(block: Block): boolean {
  if (block.kind !== 'paragraph') return false;
  let yes = cache.get(block);
  if (yes === undefined) cache.set(block, (yes = titleLike(block.plain)));
  return yes;
}

export function titleLike(text: string): boolean {
  const line = text.trim();
  if (line.length === 0 || line.includes('\n') || ENDS_AS_SENTENCE.test(line)) return false;
  const words = line.match(WORD) ?? [];
  if (words.length === 0 || line.split(/\s+/u).length > MAX_WORDS) return false;
  let capitalised = 0;
  for (const w of words) {
    if (!LATIN.test(w)) return false;
    if (w.length < 4 || MINOR.has(w.toLowerCase())) continue;
    if (w[0] !== w[0]!.toUpperCase()) return false;
    capitalised++;
  }
  return capitalised >= MIN_CAPITALISED;
}
