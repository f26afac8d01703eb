/**
 * An English ordinal in digits is also its number (src/search/analyse/term.ts ORDINAL): the text's
 * "25th December" meets a reader's "December 25" or «25 декабря». Real corpus; the queries are none
 * of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseTerm } from '../src/search/analyse/index.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

describe('GIVEN an ordinal day in a passage', () => {
  it('THEN it is indexed as the ordinal and as its number', () => {
    expect(analyseTerm('25th')).toEqual(['25th', '25']);
    expect(analyseTerm('22nd', { query: true })).toEqual(['22nd', '22']);
    expect(analyseTerm('1920s')).not.toContain('1920');
  });

  it('THEN a date typed with the plain number finds it, in English and in Russian', async () => {
    for (const q of ['Radek letter December 25, 1927', 'письмо Радека 25 декабря']) {
      const hits = (await engine.search(q, { limit: 1 })).hits;
      expect(hits[0]?.block.plain, q).toContain('written on 25th December, 1927');
    }
  });
});
