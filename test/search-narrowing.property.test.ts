import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { QueryWord } from '../src/search/analyse/index.ts';
import { buildIndex, miniSearchOptions } from '../src/search/index-build.ts';
import { FastScorer, type IndexedPassage, type TopKOptions } from '../src/search/lectern-index.ts';
import { realCorpus } from './helpers/corpus.ts';

/**
 * The scorer narrows a query before scoring it (an AND to the documents that have its rarest word,
 * a stage to the `only` documents it may return) and looks long lists up by document instead of
 * reading them. The same scorer told to read every posting (`exhaustive`) is the oracle: for any
 * query, the narrowed one must return exactly what it returns — the same documents, scores to the
 * last bit, in the same order, equal scores included.
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
  });

function compare(narrowed: FastScorer, exhaustive: FastScorer, v: Vocabulary, runs: number) {
  fc.assert(
    fc.property(fc.array(wordFrom(v), { minLength: 1, maxLength: 4 }), optionsFrom(v), (words, { only, ...rest }) => {
      const options: TopKOptions = { ...rest };
      if (only) {
        const marks = new Set(only);
        // The contract: `accept` rejects whatever `only` leaves out; the oracle reads every posting and filters.
        options.accept = (doc) => marks.has(doc);
        options.only = Int32Array.from(only).sort();
      }
      const { only: _o, ...reference } = options;
      expect(narrowed.topK(words, options)).toEqual(exhaustive.topK(words, reference));
    }),
    { numRuns: runs },
  );
}

describe('GIVEN the scorer narrowing a query before scoring it', () => {
  it('THEN on the bundled corpus it returns exactly what scoring every posting returns, for any words, expansions, stage and `only` set', async () => {
    const index = buildIndex((await realCorpus()).corpus);
    const narrowed = new FastScorer(index);
    const exhaustive = new FastScorer(index, { exhaustive: true });
    compare(narrowed, exhaustive, vocabularyOf(narrowed, index), 300);
  }, 120_000);

  it('THEN on random passages of a few words (long lists, every intersection size, many equal scores) it returns exactly what scoring every posting returns, also after passages were removed and added again in place', () => {
    // Word i is in a passage with chance SHARES[i]: some in most passages, some in a few.
    const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma', 'kappa', 'theta', 'lambda', 'zeta', 'rho', 'tau'];
    const SHARES = [0.9, 0.6, 0.4, 0.25, 0.15, 0.1, 0.06, 0.03, 0.015, 0.008, 0.004, 0.002];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 50, max: 3000 }), fc.integer({ min: 0, max: 60 }), (seed, n, removed) => {
        // A seeded generator (fast-check shrinks the seed and size, not thousands of passages).
        let x = seed;
        const random = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
        const passage = () => {
          const words: string[] = [];
          WORDS.forEach((w, i) => {
            if (random() < SHARES[i]!) for (let r = 1 + Math.floor(random() * 3); r > 0; r--) words.push(w);
          });
          return words.length ? words.join(' ') : 'alpha';
        };
        const index = new MiniSearch<IndexedPassage>(miniSearchOptions());
        for (let i = 0; i < n; i++) index.add({ id: `d${i}`, text: passage(), heading: i % 7 === 0 ? 'gamma tau' : '' });
        for (let i = 0; i < removed * 5 && i < n; i += 5) index.discard(`d${i}`);
        for (let i = 0; i < removed * 5 && i < n; i += 5) index.add({ id: `d${i}`, text: passage(), heading: '' });
        const narrowed = new FastScorer(index);
        const exhaustive = new FastScorer(index, { exhaustive: true });
        compare(narrowed, exhaustive, vocabularyOf(narrowed, index), 40);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
