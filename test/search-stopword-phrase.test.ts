/**
 * A phrase of stop words alone that WordNet lists ("again and again") is a word of the query of its
 * own (expand/phrases.ts), and it asks the phrase itself as well as the phrases standing for it
 * ("over and over again", "time and again"): a reader who keeps the text's own "again and again"
 * found it only through its synonyms, below the passages saying "over and over again". On the
 * bundled corpus; the queries are written for this test (none is a case of ../shared/eval or of
 * test/fixtures/search-own).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { snippetMatches } from '../src/eval/normalize.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const rankOf = async (query: string, snippet: string) => (await engine.search(query, { limit: 10 })).hits.findIndex((h) => snippetMatches(h.block.plain, snippet)) + 1;

describe('GIVEN a query holding a phrase made of stop words ("again and again")', () => {
  it('THEN the phrase is a word that asks the phrase itself, the index term of a passage saying it', () => {
    const parsed = engine.expand(engine.parse('he lied again and again'));
    const phrase = parsed.words.find((w) => w.text === 'again and again');
    expect(phrase?.terms).toEqual(['_again and again']);
    expect(phrase?.expansions?.map((e) => e.term)).toContain('_over and over again');
  });

  it('THEN the passage saying it as typed ranks in the first two (below the third without the phrase asked)', async () => {
    const rank = await rankOf('Trotsky again and again ran the risk of being exposed as a liar', 'It explains why Trotsky again and again took the risk of exposure as a liar');
    expect(rank).toBeGreaterThan(0);
    expect(rank).toBeLessThanOrEqual(2);
  });

  it('THEN it also leads by far where it was first already, on the phrase as typed', async () => {
    const hits = (await engine.search('again and again he told falsehoods anyone could check', { limit: 2 })).hits;
    expect(snippetMatches(hits[0]!.block.plain, 'Yet again and again he composed falsehoods')).toBe(true);
    expect(hits[0]!.score).toBeGreaterThan(3 * hits[1]!.score);
  });
});
