import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { QueryWord } from '../src/search/analyse/index.ts';
import { buildIndex, miniSearchOptions } from '../src/search/index-build.ts';
import { LayeredCandidateSource, type ScoringLayer } from '../src/search/layered-source.ts';
import { FastScorer, type IndexedPassage, type TopKOptions } from '../src/search/lectern-index.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { realCorpus } from './helpers/corpus.ts';

/**
 * The scorer narrows a query before scoring it (an AND to the documents that have its rarest word,
 * a stage to the `only` documents it may return, a stage with a score to beat to the documents of
 * the lists that could reach it) and looks long lists up by document instead of reading them. The same scorer told to read every posting (`exhaustive`) is the oracle: for any
 * query, the narrowed one must return exactly what it returns — the same documents, scores to the
 * last bit, in the same order, equal scores included. So must the scorer that scores a large index
 * chunk by chunk against the best found so far (here with chunks of a few dozen documents, so that
 * every index is large to it).
 */

interface Vocabulary {
  /** The index's terms, the most common first. */
  terms: string[];
  documents: number;
}

const vocabularyOf = (scorer: FastScorer, index: MiniSearch<IndexedPassage>): Vocabulary => {
  const terms: string[] = [];
  for (const [term] of scorer.termTree.atPrefix('')) terms.push(term);
  terms.sort((a, b) => scorer.documentFrequency(b) - scorer.documentFrequency(a) || (a < b ? -1 : 1));
  return { terms, documents: index.documentCount };
};

/** A term: from the commonest 40 (long lists, large intersections), anywhere, or one the index lacks. */
const termFrom = (v: Vocabulary) => fc.oneof(fc.integer({ min: 0, max: Math.min(39, v.terms.length - 1) }).map((i) => v.terms[i]!), fc.integer({ min: 0, max: v.terms.length - 1 }).map((i) => v.terms[i]!), fc.constant('zzqxv'));

const wordFrom = (v: Vocabulary): fc.Arbitrary<QueryWord> =>
  fc
    .record({
      terms: fc.array(termFrom(v), { minLength: 1, maxLength: 3 }),
      light: fc.integer({ min: 0, max: 9 }).map((i) => i < 2),
      expansions: fc.array(fc.record({ term: termFrom(v), weight: fc.constantFrom(0.05, 0.1, 0.24, 0.25, 0.5, 0.9), cover: fc.option(fc.constantFrom(0.3, 0.8, 1), { nil: undefined }) }), { maxLength: 4 }),
      unknown: fc.boolean(),
    })
    .map(({ terms, light, expansions, unknown }) => {
      const w: QueryWord = { text: terms[0]!, terms: [...new Set(terms)], parts: [], expansions: expansions.map((e) => (e.cover === undefined ? { term: e.term, weight: e.weight } : e)) };
      if (light) w.light = true;
      if (unknown) w.unknown = true;
      return w;
    });

const optionsFrom = (v: Vocabulary) =>
  fc.record({
    combineWith: fc.constantFrom('AND' as const, 'OR' as const),
    fuzzy: fc.boolean(),
    prefix: fc.boolean(),
    k: fc.constantFrom(1, 3, 20, 400),
    rank: fc.constantFrom('coverage' as const, 'bm25' as const),
    boost: fc.constantFrom<Record<string, number>>({ text: 1, heading: 0.3 }, { text: 1 }),
    // A few documents it may return (as the other-language pass gives), or all.
    only: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: v.documents + 5 }), { maxLength: 300 }), { nil: undefined }),
    // A score to beat (as a search of several indexes gives the later ones): one of the query's own
    // scores (equal scores are the edge), a little above or below one, or none.
    above: fc.option(fc.record({ at: fc.nat(60), scale: fc.constantFrom(1, 1, 0.5, 0.999999, 1.000001, 0.1), tie: fc.option(fc.nat(60), { nil: undefined }) }), { nil: undefined }),
  });

/** `others`: the same scorer chunked, or looking lists up by document at other ratios: each must return what the oracle does. */
function compare(narrowed: FastScorer, exhaustive: FastScorer, v: Vocabulary, runs: number, ...others: FastScorer[]) {
  fc.assert(
    fc.property(fc.array(wordFrom(v), { minLength: 1, maxLength: 4 }), optionsFrom(v), (words, { only, above, ...rest }) => {
      const options: TopKOptions = { ...rest };
      if (above) {
        const best = exhaustive.topK(words, { ...options, k: 61 });
        if (best.length) {
          options.above = best[above.at % best.length]!.score * above.scale;
          // An id a document of exactly that score must sort before (a later index's bound of a layered search).
          if (above.tie !== undefined) options.aboveTie = best[above.tie % best.length]!.id;
        }
      }
      if (only) {
        const marks = new Set(only);
        // The contract: `accept` rejects whatever `only` leaves out; the oracle reads every posting and filters.
        options.accept = (doc) => marks.has(doc);
        options.only = Int32Array.from(only).sort();
      }
      const { only: _o, ...reference } = options;
      const expected = exhaustive.topK(words, reference);
      expect(narrowed.topK(words, options)).toEqual(expected);
      for (const other of others) expect(other.topK(words, options)).toEqual(expected);
    }),
    { numRuns: runs },
  );
}

// Word i is in a passage with chance SHARES[i]: some in most passages, some in a few.
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma', 'kappa', 'theta', 'lambda', 'zeta', 'rho', 'tau'];
const SHARES = [0.9, 0.6, 0.4, 0.25, 0.15, 0.1, 0.06, 0.03, 0.015, 0.008, 0.004, 0.002];

/**
 * n passages of those words from a seeded generator (fast-check shrinks the seed and size, not
 * thousands of passages), some removed and added again in place: few distinct passages, so many
 * equal scores.
 */
function randomIndex(seed: number, n: number, removed: number, prefix: string): MiniSearch<IndexedPassage> {
  let x = seed;
  const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const passage = () => {
    const words: string[] = [];
    WORDS.forEach((w, i) => {
      if (random() < SHARES[i]!) for (let r = 1 + Math.floor(random() * 3); r > 0; r--) words.push(w);
    });
    return words.length ? words.join(' ') : 'alpha';
  };
  const index = new MiniSearch<IndexedPassage>(miniSearchOptions());
  for (let i = 0; i < n; i++) index.add({ id: `${prefix}${i}`, text: passage(), heading: i % 7 === 0 ? 'gamma tau' : '' });
  for (let i = 0; i < removed * 5 && i < n; i += 5) index.discard(`${prefix}${i}`);
  for (let i = 0; i < removed * 5 && i < n; i += 5) index.add({ id: `${prefix}${i}`, text: passage(), heading: '' });
  return index;
}

describe('GIVEN the scorer narrowing a query before scoring it', () => {
  it('THEN on the bundled corpus it returns exactly what scoring every posting returns, for any words, expansions, stage and `only` set', async () => {
    const index = buildIndex((await realCorpus()).corpus);
    const narrowed = new FastScorer(index);
    const exhaustive = new FastScorer(index, { exhaustive: true });
    // Looked up whenever a list is longer than the documents (ratio 1), or never (a ratio no list reaches).
    compare(narrowed, exhaustive, vocabularyOf(narrowed, index), 300, new FastScorer(index, { chunk: 100 }), new FastScorer(index, { lookupRatio: 1 }), new FastScorer(index, { chunk: 100, lookupRatio: 1e9 }));
  }, 120_000);

  it('THEN on random passages of a few words (long lists, every intersection size, many equal scores) it returns exactly what scoring every posting returns, also after passages were removed and added again in place', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 50, max: 3000 }), fc.integer({ min: 0, max: 60 }), (seed, n, removed) => {
        const index = randomIndex(seed, n, removed, 'd');
        const narrowed = new FastScorer(index);
        const exhaustive = new FastScorer(index, { exhaustive: true });
        compare(narrowed, exhaustive, vocabularyOf(narrowed, index), 40, new FastScorer(index, { chunk: 1 + (seed % 64) }), new FastScorer(index, { lookupRatio: 1, chunk: 1 + (seed % 32) }), new FastScorer(index, { lookupRatio: 1e9 }));
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

describe('GIVEN a search over several indexes asking each later one only for what beats the k best so far', () => {
  it('THEN it returns exactly what asking every index for its k best returns, equal scores included (the bundled corpus split by work)', async () => {
    const { corpus } = await realCorpus();
    const index = buildIndex(corpus);
    await compareLayers(
      corpus.works.map((w) => buildIndex(corpus, [w])),
      vocabularyOf(new FastScorer(index), index),
      150,
    );
  }, 120_000);

  it('THEN so it does over random indexes made alike (many equal scores in every index)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 20, max: 800 }), fc.integer({ min: 1, max: 4 }), async (seed, n, count) => {
        const indexes = Array.from({ length: count }, (_, i) => randomIndex(seed + (i % 2), n, 0, `l${i}d`));
        await compareLayers(indexes, vocabularyOf(new FastScorer(indexes[0]!), indexes[0]!), 15);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});

async function compareLayers(indexes: MiniSearch<IndexedPassage>[], v: Vocabulary, runs: number) {
  const layers = indexes.map((i) => new MemoryCandidateSource(i));
  // The same layers, each asked without a score to beat.
  const unbounded: ScoringLayer[] = layers.map((l) => ({
    statistics: l.statistics,
    vocabulary: l.vocabulary,
    termTree: l.termTree,
    version: l.version,
    scoredWith: (q, stats, variants) => l.scoredWith({ ...q, above: undefined }, stats, variants),
    suggest: (prefix, limit) => l.suggest(prefix, limit),
  }));
  const bounded = new LayeredCandidateSource(layers);
  const reference = new LayeredCandidateSource(unbounded);
  await fc.assert(
    fc.asyncProperty(fc.array(wordFrom(v), { minLength: 1, maxLength: 4 }), optionsFrom(v), async (words, { only: _o, above: _a, rank: _r, ...options }) => {
      const query = { words, ...options, rank: 'coverage' as const };
      const ours = await bounded.candidates(query);
      const theirs = await reference.candidates(query);
      // Passages of exactly the same score are kept and ordered by id (rankOrder): the same ones, whichever index holds them.
      expect(ours).toEqual(theirs);
    }),
    { numRuns: runs },
  );
}
