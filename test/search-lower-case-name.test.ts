/**
 * A name typed in lower case is read as the name (src/search/lower-case-name.ts): readers in a chat
 * type "bakaev" or "who was yagoda", and a lower-case word was read as a common word — its form held
 * to what was typed, no introduction of a person — so "bakaev" put Bakaev's introduction 4th where
 * "Bakaev" put it 1st. Real corpus; the queries are none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const ids = async (query: string) => (await engine.search(query, { limit: 10 })).hits.map((h) => h.block.id);
const capitalised = (query: string) => engine.parse(query).words.map((w) => w.capitalised === true);

describe('GIVEN a lower-case word the corpus writes only as a name and WordNet does not know', () => {
  it('THEN it is read as if typed with a capital', () => {
    expect(capitalised('bakaev')).toEqual([true]);
    expect(capitalised('who was uglanov')).toEqual(capitalised('who was Uglanov'));
    expect(capitalised("fel'shtinsky")).toEqual([true]);
  });

  it('THEN it finds first what the capitalised name finds first', async () => {
    for (const name of ['Bakaev', "Fel'shtinsky", 'CAHLT']) {
      expect((await ids(name.toLowerCase()))[0], name).toBe((await ids(name))[0]);
    }
  });
});

describe('GIVEN a lower-case word WordNet knows, or one the corpus never writes as a name', () => {
  it('THEN it stays a common word', () => {
    // "beard" is also Charles Beard in the corpus; a reader typing it in lower case may mean either.
    expect(capitalised('beard platform')).toEqual([false, false]);
    expect(capitalised('zzqqxxvv')).toEqual([false]);
  });
});
