/**
 * The reader's own phrasing (src/search/rerank.ts: wordPairs, PHRASING): a passage that has the
 * query's neighbouring words side by side as typed, stop words included, ranks above one that
 * shares only its words of substance; a front-matter line is read under its work's title, as the
 * index reads it. On the bundled corpus; the queries are written for this test (none is a case of
 * ../shared/eval or of test/fixtures/search-own).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { snippetMatches } from '../src/eval/normalize.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { wordPairs } from '../src/search/rerank.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const first = async (query: string) => (await engine.search(query, { limit: 3 })).hits[0]!.block.plain;

describe('GIVEN a query as a reader types it', () => {
  it('THEN its pairs of neighbouring words keep the stop words, each pair once', () => {
    expect(wordPairs('he got a letter from trotsky in 1932')).toEqual(['he got', 'got a', 'a letter', 'letter from', 'from trotsky', 'trotsky in', 'in 1932']);
    expect(wordPairs('they said it over and over')).toEqual(['they said', 'said it', 'it over', 'over and', 'and over']);
    expect(wordPairs('it')).toEqual([]);
  });

  it('THEN a query phrased as a title or a heading, not as a clause, has no pairs to read', () => {
    // Titles that cite these words side by side (a note, a catalogue line) would outrank the passages on the subject.
    for (const q of ['soviet union history', "call number of trotsky's lies", "khrushchev's lies about stalin"]) expect(wordPairs(q), q).toEqual([]);
  });
});

describe('GIVEN a query that keeps part of a passage’s wording and says the rest in other words', () => {
  it('THEN the passage with the words side by side ranks above a note that shares only its words of substance', async () => {
    // The text: "Trotsky was charged with and convicted in absentia of such collaboration". Before,
    // the note on the Dewey Commission's report "Not Guilty" came first (3.13 against 3.11).
    expect(snippetMatches(await first('Trotsky was accused and found guilty in absentia'), 'Trotsky was charged with and convicted in absentia')).toBe(true);
  });

  it('THEN a front-matter line is read under its work’s title: the publisher of the book asked for comes first', async () => {
    // Before, a paragraph about the lies Trotsky told came first; the publisher's line holds only "published".
    expect(snippetMatches(await first("who published Trotsky's Lies"), 'Erythros Press and Media')).toBe(true);
  });
});
