/**
 * A short query's words as the reader typed them (src/search/rerank.ts TYPED_FORM): Porter2 gives
 * "assassins" and "assassination" one stem, and with one or two words nothing else in the query
 * tells a passage on the Kirov assassination from one naming Kirov's assassins. Real corpus; the
 * queries are possessive phrases drawn from it for this rule, none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const top = async (query: string, n: number) => (await engine.search(query, { limit: n })).hits.map((h) => h.block.plain);

describe('GIVEN a short query whose word shares its stem with a commoner word of the texts', () => {
  it('THEN a passage spelling the word as typed outranks the many with the other word', async () => {
    // Dozens of passages say "the Kirov assassination"; a few name his assassins.
    expect((await top("Kirov's assassins", 3)).some((p) => p.includes("one of Kirov's assassins"))).toBe(true);
    // "insistent", "insisted" and "insistence" are one stem.
    expect((await top("Trotsky's insistence", 1))[0]).toContain("Trotsky's insistence in denouncing");
  });
});
