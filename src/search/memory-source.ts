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
    const { words, accept, only, ...options } = query;
    const byId = accept ? this.byShortId(accept) : undefined;
    const among = only ? this.among(only) : undefined;
    // An index that holds none of them has nothing to score.
    if (among?.length === 0) return [];
    return this.scorer.topK(words, { ...options, ...(byId ? { accept: byId } : {}), ...(among ? { only: among } : {}) }, stats, variants);
  }

  /** Per set of `only` (a corpus keeps its set), its passages' short ids in this index as it was. */
  private readonly onlyIds = new WeakMap<ReadonlySet<string>, { version: number; docs: Int32Array }>();

  /**
   * The passages of `only` this index holds, by short id in ascending order, made once per set and
   * index version: the scorer reads the postings of these documents only (the other-language pass
   * asks a few Russian passages of a large English library).
   */
  private among(only: ReadonlySet<string>): Int32Array {
    let kept = this.onlyIds.get(only);
    if (!kept || kept.version !== this.scorer.version) {
      const docs: number[] = [];
      for (const id of only) {
        const doc = this.scorer.shortIdOf(id);
        if (doc !== undefined) docs.push(doc);
      }
      kept = { version: this.scorer.version, docs: Int32Array.from(docs).sort() };
      this.onlyIds.set(only, kept);
    }
    return kept.docs;
  }

  /** Answers of filters given again (the engine's other-language filter), per function and index version. */
  private readonly answers = new WeakMap<(blockId: string) => boolean, { version: number; known: Uint8Array }>();

  /**
   * The scorer filters by minisearch's short ids: translate once per document and filter (the same
   * function answers alike each time it is given: candidates.ts), while the index is unchanged.
   */
  private byShortId(accept: (blockId: string) => boolean): (shortId: number) => boolean {
    // One byte per document (0 not asked yet, 1 yes, 2 no): a filter that takes few of a large
    // library's documents is asked about most of them, and a Map of the answers cost more than the asking.
    let kept = this.answers.get(accept);
    if (!kept || kept.version !== this.scorer.version || kept.known.length < this.scorer.shortIdBound) {
      kept = { version: this.scorer.version, known: new Uint8Array(this.scorer.shortIdBound) };
      this.answers.set(accept, kept);
    }
    const known = kept.known;
    return (shortId) => {
      const k = known[shortId];
      if (k) return k === 1;
      const id = this.scorer.idOf(shortId);
      const ok = id !== undefined && accept(id);
      if (shortId < known.length) known[shortId] = ok ? 1 : 2;
      return ok;
    };
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    try {
      // A passage's WordNet phrase ("_call off") is an index term no reader types (passage-phrases.ts).
      return this.index
        .autoSuggest(prefix, { fuzzy: 0.2 })
        .filter((s) => !s.terms.some((t) => t.includes(' ')))
        .slice(0, limit)
        .map((s) => s.suggestion);
    } catch {
      return [];
    }
  }
}
