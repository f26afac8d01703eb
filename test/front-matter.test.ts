/**
 * Front matter as passages: the lines of a title page, a copyright page with its cataloguing data,
 * an article's keywords and author's note, the back cover's imprint, and the bibliographic lines of
 * a publisher's web page are blocks of their own kind (`front-matter`, ids `.fN`), searched, cited
 * as the part they are in, and numbered apart so no id of the text moves.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { Block } from '../src/corpus/model.ts';
import { ingestText } from '../src/corpus/ingest/work.ts';
import type { ManifestWork } from '../src/corpus/manifest.ts';
import { createCiter } from '../src/cite/citer.ts';
import { STYLE_IDS } from '../src/cite/ids.ts';
import { snippetMatches } from '../src/eval/normalize.ts';
import { locatorLabel } from '../src/present/locator.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { introduction } from '../src/search/rerank.ts';
import { PASSAGE_ID } from '../commands/options.ts';
import { realEngine } from './helpers/corpus.ts';
import { inPassage, rankWhere } from './helpers/rank.ts';
import { idsAgainst } from './helpers/block-ids.ts';

let corpus: Corpus;
let engine: SearchEngine;
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
}, 120_000);

const front = (work: string) => corpus.work(work)!.blocks.filter((b) => b.kind === 'front-matter');
const holding = (blocks: Block[], snippet: string) => blocks.find((b) => snippetMatches(b.text, snippet));
const rank = (q: string, snippet: string) => rankWhere(engine, q, inPassage(snippet));

describe('GIVEN the bundled corpus built with its front matter', () => {
  it('THEN every id the corpus had before (passages, notes, headings, entries, citations, pairs) names the same thing', () => {
    for (const { work, moved, added } of idsAgainst(corpus, 'block-ids.json')) {
      expect(moved, work).toEqual([]);
      // The only new ids are the front matter's (and a web page's own lines', test/page-text.test.ts).
      expect(added.every((id) => /\.[fw]\d+$/.test(id)), work).toBe(true);
    }
  });

  it('THEN the copyright page and its Library of Congress data are front-matter passages .fN, with no paragraph number', () => {
    const lines = front('trotskys-lies');
    expect(lines.map((b) => b.id)).toEqual(lines.map((_, k) => `trotskys-lies.f${k + 1}`));
    const catalogue = holding(lines, '1. Trotsky, Leon, 1879-1940. 2. Revolutionaries')!;
    expect(catalogue.locator).toEqual({ work: 'trotskys-lies', part: 'Front matter', paragraph: 0 });
    for (const s of ['ISBN: 978-0-578-52104-6', '© Grover Furr 2015, 2019', 'Locally Assigned LC-type Call Number DK 254.T6 F87122 2019', 'Published by Erythrós Press and Media']) {
      expect(holding(lines, s), s).toBeDefined();
    }
    // The back cover's imprint is kept as the back cover's.
    expect(holding(lines, 'Cover by Mike Bessler')!.locator.part).toBe('Back cover');
    // Front matter is not a passage of the text: it is not counted among a chapter's paragraphs.
    expect(corpus.work('trotskys-lies')!.blocks.find((b) => b.kind === 'paragraph')!.locator.paragraph).toBe(1);
  });

  it('THEN an article keeps its title, author, affiliation, keywords and author’s note; a web page only the lines that describe the book', () => {
    const article = front('violence-trotskyism-article').map((b) => b.text);
    expect(article).toContain('University of Calcutta, Kolkata, India');
    expect(article.some((t) => t.startsWith('Keywords: degeneration of the Soviet Union'))).toBe(true);
    expect(article.some((t) => t.startsWith('Dibyajit Mukherjee, M.A.,M.Phil, assistant professor'))).toBe(true);
    const page = front('collaboration-publisher-page').map((b) => b.text);
    expect(page.some((t) => t.includes('978-0-692-94573-5'))).toBe(true);
    expect(page.some((t) => /price|paypal|shipping|menu/i.test(t))).toBe(false);
  });

  it('THEN /quote cites a front-matter line as the front matter, with no paragraph or page it does not have', () => {
    const w = corpus.work('trotskys-lies')!;
    const isbn = holding(front('trotskys-lies'), 'ISBN: 978-0-578-52104-6')!;
    expect(locatorLabel(isbn.locator, w.meta)).toBe("Trotsky's Lies, Front matter");
    const citer = createCiter();
    for (const style of STYLE_IDS) {
      const cite = citer.passage(isbn, w, style);
      expect(cite, style).not.toMatch(/para\.|paragraph|¶|\bp\. \d/);
      expect(cite, style).toMatch(/Furr/);
    }
    // Its id is one the commands take (/context, buttons), and its context is the rest of its page.
    expect(PASSAGE_ID.test(isbn.id)).toBe(true);
    const around = corpus.neighbours(isbn.id, 2, 2);
    expect(around.map((b) => b.kind)).toEqual(['front-matter', 'front-matter', 'front-matter', 'front-matter', 'front-matter']);
  });

  it('THEN a group’s text goes through the same ingestion: its title lines are front matter and its first paragraph is .p1', () => {
    const meta = { id: 'group-text', file: 'group.txt', type: 'essay', title: 'On Archives', authors: [{ given: 'Ann', family: 'Reader' }], languages: ['en'] } as unknown as ManifestWork;
    const text = 'On Archives\n\nAnn Reader\n\nThe archive was opened in 1980 and the letters were found there by a historian who read them all.\n';
    const w = ingestText(meta, text, { encoding: 'utf-8', sha256: '0'.repeat(64) });
    expect(w.blocks.map((b) => [b.id, b.kind])).toEqual([
      ['group-text.f1', 'front-matter'],
      ['group-text.f2', 'front-matter'],
      ['group-text.p1', 'paragraph'],
    ]);
  });
});

describe('GIVEN a short question that only the front matter answers', () => {
  it('THEN the ISBN, the publisher and the call number are found', async () => {
    expect(await rank("ISBN of Trotsky's Lies", 'ISBN: 978-0-578-52104-6')).toBeGreaterThanOrEqual(1);
    expect(await rank("ISBN of Trotsky's Lies", 'ISBN: 978-0-578-52104-6')).toBeLessThanOrEqual(3);
    expect(await rank("call number of Trotsky's Lies", 'Call Number DK 254.T6')).toBe(1);
    expect(await rank("Trotsky's Lies copyright", '© Grover Furr 2015, 2019')).toBe(1);
  });

  it('THEN the line is read under its work’s title in the second look too: its words stand together there', async () => {
    // Passages with "Trotsky", "lie" and "cover" apart outranked it while rerank read the line without the title.
    expect([1, 2]).toContain(await rank("who published Trotsky's Lies", 'Published by Erythr'));
    expect([1, 2]).toContain(await rank("who did the cover of Trotsky's Lies", 'Cover by Mike Bessler'));
  });

  it('THEN a text passage still answers what the text says (front matter weighs below it)', async () => {
    const top = (await engine.search('Soviet Union history', { limit: 1 })).hits[0]!;
    expect(top.block.kind).not.toBe('front-matter');
  });
});

describe('GIVEN a question for a person’s years', () => {
  it('THEN the catalogue line that gives them after the name ranks first, however common the name', async () => {
    expect(await rank("Trotsky's birth year", 'Trotsky, Leon, 1879-1940')).toBe(1);
    expect(await rank("Stalin's birth year", 'Stalin, Joseph, 1878-1953')).toBe(1);
    expect(await rank('when was Trotsky born', 'Trotsky, Leon, 1879-1940')).toBe(1);
  });

  it('THEN a death or birth told in words after the name answers it too', async () => {
    expect(introduction('broue', { years: true })('the foremost trotskyist historian (broue died in 2005). second is')).toBe(true);
    expect(introduction('krutov', { years: true })('with grigory krutov (shot in april 1938), and with')).toBe(true);
    expect(introduction('ciliga', { years: true })('ciliga was born in 1898 in istria')).toBe(true);
    // A year after the name that is not a life: a citation, or something the person did.
    expect(introduction('getty', { years: true })('as getty (1985) showed')).toBe(false);
    expect(introduction('broue', { years: true })('broue wrote in 1980 that')).toBe(false);
    expect(await rank('when did Broué die', 'Broué died in 2005')).toBe(1);
  });
});
