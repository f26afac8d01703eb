/**
 * A negated query is answered by a negated passage (src/search/negation.ts, rerank.ts NEGATED):
 * the negating words are stop words or light, so without reading them the negated statement and
 * its opposite scored alike. On the bundled corpus; the queries are written for this test (none
 * is a case of ../shared/eval or of test/fixtures/search-own).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { snippetMatches } from '../src/eval/normalize.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { negatesMatched, queryNegates } from '../src/search/negation.ts';
import { readPassage } from '../src/search/passage-reading.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const rankOf = async (query: string, snippet: string) => (await engine.search(query, { limit: 10 })).hits.findIndex((h) => snippetMatches(h.block.plain, snippet)) + 1;

describe('GIVEN a query as a reader types it', () => {
  it('THEN it negates when it has a negating word, a contraction, or a Russian or French negation', () => {
    for (const q of ['nothing shows the nkvd wrote the confessions', 'nobody had looked at these books again', "trotsky didn't deny it", 'никто не перепроверил эти работы', "il n'y avait jamais de preuve"]) expect(queryNegates(q), q).toBe(true);
  });

  it('THEN a statement without one does not negate: a word that only begins like one (note, nobel, notice) is no negation', () => {
    for (const q of ['the nkvd wrote the confessions', 'a note on the nobel notice', 'кто перепроверил эти работы']) expect(queryNegates(q), q).toBe(false);
  });
});

describe('GIVEN a passage’s sentences and the query words it holds (token positions)', () => {
  // Tokens: 0 The 1 indictment 2 does 3 not 4 so 5 much 6 as 7 mention 8 one 9 of 10 the 11 Zinovievists | 12 They 13 were 14 arrested 15 in 16 Moscow
  const passage = readPassage('The indictment does not so much as mention one of the Zinovievists. They were arrested in Moscow.');

  it('THEN a negation in a sentence that holds two of those words negates them, however far apart', () => {
    expect(negatesMatched(passage, [[1], [11], []])).toBe(true);
  });

  it('THEN a negation in another sentence than all but one of them does not', () => {
    expect(negatesMatched(passage, [[1], [14], [16]])).toBe(false);
    expect(negatesMatched(readPassage('Nothing was found. The indictment named the Zinovievists.'), [[4], [6]])).toBe(false);
  });

  it('THEN with one word held, a negation in its sentence is enough; with none, nothing is negated', () => {
    expect(negatesMatched(passage, [[11], []])).toBe(true);
    expect(negatesMatched(passage, [[], []])).toBe(false);
  });
});

describe('GIVEN a negated query whose words a negated and an affirming passage share', () => {
  it('THEN the negated passage ranks above the affirming one', async () => {
    // "Trotsky was evidently betting that his readers would not compare his own article with the text
    // in Humanité" against "I have obtained a copy of this issue of Humanité so we can compare
    // Trotsky's remarks against the text": before, the second came first.
    const query = "nobody compared Trotsky's articles with Humanité";
    const negated = await rankOf(query, 'his readers would not compare his own article with the text in Humanit');
    const affirming = await rankOf(query, 'so we can compare Trotsky');
    expect(negated).toBeGreaterThan(0);
    expect(affirming === 0 || negated < affirming).toBe(true);
  });
});
