/**
 * Other names of one place or person (src/search/expand/names.ts): WordNet's proper-noun synsets
 * (Leningrad, Petrograd, Peterburg) and the Russian–English names file (Arkhangelsk → Archangel,
 * Lev → Leon), on the real corpus. The queries are written for these tests, none is in ../shared/eval.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../src/search/engine.ts';
import { NAME_WEIGHT } from '../src/search/expand/index.ts';
import { buildVariants, NAMES_FILE, NamesError, namesUnavailable, otherNames, parseNames, readWordnetNames, russianVariants } from '../src/search/expand/names.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const expansions = (query: string, word: string) => engine.expand(engine.parse(query)).words.find((w) => w.text === word)?.expansions ?? [];
const top = async (query: string, n = 1) => (await engine.search(query, { limit: n })).hits.map((h) => h.block.plain);

describe('GIVEN a city WordNet lists under several names', () => {
  it('THEN a query with one name meets the text’s other, weighed nearly as the name itself', async () => {
    expect(otherNames(['leningrad'])).toEqual(expect.arrayContaining(['petrograd', 'peterburg']));
    expect(otherNames(['volgograd'])).toEqual(expect.arrayContaining(['stalingrad', 'tsaritsyn']));
    const leningrad = expansions('chairman of the Leningrad Soviet', 'leningrad').find((e) => e.term === 'petrograd');
    expect(leningrad?.weight).toBe(NAME_WEIGHT);
    // The text says only "Petrograd" and "Leningrad", never "Peterburg".
    expect((await top('Peterburg', 3)).some((p) => /Petrograd|Leningrad/.test(p))).toBe(true);
  });

  it('THEN a common word WordNet also lists as a name is no name', () => {
    expect(otherNames(['sun'])).toEqual([]);
    expect(otherNames(['russia'])).not.toContain('ussr');
  });
});

describe('GIVEN a Russian place or first name whose English name is no transliteration', () => {
  it('THEN every spelling of the Russian name finds the English one', async () => {
    for (const q of ['Arkhangelsk', "Arkhangel'sk", 'Архангельск']) expect((await top(q))[0], q).toContain('chiefly around Archangel');
    expect((await top('Lev Sedov letters'))[0]).toContain('Leon Sedov');
  });

  it('THEN a plain English word is not taken for a name', () => {
    expect(expansions('the charges were untrue', 'charges').map((e) => e.weight)).not.toContain(NAME_WEIGHT);
  });
});

describe('GIVEN a names file that cannot be read', () => {
  it('THEN the error names the file, the line and the fix', () => {
    expect(() => parseNames('# lectern.names.ru-en 1\nМосква\tmoscow\n', 'names.tsv')).toThrow(NamesError);
    expect(() => parseNames('# lectern.names.ru-en 1\nМосква\tmoscow\n', 'names.tsv')).toThrow(/names\.tsv:2: .*git checkout/);
    expect(() => parseNames('Москва\tMoscow\n', 'names.tsv')).toThrow(/first line/);
    expect(parseNames('# lectern.names.ru-en 1\n# a comment\nМосква\tMoscow, Moskau\n')).toEqual([{ russian: 'Москва', english: ['Moscow', 'Moskau'] }]);
  });

  it('THEN the bundled files read (doctor says so)', () => {
    expect(namesUnavailable()).toBeUndefined();
  });

  it('THEN a WordNet names file of another version asks for npm run wordnet', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lectern-names-')), 'names.json');
    writeFileSync(file, JSON.stringify({ format: 'lectern.wordnet-names', version: 0, names: {} }));
    expect(() => readWordnetNames(file)).toThrow(/npm run wordnet/);
  });
});

describe('GIVEN the Russian–English names kept made (russianVariants)', () => {
  const built = (file: string) => [...buildVariants(parseNames(readFileSync(file, 'utf8'), file))];

  it('THEN they are what the names file makes, read from the cache the next time, and made again from a damaged one', () => {
    const cache = path.join(mkdtempSync(path.join(tmpdir(), 'lectern-names-cache-')), 'names', 'variants.json');
    const expected = built(NAMES_FILE);
    expect(expected.length).toBeGreaterThan(50);
    expect([...russianVariants(NAMES_FILE, cache)]).toEqual(expected);
    expect(existsSync(cache)).toBe(true);
    expect([...russianVariants(NAMES_FILE, cache)]).toEqual(expected);
    writeFileSync(cache, '{"format":"lectern.stamps","version":1,"key":"x","stamps":[],"value":"[1,2"}');
    expect([...russianVariants(NAMES_FILE, cache)]).toEqual(expected);
    writeFileSync(cache, 'not json');
    expect([...russianVariants(NAMES_FILE, cache)]).toEqual(expected);
  });

  it('THEN an edited names file is read again, not served from the cache', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lectern-names-edit-'));
    const file = path.join(dir, 'ru-en.tsv');
    const cache = path.join(dir, 'cache.json');
    writeFileSync(file, '# lectern.names.ru-en 1\nМосква\tMoscow\n');
    // The cache keeps only a file older than a second (stamp-cache.ts: one changed meanwhile could be missed).
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect([...russianVariants(file, cache)]).toEqual(built(file));
    expect(existsSync(cache)).toBe(true);
    writeFileSync(file, '# lectern.names.ru-en 1\nМосква\tMoscow\nАрхангельск\tArchangel\n');
    const edited = [...russianVariants(file, cache)];
    expect(edited).toEqual(built(file));
    expect(edited.flatMap(([, v]) => v)).toContain('archangel');
  });
});
