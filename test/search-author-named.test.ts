/**
 * A question that names a work's author (src/search/author-named.ts): the name is not required of a
 * passage of his works, which rarely names him, and a passage of another work that does not name him
 * is no answer. A reference lookup keeps the name as a word to find. Real corpus; the queries are
 * none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/index.ts';
import { authorSurnames, nameMeeter, withoutAuthorName } from '../src/search/author-named.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { readQuery } from '../src/search/query-reading.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const names = authorSurnames([{ meta: { authors: [{ family: 'Furr' }] } }, { meta: { authors: [{ family: 'Mukherjee' }] } }]);
const named = (query: string) => {
  const parsed = parseQuery(query);
  return withoutAuthorName(parsed.text, parsed.words, readQuery(parsed), names);
};

describe('GIVEN a question about what a work\'s author says', () => {
  it('THEN his name is optional and the other words stay required', () => {
    const r = named('what share of Khrushchev\'s accusations did Furr show to be false');
    expect([...(r?.names ?? [])]).toEqual(['furr']);
    expect(r?.words.filter((w) => w.optional).map((w) => w.text)).toEqual(['furr']);
  });

  it('THEN the passage of his work that answers it leads, though it never names him', async () => {
    const hits = (await engine.search('what share of Khrushchev\'s accusations did Furr show to be false', { limit: 3 })).hits;
    expect(hits.map((h) => h.block.plain).join(' ')).toContain('I found that 60 of the 61 accusations');
  });

  it('THEN no passage of another work that does not name him is shown', async () => {
    const hits = (await engine.search('what does Mukherjee say about the Moscow Trials', { limit: 10 })).hits;
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.work.meta.authors.some((a) => a.family === 'Mukherjee') || /mukherjee/iu.test(h.block.plain), h.block.id).toBe(true);
  });
});

describe('GIVEN a reference lookup or a short topic with an author\'s name', () => {
  it('THEN the name stays a word to find', () => {
    for (const q of ['Furr, Khrushchev Lied', 'Furr 2017', 'who is Furr', 'Furr Trotsky', 'who published Furr\'s book on Trotsky', 'Furr Trotsky lies']) expect(named(q), q).toBeUndefined();
  });
});

describe('GIVEN a passage of another author\'s work', () => {
  const meets = nameMeeter(new Set(['furr']));
  const other = [{ family: 'Getty' }];
  it('THEN it meets the name only where its text has the name as a word of its own', () => {
    expect(meets(other, () => 'as furr argues, the bloc existed')).toBe(true);
    expect(meets(other, () => 'see furr, khrushchev lied, p. 12')).toBe(true);
    expect(meets(other, () => 'a furrow in the field')).toBe(false);
    expect(meets(other, () => 'the kirov murder')).toBe(false);
  });
  it('THEN a passage of his own work meets it without naming him', () => {
    expect(meets([{ family: 'Furr' }], () => 'I found that 60 of the 61 accusations were false')).toBe(true);
  });
});
