/**
 * A single query word meets the multi-word synonym a passage says instead (issue 12): cancelled →
 * "called off", resign → "stepped down", penniless → "hard up". WordNet lists such phrases as
 * members of the word's synset; the index holds a passage's phrases as terms of their own
 * (src/search/passage-phrases.ts), so a passage counts for one only where it has the phrase's
 * words in sequence — never for one of its words alone ("call", "off", "custody").
 */
import { describe, expect, it } from 'vitest';
import { stemEnglish } from '../src/search/analyse/stem.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { relatedStems, SYNONYM } from '../src/search/expand/wordnet.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { phraseTerms } from '../src/search/passage-phrases.ts';
import { termPositions } from '../src/search/term-positions.ts';
import { paragraphsCorpus } from './helpers/corpus.ts';

const MINUTES = [
  'The workers meeting was called off after the police came to the hall.',
  'The police came to the hall and made a call to the workers meeting.',
  'Nothing said at the workers meeting was off the record, the police noted.',
  'The chairman of the union stepped down in May, after the strike.',
  'The chairman took a step down from the stage and spoke of the strike.',
  'The chairman was a step ahead; down at the docks the strike went on.',
  'Last year the union calls off every second meeting.',
  // A library is larger than a few minutes: an expansion in a tenth of the passages is left out for cost.
  ...Array.from({ length: 60 }, (_, i) => `At meeting number ${i + 1} the union spoke of wages and hours.`),
];

async function library(texts: string[]): Promise<SearchEngine> {
  const corpus = await paragraphsCorpus({ id: 'minutes', title: 'Union minutes', part: 'Minutes' }, texts);
  return new SearchEngine(corpus, new MemoryCandidateSource(buildIndex(corpus)));
}

describe('GIVEN a text that says a word with a multi-word expression of its WordNet synset', () => {
  it('THEN the phrase is read where its words stand in sequence, in any form of its head word, and not across punctuation', () => {
    const terms = (text: string) => phraseTerms(text).map((p) => p.term);
    expect(terms('The meeting was called off.')).toEqual(['_call off']);
    expect(terms('The union calls off the strike.')).toEqual(['_call off']);
    expect(terms('Iagoda was taken into custody in March.')).toEqual(['_take into custodi']);
    expect(terms('He stepped down; down he went.')).toEqual(['_step down']);
    // "After all, in": a comma between the words; "step, down" likewise.
    expect(terms('After all, in this case he took a step, down the road.')).not.toContain('_all in');
    expect(terms('He took a step, down the road.')).toEqual([]);
    // WordNet's "kind of" is an adverb (somewhat); after a determiner it is the noun's.
    expect(terms('It reflects a kind of bravado, the same kind of research.')).toEqual([]);
    expect(terms('It was kind of strange.')).toEqual(['_kind of']);
  });

  it('THEN the passage holds the phrase as an index term at its first word', () => {
    expect(termPositions('The meeting was called off at once.').get('_call off')).toEqual([3]);
  });

  it('THEN a query word reaches its synset\'s phrases as synonyms, and not a phrase holding the word itself', () => {
    const related = (word: string, pos: 'n' | 'v' | 'a' | 'r') => new Map(relatedStems(stemEnglish(word), new Set([pos])).map((r) => [r.term, r.weight]));
    expect(related('cancel', 'v').get('_call off')).toBe(SYNONYM);
    expect(related('resign', 'v').get('_step down')).toBe(SYNONYM);
    expect(related('penniless', 'a').get('_hard up')).toBe(SYNONYM);
    expect(related('ultimately', 'r').get('_in the end')).toBe(SYNONYM);
    // "break off" is discontinue's synonym, but a passage that says it says "break".
    expect(related('discontinue', 'v').get('_break off')).toBe(SYNONYM);
    expect(related('break', 'v').has('_break off')).toBe(false);
  });

  it('THEN a query for the word finds the passages with the phrase, and none that has only one of its words', async () => {
    const engine = await library(MINUTES);
    const cancelled = await engine.search('cancelled', { limit: 10 });
    expect(cancelled.hits.map((h) => h.block.id).sort()).toEqual(['minutes.p1', 'minutes.p7']);
    expect(cancelled.match).toEqual([{ word: 'cancelled', found: 'related', as: 'called off' }]);
    const resigned = await engine.search('the chairman resigned', { limit: 10 });
    expect(resigned.hits[0]!.block.id).toBe('minutes.p4');
    // "a step down from the stage" is no resignation as WordNet reads it either, but it has the
    // words in sequence: it may count; "a step ahead; down at the docks" may not.
    expect(resigned.hits.find((h) => h.block.id === 'minutes.p6')?.score ?? 0).toBeLessThan(resigned.hits[0]!.score / 2);
    const meeting = await engine.search('workers meeting cancelled', { limit: 3 });
    expect(meeting.hits[0]!.block.id).toBe('minutes.p1');
  });

  it('THEN autocomplete offers the words, never a phrase term', async () => {
    const engine = await library(MINUTES);
    for (const typed of ['call', 'step', 'call off', '_call']) {
      const offered = await engine.suggest(typed, 10);
      expect(offered.filter((s) => s.includes('_') || s.includes('call off') || s.includes('step down')), typed).toEqual([]);
    }
    expect(await engine.suggest('call', 10)).toContain('call');
  });
});
