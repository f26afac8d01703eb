/**
 * A footnote's titles in Russian (transliterated) or French, read in English (src/search/note-glosses.ts):
 * a reader asks for the work in English, and the note citing it is the only place that names it.
 * Real corpus; the queries are none of ../shared/eval's nor the own cases'.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { cyrillicOf, foreignTitleTerms } from '../src/search/note-glosses.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const first = async (query: string) => (await engine.search(query, { limit: 1 })).hits[0]?.block;

describe('GIVEN a note citing a Russian title in transliteration', () => {
  it('THEN a Latin word is read back into Cyrillic, ia and iu as я and ю or as two letters', () => {
    expect(cyrillicOf("podpol'noi")).toEqual(['подпольной']);
    expect(cyrillicOf('materialy')).toEqual(['матерялы', 'материалы']);
    expect(cyrillicOf('zhene')).toEqual(['жене']);
  });

  it('THEN its words give their English terms, and an English sentence gives none', () => {
    const terms = foreignTitleTerms("Obvinitelnye materialy po delu podpol'noi kontrrevolutsionnoi gruppy zinov'evtsev. Moscow: Partizdat TsK VKP(b), 1935.");
    expect(terms).toEqual(expect.arrayContaining(['materi', 'underground', 'group']));
    expect(foreignTitleTerms('Trotsky is referring to the Moscow Center trial of January 1935.')).toEqual([]);
  });

  it('THEN asked for in English, the note leads', async () => {
    expect((await first('the 1935 booklet of indictment materials on the underground Zinovievist group'))?.plain).toContain('Obvinitelnye materialy po delu');
  });
});

describe('GIVEN a note citing a French title', () => {
  it('THEN asked for in English, the note leads, above the text on the same subject', async () => {
    expect((await first('Broué on the historian Charles Beard and the Moscow trials'))?.plain).toContain('Charles A. Beard et les procès de Moscou');
  });
});
