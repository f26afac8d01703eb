/**
 * "never" and "none" are light words (src/search/analyse/light.ts), as "nothing" and "nobody" were:
 * a reader negates with never where the text says not, no or nor, which are stop words, so as a word
 * of substance "never" favoured whatever passage happened to say it over the one that says the
 * negated thing. The negation itself is read by rerank (negation.ts), which still sees it. Real
 * corpus; the queries are none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isLightWord } from '../src/search/analyse/index.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { queryNegates } from '../src/search/negation.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

describe('GIVEN a query that negates with "never" or "none"', () => {
  it('THEN the word is light, and the query still reads as negated', () => {
    for (const w of ['never', 'none', 'nothing', 'nobody']) expect(isLightWord(w), w).toBe(true);
    expect(queryNegates('the charge never came up')).toBe(true);
  });

  it('THEN the passage saying it with "not" is among the first two', async () => {
    const hits = (await engine.search('the restoration of capitalism charge never came up at the first trial', { limit: 2 })).hits;
    expect(hits.map((h) => h.block.plain).join(' ')).toContain('this charge was not part of the indictment');
  });
});
