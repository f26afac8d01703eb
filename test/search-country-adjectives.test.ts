/**
 * A place and its adjective (src/search/expand/names.ts placeAdjectiveLinks: WordNet's pertainyms
 * to noun.location, kept in data/wordnet/names.json): "sources from Poland" meets "sources in
 * Polish", "Turkish exile" meets "exile to Turkey". On the real corpus; the queries are our own
 * cases (o-wb01–o-wb10), none is in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../src/search/engine.ts';
import { PLACE_ADJECTIVE_WEIGHT } from '../src/search/expand/index.ts';
import { placeAdjectiveLinks } from '../src/search/expand/names.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const expansion = (query: string, word: string, term: string) => engine.expand(engine.parse(query)).words.find((w) => w.text === word)?.expansions?.find((e) => e.term === term);
const top = async (query: string) => (await engine.search(query, { limit: 1 })).hits[0]?.block.plain ?? '';

describe('GIVEN a country or its adjective in a query', () => {
  it('THEN each reaches the other, both ways', () => {
    expect(placeAdjectiveLinks(['poland'])).toContain('polish');
    expect(placeAdjectiveLinks(['polish'])).toContain('poland');
    expect(placeAdjectiveLinks(['japan'])).toContain('japanes');
    expect(placeAdjectiveLinks(['ukrainian'])).toContain('ukrain');
    expect(placeAdjectiveLinks(['germani'])).toContain('german');
  });

  it('THEN the other word weighs as a derivation, below the word itself', () => {
    expect(expansion('sources from Poland and Ukraine', 'poland', 'polish')?.weight).toBe(PLACE_ADJECTIVE_WEIGHT);
    expect(expansion("Trotsky's Turkish exile", 'turkish', 'turkey')?.weight).toBe(PLACE_ADJECTIVE_WEIGHT);
  });

  it('THEN the passage that says it with the other word ranks first', async () => {
    expect(await top('the consul could have come from Poland')).toContain('could easily have been Polish or German');
    expect(await top("Trotsky's Turkish exile")).toContain('went into exile to Turkey');
  });
});

describe('GIVEN a person WordNet gives an adjective to (Marxist, Stalinist)', () => {
  it('THEN no link is made: only places (noun.location) have their adjectives', () => {
    expect(placeAdjectiveLinks(['marxist'])).toEqual([]);
    expect(placeAdjectiveLinks(['stalinist'])).toEqual([]);
  });
});
