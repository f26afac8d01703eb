/**
 * Exactly equal scores are common (copies of a text, short passages of the same words): which of
 * them is kept at the k-th place, and in what order they come, must depend on the passages alone —
 * score, then passage id in its natural order — not on the order they were added to an index, nor
 * on which index of a layered search holds them.
 */
import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import type { QueryWord } from '../src/search/analyse/index.ts';
import { miniSearchOptions } from '../src/search/index-build.ts';
import { LayeredCandidateSource } from '../src/search/layered-source.ts';
import { FastScorer, idOrder, type IndexedPassage, type TopKOptions } from '../src/search/lectern-index.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'omega'];

/**
 * Passages of two of a few words, one of them maybe repeated: almost every score is shared by many
 * of them. Every passage has two distinct terms, so the average field length is the same to the
 * last bit whatever order they are added in (minisearch keeps a running average) and however they
 * are split among indexes: equal passages score exactly alike everywhere.
 */
const passagesFrom = (seed: number, n: number): IndexedPassage[] => {
  let x = seed;
  const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => {
    const a = Math.floor(random() * WORDS.length);
    const b = (a + 1 + Math.floor(random() * (WORDS.length - 1))) % WORDS.length;
    const words = [WORDS[a]!, WORDS[b]!];
    if (random() < 0.3) words.push(WORDS[a]!);
    return { id: `w${Math.floor(i / 50)}.p${i + 1}`, text: words.join(' '), heading: '' };
  });
};

function indexOf(passages: readonly IndexedPassage[]): MiniSearch<IndexedPassage> {
  const index = new MiniSearch<IndexedPassage>(miniSearchOptions());
  index.addAll(passages);
  return index;
}

const word = (t: string): QueryWord => ({ text: t, terms: [t], parts: [] });

/** A seeded shuffle (fast-check shrinks the seed, not the permutation). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = items.slice();
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const queryFrom = fc.record({
  words: fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((ws) => ws.map(word)),
  combineWith: fc.constantFrom('AND' as const, 'OR' as const),
  rank: fc.constantFrom('coverage' as const, 'bm25' as const),
  k: fc.constantFrom(1, 3, 10, 40),
});

describe('GIVEN passages with exactly equal scores', () => {
  it('THEN the same passages added to an index in any order give the same k best, ties by passage id in natural order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 20, max: 300 }), fc.integer({ min: 1, max: 2 ** 30 }), queryFrom, (seed, n, order, { words, ...rest }) => {
        const passages = passagesFrom(seed, n);
        const options: TopKOptions = { ...rest, fuzzy: false, prefix: false, boost: { text: 1 } };
        const a = new FastScorer(indexOf(passages)).topK(words, options);
        const b = new FastScorer(indexOf(shuffled(passages, order))).topK(words, options);
        expect(b).toEqual(a);
        for (let i = 1; i < a.length; i++) {
          const [x, y] = [a[i - 1]!, a[i]!];
          expect(x.score > y.score || (x.score === y.score && idOrder(x.id, y.id) < 0), `${x.id} ${x.score} before ${y.id} ${y.score}`).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('THEN a search over several indexes keeps the same k best whichever index holds which passage, and in whatever order the indexes are asked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 20, max: 300 }), fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 2, max: 4 }), queryFrom, async (seed, n, order, parts, { words, ...rest }) => {
        const passages = passagesFrom(seed, n);
        const query = { words, ...rest, rank: 'coverage' as const, fuzzy: false, prefix: false, boost: { text: 1 } };
        const whole = await new LayeredCandidateSource([new MemoryCandidateSource(indexOf(passages))]).candidates(query);
        const mixed = shuffled(passages, order);
        const split = Array.from({ length: parts }, (_, i) => indexOf(mixed.filter((_, j) => j % parts === i)));
        const layered = await new LayeredCandidateSource(split.map((i) => new MemoryCandidateSource(i))).candidates(query);
        const reversed = await new LayeredCandidateSource(split.reverse().map((i) => new MemoryCandidateSource(i))).candidates(query);
        expect(layered).toEqual(whole);
        expect(reversed).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('THEN passage ids order naturally: numbers by value, the rest by code unit', () => {
    const ids = ['a.p16', 'a.f2', 'a.p8', 'b.p1', 'a.p100', 'a.f10', 'a.p9', 'a-b.p3'];
    expect(ids.slice().sort(idOrder)).toEqual(['a-b.p3', 'a.f2', 'a.f10', 'a.p8', 'a.p9', 'a.p16', 'a.p100', 'b.p1']);
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-c.]{0,3}[0-9]{0,3}[a-c]{0,2}[0-9]{0,2}$/), { minLength: 3, maxLength: 3 }), ([a, b, c]) => {
        expect(Math.sign(idOrder(a!, b!))).toBe(-Math.sign(idOrder(b!, a!)) || 0);
        if (idOrder(a!, b!) <= 0 && idOrder(b!, c!) <= 0) expect(idOrder(a!, c!)).toBeLessThanOrEqual(0);
        if (idOrder(a!, b!) === 0) expect(a).toBe(b);
      }),
      { numRuns: 2000 },
    );
  });
});
