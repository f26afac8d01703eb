/**
 * An adverb and the adjective it is made from meet where Porter2 stems them apart (wordnet.ts
 * adverbAdjective): it reads clearly as clear and openly as open, but keeps the -ly of sharply,
 * heavily, briefly, chiefly and spells easily easili, easy easi, truly truli. WordNet links such an
 * adverb to its adjective ("derived from adjective"), so a reader's "heavy drinker" meets the text's
 * "drank heavily", below the word itself. Real corpus; the queries are none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { stemEnglish } from '../src/search/analyse/stem.ts';
import { adverbAdjective } from '../src/search/expand/wordnet.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const other = (word: string) => adverbAdjective(stemEnglish(word), word);

describe('GIVEN an adverb and its adjective that Porter2 stems apart', () => {
  it('THEN each reaches the other\'s stem, both ways', () => {
    expect(other('heavy')).toEqual([stemEnglish('heavily')]);
    expect(other('heavily')).toEqual([stemEnglish('heavy')]);
    expect(other('easy')).toEqual([stemEnglish('easily')]);
    expect(other('truly')).toEqual([stemEnglish('true')]);
    expect(other('necessary')).toEqual([stemEnglish('necessarily')]);
    expect(other('sharp')).toEqual([stemEnglish('sharply')]);
  });

  it('THEN a pair Porter2 already stems alike, a pair not spelled alike, and a noun\'s -ly word add nothing', () => {
    // clearly and clear are one stem already; well is good's adverb in WordNet but no spelling of it;
    // daily is no adverb of the noun day.
    expect(other('clearly')).toEqual([]);
    expect(other('well')).toEqual([]);
    expect(other('day')).toEqual([]);
  });
});

describe('GIVEN a reader who says with an adjective what the text says with its adverb', () => {
  it('THEN "Sonny was a heavy drinker" finds "Sonny drank heavily"', async () => {
    const hits = (await engine.search('Sonny was a heavy drinker', { limit: 3 })).hits;
    expect(hits[0]?.block.plain).toContain('Sonny drank heavily without losing consciousness');
  });

  it('THEN "lies that were easy to expose" finds the lie that "could easily be exposed" among the first two', async () => {
    const hits = (await engine.search('Trotsky lies that were easy to expose', { limit: 3 })).hits;
    expect(hits.slice(0, 2).map((h) => h.block.plain).join('\n')).toContain('It was a lie that could easily be exposed');
  });
});
