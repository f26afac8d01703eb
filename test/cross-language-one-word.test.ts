/**
 * One word across languages (src/search/cross-language.ts): a single English word reaches a passage
 * that is only in Russian, and a single Russian word an English passage, when the word is specific
 * (in few passages of its own language: a high idf) and its translation confident (few senses, a main
 * one). Common or many-sensed words stay in their own language. Cases written from the corpus.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { QueryWord } from '../src/search/analyse/index.ts';
import { CONFIDENT_WEIGHT, languageToAsk, MAX_SENSES, SPECIFIC_SHARE } from '../src/search/cross-language.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { russianTerms } from '../src/search/expand/index.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { realCorpus } from './helpers/corpus.ts';
import { inPassage, rankWhere } from './helpers/rank.ts';

let corpus: Corpus;
let engine: SearchEngine;
let source: MemoryCandidateSource;
beforeAll(async () => {
  corpus = (await realCorpus()).corpus;
  source = new MemoryCandidateSource(buildIndex(corpus));
  engine = new SearchEngine(corpus, source);
}, 120_000);

const rank = (q: string, snippet: string) => rankWhere(engine, q, inPassage(snippet));
/** What the engine decides for a query on the bundled index. */
function asked(q: string) {
  const parsed = engine.expand(engine.parse(q));
  const v = source.vocabulary;
  const share = (t: string) => v.documentFrequency(t) / v.documentCount;
  const index = { has: (t: string) => v.has(t), frequency: share, count: (t: string) => v.documentFrequency(t), size: v.documentCount, lexicons: () => ({}) as never };
  return languageToAsk(parsed.words, share, (w) => russianTerms(w, index));
}

describe('GIVEN a one-word query', () => {
  it('THEN a specific English word with a confident Russian translation reaches the passage only in Russian', async () => {
    // "Загадки смерти Сталина" (a Russian footnote, no translation in the text): загадка = riddle, mystery.
    expect(asked('riddles')).toBe('russian');
    expect(await rank('riddles', 'Загадки смерти Сталина')).toBe(1);
    expect(await rank('mystery', 'Загадки смерти Сталина')).toBeGreaterThanOrEqual(1);
    expect(await rank('mystery', 'Загадки смерти Сталина')).toBeLessThanOrEqual(3);
  });

  it('THEN a specific Russian word with a confident English translation is asked of the English passages', async () => {
    expect(asked('кошелёк')).toBe('english');
    expect(await rank('кошелёк', 'took out a wallet')).toBe(1);
  });

  it('THEN a common word, a name, or a word of many senses stays in its own language', () => {
    // "murder" is in 70 passages, "Stalin" in hundreds (in both scripts); "information" has six Russian words.
    for (const q of ['murder', 'Stalin', 'Сталин', 'information']) expect(asked(q), q).toBeUndefined();
    // Two words or more are sentences: asked across when most are in the other script, as before.
    expect(asked('Загадки смерти')).toBe('english');
  });

  it('THEN the rule is the idf and the translation, not the corpus: a word just past the share, or one with too many senses, is not asked', () => {
    const word = (text: string, expansions: { term: string; weight: number }[] = []): QueryWord => ({ text, terms: [text], parts: [], expansions });
    const ru = (n: number, weight = 0.5) => () => Array.from({ length: n }, (_, k) => ({ term: `слово${k}`, weight }));
    expect(languageToAsk([word('rare')], () => SPECIFIC_SHARE, ru(1))).toBe('russian');
    expect(languageToAsk([word('rare')], () => SPECIFIC_SHARE * 1.01, ru(1))).toBeUndefined();
    expect(languageToAsk([word('rare')], () => 0, ru(MAX_SENSES))).toBe('russian');
    expect(languageToAsk([word('rare')], () => 0, ru(MAX_SENSES + 1))).toBeUndefined();
    expect(languageToAsk([word('rare')], () => 0, ru(1, CONFIDENT_WEIGHT * 0.9))).toBeUndefined();
    expect(languageToAsk([word('редкое', [{ term: 'rare', weight: 0.5 }])], () => 0, ru(0))).toBe('english');
    expect(languageToAsk([word('редкое')], () => 0, ru(0))).toBeUndefined();
  });
});
