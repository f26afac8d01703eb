/**
 * Expressions WordNet has only as phrases (issue 12): "again and again", "over and over again" and
 * "time and again" are one adverb synset with no single-word member, and "stand up", "hold up",
 * "hold water" one verb synset (withstand criticism). A reader's phrase stands for the other
 * phrases of its synsets, and a passage holds such a phrase as an index term
 * (src/search/passage-phrases.ts), so "repeating it time and again" meets "repeating it over and
 * over again". On the bundled corpus; the queries are written for these tests, none is an eval case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { stemEnglish } from '../src/search/analyse/stem.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { phrasesIn } from '../src/search/expand/wordnet.ts';
import { phraseTerms } from '../src/search/passage-phrases.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const related = (phrase: string) => new Map(phrasesIn(phrase.split(' ').map((w) => stemEnglish(w)))[0]?.related.map((r) => [r.term, r.weight]) ?? []);
const ids = async (q: string) => (await engine.search(q, { limit: 10 })).hits.map((h) => h.block.id);

describe('GIVEN a text that says an expression WordNet lists only beside other phrases', () => {
  it('THEN the passage holds it as an index term, as it holds a phrase that a single word stands for', () => {
    const terms = (text: string) => phraseTerms(text).map((p) => p.term);
    expect(terms('his persistence in repeating it over and over again')).toContain('_over and over again');
    expect(terms('Once again, not a single accusation holds up.')).toContain('_hold up');
    expect(terms('In other words: the initial amalgam fell apart into dust.')).toContain('_in other word');
  });
});

describe("GIVEN a reader's phrase whose synset has other phrases", () => {
  it('THEN it stands for them, as synonyms, and not for itself', () => {
    const again = related('again and again');
    expect(again.get('_over and over again')).toBeGreaterThan(0);
    expect(again.get('_time and again')).toBeGreaterThan(0);
    expect(again.has('_again and again')).toBe(false);
    expect(related('put differently').get('_in other word')).toBeGreaterThan(0);
  });

  it("THEN a phrase's rarer senses count: 'hold up' withstands criticism only in its seventh, and 'stands up' reaches it", () => {
    expect(related('stands up').get('_hold up')).toBeGreaterThan(0);
  });

  it('THEN a query with it finds the passage that says the other phrase', async () => {
    // trotskys-lies.p543: "his persistence in repeating it over and over again".
    expect((await ids("Trotsky's persistence in repeating the charge time and again")).slice(0, 3)).toContain('trotskys-lies.p543');
    const parsed = engine.expand(engine.parse('not a single one of the charges stands up'));
    expect(parsed.words.flatMap((w) => (w.expansions ?? []).map((e) => e.term))).toContain('_hold up');
  });
});
