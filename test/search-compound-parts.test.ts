/**
 * A reader's hyphenated compound the text never writes ("once-secret", "highly-classified") is met
 * through its parts (issue 12): each part is expanded as a word of its own, so "once-secret
 * archives" reaches the text's "formerly closed Soviet archives" (secret → closed). A compound the
 * text does write ("Right-Trotskyist", "top-secret") keeps its parts literal. On the bundled corpus;
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
    expect(parts.secret).toContain('close');
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
