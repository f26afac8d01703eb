/**
 * A proper name's acronym and its names in words (wordnet-compile.ts properNameAcronyms): the corpus
 * writes the Soviet state USSR, U.S.S.R. and Soviet Union, and WordNet has them in one synset, so a
 * reader's one name meets the text's other, weighed as a synonym. Real corpus; the queries are none
 * of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/index.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { queryPhrases } from '../src/search/expand/phrases.ts';
import { relatedStems, SYNONYM } from '../src/search/expand/wordnet.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const first = async (query: string) => (await engine.search(query, { limit: 1 })).hits[0]?.block.plain ?? '';

describe('GIVEN a query that calls a state by its acronym', () => {
  it('THEN its names in words are its synonyms, and nothing it is an instance of', () => {
    expect(relatedStems('ussr')).toEqual([
      { term: '_soviet union', weight: SYNONYM },
      { term: '_union of soviet socialist republ', weight: SYNONYM },
    ]);
    expect(relatedStems('uk').map((r) => r.term)).toContain('_unit kingdom');
  });
});

describe('GIVEN a query that writes the name in words', () => {
  it('THEN the acronym is its synonym', () => {
    const [phrase] = queryPhrases(parseQuery('the fall of the Soviet Union'));
    expect(phrase?.related).toContainEqual({ term: 'ussr', weight: SYNONYM });
  });

  it('THEN the passage that writes the acronym leads', async () => {
    // Without the acronym the passage saying "in the USSR" was third.
    expect(await first('as Trotsky knew, his followers in the Soviet Union were in a bloc with the Zinovievists')).toContain('As Trotsky knew then, and as we know today, he and his followers in the USSR');
  });
});

describe('GIVEN a one-word name in the same synset (Russia)', () => {
  it('THEN it does not lead to the acronym: Russia is no USSR', () => {
    expect(relatedStems('russia')).toEqual([]);
  });
});

describe('GIVEN an acronym that names several things, or is a common word', () => {
  it('THEN it is no synonym of any of them (USA: the country and its army; US: us)', () => {
    expect(relatedStems('usa')).toEqual([]);
    expect(relatedStems('us')).toEqual([]);
  });
});
