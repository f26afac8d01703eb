/**
 * A reader's hyphenated compound the text never writes ("once-secret", "highly-classified") is met
 * through its parts (issue 12): each part is expanded as a word of its own, so "once-secret
 * archives" reaches the text's "formerly closed Soviet archives" (secret → closed). A compound the
 * text does write ("Right-Trotskyist", "top-secret") keeps its parts literal. A Russian compound
 * (военно-фашистский) folds to one word no glossary reads: its parts' English stands for it. On the bundled corpus;
 * the queries are written for these tests, none is an eval case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

/** Per part of the query's compound: its expansions' terms. */
const partExpansions = (query: string) =>
  Object.fromEntries(
    engine
      .expand(engine.parse(query))
      .words.flatMap((w) => w.parts)
      .map((p) => [p.text, (p.expansions ?? []).map((e) => e.term)]),
  );

describe('GIVEN a hyphenated compound the text never writes', () => {
  it('THEN each part of substance is expanded as a word of its own', () => {
    const parts = partExpansions('documents from once-secret archives');
    // clandestine, not close: since organs no longer share organization's stem, WordNet's organ (a
    // group's periodical, narrower than information) is a rare word and among secret's 12 strongest.
    expect(parts.secret).toContain('clandestin');
    // "once" is a light word: it adds no synonyms of its own.
    expect(parts.once ?? []).toEqual([]);
    expect(partExpansions('a highly-classified report').classified).toContain('secret');
  });

  // A floor, not the change's proof (the expansions above are): the passage ranks in the top 3 with or without them.
  it('THEN a query with it still finds the passage that says the part in other words', async () => {
    const hits = (await engine.search('after the USSR ended, primary documents from once-secret archives came out', { limit: 10 })).hits.map((h) => h.block.id);
    // continuing-revolution-speech.p2: "… a great many primary documents from formerly closed Soviet archives have been published."
    expect(hits.slice(0, 3)).toContain('continuing-revolution-speech.p2');
  });
});

describe('GIVEN a hyphenated compound the text writes', () => {
  it('THEN its parts stay literal, with no synonyms', () => {
    for (const parts of [partExpansions('the Right-Trotskyist bloc'), partExpansions('still top-secret in Russia')]) {
      for (const terms of Object.values(parts)) expect(terms).toEqual([]);
    }
  });
});

/** The English terms the query's first word stands for. */
const englishOf = (query: string) => (engine.expand(engine.parse(query)).words[0]!.expansions ?? []).map((e) => e.term).filter((t) => /^[a-z]/.test(t));

describe('GIVEN a hyphenated Russian compound (военно-фашистский, право-троцкистский, национал-фашистская)', () => {
  it('THEN the English of its parts stands for it, a first part in -о read as its adjective (военно: military)', () => {
    expect(englishOf('военно-фашистский заговор')).toEqual(expect.arrayContaining(['militari', 'fascist']));
    // Written in the Russian text, so known to the index, yet read by nothing before: its parts say right, Trotskyist.
    expect(englishOf('право-троцкистского блока')).toEqual(expect.arrayContaining(['right', 'trotskyist']));
    expect(englishOf('зиновьевско-троцкистский блок')).toEqual(expect.arrayContaining(['trotskyist']));
  });

  it('THEN a Russian question with one finds the English passage that says it', async () => {
    // A floor (it ranked first before through the parts' own terms too). trotskys-lies.p432: "… the creation in the Ukraine of a national-fascist organization, the object of which was to sever the Ukraine from the U.S.S.R."
    const hits = (await engine.search('национал-фашистская организация на Украине', { limit: 3 })).hits.map((h) => h.block.id);
    expect(hits[0]).toBe('trotskys-lies.p432');
  });

  it('THEN a Russian троцкистский reaches the English Trotskyite as well as Trotskyist (translators write both)', () => {
    expect(englishOf('троцкистский блок')).toEqual(expect.arrayContaining(['trotskyist', 'trotskyit']));
  });
});
