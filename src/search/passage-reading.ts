/**
 * A passage's own words, read once and kept per passage: every consumer that reads a passage word
 * by word beyond its index terms reads them here, split one way (PASSAGE_WORD over the plain text
 * with initials joined: term-positions.ts). Word numbers are the same everywhere, so a position a
 * consumer finds (term positions, a negation's sentence, a cue of a reason, the word a match report
 * names) meets the others'. Kept: the words' places in the text (not the words: 8 bytes a word),
 * the sentence each stands in and which sentences negate (negation.ts), where it gives a reason
 * (cause-cue.ts), names something (naming-cue.ts) or tells a change (change-cue.ts), and, made on first need, its folded words spaced (rerank's phrasing).
 */
import type { Block } from '../corpus/model.ts';
import { joinInitials } from './analyse/index.ts';
import { JOINS_WORDS, PASSAGE_WORD, termPositionsOfWords, type TermPositions } from './term-positions.ts';
import { negates, type PassageNegations } from './negation.ts';
import { causeCues } from './cause-cue.ts';
import { namingCues } from './naming-cue.ts';
import { changeCues } from './change-cue.ts';

export interface PassageReading extends PassageNegations {
  /** The text its words are read in: its plain text with initials joined ("E.V.E.N." is EVEN). */
  text: string;
  /** Where word i starts and ends in `text`. */
  starts: Uint32Array;
  ends: Uint32Array;
  /** The positions of its cues of a reason ("because", "in order to", «потому что»). */
  causes: readonly number[];
  /** The positions of its cues of a naming ("called", "termed", "known as": naming-cue.ts). */
  names: readonly number[];
  /** The positions of its cues of a change ("became", "revised", "no longer": change-cue.ts). */
  changes: readonly number[];
  /** `spacedWords` of its folded text, once asked for (`spacedFoldedOf`). */
  spaced?: string;
}

/** A sentence ends at a full stop, question or exclamation mark, semicolon or colon between two words. */
const SENTENCE_END = /[.!?;:]/u;

/** Reads a text's words (as termPositions splits them), the sentences they stand in, its negations and cues. */
export function readPassage(plain: string): PassageReading {
  const text = joinInitials(plain);
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const sentences: number[] = [];
  const negated = new Set<number>();
  let sentence = 0;
  let last = 0;
  for (const m of text.matchAll(PASSAGE_WORD)) {
    if (words.length > 0 && SENTENCE_END.test(text.slice(last, m.index))) sentence++;
    const word = m[0].toLowerCase();
    words.push(word);
    sentences.push(sentence);
    if (negates(word)) negated.add(sentence);
    last = m.index + m[0].length;
    starts.push(m.index);
    ends.push(last);
  }
  return { text, starts: Uint32Array.from(starts), ends: Uint32Array.from(ends), sentenceOf: Uint16Array.from(sentences), negated, causes: causeCues(words), names: namingCues(words), changes: changeCues(words) };
}

/** Word `i` of a reading as the text spells it; '' past its last word. */
export const wordAt = (r: PassageReading, i: number): string => (i >= 0 && i < r.starts.length ? r.text.slice(r.starts[i], r.ends[i]) : '');

/** Word `i` and the words a hyphen joins to it as the text spells them ("frame-up"): where the index's joined form of a compound stands. */
export function compoundAt(r: PassageReading, i: number): string {
  if (i < 0 || i >= r.starts.length) return '';
  let end = i;
  while (end + 1 < r.starts.length && JOINS_WORDS.test(r.text.slice(r.ends[end], r.starts[end + 1]! + 1))) end++;
  return r.text.slice(r.starts[i], r.ends[end]);
}

/** Every word of a reading as the text spells it. */
export function wordsOf(r: PassageReading): string[] {
  const out = new Array<string>(r.starts.length);
  for (let i = 0; i < out.length; i++) out[i] = r.text.slice(r.starts[i], r.ends[i]);
  return out;
}

const cache = new Map<Block, PassageReading>();
/** Bounded: a 35 MB library has 120,000 passages, and a query reads at most a few hundred. */
const CACHE_LIMIT = 5_000;

/** `readPassage` of a passage, kept per passage. */
export function readingOf(block: Block): PassageReading {
  let at = cache.get(block);
  if (!at) {
    at = readPassage(block.plain);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(block, at);
  }
  return at;
}

/** A passage's term positions (termPositions) from its reading's words, not split again. */
export function positionsOfReading(block: Block): TermPositions {
  const r = readingOf(block);
  return termPositionsOfWords(r.text, wordsOf(r));
}

/** A folded text's words, joined by single spaces and with a space at each end: what a pair of neighbouring words is looked for in. */
export const spacedWords = (folded: string): string => ` ${(folded.match(PASSAGE_WORD) ?? []).join(' ')} `;

/** `spacedWords` of a passage's folded text (`folded`: the same for a passage every time), kept with its reading. */
export function spacedFoldedOf(block: Block, folded: (block: Block) => string): string {
  const r = readingOf(block);
  return (r.spaced ??= spacedWords(folded(block)));
}
