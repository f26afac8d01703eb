/**
 * A Russian adjective of a name stands for the name (src/search/expand/place-adjectives.ts):
 * московский → Moscow, ленинградских → Leningrad and its other name Petrograd. The queries are
 * written for these tests, none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { placeNameGuesses, placeNameTerms } from '../src/search/expand/place-adjectives.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
}, 120_000);

const holding = (...terms: string[]) => (t: string) => terms.includes(t);

describe('GIVEN Russian adjectives of names, in any case form', () => {
  it('THEN the name is among the guesses, by the ways Russian forms these adjectives', () => {
    const cases: [string, string][] = [
      ['московский', 'москва'],
      ['ленинградских', 'ленинград'],
      ['сибирской', 'сибирь'],
      ['украинская', 'украина'],
      ['германского', 'германия'],
      ['английском', 'англия'],
      ['томского', 'томск'],
      ['барнаульские', 'барнаул'],
      ['мексиканский', 'мексика'],
      ['одесский', 'одесса'],
      ['тверской', 'тверь'],
    ];
    for (const [adjective, name] of cases) expect(placeNameGuesses(adjective), adjective).toContain(name);
    // -цкий (Троцкий) and words of other shapes are no such adjective.
    expect(placeNameGuesses('троцкий')).toEqual([]);
    expect(placeNameGuesses('процесс')).toEqual([]);
  });

  it('THEN a guess is kept only when it is a name of the names list or one the texts spell in Latin letters, with its other names', () => {
    // Москва → Moscow is in data/names; the texts need not spell "moskva".
    expect(placeNameTerms('московского', holding('moscow'))).toEqual(['moscow']);
    // Leningrad by its transliteration, and WordNet's other name of it.
    expect(placeNameTerms('ленинградских', holding('leningrad', 'petrograd'))).toEqual(['leningrad', 'petrograd']);
    // A common noun's adjective: no English word is spelled like город.
    expect(placeNameTerms('городской', holding('citi', 'town'))).toEqual([]);
    expect(placeNameTerms('сибирский', holding('moscow'))).toEqual([]);
  });
});

describe('GIVEN a Russian question with a city adjective, on the bundled corpus', () => {
  it('THEN the adjective reaches the English name as a cognate does, below the word itself', () => {
    const word = (q: string, text: string) => engine.expand(engine.parse(q)).words.find((w) => w.text === text);
    const moscow = word('первый московский процесс', 'московский')?.expansions?.find((e) => e.term === 'moscow');
    expect(moscow?.weight).toBe(0.5);
    const terms = word('ленинградская оппозиция', 'ленинградская')?.expansions?.map((e) => e.term);
    expect(terms).toEqual(expect.arrayContaining(['leningrad', 'petrograd']));
  });

});
