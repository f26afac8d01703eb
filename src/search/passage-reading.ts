/**
 * What rerank reads of a passage's own words beyond their terms, in one pass and kept per passage:
 * the sentence each word stands in and which sentences negate (negation.ts), and where it gives a
 * reason (cause-cue.ts). Words are numbered as term-positions.ts numbers them, so a reading's
 * positions meet the matched words' positions.
 */
import type { Block } from '../corpus/model.ts';
import { joinInitials } from './analyse/index.ts';
import { PASSAGE_WORD } from './term-positions.ts';
import { negates, type PassageNegations } from './negation.ts';
import { causeCues } from './cause-cue.ts';

export interface PassageReading extends PassageNegations {
  /** The positions of its cues of a reason ("because", "in order to", «потому что»). */
  causes: readonly number[];
}

/** A sentence ends at a full stop, question or exclamation mark, semicolon or colon between two words. */
const SENTENCE_END = /[.!?;:]/u;

/** Reads a text's words (as termPositions splits them), the sentences they stand in, its negations and cues. */
export function readPassage(plain: string): PassageReading {
  const text = joinInitials(plain);
  const words: string[] = [];
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
  }
  return { sentenceOf: Uint16Array.from(sentences), negated, causes: causeCues(words) };
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
