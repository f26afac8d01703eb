/**
 * Bibliography entries as search targets (KIND_WEIGHT.bibliography in src/search/engine.ts, the
 * entry view in src/present/passage.ts): an entry ranks first when the query is the reference,
 * never above the text for an ordinary query, introduces no one and gives no one's years, and a
 * hit on it is shown as the entry, cited as the reference, with the passages citing it named.
 * Queries written from the bundled corpus (none is in ../shared/eval).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createCiter } from '../src/cite/citer.ts';
import type { Corpus } from '../src/corpus/corpus.ts';
import { passageView } from '../src/present/passage.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { parseQuery } from '../src/search/analyse/query.ts';
import { realEngine } from './helpers/corpus.ts';

let corpus: Corpus;
let engine: SearchEngine;
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
});

const top = async (query: string) => (await engine.search(query, { limit: 3 })).hits.map((h) => h.block);

describe('GIVEN a query that is a reference: author and title words', () => {
  it('THEN the bibliography entry ranks first', async () => {
    expect((await top('Getty Origins of the Great Purges'))[0]!.id).toBe('trotskys-lies.b79');
    expect((await top('Kirker and Wilkins Beard Becker and the Trotsky Inquiry'))[0]!.id).toBe('trotskys-lies.b93');
    expect((await top('Politbiuro i Lev Trotskii Mozokhin'))[0]!.id).toBe('trotskys-lies.b111');
  });
});

describe('GIVEN an ordinary query whose words are also a listed title', () => {
  it('THEN the passage saying it stays first, above the entry', async () => {
    const [first] = await top('since Stalin and the Struggle for Democratic Reform more evidence published about the Opposition');
    expect(first!.kind).toBe('paragraph');
    const [deutscher] = await top('Deutscher chapter The Hell-Black Night');
    expect(deutscher!.kind).toBe('paragraph');
  });
});

describe('GIVEN a question for a person or a person\'s years', () => {
  it('THEN an entry starting with the name, or with years in its title, does not answer it', async () => {
    // "Bobrov, Vladimir L'vovich." and "Party Opposition to Stalin (1930-1932)" read as an introduction and as years.
    expect((await top('who is Bobrov'))[0]!.kind).not.toBe('bibliography');
    expect((await top("Stalin's birth year"))[0]!.kind).not.toBe('bibliography');
  });
});

describe('GIVEN a search hit on a bibliography entry', () => {
  it('THEN it is shown as the bibliography writes it, under Bibliography, cited as the reference, with the passages citing it', () => {
    const block = corpus.block('trotskys-lies.b96')!;
    const view = passageView(corpus, createCiter(), block, corpus.workOf(block.id)!, 'chicago', { unit: true });
    expect(view.text).toBe(corpus.entry('trotskys-lies.b96')!.text);
    expect(view.locatorLabel).toBe("Trotsky's Lies, Bibliography");
    expect(view.citation).toMatch(/^Lenoe, Matthew\. 2010\. \W*The Kirov Murder and Soviet History/);
    expect(view.footnotes[0]!.marker).toMatch(/^Cited in \d+ passages?$/);
    for (const id of corpus.citingBlocks('trotskys-lies.b96')) expect(view.footnotes[0]!.text).toContain(id);
    expect(view.translation).toBeUndefined();
  });

  it('THEN its context is the entries listed beside it', () => {
    const around = corpus.neighbours('trotskys-lies.b96', 1, 1);
    expect(around.map((b) => b.id)).toEqual(['trotskys-lies.b95', 'trotskys-lies.b96', 'trotskys-lies.b97']);
  });
});

describe('GIVEN a query that asks for a reference ("full reference", "publisher", "citation for")', () => {
  it('THEN the asking words are light and the entry listing the work ranks first', async () => {
    const words = parseQuery('Conquest The Great Terror full reference').words;
    expect(words.filter((w) => w.light).map((w) => w.text)).toEqual(['full', 'reference']);
    expect(parseQuery('a full account of the terror').words.some((w) => w.light)).toBe(false);
    expect((await top('Conquest The Great Terror full reference'))[0]!.id).toBe('trotskys-lies.b43');
    expect((await top('Serge From Lenin to Stalin reference'))[0]!.id).toBe('violence-trotskyism-article.b6');
  });
});

describe('GIVEN a question for where a text is online', () => {
  it('THEN "read" in "where can I read" is light, and a note or entry giving a web address answers "online"', async () => {
    expect(parseQuery("where can I read Trotsky's letter online").words.find((w) => w.text === 'read')!.light).toBe(true);
    expect(parseQuery('Trotsky read Humanité').words.find((w) => w.text === 'read')!.light).toBeFalsy();
    // "At http://…": the note and the entry never say "online".
    expect((await top("Trotsky's article Zinoviev and Kamenev online"))[0]!.id).toBe('trotskys-lies.n60');
    expect((await top("where is the Biulleten' Oppozitsii online")).map((b) => b.id)).toContain('trotskys-lies.b23');
  });
});

describe('GIVEN an abbreviation a bibliography entry ends with (its siglum)', () => {
  it('THEN asked alone or what it stands for, the entry expanding it ranks first; beside another word it is a topic', async () => {
    expect((await top('what does TIE stand for'))[0]!.id).toBe('trotskys-lies.b78');
    expect((await top('CahLT'))[0]!.id).toBe('trotskys-lies.b36');
    // The book's own words say what it calls "the Harvard TA".
    expect((await top('Harvard TA'))[0]!.kind).not.toBe('bibliography');
  });
});
