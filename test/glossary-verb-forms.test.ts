/**
 * Forms of glossary verbs whose infinitive hides their stem (src/search/expand/glossary-forms.ts
 * hiddenForms), on the real glossary: -сти/-зти (привёл, принёс, спасли, вырос), -чь (помог,
 * поможет, сожгла, отреклись), -ереть (умер) and the -нуть verbs that drop -ну- in the past (исчез).
 * A word that merely ends alike, or a noun whose stem such a past would share, keeps its own reading.
 */
import { describe, expect, it } from 'vitest';
import { analyseTerm, isKey } from '../src/search/analyse/index.ts';
import { glossaryTerms } from '../src/search/expand/glossary.ts';
import { hiddenForms, presentForms, verbForms } from '../src/search/expand/glossary-forms.ts';

const lookup = (word: string) => glossaryTerms(word, analyseTerm(word, { query: true }));
const termOf = (english: string) => analyseTerm(english).filter((x) => !isKey(x))[0];
const weightOf = (word: string, english: string) => lookup(word).find((t) => t.term === termOf(english))?.weight;

describe('GIVEN a -сти or -зти verb of the glossary', () => {
  it('THEN its past reaches its English, with the stem\'s д or т dropped or its с, з kept', () => {
    expect(weightOf('привёл', 'bring')).toBe(1);
    expect(weightOf('привела', 'lead')).toBeGreaterThan(0);
    expect(weightOf('изобрёл', 'invent')).toBe(1);
    expect(weightOf('ввели', 'introduce')).toBe(1);
    expect(weightOf('довёл', 'lead')).toBe(1);
    expect(weightOf('принёс', 'bring')).toBe(1);
    expect(weightOf('спасли', 'save')).toBe(1);
    expect(weightOf('вёз', 'carry')).toBe(1);
    expect(weightOf('вырос', 'grow')).toBe(1);
    expect(weightOf('росла', 'grow')).toBe(1);
  });

  it('THEN its present or future does too (ведёт, спасёт, несут)', () => {
    expect(weightOf('ведёт', 'lead')).toBe(1);
    expect(weightOf('спасёт', 'save')).toBe(1);
    expect(weightOf('несут', 'carry')).toBe(1);
    expect(hiddenForms('мести')).toEqual(['мел', 'мела', 'мело', 'мели', 'метет', 'метут']);
  });
});

describe('GIVEN a -чь verb of the glossary', () => {
  it('THEN its past and present reach its English, by the root\'s г or к', () => {
    expect(weightOf('помог', 'help')).toBe(1);
    expect(weightOf('помогли', 'help')).toBe(1);
    expect(weightOf('поможет', 'help')).toBe(1);
    expect(weightOf('привлекла', 'attract')).toBe(1);
    expect(weightOf('берегла', 'protect')).toBe(1);
    expect(weightOf('пренебрёг', 'neglect')).toBe(1);
    expect(weightOf('сжёг', 'burn')).toBe(1);
    expect(weightOf('сожгла', 'burn')).toBe(1);
    expect(weightOf('отреклись', 'renounce')).toBe(1);
    expect(hiddenForms('мочь')).toEqual(['мог', 'могла', 'могло', 'могли', 'может', 'могут']);
  });

  it('THEN a noun in -чь is no verb (речь, ночь, дочь), and a past that is a noun keeps the noun (берег: shore)', () => {
    for (const noun of ['речь', 'ночь', 'дочь', 'печь']) expect(hiddenForms(noun)).toEqual([]);
    expect(weightOf('речи', 'speech')).toBe(1);
    expect(lookup('реки').map((t) => t.term)).not.toContain(termOf('speech'));
    expect(weightOf('берег', 'shore')).toBe(1);
    expect(weightOf('берега', 'shore')).toBe(1);
    expect(weightOf('берег', 'protect')).toBeUndefined();
  });
});

describe('GIVEN an -ереть verb or a -нуть verb that drops its -ну-', () => {
  it('THEN its past reaches its English', () => {
    expect(weightOf('умер', 'die')).toBe(1);
    expect(weightOf('умерли', 'die')).toBe(1);
    expect(hiddenForms('умереть')).toEqual(['умер', 'умерла', 'умерло', 'умерли']);
    expect(verbForms('умереть')).toEqual([]);
    expect(weightOf('исчез', 'disappear')).toBe(1);
    expect(weightOf('исчезла', 'disappear')).toBe(1);
    expect(weightOf('погиб', 'die')).toBe(1);
    expect(weightOf('достиг', 'achieve')).toBe(1);
    expect(weightOf('возникло', 'arise')).toBe(1);
    expect(weightOf('вторглись', 'invade')).toBe(1);
  });

  it('THEN an -ереть verb\'s present drops its е\'s (умрёт, умрут), and умерит (умерить, moderate) is not read as die', () => {
    expect(presentForms('умереть')).toEqual(['умру', 'умрешь', 'умрет', 'умрем', 'умрете', 'умрут']);
    expect(weightOf('умрёт', 'die')).toBe(1);
    expect(weightOf('умрут', 'die')).toBe(1);
    expect(weightOf('умерит', 'die')).toBeUndefined();
    expect(weightOf('умерим', 'die')).toBeUndefined();
  });

  it('THEN the regular -нул forms and the future in -нет still do', () => {
    expect(weightOf('исчезнул', 'disappear')).toBe(1);
    expect(weightOf('исчезнет', 'disappear')).toBe(1);
    expect(weightOf('вернёт', 'return')).toBe(1);
  });

  it('THEN a -нуть verb that keeps -ну- gets no short past (толкнул, not толк), and a word that only ends alike gets nothing', () => {
    expect(hiddenForms('толкнуть')).toEqual([]);
    expect(hiddenForms('намекнуть')).toEqual([]);
    expect(lookup('порог')).toEqual([]);
    expect(lookup('налог').map((t) => t.term)).toEqual([termOf('tax')]);
  });
});

describe('GIVEN forms the glossary\'s guesses missed (found by the Russian reach list and the cross-script cases)', () => {
  it('THEN an -асть verb\'s past drops its с and its present has д (упало, упадёт), пасть alone being a noun too', () => {
    expect(weightOf('упало', 'fall')).toBe(1);
    expect(weightOf('упадёт', 'fall')).toBe(1);
    expect(hiddenForms('пасть')).toEqual([]);
    expect(lookup('власти').map((t) => t.term)).toContain(termOf('power'));
  });

  it('THEN an -ить verb\'s long past participle reads as the verb (уволенных: dismiss), where no other lemma has its stem', () => {
    expect(weightOf('уволенных', 'dismiss')).toBe(1);
    expect(weightOf('уволен', 'dismiss')).toBe(1);
  });

  it('THEN an -авать verb\'s present finds its lemma (преподаёт: преподавать, teach)', () => {
    expect(weightOf('преподаёт', 'teach')).toBe(1);
  });
});

