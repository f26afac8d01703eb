/**
 * A bibliography entry's title in Russian (transliterated) or French, read in English as a
 * footnote's is (src/search/note-glosses.ts, index-build.ts): a reader asks for the work in
 * English, and the entry is the one place that lists it. Real corpus; the queries are none of
 * ../shared/eval's nor the own cases'.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { foreignTitleTerms } from '../src/search/note-glosses.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const first = async (query: string) => (await engine.search(query, { limit: 1 })).hits[0]?.block;

describe('GIVEN a bibliography entry whose title is transliterated Russian', () => {
  it('THEN asked for by its author and its title in English, the entry leads', async () => {
    const kantor = await first('Kantor Sworn Friendship');
    expect(kantor?.kind).toBe('bibliography');
    expect(kantor?.plain).toContain('Zakliataia druzhba');
    const viktorov = await first('Viktorov notes of a military prosecutor');
    expect(viktorov?.kind).toBe('bibliography');
    expect(viktorov?.plain).toContain('Zapiski voennogo prokurora');
  });
});

describe('GIVEN a bibliography entry whose title is French', () => {
  it("THEN its title's words give their English terms", () => {
    const terms = foreignTitleTerms('Broué, Pierre. Léon Sedov. Fils de Trotsky, Victime de Staline. Paris: Editions Ouvrières, 1993.');
    expect(terms).toEqual(expect.arrayContaining(['son', 'victim']));
  });
});

describe("GIVEN an English word that looks transliterated (the ia of Media) in a publisher's name", () => {
  it('THEN it is read as the English word it is, not as Russian (медиа: copper), while titles and initials in transliteration still are', () => {
    expect(foreignTitleTerms('Furr, Grover. Leon Trotsky’s Collaboration with Germany and Japan. Kettering, OH: Erythrós Press & Media, LLC, 2017.')).toEqual([]);
    expect(foreignTitleTerms('Kantor, Iulia. Zakliataia druzhba. Sekretnoe sotrudnichestvo SSSR i Germanii. Moscow, 2009.')).toContain('friendship');
    expect(foreignTitleTerms('"Protokol Doprosa IA.A. Iakovleva. 15-18 oktiabria 1937 g." Lubianka 1937-1938 No. 226.')).toEqual(expect.arrayContaining(['protocol', 'interrog']));
    // The entry a reader finds by "copper" is none of the publisher's.
    return engine.search('copper', { limit: 5 }).then((r) => expect(r.hits.map((h) => h.block.plain).join(' ')).not.toMatch(/Erythrós Press/));
  });
});

describe('GIVEN a query that meets an entry only through its transliterated title read in English', () => {
  it("THEN the match report names the title's own words, not that the entry lacks the query's", async () => {
    const { hits, match } = await engine.search('Viktorov notes of a military prosecutor', { limit: 1 });
    expect(hits[0]?.block.plain).toContain('Zapiski voennogo prokurora');
    expect(match).toEqual(
      expect.arrayContaining([
        { word: 'notes', found: 'related', as: 'Zapiski' },
        { word: 'military', found: 'related', as: 'voennogo' },
        { word: 'prosecutor', found: 'related', as: 'prokurora' },
      ]),
    );
  });
});
