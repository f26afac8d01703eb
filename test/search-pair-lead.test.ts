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
