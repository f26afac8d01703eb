/**
 * Forms of glossary lemmas whose stem changes (src/search/expand/glossary-irregular.ts), on the
 * real glossary: the present of irregular verbs (дадут, пьёт, боятся, поймёт, пишет), the -т
 * participle (убитого), the present gerund (считая, готовя) and comparatives (хуже, проще). Before,
 * Snowball stemmed them apart from the lemma and the glossary gave them no English.
 */
import { describe, expect, it } from 'vitest';
import { analyseTerm, isKey } from '../src/search/analyse/index.ts';
import { glossaryTerms } from '../src/search/expand/glossary.ts';
import { comparativeForms, irregularVerbForms } from '../src/search/expand/glossary-irregular.ts';

const lookup = (word: string) => glossaryTerms(word, analyseTerm(word, { query: true }));
const termOf = (english: string) => analyseTerm(english).filter((x) => !isKey(x))[0];
const weightOf = (word: string, english: string) => lookup(word).find((t) => t.term === termOf(english))?.weight;

describe('GIVEN an irregular verb of the glossary in its present or future', () => {
  it('THEN the form reaches the verb\'s English', () => {
    expect(weightOf('дадут', 'give')).toBe(1);
    expect(weightOf('пьёт', 'drink')).toBe(1);
    expect(weightOf('убьёт', 'kill')).toBe(1);
    expect(weightOf('боятся', 'fear')).toBe(1);
    expect(weightOf('боюсь', 'fear')).toBe(1);
    expect(weightOf('поймёт', 'understand')).toBe(1);
    expect(weightOf('возьмёт', 'take')).toBe(1);
    expect(weightOf('начнёт', 'begin')).toBe(1);
    expect(weightOf('докажет', 'prove')).toBe(1);
    expect(weightOf('пишет', 'write')).toBe(1);
    expect(weightOf('лжёт', 'lie')).toBe(1);
    expect(weightOf('останется', 'remain')).toBe(1);
    expect(weightOf('забудет', 'forget')).toBe(1);
  });

  it('THEN a prefix ending in a consonant takes its о (разобьёт) and дать\'s prefixed verbs conjugate as it does', () => {
    expect(irregularVerbForms('разбить')).toContain('разобьет');
    expect(irregularVerbForms('создать')).toEqual(expect.arrayContaining(['создаст', 'создадут']));
    expect(irregularVerbForms('рассказать')).toContain('расскажет');
  });

  it('THEN a word that merely ends alike is no such verb (купить, решить, ставить)', () => {
    expect(irregularVerbForms('купить')).not.toContain('купьет');
    expect(irregularVerbForms('решить')).not.toContain('решьет');
    expect(irregularVerbForms('ставить').filter((f) => f.includes('вь'))).toEqual([]);
  });
});

describe('GIVEN a participle in -т or a present gerund', () => {
  it('THEN it reaches its verb\'s English', () => {
    expect(weightOf('убитого', 'kill')).toBe(1);
    expect(weightOf('считая', 'consider')).toBe(1);
    expect(weightOf('готовя', 'prepare')).toBe(1);
    expect(weightOf('боясь', 'fear')).toBe(1);
    expect(weightOf('держа', 'hold')).toBe(1);
  });
});

describe('GIVEN a comparative whose consonant or root changes', () => {
  it('THEN it reaches the adjective\'s English', () => {
    expect(weightOf('хуже', 'bad')).toBe(1);
    expect(weightOf('проще', 'simple')).toBe(1);
    expect(weightOf('выше', 'high')).toBe(1);
    expect(comparativeForms('строгий')).toEqual(['строже']);
    expect(comparativeForms('советский')).toEqual([]);
  });
});

describe('GIVEN an adjective\'s short masculine form, with the vowel it puts before its last consonant', () => {
  it('THEN it reaches the adjective\'s English (причастен, крепок)', () => {
    expect(weightOf('причастен', 'involved')).toBe(1);
    expect(weightOf('крепок', 'strong')).toBe(1);
  });
});

describe('GIVEN the words a reader uses of this corpus\'s people, tricks and arguments', () => {
  it('THEN the glossary reads them in their case forms', () => {
    expect(weightOf('головорезами', 'thug')).toBe(1);
    expect(weightOf('лгуна', 'liar')).toBe(1);
    expect(weightOf('уловки', 'ploy')).toBe(1);
    expect(weightOf('махинациями', 'machination')).toBe(1);
    expect(weightOf('голословные', 'unsubstantiated')).toBe(1);
  });
});

describe('GIVEN a perfective gerund, a past active participle or a -честь verb', () => {
  it('THEN it reaches the verb\'s English (взяв, убивших, пришедший, прочёл, прочтёт)', () => {
    expect(weightOf('взяв', 'take')).toBe(1);
    expect(weightOf('убивших', 'kill')).toBe(1);
    expect(weightOf('пришедший', 'come')).toBe(1);
    expect(weightOf('прочёл', 'read')).toBe(1);
    expect(weightOf('прочтёт', 'read')).toBe(1);
    expect(irregularVerbForms('честь')).toEqual([]);
  });
});

describe('GIVEN a word whose lemmas disagree', () => {
  it('THEN each reading is given at half its weight rather than none (вину: guilt, wine; преданы: betray, devoted)', () => {
    expect(weightOf('вину', 'guilt')).toBe(0.5);
    expect(weightOf('вину', 'wine')).toBe(0.5);
    expect(weightOf('преданы', 'devoted')).toBe(0.5);
    expect(weightOf('преданы', 'betray')).toBe(0.5);
    expect(weightOf('вина', 'guilt')).toBe(1);
  });
});
