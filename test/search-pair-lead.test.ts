/**
 * A translation pair's two sides are one passage in two languages: the reply shows each with the
 * other beside it, so a search lists the pair once, led by the side in the query's language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let corpus: Corpus;
let engine: SearchEngine;
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
}, 120_000);

const ids = async (q: string) => (await engine.search(q, { limit: 10 })).hits.map((h) => h.block.id);
// "Их арестовали для амальгамы…" (Russian, p737) and Furr's English of it (p738), which names
// Zinoviev and Kamenev where the Russian says "them".
const RU = 'trotskys-lies.p737';
const EN = 'trotskys-lies.p738';

describe('GIVEN a Russian question that names people only the English side of a pair names', () => {
  it('THEN the Russian original leads, in the place the English had, and the pair is listed once', async () => {
    expect(corpus.block(RU)!.pair).toBe(corpus.block(EN)!.pair);
    const found = await ids('Каменев и Зиновьев, арест ради амальгамы');
    expect(found.slice(0, 3)).toContain(RU);
    expect(found).not.toContain(EN);
  });
});

describe('GIVEN a Russian question the Russian side answers best', () => {
  it('THEN its English translation is not listed again below it (the reply shows it beside)', async () => {
    const found = await ids('связь террористического убийства с Зиновьевым и оппозицией');
    expect(found[0]).toBe(RU);
    expect(found).not.toContain(EN);
  });
});

describe('GIVEN an English question for the same passage', () => {
  it('THEN the English side leads and the Russian is not listed again', async () => {
    const found = await ids('Zinoviev and Kamenev arrested with a view to an amalgam');
    expect(found[0]).toBe(EN);
    expect(found).not.toContain(RU);
  });
});

describe('GIVEN a side found only through words the other side lacks (a Russian footnote: a book title)', () => {
  it('THEN that side keeps the lead for an English question, so its footnote is shown', async () => {
    // p73's footnote names "Загадки смерти Сталина" (The Mystery of Stalin's Death), published in Barnaul.
    const found = await ids("a book on the mystery of Stalin's death published in Barnaul");
    expect(found[0]).toBe('trotskys-lies.p73');
  });
});

describe('GIVEN a Russian question whose words the English side of a pair says better than the Russian', () => {
  it('THEN the pair is listed once, led by the Russian side at the English side\'s place', async () => {
    // p919 is the English of p902 ("Сынок, выпив…"); the question's ГПУ and выгнали meet it through translation.
    const q = 'когда стало известно, почему выгнали представителей ленинградского ГПУ';
    const found = await ids(q);
    const en = found.indexOf('trotskys-lies.p919');
    expect(en).toBe(-1);
    expect(found).toContain('trotskys-lies.p902');
  });
});

describe('GIVEN a pair whose English side is two paragraphs for one Russian paragraph', () => {
  it('THEN neither English paragraph is listed again below the Russian one', async () => {
    // p155 (Russian) is translated by p156 and p157.
    const found = await ids('когда сынок снова заговорил о терроре');
    expect(found).toContain('trotskys-lies.p155');
    expect(found).not.toContain('trotskys-lies.p156');
    expect(found).not.toContain('trotskys-lies.p157');
  });
});

describe('GIVEN a Russian question that finds a French original and its English translation', () => {
  it('THEN the pair is listed once (neither side is in the query\'s language: the better one leads)', async () => {
    // p621 (French) and p623 (its English): Sedov's letter in invisible ink.
    const found = await ids('Седов писал секретные письма невидимыми чернилами');
    expect(found.filter((id) => id === 'trotskys-lies.p621' || id === 'trotskys-lies.p623')).toHaveLength(1);
  });
});

describe('GIVEN a Russian question that finds only the English side of a pair', () => {
  const q = 'книги отправляют почтой по самому дешёвому тарифу';
  it('THEN the Russian side leads in its place, with the English beside it (nothing the English showed is lost)', async () => {
    // p74 is the English of p73, which shows p74 beside it and its own note besides.
    const found = await ids(q);
    expect(found).toContain('trotskys-lies.p73');
    expect(found).not.toContain('trotskys-lies.p74');
  });
  it('THEN asked for English passages only, the English side stays', async () => {
    const found = (await engine.search(q, { limit: 10, lang: 'en' })).hits.map((h) => h.block.id);
    expect(found).toContain('trotskys-lies.p74');
    expect(found).not.toContain('trotskys-lies.p73');
  });
});

describe('GIVEN the English side of a pair has a note the Russian side lacks, and the Russian side was not found', () => {
  it('THEN the English side keeps the lead, so the note stays shown', async () => {
    // p697 (English, note n86) translates p696.
    const found = await ids('обвинительный акт связывал террористов с оппозиционной платформой 1926 года');
    expect(found).toContain('trotskys-lies.p697');
    expect(found).not.toContain('trotskys-lies.p696');
  });
});
