/**
 * A question mark or a full stop after the last word is punctuation (src/search/analyse/query.ts
 * lastTermPrefix): the query matches as it does without it. It used to turn off the prefix on the
 * last word, so "… Trotsky?" missed the Trotskyist passages "… Trotsky" found and ranked otherwise
 * (7 of the own cases' 38 punctuated queries gave other hits than without their punctuation).
 * Real corpus; the queries are none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/index.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const ids = async (query: string) => (await engine.search(query, { limit: 10 })).hits.map((h) => h.block.id);

describe('GIVEN a query typed with a closing question mark, full stop or exclamation mark', () => {
  it('THEN its last word is read as without it, a space before the mark or not', () => {
    for (const typed of ['did Radek lie about Trotsky?', 'did Radek lie about Trotsky ?', 'did Radek lie about Trotsky.', 'did Radek lie about Trotsky!', 'did Radek lie about Trotsky?!']) {
      expect(parseQuery(typed).lastTermPrefix, typed).toBe(parseQuery('did Radek lie about Trotsky').lastTermPrefix);
    }
  });

  it('THEN it gives the same passages in the same order as without it', async () => {
    // Before: the first two differed from their unpunctuated forms below the first place.
    for (const query of ['did Radek lie about Trotsky', 'Zinoviev and Kamenev Trotsky', 'did the Bulletin print letters from Moscow']) {
      expect(await ids(`${query}?`), query).toEqual(await ids(query));
    }
  });
});

describe('GIVEN a last word followed by a space or a closing quote', () => {
  it('THEN it is still read as finished, not as a prefix', () => {
    expect(parseQuery('did Radek lie about Trotsky ').lastTermPrefix).toBe(false);
    expect(parseQuery('"Zinoviev"').lastTermPrefix).toBe(false);
    expect(parseQuery('"Zinoviev".').lastTermPrefix).toBe(false);
  });
});
