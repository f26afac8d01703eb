/**
 * Near ties broken by the plain ranking (plain-net.ts breakNearTies): where Lectern scores two
 * passages within NEAR_TIE of each other, the one plain minisearch's scoring (the reader's words as
 * typed, function words and forms included) clearly prefers goes first. On the bundled corpus the
 * query is written for this test (none is a case of ../shared/eval or of test/fixtures/search-own).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { snippetMatches } from '../src/eval/normalize.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { breakNearTies, NEAR_TIE, PLAIN_LEAD } from '../src/search/plain-net.ts';
import { realEngine } from './helpers/corpus.ts';
import { list, plainOf } from './helpers/ranked.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});


describe('GIVEN ranked passages and their plain scores', () => {
  it('THEN of two within NEAR_TIE the one with a clearly higher plain score goes first, and each place keeps its score', () => {
    const sorted = list(10, 10 * (1 - NEAR_TIE / 2), 5);
    expect(breakNearTies(sorted, plainOf({ p1: 100, p2: 100 * (1 + PLAIN_LEAD) + 1, p3: 1000 }))).toBe(1);
    expect(sorted.map((c) => c.block.id)).toEqual(['p2', 'p1', 'p3']);
    expect(sorted.map((c) => c.score)).toEqual([10, 10 * (1 - NEAR_TIE / 2), 5]);
  });

  it('THEN passages further apart than NEAR_TIE keep their order, however the plain ranking differs', () => {
    const sorted = list(10, 10 * (1 - 2 * NEAR_TIE));
    expect(breakNearTies(sorted, plainOf({ p1: 1, p2: 1000 }))).toBe(0);
    expect(sorted.map((c) => c.block.id)).toEqual(['p1', 'p2']);
  });

  it('THEN a near tie the plain ranking barely tells apart is not broken', () => {
    const sorted = list(10, 10);
    expect(breakNearTies(sorted, plainOf({ p1: 100, p2: 100 * (1 + PLAIN_LEAD) - 1 }))).toBe(0);
  });

  it('THEN a passage passes a run of near ties it clearly leads in the plain ranking', () => {
    const sorted = list(10, 9.8, 9.6);
    breakNearTies(sorted, plainOf({ p1: 10, p2: 10, p3: 100 }));
    expect(sorted[0]!.block.id).toBe('p3');
  });
});

describe('GIVEN a light paraphrase whose passage Lectern scores level with its neighbour', () => {
  it('THEN the passage keeping the reader’s words ranks first', async () => {
    const hits = (await engine.search('Sonny started to take Mak out drinking with him', { limit: 3 })).hits;
    expect(snippetMatches(hits[0]!.block.plain, 'Sonny began to drag Mak out to drink with him almost every evening')).toBe(true);
  });
});
