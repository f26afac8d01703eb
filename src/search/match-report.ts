/**
 * How a reply's passage meets the query's words: each content word found as itself (any form,
 * spelling or script of it), through a related word (a synonym, a translation, a typo's neighbour:
 * the passage's own word is given), or not at all. The search ranks by all of these; a reader
 * deserves to know which, so a passage that answers only loosely is not presented as an exact hit.
 *
 * Read from the blocks the reply shows for the passage (the passage, its footnotes, the other side
 * of its translation pair), because that is what the reader checks the claim against.
 */
import { ABBREVIATION_MARKER } from './abbreviations.ts';
import { analyseTerm, fold, fuzzyFor, KEY_MARKER, typoDistance, type QueryWord } from './analyse/index.ts';
import type { Block } from '../corpus/model.ts';
import type { TermPositions } from './term-positions.ts';
import { compoundAt, readingOf, wordAt } from './passage-reading.ts';
import { foreignTitleGlosses } from './note-glosses.ts';

/** A note's or entry's foreign titles read in English, by passage (the index carries their terms: index-build.ts). */
const titleGlosses = new WeakMap<Block, Map<string, string>>();
function glossesOf(block: Block): Map<string, string> | undefined {
  if (block.kind !== 'footnote' && block.kind !== 'bibliography') return undefined;
  let g = titleGlosses.get(block);
  if (!g) titleGlosses.set(block, (g = foreignTitleGlosses(block.plain)));
  return g;
}

export type WordMatch =
  | { word: string; found: 'itself' }
  | { word: string; found: 'related'; as: string }
  | { word: string; found: 'no' };

/** The words a report speaks of: what the query asks about, not its question words and light verbs. */
const contentWords = (words: readonly QueryWord[]): QueryWord[] => words.filter((w) => !w.light && w.terms.length > 0);

/**
 * The word's own terms: its stems and keys, its parts', and an expansion as strong as the word,
 * which is a form of it (wrote for write); with the words a passage must spell a term as, where
 * it stands for the word only as those (a gloss's own forms: evening, not even; expand/glossary.ts).
 */
const ownTerms = (w: QueryWord): { term: string; surface?: readonly string[] }[] => [
  ...w.terms.map((term) => ({ term })),
  ...w.parts.flatMap((p) => p.terms.map((term) => ({ term }))),
  ...(w.expansions ?? []).filter((e) => e.weight >= 1),
];

/** A passage's word without a possessive or a footnote number glued to it (Shelepin’s4 → Shelepin). */
const bare = (token: string) => token.replace(/\p{N}+$/u, '').replace(/['’]s$/u, '');

/** A term as the passage spells it: a WordNet phrase ("_call off": passage-phrases.ts) by all its words, from its first. */
function spelledAs(term: string, [block, position]: [number, number], spelling: (block: number, position: number) => string, compound?: (block: number, position: number) => string): string {
  // A truncation's term (". europ": abbreviations.ts) is one word, shown with its stop: "Eur.".
  if (term.startsWith(ABBREVIATION_MARKER)) return `${spelling(block, position)}.`;
  const words = term.split(' ').length;
  if (words === 1 && compound) {
    // A compound's joined form (frameup) stands at its first part: it is spelt by the whole compound.
    const word = spelling(block, position);
    if (!analyseTerm(word).includes(term)) return compound(block, position) || word;
  }
  return Array.from({ length: words }, (_, k) => spelling(block, position + k)).join(' ');
}

/** The most words a related match names: a gloss of several words (партархив: party archive). */
const MAX_SPAN = 3;
/** A neighbour is part of the gloss when its weight is at least this share of the found word's (a compound's parts weigh alike). */
const SPAN_SHARE = 0.75;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * A related match as the passage spells it, with the neighbouring words that are the query word's
 * other expansions: a word glossed by several English words (партархив: party, archive; военно-
 * фашистский: military, fascist) is named by all of them where the passage has them side by side
 * ("Party archive"), not by its first.
 */
function spanOf(w: QueryWord, found: { term: string; weight: number }, [block, position]: [number, number], at: readonly TermPositions[], spelling: (block: number, position: number) => string, compound: (block: number, position: number) => string): string {
  const { term } = found;
  if (term.startsWith(ABBREVIATION_MARKER)) return spelledAs(term, [block, position], spelling);
  const words = term.split(' ').length;
  // An English word's synonyms side by side are two words, not one gloss (wanted, necessitated);
  // a learned pair far weaker than the gloss is no part of it (убийством: murder, not Kirov's murder).
  const others = CYRILLIC.test(w.text) ? (w.expansions ?? []).filter((e) => e.term !== term && !e.term.includes(' ') && e.weight >= SPAN_SHARE * found.weight) : [];
  const holds = (p: number) => p >= 0 && others.some((e) => at[block]!.get(e.term)?.includes(p));
  let start = position;
  let end = position + words - 1;
  while (end - start + 1 < MAX_SPAN && holds(end + 1)) end++;
  while (end - start + 1 < MAX_SPAN && holds(start - 1)) start--;
  if (start === position && end === position + words - 1) return spelledAs(term, [block, position], spelling, compound);
  return Array.from({ length: end - start + 1 }, (_, k) => spelling(block, start + k)).join(' ');
}

/**
 * One entry per content word of the query, in the query's order. `blocks`: what the reply shows
 * for the passage; `positionsOf`: each block's index terms and their token numbers (the engine's,
 * kept for the bundled corpus), so a report spells only the words it names, from the passage's
 * reading (passage-reading.ts: split once, kept per passage, shared with rerank).
 * A word the typo-tolerant stages matched is not in its expansions: a token within the word's
 * typo distance counts as related.
 */
export function matchReport(words: readonly QueryWord[], blocks: readonly Block[], positionsOf: (block: Block) => TermPositions): WordMatch[] {
  const content = contentWords(words);
  if (!content.length) return [];
  const at = blocks.map((b) => positionsOf(b));
  const spelling = (i: number, position: number) => wordAt(readingOf(blocks[i]!), position);
  const compound = (i: number, position: number) => compoundAt(readingOf(blocks[i]!), position);
  // Where a block has the term first, spelt as one of `surface` when that is given (as the fair merge reads it: cross-language.ts).
  const where = (term: string, surface?: readonly string[]): [number, number] | undefined => {
    for (let i = 0; i < at.length; i++) {
      const list = at[i]!.get(term);
      if (!list?.length) continue;
      if (!surface) return [i, list[0]!];
      for (const position of list) if (surface.includes(spelling(i, position).toLowerCase())) return [i, position];
    }
    return undefined;
  };
  return content.map((w): WordMatch => {
    if (ownTerms(w).some((t) => where(t.term, t.surface))) return { word: w.text, found: 'itself' };
    const expansions = [...(w.expansions ?? [])].sort((a, b) => b.weight - a.weight);
    for (const e of expansions) {
      const found = where(e.term, e.surface);
      if (found) return { word: w.text, found: 'related', as: spanOf(w, e, found, at, spelling, compound) };
    }
    // A title in Russian or French met through its English reading: named by the title's word ("druzhba" for friendship).
    const terms = [...ownTerms(w).map((t) => t.term), ...expansions.map((e) => e.term)];
    for (const block of blocks) {
      const glosses = glossesOf(block);
      const word = glosses && terms.map((t) => glosses.get(t)).find((x) => x !== undefined);
      if (word) return { word: w.text, found: 'related', as: word };
    }
    const max = fuzzyFor(w.text, { unknown: w.unknown ?? false });
    if (max !== false) {
      const near = (word: string) => typoDistance(w.text, word, max) <= max;
      for (let i = 0; i < at.length; i++) {
        for (const [term, list] of at[i]!) {
          if (term.startsWith(KEY_MARKER) || Math.abs(term.length - w.text.length) > max + 3) continue;
          // A token may carry what its term does not (a possessive, a footnote number: Shelepin’s4):
          // any of the term's tokens near the word will do, and the term itself, shown bare.
          for (const position of list) {
            const token = spelling(i, position);
            if (near(fold(token))) return { word: w.text, found: 'related', as: token };
          }
          if (near(term)) return { word: w.text, found: 'related', as: bare(spelling(i, list[0]!)) };
        }
      }
    }
    return { word: w.text, found: 'no' };
  });
}
