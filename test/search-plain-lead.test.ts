/**
 * The plain ranking's clear favourite leads (plain-net.ts leadByPlain): among Lectern's best
 * LEAD_DEPTH, the passage plain minisearch's scoring clearly prefers (the reader's words as typed)
 * passes those above it it leads by PLAIN_OVER in the plain ranking and trails by no more than
 * OWN_BAND in Lectern's. The queries on the bundled corpus are own paraphrase cases
 * (cases-para17.json o-para17-20, cases.json o-pa15-01): each ranked 2nd or 3rd without it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { snippetMatches } from '../src/eval/normalize.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { leadByPlain, OWN_BAND, PLAIN_CLEAR, PLAIN_OVER } from '../src/search/plain-net.ts';
import { realEngine } from './helpers/corpus.ts';
import { list, plainOf } from './helpers/ranked.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const every = () => true;

describe('GIVEN ranked passages and their plain scores', () => {
  it('THEN the clear favourite passes those it leads by PLAIN_OVER within OWN_BAND, and each place keeps its score', () => {
    const sorted = list(10, 9, 8, 1);
    const over = 10 * PLAIN_OVER + 1;
    expect(leadByPlain(sorted, plainOf({ p1: 10, p2: 10, p3: over * PLAIN_CLEAR, p4: 1 }), every)).toBe(2);
    expect(sorted.map((c) => c.block.id)).toEqual(['p3', 'p1', 'p2', 'p4']);
    expect(sorted.map((c) => c.score)).toEqual([10, 9, 8, 1]);
  });

  it('THEN it stops below a passage it trails by more than OWN_BAND in Lectern’s scores', () => {
    const sorted = list(10, 10 * OWN_BAND * 0.9, 10 * OWN_BAND * 0.8);
    leadByPlain(sorted, plainOf({ p1: 1, p2: 1, p3: 100 }), every);
    expect(sorted.map((c) => c.block.id)).toEqual(['p1', 'p3', 'p2']);
  });

  it('THEN a favourite not PLAIN_CLEAR ahead of every other of the best moves nowhere', () => {
    const sorted = list(10, 9, 9);
    expect(leadByPlain(sorted, plainOf({ p1: 1, p2: 100 * (1 / PLAIN_CLEAR) + 1, p3: 100 }), every)).toBe(0);
    expect(sorted.map((c) => c.block.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('THEN a passage the plain ranking cannot compare (another language, a pair side) keeps its place above', () => {
    const sorted = list(10, 9);
    expect(leadByPlain(sorted, plainOf({ p1: 0, p2: 100 }), (c) => c.block.id !== 'p1')).toBe(0);
    expect(sorted.map((c) => c.block.id)).toEqual(['p1', 'p2']);
  });
});

describe('GIVEN a paraphrase that keeps several of its passage’s words as typed', () => {
  it.each([
    ['the simplest account of all the evidence is that Trotsky really did want capitalism back', 'This is the hypothesis that represents the most straightforward explanation'],
    ["we can ignore his denial since he'd have denied it either way", 'His denial can be disregarded'],
  ])('THEN %s ranks its passage first', async (query, passage) => {
    const hits = (await engine.search(query, { limit: 3 })).hits;
    expect(snippetMatches(hits[0]!.block.plain, passage)).toBe(true);
  });
});
