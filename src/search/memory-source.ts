/**
 * The embedded candidate source: the minisearch index in memory, scored by `FastScorer`.
 */
import type { Candidate, CandidateQuery, CandidateSource, Vocabulary } from './candidates.ts';
import { FastScorer, type IndexStatistics, type TermTree, type TermVariants } from './lectern-index.ts';
import type { SearchIndex } from './saved-index.ts';

export class MemoryCandidateSource implements CandidateSource {
  readonly index: SearchIndex;
  private readonly scorer: FastScorer;

  readonly vocabulary: Vocabulary;

  constructor(index: SearchIndex) {
    this.index = index;
    const scorer = new FastScorer(index);
    this.scorer = scorer;
    this.vocabulary = {
      has: (term) => scorer.has(term),
      documentFrequency: (term) => scorer.documentFrequency(term),
      get documentCount() {
        return index.documentCount;
      },
    };
  }

  /** This index's BM25 statistics (a layered search combines them with the other layers'). */
  get statistics(): IndexStatistics {
    return this.scorer.statistics;
  }

  async candidates(query: CandidateQuery): Promise<Candidate[]> {
    return this.scoredWith(query);
  }

  /** This index's terms, and a number that changes when its documents do (layered-source.ts). */
  get termTree(): TermTree {
    return this.scorer.termTree;
  }

  get version(): number {
    return this.scorer.version;
  }

  /**
   * The stage's candidates scored with `stats` (this index's own by default), the variants of its
   * terms taken from `variants` (this index's own terms by default); synchronous.
   */
  scoredWith(query: CandidateQuery, stats?: IndexStatistics, variants?: TermVariants): Candidate[] {
    const { words, accept, ...options } = query;
    return this.scorer.topK(words, { ...options, ...(accept ? { accept: this.byShortId(accept) } : {}) }, stats, variants);
  }

  /** The scorer filters by minisearch's short ids: translate once per document and query. */
  private byShortId(accept: (blockId: string) => boolean): (shortId: number) => boolean {
    const cache = new Map<number, boolean>();
    return (shortId) => {
      let ok = cache.get(shortId);
      if (ok === undefined) {
        const id = this.scorer.idOf(shortId);
        ok = id !== undefined && accept(id);
        cache.set(shortId, ok);
      }
      return ok;
    };
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    try {
      return this.index.autoSuggest(prefix, { fuzzy: 0.2 }).slice(0, limit).map((s) => s.suggestion);
    } catch {
      return [];
    }
  }
}
