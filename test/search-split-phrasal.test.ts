/**
 * A phrasal verb split by a short object ("I can make stuff up", "kicked him out", "dug the letters
 * up") is the phrase WordNet lists whole (make up → invent, fabricate), in a passage and in a query
 * (src/search/expand/split-phrasal.ts): before, only a query's object pronoun was looked past, so a
 * passage that split the phrase never met the phrase's synonyms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/index.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { queryPhrases } from '../src/search/expand/phrases.ts';
import { phraseTerms } from '../src/search/passage-phrases.ts';
import { realEngine } from './helpers/corpus.ts';

const terms = (text: string) => phraseTerms(text).map((p) => p.term);

describe('GIVEN a passage that splits a phrasal verb around its object', () => {
  it('THEN the verb and particle are read as the phrase, for a pronoun, a word or a determiner and a word between them', () => {
    expect(terms('I can make stuff up, and people will believe it.')).toEqual(['_make up']);
    expect(terms('They kicked him out of the party.')).toEqual(['_kick out']);
    expect(terms('Broué dug the letters up at Harvard.')).toEqual(['_dig up']);
    expect(terms('He took the offer back.')).toEqual(['_take back']);
  });

  it('THEN no phrase is read across punctuation, past a longer object, or for a particle that starts a phrase of its own', () => {
    expect(terms('I can make stuff, up to a point.')).not.toContain('_make up');
    expect(terms('He took the whole offer back.')).toEqual([]);
    expect(terms('He put the book on the table.')).not.toContain('_put on');
    // The particle goes with the word next to it when the two are a phrase.
    expect(terms('Not one of the charges stands up.')).toEqual(['_stand up']);
  });
});

describe('GIVEN a query that splits a phrasal verb around its object', () => {
  it('THEN the phrase stands for its synonyms, and its object keeps only its own', () => {
    const [phrase] = queryPhrases(parseQuery('who dug the letters up'));
    expect(phrase!.related.map((r) => r.term)).toContain('unearth');
    expect(phrase!.words.map((w) => w.text)).toEqual(['dug']);
    expect(queryPhrases(parseQuery('not a single one of the charges stands up')).map((p) => p.text)).toEqual(['stands up']);
  });
});

describe('GIVEN the bundled corpus, whose Trotsky says "I can make stuff up, and people will believe it"', () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = (await realEngine()).engine;
  }, 120_000);

  it('THEN a reader who says he could invent things finds that passage first', async () => {
    const { hits } = await engine.search('Trotsky thought he could invent things and people would believe him', { limit: 3 });
    expect(hits[0]!.block.plain).toContain('I can make stuff up');
  });
});
