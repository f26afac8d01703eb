/**
 * The pass that asks an English query of the Russian passages without a translation
 * (cross-language.ts, russianSide): a word the glossary translates is asked by its Russian words
 * only, a name (which no glossary translates) by its cross-script key. A translated word's key
 * would read every English passage that spells the word, all of them rejected by the pass: on a
 * 150 MB English library that made this pass most of a query's cost (bench/README.md).
 */
import { describe, expect, it } from 'vitest';
import { isKey, parseQuery, type QueryWord } from '../src/search/analyse/index.ts';
import { russianSide } from '../src/search/cross-language.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { realCorpus } from './helpers/corpus.ts';

const word = (text: string): QueryWord => parseQuery(text).words[0]!;

describe('GIVEN an English query asked of the Russian passages', () => {
  it('THEN a translated word carries its Russian words and no Latin key, and a name keeps its key', () => {
    const glossary = (w: QueryWord) => (w.text.toLowerCase() === 'murder' ? [{ term: 'убийств', weight: 1 }] : []);
    const side = russianSide([word('Kirov'), word('murder')], glossary)!;
    expect(side).not.toBeNull();
    const [name, murder] = side;
    expect(name!.terms.length).toBeGreaterThan(0);
    expect(name!.terms.every(isKey)).toBe(true);
    expect(murder!.terms).toEqual([]);
    expect(murder!.expansions?.map((e) => e.term)).toEqual(['убийств']);
  });

  it('THEN nothing is asked when no word translates', () => {
    expect(russianSide([word('Kirov'), word('Zinoviev')], () => [])).toBeNull();
  });
});

describe('GIVEN the bundled corpus', () => {
  it('THEN its Russian passages without a translation are known by id, and a stage limited to them returns what the filter alone returns', async () => {
    const { corpus } = await realCorpus();
    const only = corpus.russianOnly();
    expect(only.has('trotskys-lies.n5')).toBe(true);
    for (const id of only) expect(corpus.block(id)).toMatchObject({ lang: 'ru' });
    for (const id of only) expect(corpus.block(id)?.pair).toBeUndefined();
    expect(corpus.russianOnly()).toBe(only);
    const source = new MemoryCandidateSource(buildIndex(corpus));
    const query = { words: parseQuery('загадки смерти Сталина').words, combineWith: 'OR' as const, fuzzy: false, prefix: false, boost: { text: 1 }, rank: 'coverage' as const, k: 50 };
    const filtered = await source.candidates({ ...query, accept: (id) => only.has(id) });
    expect(filtered.map((c) => c.id)).toContain('trotskys-lies.n5');
    expect(await source.candidates({ ...query, accept: (id) => only.has(id), only })).toEqual(filtered);
    // `only` alone never lets in a passage outside it.
    expect((await source.candidates({ ...query, only })).every((c) => only.has(c.id))).toBe(true);
  }, 60_000);
});
