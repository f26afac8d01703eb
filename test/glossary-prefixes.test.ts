/**
 * A Russian verb the glossary lacks, read as a prefix and a listed verb (src/search/expand/glossary-prefixes.ts):
 * дописал is до + писал (write), below a direct entry's weight, with до-'s own sense (complete);
 * перепечатана пере + печатана (print) and its re- word (reprint). A word that merely begins like
 * a prefix, or whose rest is a listed noun or too short to be surely a verb, gets nothing.
 */
import { describe, expect, it } from 'vitest';
import { analyseTerm, isKey } from '../src/search/analyse/index.ts';
import { glossaryTerms } from '../src/search/expand/glossary.ts';
import { PREFIXED, prefixedVerbTargets } from '../src/search/expand/glossary-prefixes.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { realCorpus } from './helpers/corpus.ts';

const lookup = (word: string) => glossaryTerms(word, analyseTerm(word, { query: true }));
const weightOf = (word: string, english: string) => lookup(word).find((t) => t.term === analyseTerm(english).filter((x) => !isKey(x))[0])?.weight;

describe('GIVEN a Russian verb the glossary lacks, made of a prefix and a listed verb', () => {
  it('THEN its base verb gives its English words, below what a listed form gets', () => {
    expect(weightOf('дописал', 'write')).toBe(PREFIXED);
    expect(weightOf('написал', 'write')).toBe(1);
    expect(weightOf('продержал', 'hold')).toBe(PREFIXED);
    expect(weightOf('прожили', 'live')).toBe(PREFIXED);
  });

  it('THEN до- adds "complete" and "finish", and пере- the base word with re- (reprint)', () => {
    expect(weightOf('дописал', 'completed')).toBeGreaterThan(0);
    expect(weightOf('дописал', 'finish')).toBeLessThan(PREFIXED);
    expect(weightOf('перепечатана', 'print')).toBe(PREFIXED);
    expect(weightOf('перепечатана', 'reprinted')).toBe(PREFIXED);
  });

  it('THEN a prefixed imperfective in -ыва-/-ива- is read by its base verb\'s -а- (дописывал: писал)', () => {
    expect(weightOf('дописывал', 'write')).toBe(PREFIXED);
    expect(weightOf('перечитывают', 'reread')).toBe(PREFIXED);
    expect(weightOf('разыскивал', 'search')).toBe(PREFIXED);
  });

  it('THEN a word that only begins like a prefix, or whose rest is a noun, gets nothing', () => {
    for (const word of ['сталина', 'поднос', 'пробирка', 'вопросник', 'пронос']) expect(lookup(word), word).toEqual([]);
    // A rest of three letters is a verb's form by chance (на + шим: шить sew); в- and о- are not tried (вменяет is no меняет).
    for (const word of ['нашим', 'вменяет']) expect(lookup(word), word).toEqual([]);
    // Listed words are read as listed, never split: проблема is no про + блема.
    expect(lookup('проблемами').map((t) => t.weight)).toContain(1);
    expect(prefixedVerbTargets('поднос', () => undefined)).toEqual([]);
  });

  it('THEN a hard sign or ы after the prefix is the verb\'s own vowel (съехал, сыграл)', () => {
    const seen: string[] = [];
    prefixedVerbTargets('сыграл', (form) => (seen.push(form), undefined));
    prefixedVerbTargets('съехал', (form) => (seen.push(form), undefined));
    expect(seen).toContain('играл');
    expect(seen).toContain('ехал');
  });
});

describe('GIVEN a Russian question whose verb the glossary lacks but whose base it has', () => {
  it('THEN the English passage that says it is found first', async () => {
    const corpus = (await realCorpus()).corpus;
    const engine = new SearchEngine(corpus, new MemoryCandidateSource(buildIndex(corpus)));
    const hits = (await engine.search('перепечатано в виде книги', { limit: 3 })).hits;
    expect(hits[0]!.block.plain).toContain('Reprinted in book form');
  }, 60_000);
});
