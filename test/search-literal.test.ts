/**
 * The reader's own words come first (src/search/literal.ts): a passage holding the query's words
 * itself is not outranked by one found mostly through expansions unless that one covers clearly
 * more of the query; on the real corpus, the scorer says how much of the query each passage holds
 * itself. Property tests allow for exactly equal scores (ties are kept in their order).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../src/search/engine.ts';
import { CLEARLY_MORE, LITERAL_MARGIN, protectLiterals, type LiteralScored } from '../src/search/literal.ts';
import { realEngine } from './helpers/corpus.ts';

interface Item extends LiteralScored {
  id: number;
}
const item = (id: number, score: number, literal: number, coverage: number): Item => ({ id, score, literal, coverage });

describe('GIVEN candidates sorted by score', () => {
  it('THEN one holding the words itself goes above those just above it that hold mostly expansions and not clearly more', () => {
    // 1: all through synonyms (0.1 itself of 0.5); 2: the words themselves (0.4 of 0.45).
    const list = [item(0, 9, 0.9, 0.9), item(1, 5, 0.1, 0.5), item(2, 4, 0.4, 0.45), item(3, 1, 0.2, 0.2)];
    protectLiterals(list);
    expect(list.map((c) => c.id)).toEqual([0, 2, 1, 3]);
    // Scores stay in order: the passed one is set just below the one now above it.
    expect(list[1]!.score).toBe(4);
    expect(list[2]!.score).toBeLessThan(4);
    expect(list[2]!.score).toBeGreaterThan(list[3]!.score);
  });

  it('THEN one found through expansions keeps its place when it covers clearly more, or holds the words itself', () => {
    const clearlyMore = [item(1, 5, 0.1, 0.45 + CLEARLY_MORE), item(2, 4, 0.4, 0.45)];
    protectLiterals(clearlyMore);
    expect(clearlyMore.map((c) => c.id)).toEqual([1, 2]);
    // Half of what it covers is the words themselves: not "mostly expansions".
    const literalToo = [item(1, 5, 0.25, 0.5), item(2, 4, 0.25 + LITERAL_MARGIN + 0.05, 0.45)];
    protectLiterals(literalToo);
    expect(literalToo.map((c) => c.id)).toEqual([1, 2]);
  });

  it('THEN the result is the same candidates, sorted by score, ties left as they were (property)', () => {
    const candidate = fc.record({ score: fc.oneof(fc.constantFrom(1, 2, 3), fc.double({ min: 0.01, max: 50, noNaN: true })), literal: fc.double({ min: 0, max: 1, noNaN: true }), extra: fc.double({ min: 0, max: 1, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 45 }), (raw) => {
        const list = raw.map((r, id) => item(id, r.score, r.literal, Math.min(1, r.literal + r.extra))).sort((a, b) => b.score - a.score);
        const before = list.map((c) => ({ ...c }));
        protectLiterals(list);
        expect(list.map((c) => c.id).sort((a, b) => a - b)).toEqual(before.map((c) => c.id).sort((a, b) => a - b));
        for (let i = 1; i < list.length; i++) expect(list[i]!.score).toBeLessThanOrEqual(list[i - 1]!.score);
        // Nothing moved: the list is untouched, equal scores included.
        const moved = list.some((c, i) => c.id !== before[i]!.id);
        if (!moved) expect(list).toEqual(before);
        // Past the first 30 nothing moves.
        for (let i = 30; i < list.length; i++) expect(list[i]!.id, `${i}`).toBe(before[i]!.id);
      }),
      { numRuns: 300 },
    );
  });
});

describe('GIVEN an English query on the real corpus', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    ({ engine } = await realEngine());
  });

  it('THEN the scorer says how much of the query a passage holds itself, at most what it covers', async () => {
    const results = await engine.source.candidates({ words: engine.expand(engine.parse('Have Trotsky and his son ever been officially exonerated?')).words, combineWith: 'OR', fuzzy: false, prefix: false, boost: { text: 1, heading: 0.3 }, rank: 'coverage', k: 50 });
    expect(results.length).toBeGreaterThan(10);
    for (const r of results) {
      expect(r.literal, r.id).toBeGreaterThanOrEqual(0);
      expect(r.literal!, r.id).toBeLessThanOrEqual(r.coverage! + 1e-6);
    }
    // "Sedov, Trotsky's son" is the texts' own name for the son: it counts as the words themselves.
    const sedov = results.find((r) => r.id === 'evidence-collaboration-essay.p5')!;
    expect(sedov.literal!).toBeGreaterThan(0.25);
    // A passage that meets "exonerated" and "officially" through synonyms only holds little of the query itself.
    expect(results.find((r) => r.id === 'trotskys-lies.p487')?.literal ?? 0).toBeLessThan(0.1);
  });
});

describe('GIVEN a name the library does not have, as a reader misspells it (Tukhachevksy)', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    ({ engine } = await realEngine());
  });

  it('THEN the passages with its nearest spelling hold it as the reader\'s own word, not as an expansion', async () => {
    const words = engine.expand(engine.parse('Tukhachevksy')).words;
    expect(words[0]!.unknown).toBe(true);
    const results = await engine.source.candidates({ words, combineWith: 'OR', fuzzy: false, prefix: false, boost: { text: 1, heading: 0.3 }, rank: 'coverage', k: 20 });
    expect(results.length).toBeGreaterThan(5);
    // Every match is a spelling of the one word: what a passage covers, it holds itself.
    for (const r of results) expect(r.literal!, r.id).toBeCloseTo(r.coverage!, 5);
    expect(results[0]!.literal!).toBeGreaterThan(0.3);
  });
});
