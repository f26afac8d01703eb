/**
 * A short query's plain ranking (plain-net.ts WHOLE): for a query of one to three words of
 * substance, which the net's floor does not read, the plain ranking's clear favourite leads and
 * breaks near ties only when the passage holds every word typed, as typed. The queries on the
 * bundled corpus are own short cases (cases-lower18.json o-lower18-15, cases-short19.json
 * o-short19-24): each ranked 2nd without it, where plain minisearch ranks them 1st; the last two
 * (cases.json o-s20, o-wa01) are short queries whose plain favourite misses a word typed and which
 * stay 1st.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { snippetMatches } from '../src/eval/normalize.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { breakNearTies, leadByPlain, WHOLE } from '../src/search/plain-net.ts';
import { realEngine } from './helpers/corpus.ts';
import { list } from './helpers/ranked.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const every = () => true;
const plain = (scores: Record<string, [number, number]>) => (c: { block: { id: string } }) => {
  const [score, share] = scores[c.block.id] ?? [0, 0];
  return { score, share };
};

describe('GIVEN a short query’s ranked passages and their plain scores and shares', () => {
  it('THEN a clear favourite missing a word typed does not lead, one holding them all does', () => {
    const missing = list(10, 9);
    expect(leadByPlain(missing, plain({ p1: [1, 1], p2: [100, 0.8] }), every, WHOLE)).toBe(0);
    expect(missing.map((c) => c.block.id)).toEqual(['p1', 'p2']);
    const whole = list(10, 9);
    expect(leadByPlain(whole, plain({ p1: [1, 1], p2: [100, 1] }), every, WHOLE)).toBe(1);
    expect(whole.map((c) => c.block.id)).toEqual(['p2', 'p1']);
  });

  it('THEN a near tie breaks only toward a passage holding every word typed', () => {
    const missing = list(10, 9.9);
    expect(breakNearTies(missing, plain({ p1: [1, 1], p2: [100, 0.8] }), WHOLE)).toBe(0);
    const whole = list(10, 9.9);
    expect(breakNearTies(whole, plain({ p1: [1, 1], p2: [100, 1] }), WHOLE)).toBe(1);
    expect(whole.map((c) => c.block.id)).toEqual(['p2', 'p1']);
  });
});

describe('GIVEN a short query of two or three words', () => {
  it.each([
    ['gorbachev historians lied', 'Khrushchev, then later Gorbachev, and the'],
    ['Evdokimov quotation', 'The quotation from Evdokimov is taken directly'],
    ["call number of Trotsky's Lies", 'Call Number DK 254.T6 F87122 2019'],
    ['Tukhachevsky started confessing', 'he began to make detailed confessions'],
  ])('THEN %s ranks its passage first', async (query, passage) => {
    const hits = (await engine.search(query, { limit: 3 })).hits;
    expect(snippetMatches(hits[0]!.block.plain, passage)).toBe(true);
  });
});
