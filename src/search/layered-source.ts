/**
 * A group's search: the bundled corpus's index (held once, shared by every group) and the group's
 * own index (only its texts) asked as one. Each index scores its candidates with the statistics of
 * both (document count, document frequencies, average field lengths: `combinedStatistics`), so a
 * score means the same whichever index a passage is in, and the union cut to `k` is exactly what
 * one index holding both would return. docs/search.md says why this rather than ranking
 * with the bundled corpus's statistics alone.
 */
import type { Candidate, CandidateQuery, CandidateSource, Vocabulary } from './candidates.ts';
import SearchableMap from 'minisearch/SearchableMap';
import { combinedStatistics, idOrder, rankOrder, termVariants, type IndexStatistics, type TermTree, type TermVariants } from './lectern-index.ts';
import type { MemoryCandidateSource } from './memory-source.ts';

/** An index that scores its candidates with statistics it is given: a memory index, or a group's texts in PostgreSQL (pg-source.ts). */
export interface ScoringLayer {
  readonly statistics: IndexStatistics;
  readonly vocabulary: Vocabulary;
  /** `variants`: the prefix and typo variants of the stage's terms among the in-memory layers' terms (a layer without `termTree` finds its own). */
  scoredWith(query: CandidateQuery, stats: IndexStatistics, variants?: TermVariants): Candidate[] | Promise<Candidate[]>;
  suggest(prefix: string, limit: number): Promise<string[]>;
  /** An in-memory layer's terms, and a number that changes when its documents do (see `variantTrees`). */
  readonly termTree?: TermTree;
  readonly version?: number;
}

export class LayeredCandidateSource<L extends ScoringLayer = MemoryCandidateSource> implements CandidateSource {
  readonly layers: readonly L[];
  readonly vocabulary: Vocabulary;
  private readonly stats: IndexStatistics;

  constructor(layers: L[]) {
    this.layers = layers;
    this.stats = combinedStatistics(layers.map((l) => l.statistics));
    this.vocabulary = {
      has: (term) => layers.some((l) => l.vocabulary.has(term)),
      documentFrequency: (term) => layers.reduce((n, l) => n + l.vocabulary.documentFrequency(term), 0),
      get documentCount() {
        return layers.reduce((n, l) => n + l.vocabulary.documentCount, 0);
      },
    };
  }

  async candidates(query: CandidateQuery): Promise<Candidate[]> {
    // Every layer asks the combined frequency of each term it scores (typo and prefix variants
    // included): one lookup per layer each time, so each is looked up once per stage.
    const known = new Map<string, number>();
    const averages: number[] = [];
    const stats: IndexStatistics = {
      documentCount: this.stats.documentCount,
      fieldFrequency: (term, fieldId) => {
        const key = `${fieldId}\u0000${term}`;
        let n = known.get(key);
        if (n === undefined) known.set(key, (n = this.stats.fieldFrequency(term, fieldId)));
        return n;
      },
      // Asked for every term of every layer: read once per field and stage.
      averageFieldLength: (fieldId) => {
        let avg = averages[fieldId];
        if (avg === undefined) averages[fieldId] = avg = this.stats.averageFieldLength(fieldId);
        return avg;
      },
    };
    // Prefix and typo variants are looked up once for the query, in the terms of the in-memory layers.
    const variants = this.variantsFor(query.queryKey ?? query.words);
    // Each layer is asked for what can still get in: once the layers asked so far hold k
    // candidates, a later layer's passage must rank before the k-th of them (`rankOrder`: score
    // above it, or equal with an id before its). A layer that answers later (a database) is asked
    // with what is known then.
    const answers: (Candidate[] | Promise<Candidate[]>)[] = [];
    let best: Candidate[] = [];
    let pending = false;
    for (const layer of this.layers) {
      const answer = layer.scoredWith(withFloor(query, best), stats, variants);
      answers.push(answer);
      if (Array.isArray(answer)) best = mergeBest(best, answer, query.k);
      else pending = true;
    }
    // Every layer answered at once: the merged k best are the answer (sorting all answers again
    // cost as much on a library of many works asked for thousands of candidates).
    if (!pending) return best;
    const all = (await Promise.all(answers)).flat();
    return all.sort(rankOrder).slice(0, query.k);
  }

  private works: { tree: TermTree; versions: string } | undefined;

  /**
   * The variants of one query's terms, kept for its later stages (they share its words, or its
   * `queryKey`): a word the index lacks is typo-tolerant in every stage, and each stage walked the
   * trees again for it.
   */
  private readonly variantsOfQuery = new WeakMap<object, { versions: string; variants: TermVariants }>();

  private variantsFor(query: object): TermVariants {
    const versions = this.layers.map((l) => l.version).join(',');
    let kept = this.variantsOfQuery.get(query);
    if (!kept || kept.versions !== versions) this.variantsOfQuery.set(query, (kept = { versions, variants: termVariants(this.variantTrees()) }));
    return kept.variants;
  }

  /**
   * Where variants are looked up: the first layer's terms (the bundled corpus, shared by every
   * group, so not copied per group) and one tree of the other layers' terms, made when first needed
   * and again only if one of them changed (two trees to walk instead of one per work).
   */
  private variantTrees(): TermTree[] {
    const trees = this.layers.filter((l) => l.termTree !== undefined);
    const [first, ...rest] = trees;
    if (!first) return [];
    if (rest.length <= 1) return trees.map((l) => l.termTree!);
    const versions = rest.map((l) => l.version).join(',');
    if (this.works?.versions !== versions) {
      const tree = new SearchableMap<true>();
      for (const layer of rest) for (const [term] of layer.termTree!.atPrefix('')) tree.set(term, true);
      this.works = { tree: tree as unknown as TermTree, versions };
    }
    return [first.termTree!, this.works.tree];
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    const lists = await Promise.all(this.layers.map((l) => l.suggest(prefix, limit)));
    return [...new Set(lists.flat())].slice(0, limit);
  }
}

/**
 * The query a later layer is asked: what ranks before the k-th of the `best` so far, when there
 * are k of them (the query's own `above`, a score a caller already holds, counts as well).
 */
function withFloor(query: CandidateQuery, best: readonly Candidate[]): CandidateQuery {
  const kth = best.length >= query.k ? best[query.k - 1]! : undefined;
  if (!kth) return query;
  if (query.above !== undefined && query.above > kth.score) return query;
  // Equal to the k-th: the query's own bound is the stricter when it lets no tie in, or fewer.
  if (query.above === kth.score && (query.aboveTie === undefined || idOrder(query.aboveTie, kth.id) < 0)) return query;
  return { ...query, above: kth.score, aboveTie: kth.id };
}

/** The k best of two lists in `rankOrder`, in that order. */
function mergeBest(a: Candidate[], b: Candidate[], k: number): Candidate[] {
  const out: Candidate[] = [];
  let i = 0;
  let j = 0;
  while (out.length < k && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && rankOrder(a[i]!, b[j]!) <= 0)) out.push(a[i++]!);
    else out.push(b[j++]!);
  }
  return out;
}
