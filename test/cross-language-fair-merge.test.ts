/**
 * The fair merge of a query asked in both languages (src/search/cross-language.ts: fairWords,
 * fairCoverage; src/search/engine.ts: fairMerge). Each word of substance weighs by its idf among the
 * passages of its own language, and a passage covers it with its own term, a confident translation
 * (a little less) or, for a word without a translation, its cross-script key: a Russian passage that
 * shares a Russian question's common words no longer outranks the English passage that says its
 * specific words in English. On the real corpus; the queries are our own cases (search-own), written
 * from the corpus before the change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { QueryWord } from '../src/search/analyse/index.ts';
import { fairCoverage, fairWords, idfFairness, TRANSLATED, type LanguageFrequency } from '../src/search/cross-language.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { GLOSSARY_WEIGHT } from '../src/search/expand/index.ts';
import { realEngine } from './helpers/corpus.ts';
import { inShown, rankWhere } from './helpers/rank.ts';

let corpus: Corpus;
let engine: SearchEngine;
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
}, 120_000);

/** Rank (1-based, 0 when not in the top 10) of the first reply whose shown texts hold the snippet. */
const rank = (q: string, snippet: string) => rankWhere(engine, q, inShown(corpus, snippet));
const top = async (q: string) => (await engine.search(q, { limit: 1 })).hits[0]!.block;

describe('GIVEN a Russian question whose answer is an English passage, beside Russian passages that share its common words', () => {
  it('THEN the English passage that says its specific words ranks first', async () => {
    // Each of these ranked a Russian passage first before (в, лагере, было, около / письма, статьи / обвиняемых).
    expect(await rank('в одном только лагере было около тысячи старых троцкистов', 'about a thousand old Trotskyists')).toBe(1);
    expect(await rank('Троцкий писал статьи и для капиталистической прессы', 'Trotsky also wrote articles for the capitalist press')).toBe(1);
    expect(await rank('внешние доказательства подтверждают признания обвиняемых', 'tends to corroborate the confessions of the accused')).toBe(1);
    expect(await rank('около пяти лет назад я начал собирать документы о заговоре Троцкого с немцами', 'About five years ago I began to collect primary source evidence')).toBe(1);
  });

  it('THEN a Russian question whose answer is Russian keeps it first', async () => {
    expect((await top('военный трибунал осудил ленинградских чекистов во главе с Медведем')).plain).toMatch(/Медвед/);
    expect((await top('Мак пригласил Сынка на обед по случаю рождения сына')).lang).toBe('ru');
  });
});

describe('GIVEN an English question whose answer is a passage only in Russian', () => {
  it('THEN the reply says which Russian word met each English one, not that it was not found', async () => {
    const result = await engine.search('riddles', { limit: 1 });
    expect(result.hits[0]!.block.plain).toMatch(/Загадки смерти Сталина/);
    expect(result.match).toEqual([{ word: 'riddles', found: 'related', as: 'Загадки' }]);
  });
});

describe('GIVEN the words of a query asked in both languages', () => {
  // 100 Russian passages and 1,000 others: вместе in 20 Russian ones is common, тариф in none is the rarest.
  const frequency: LanguageFrequency = (term, cyrillic) => ({ df: { вмест: 20, тариф: 0, together: 40, tariff: 1 }[term] ?? 0, n: cyrillic ? 100 : 1000 });
  const word = (text: string, terms: string[], expansions: QueryWord['expansions'] = [], more: Partial<QueryWord> = {}): QueryWord => ({ text, terms, parts: [], expansions, ...more });
  const words = [word('вместе', ['вмест', '~vmest'], [{ term: 'together', weight: GLOSSARY_WEIGHT }]), word('тарифу', ['тариф', '~tarif'], [{ term: 'tariff', weight: 0.8 * GLOSSARY_WEIGHT }]), word('сколько', ['скольк'], [], { light: true })];
  const fair = fairWords(words, frequency, () => []);

  it('THEN each word weighs by its idf among its own language’s passages, light words not at all', () => {
    expect(fair).toHaveLength(2);
    expect(fair[1]!.importance).toBeGreaterThan(fair[0]!.importance);
    expect(fair[1]!.importance).toBeCloseTo(Math.log(1 + 100.5 / 0.5));
  });

  it('THEN a passage covers a word with its own term fully, a translation as surely as its gloss, the key of a translated word not at all', () => {
    const terms = (...t: string[]) => [new Map(t.map((x) => [x, [0]]))];
    const share = (c: number) => c / (fair[0]!.importance + fair[1]!.importance);
    expect(fairCoverage(fair, terms('вмест'))).toBeCloseTo(share(fair[0]!.importance));
    expect(fairCoverage(fair, terms('together'))).toBeCloseTo(share(TRANSLATED * fair[0]!.importance));
    expect(fairCoverage(fair, terms('tariff'))).toBeCloseTo(share(TRANSLATED * 0.8 * fair[1]!.importance));
    expect(fairCoverage(fair, terms('~vmest', '~tarif'))).toBe(0);
    // The English passage with the rare word's translation covers more than the Russian one with the common word.
    expect(fairCoverage(fair, terms('tariff'))).toBeGreaterThan(fairCoverage(fair, terms('вмест')));
  });

  it('THEN a passage holding a Russian word itself is scored by its idf among the Russian passages, not the library\'s, and one holding only translations as it was', () => {
    const library: LanguageFrequency = (term, cyrillic) => ({ ...frequency(term, cyrillic), all: 1100 });
    const both = fairWords(words, library, () => []);
    const terms = (...t: string[]) => new Map(t.map((x) => [x, [0]]));
    const common = idfFairness(both, terms('вмест'));
    // вместе: in 20 of 100 Russian passages, 20 of all 1,100.
    expect(common).toBeCloseTo(Math.log(1 + 80.5 / 20.5) / Math.log(1 + 1080.5 / 20.5));
    expect(common).toBeLessThan(0.5);
    expect(idfFairness(both, terms('together', 'tariff'))).toBe(1);
    // Without the library's size (a source that does not tell it) nothing changes.
    expect(idfFairness(fair, terms('вмест'))).toBe(1);
  });

  it('THEN a Russian question whose English answer a Russian passage sharing one common word outranked now finds it', async () => {
    // Before: the Russian p257 («В 1926 году … к левой оппозиции») first, the English answer second.
    expect(await rank('ленинградская оппозиция 1926 года', 'a member of the Leningrad Opposition in 1926')).toBe(1);
  });

  it('THEN a name without a translation is met by its key, and one spelt as no text spells it by its typo neighbours', () => {
    const names = fairWords([word('снайдер', ['снайдер', '~snaider', 'snaider'], [], { unknown: true }), word('бухарина', ['бухарин', '~buharin', 'bukharina'])], frequency, () => []);
    const terms = (...t: string[]) => [new Map(t.map((x) => [x, [0]]))];
    expect(fairCoverage(names, terms('~buharin'))).toBeGreaterThan(0);
    expect(fairCoverage(names, terms('~snider'))).toBeGreaterThan(0);
    expect(fairCoverage(names, terms('~snaider'))).toBeGreaterThan(fairCoverage(names, terms('~snider')));
    expect(fairCoverage(names, terms('~smith'))).toBe(0);
  });
});
