/**
 * Russian questions whose answer is a passage only in English (issue 12, cross-script): the words
 * a reader uses that the glossary reaches only when the query is read as Russian — a day word
 * (сегодня) kept rather than dropped as a stop word; a word read by its lemma where its stem is
 * another lemma's (стоит: стоить, not сто). Asserted on the bundled corpus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseTerm, isKey, parseQuery } from '../src/search/analyse/index.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { glossaryTerms, readApartFromStem } from '../src/search/expand/glossary.ts';
import { expandWord } from '../src/search/expand/index.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { shownHitTexts } from '../src/search/shown.ts';
import type { Corpus } from '../src/corpus/corpus.ts';
import { realCorpus } from './helpers/corpus.ts';

const english = (word: string) => analyseTerm(word).filter((t) => !isKey(t))[0]!;
const glossed = (word: string) => glossaryTerms(word, analyseTerm(word, { query: true })).map((t) => t.term);

let corpus: Corpus;
let engine: SearchEngine;
beforeAll(async () => {
  corpus = (await realCorpus()).corpus;
  engine = new SearchEngine(corpus, new MemoryCandidateSource(buildIndex(corpus)));
}, 120_000);

/** The rank (1-based) of the first hit whose shown texts contain `snippet`, or 0. */
async function rankOf(query: string, snippet: string): Promise<number> {
  const hits = (await engine.search(query, { limit: 10 })).hits;
  return hits.findIndex((h) => shownHitTexts(corpus, h).some((t) => t.includes(snippet))) + 1;
}

describe('GIVEN a Russian query with a day word (сегодня) and an English passage that says today or tonight', () => {
  it('THEN сегодня is a word of the query, not a dropped stop word, and the glossary reads it as today and tonight', () => {
    expect(parseQuery('сегодня вечером мне позвонил Троцкий').words.map((w) => w.text)).toContain('сегодня');
    expect(glossed('сегодня')).toEqual([english('today'), english('tonight')]);
  });

  it('THEN the English passage is among the first three (Tonight, Trotsky phoned me; Today I’m going to report)', async () => {
    const tonight = await rankOf('сегодня вечером мне позвонил Троцкий', 'Tonight, Trotsky phoned me');
    expect(tonight).toBeGreaterThan(0);
    expect(tonight).toBeLessThanOrEqual(3);
    const today = await rankOf('сегодня я кратко доложу о своих недавних исследованиях', 'report, briefly, on recent research of my own');
    expect(today).toBeGreaterThan(0);
    expect(today).toBeLessThanOrEqual(3);
  }, 60_000);
});

describe('GIVEN a Russian word the glossary reads as a lemma whose stem an unrelated lemma shares (стоит: стоить cost; сто a hundred)', () => {
  const expansions = (query: string, word: string) => {
    const index = (engine as unknown as { expansionIndex(): import('../src/search/expand/index.ts').ExpansionIndex }).expansionIndex();
    const w = parseQuery(query).words.find((x) => x.text === word)!;
    return expandWord(w, index).map((e) => e.term);
  };

  it('THEN it is read apart from its stem, and a word of a lemma that owns its stem is not (книга)', () => {
    expect(readApartFromStem('стоит', analyseTerm('стоит', { query: true }))).toBe(true);
    expect(readApartFromStem('книга', analyseTerm('книга', { query: true }))).toBe(false);
  });

  it('THEN the translation the corpus pairs learned for the shared stem (сто → situation) is not its own, its lemma\'s words are', () => {
    const terms = expansions('сколько стоит книга вместе с пересылкой', 'стоит');
    expect(terms).toContain(english('cost'));
    expect(terms).not.toContain(english('situation'));
  });

  it('THEN a learned translation that is another form of its lemma\'s word is kept (стало: стать become, learned became)', () => {
    const terms = expansions('когда стало известно', 'стало');
    expect(terms).toContain(english('became'));
    expect(terms).toContain(english('become'));
  });
});
