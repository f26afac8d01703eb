/**
 * The seam between the ranking policy (`SearchEngine`) and where candidate passages come from.
 * A source answers one stage of a query — the words, AND or OR, exact or typo-tolerant — with
 * its best passages by BM25; the engine decides the stages, weights passage kinds, checks
 * phrases, folds duplicates, filters and pages. The in-memory minisearch index is the embedded
 * source (`memory-source.ts`); a database-backed index is another implementation of this interface.
 */
import type { QueryWord } from './analyse/index.ts';
import type { Scored, TopKOptions } from './lectern-index.ts';

/** One stage of a query: its words and how to match and score them (the options of `FastScorer.topK`). */
export type CandidateQuery = Omit<TopKOptions, 'accept' | 'only'> & {
  words: QueryWord[];
  /**
   * Passages (by block id) that may be returned; the source filters before cutting to `k`. The same
   * function given again must answer alike for a passage: a source may keep its answers per function.
   */
  accept?: (blockId: string) => boolean;
  /**
   * When given, no passage outside these few is returned (`accept` must say so too: a source may
   * only use this to skip testing the rest, as the in-memory index does for a large library).
   */
  only?: ReadonlySet<string>;
};

/** A passage (block id) and its score. */
export type Candidate = Scored;

/**
 * What the engine reads of the index to expand a query (unknown words, synonyms, translations):
 * synchronous, so a source keeps its term statistics at hand (a database source caches its term table).
 */
export interface Vocabulary {
  has(term: string): boolean;
  /** In how many passages the term occurs, 0 when not at all. */
  documentFrequency(term: string): number;
  readonly documentCount: number;
}

export interface CandidateSource {
  readonly vocabulary: Vocabulary;
  /** The `k` best passages for one stage of a query, best first. */
  candidates(query: CandidateQuery): Promise<Candidate[]>;
  /** Up to `limit` completions of a partly typed word (autocomplete). */
  suggest(prefix: string, limit: number): Promise<string[]>;
}
