/**
 * Context across paragraphs: a passage that answers a question often leaves its topic to the
 * paragraph before it ("Nikolaev had admitted that he was part of a conspiracy by a clandestine
 * group … favoring Grigorii Zinoviev" / "They were tried on December 28-29, convicted, and executed
 * immediately"). Scored alone, the answer lacks the topic's words and its topic paragraph, which
 * has them but not the answer, outranks it. Here a passage borrows, at a discount, the query words
 * it lacks that the passage just before it in its section holds, in its coverage factor only:
 *
 * - only a passage that gives what the question asks for ("when …" a date, "how many …" a number
 *   near its matched words: rerank's `questionFocus`), which is what says it answers rather than
 *   continues the topic. Borrowing for every passage (any query of three words) lifted passages
 *   that merely follow a paragraph on the same subject: 12 own and development cases went down a
 *   place or two, against 5 others up;
 * - only the passage before (`Corpus.passageBefore`): the topic is set before what is said of it.
 *   Both directions would lend the topic paragraph the answer's words as well, and the two would
 *   keep their order;
 * - at BORROWED of what the word would cover there, so a passage saying a word itself stays above
 *   one that has it only from its neighbour;
 * - only to a passage that holds one of the query's rarer words (the upper half by idf) itself: a
 *   passage matching only the query's common words does not ride on its neighbour;
 * - only to the stage's candidates rerank reads (the best RERANK_DEPTH), never a new candidate;
 *   only paragraphs, list items and quotations that no lead-in leads into (a quotation already
 *   reads its lead-in: index-build.ts), and only for a query of MIN_WORDS words of substance or
 *   more (with one or two, the word a passage lacks is half the query: its topic);
 * - from the passage's positions (the engine keeps them per passage) and the library's document
 *   frequencies, which every candidate source shares: memory and PostgreSQL stay bit-identical.
 */
import type { Block } from '../corpus/model.ts';
import { LIGHT_WEIGHT, type QueryWord } from './analyse/index.ts';
import { coverageFactor } from './lectern-index.ts';
import { termPositions, type TermPositions } from './term-positions.ts';
import { coversOf } from './word-covers.ts';

/** A borrowed word covers this share of what it would cover in the passage itself. */
export const BORROWED = 0.5;
/** Queries with fewer words of substance borrow nothing. */
export const MIN_WORDS = 3;
const BORROWERS = new Set<Block['kind']>(['paragraph', 'quotation', 'list-item']);
const LANGS = new Set<Block['lang']>(['en', 'ru']);

/** What the engine gives for the borrowing: the passage before one, and the library's document frequencies. */
export interface ContextSource {
  /** The passage read just before this one in its section (Corpus.passageBefore), if it may lend. */
  before(block: Block): Block | undefined;
  /** In how many passages a term is (text field), and how many there are. */
  documentFrequency(term: string): number;
  documentCount(): number;
}

/** A word's share of the query as the scorer weighs it: the idf of its rarest own term (a word the index lacks counts as the rarest). */
function importanceOf(w: QueryWord, source: ContextSource): number {
  let df = 1;
  for (const t of w.terms) {
    const d = source.documentFrequency(t);
    if (d > 0 && (df === 1 || d < df)) df = d;
  }
  const n = source.documentCount();
  return Math.log(1 + (n - df + 0.5) / (df + 0.5)) * (w.light ? LIGHT_WEIGHT : 1);
}

/** Chapter and section titles' positions (a passage's second field: a word there is covered already), by the titles. */
const headingCache = new Map<string, TermPositions>();
const HEADING_CACHE_LIMIT = 2_000;
function headingTerms(block: Block): TermPositions {
  const text = `${block.locator.chapterTitle ?? ''} ${block.locator.section ?? ''}`;
  let at = headingCache.get(text);
  if (!at) {
    if (headingCache.size >= HEADING_CACHE_LIMIT) headingCache.clear();
    headingCache.set(text, (at = termPositions(text)));
  }
  return at;
}

/**
 * For one query: the factor by which a candidate's score grows for the words it borrows (1 for
 * none), given its coverage as the source scored it and, per word of substance (`heavy`, in order),
 * its positions in the passage. Undefined when the query borrows nothing (too few words).
 */
export function contextCover(words: readonly QueryWord[], source: ContextSource, positionsOf: (block: Block) => TermPositions): ((block: Block, matched: readonly (readonly number[])[], coverage: number, answers: boolean) => number) | undefined {
  const heavy = words.filter((w) => !w.light);
  if (heavy.length < MIN_WORDS) return undefined;
  const total = words.reduce((sum, w) => sum + importanceOf(w, source), 0);
  const importance = heavy.map((w) => importanceOf(w, source));
  const covers = heavy.map((w) => coversOf(w));
  // The rarer half of the words of substance (ties in): a passage must hold one of them itself.
  const rare = [...importance].sort((a, b) => b - a)[Math.floor((heavy.length - 1) / 2)]!;
  const has = (at: TermPositions, i: number) => {
    let best = 0;
    for (const [term, q] of covers[i]!) if (q > best && at.has(term)) best = q;
    return best;
  };
  return (block, matched, coverage, answers) => {
    if (!answers || !BORROWERS.has(block.kind) || !LANGS.has(block.lang) || total <= 0) return 1;
    const before = source.before(block);
    if (!before) return 1;
    const heading = headingTerms(block);
    const own = heavy.map((_, i) => matched[i]!.length > 0 || has(heading, i) > 0);
    if (!own.some((yes, i) => yes && importance[i]! >= rare)) return 1;
    const lender = positionsOf(before);
    let borrowed = 0;
    for (let i = 0; i < heavy.length; i++) if (!own[i]) borrowed += importance[i]! * has(lender, i);
    if (borrowed === 0) return 1;
    return coverageFactor(Math.min(1, coverage + (BORROWED * borrowed) / total)) / coverageFactor(coverage);
  };
}
