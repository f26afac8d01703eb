/**
 * A query asked again gives the same answer: the engine keeps the words' expansions it made
 * (expand/word-cache.ts), and the query's later steps add to a word's expansions in place (a
 * relation's terms: expand/relations.ts), so a kept list handed out as it is would carry one
 * query's additions into the next. Real corpus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../src/search/engine.ts';
import { ExpansionCache } from '../src/search/expand/word-cache.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const answer = async (e: SearchEngine, query: string) => (await e.search(query, { limit: 10 })).hits.map((h) => `${h.block.id} ${h.score}`);
const expansions = (e: SearchEngine, query: string) => e.expand(e.parse(query)).words.map((w) => w.expansions);

describe('GIVEN queries whose words the engine expanded before', () => {
  it('THEN each is answered as by an engine asking it for the first time', async () => {
    // A relation (Trotsky's son) adds to the words' expansions; the others share its words.
    const queries = ["Trotsky's son", 'Trotsky son', "Trotsky's son Sedov", 'убийство Кирова', 'Kirov murder', "Trotsky's son"];
    const fresh = () => new SearchEngine(engine.corpus, engine.source);
    for (const q of queries) {
      const first = await answer(fresh(), q);
      expect(await answer(engine, q)).toEqual(first);
      expect(await answer(engine, q)).toEqual(first);
      expect(expansions(engine, q)).toEqual(expansions(fresh(), q));
    }
  });

  it('THEN the kept expansions are handed out as copies', async () => {
    const cache = new ExpansionCache();
    const word = engine.parse('rehabilitated').words[0]!;
    const index = { has: () => true, frequency: () => 0.001, count: () => 1, size: 1000, lexicons: () => ({ toEnglish: new Map(), fromEnglish: new Map() }) } as never;
    const a = cache.expand(word, index);
    expect(a.length).toBeGreaterThan(0);
    a[0]!.weight = 99;
    a.push({ term: 'added', weight: 1 });
    const b = cache.expand(word, index);
    expect(b).not.toContainEqual({ term: 'added', weight: 1 });
    expect(b[0]!.weight).not.toBe(99);
  });
});
