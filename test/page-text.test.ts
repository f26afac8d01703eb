/**
 * A web page's own lines outside its article — the publisher's price, stock, how to order and pay,
 * the shipping note, who made the site — are passages of their own kind (`page-text`, ids `.wN`),
 * one a sentence, found for what only they say, weighed below the text, cited as the page's
 * notices, and numbered apart so that no id the corpus had before moves. The same holds for the
 * text around the article of an HTML page a group adds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { ManifestWork } from '../src/corpus/manifest.ts';
import { ingestText } from '../src/corpus/ingest/work.ts';
import { continuesLine, isAltText, isNavigation } from '../src/corpus/ingest/page-text.ts';
import { createCiter } from '../src/cite/citer.ts';
import { STYLE_IDS } from '../src/cite/ids.ts';
import { extractHtml } from '../src/library/extract/html.ts';
import { locatorLabel } from '../src/present/locator.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { PASSAGE_ID } from '../commands/options.ts';
import { sampleHtml } from './helpers/library-samples.ts';
import { realEngine } from './helpers/corpus.ts';
import { inPassage, rankWhere } from './helpers/rank.ts';
import { idsAgainst } from './helpers/block-ids.ts';

let corpus: Corpus;
let engine: SearchEngine;
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
}, 120_000);

const PAGE = 'collaboration-publisher-page';
const pageText = (work: string) => corpus.work(work)!.blocks.filter((b) => b.kind === 'page-text');
const rank = (q: string, snippet: string) => rankWhere(engine, q, inPassage(snippet));

describe('GIVEN the bundled corpus built with the web page’s own lines', () => {
  it('THEN every id of the corpus as built before (format 2, made before this change) names the same thing, and the only new ids are .wN', () => {
    for (const { work, moved, added } of idsAgainst(corpus, 'block-ids-v2.json')) {
      expect(moved, work).toEqual([]);
      expect(added.every((id) => /\.w\d+$/.test(id)), work).toBe(true);
    }
  });

  it('THEN the publisher’s page keeps its shop, ordering, shipping and credit lines, a sentence cut over lines as one passage, and drops only its menu and images’ labels', () => {
    const lines = pageText(PAGE);
    expect(lines.map((b) => b.id)).toEqual(lines.map((_, k) => `${PAGE}.w${k + 1}`));
    const texts = lines.map((b) => b.plain);
    for (const s of [
      'In Stock',
      "Price: $25.00 USD (plus shipping: $5.00 US, $22.50 int'l)",
      'Order by PayPal (credit card or bank transfer):',
      'To pay by check or money order: send payment ($25.00 for US buyers; $42.50 outside US) to the address on our contact page.',
      'Note: Books are shipped via the United States Postal Service at the lowest rate available. Please review our notice regarding shipping before ordering.',
      'Website designed and maintained by Erythros Press and Media, LLC',
      'This page was constructed with Nvu web authoring software',
      'More Books by Grover Furr & Erythros Press',
    ]) {
      expect(texts, s).toContain(s);
    }
    const check = lines.find((b) => b.plain.startsWith('To pay by check'))!;
    expect(check.lines).toEqual([57, 60]);
    expect(check.locator).toEqual({ work: PAGE, part: 'Page notices', paragraph: 0 });
    const all = corpus.work(PAGE)!.blocks.map((b) => b.plain);
    for (const gone of ['Home About Us Contact Us Returns What’s New', 'long banner', 'book cover', 'vertical logo', 'view front cover']) expect(all, gone).not.toContain(gone);
    // The imprint lines stay front matter, the description and the review stay the page's text.
    expect(corpus.work(PAGE)!.blocks.filter((b) => b.kind === 'front-matter').map((b) => b.plain)).toContain('ISBN: 978-0-692-94573-5');
    expect(corpus.work(PAGE)!.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(6);
  });

  it('THEN a page line is cited as the page’s notices in every style, with no paragraph or page it does not have', () => {
    const w = corpus.work(PAGE)!;
    const price = pageText(PAGE).find((b) => b.plain.startsWith('Price: $25.00'))!;
    expect(locatorLabel(price.locator, w.meta)).toBe("Collaboration (publisher's page), Page notices");
    const citer = createCiter();
    for (const style of STYLE_IDS) {
      const cite = citer.passage(price, w, style);
      expect(cite, style).not.toMatch(/para\.|paragraph|¶|\bp\. \d/);
      expect(cite, style).toMatch(/Erythros/);
    }
    expect(PASSAGE_ID.test(price.id)).toBe(true);
    expect(corpus.neighbours(price.id, 2, 2).every((b) => b.kind === 'page-text')).toBe(true);
  });
});

describe('GIVEN a question only the web page’s own lines answer', () => {
  it.each([
    ['pay by check', 'To pay by check or money order'],
    ['how are books shipped', 'Books are shipped via the United States Postal Service'],
    ['price of the book with shipping', "Price: $25.00 USD (plus shipping: $5.00 US, $22.50 int'l)"],
    ['who designed the website', 'Website designed and maintained by Erythros Press'],
  ])('THEN "%s" ranks the page line in the top 3', async (query, snippet) => {
    const r = await rank(query, snippet);
    expect(r, query).toBeGreaterThanOrEqual(1);
    expect(r, query).toBeLessThanOrEqual(3);
  });

  it('THEN an ordinary query is answered by the text, not by a page line (they weigh as front matter)', async () => {
    for (const q of ['Trotsky collaboration with Germany and Japan', 'Khrushchev Secret Speech', 'Grover Furr Montclair State University']) {
      const top = (await engine.search(q, { limit: 1 })).hits[0]!;
      expect(top.block.kind, q).not.toBe('page-text');
    }
  });
});

describe('GIVEN the general rules for a page’s lines', () => {
  it('THEN a row of capitalised link labels is a menu; a title-case line with a small word, a price or a sentence is not', () => {
    expect(isNavigation('Home About Us Contact Us Returns What’s New')).toBe(true);
    expect(isNavigation('Privacy | Terms | Contact | Careers')).toBe(true);
    expect(isNavigation('More Books by Grover Furr & Erythros Press')).toBe(false);
    expect(isNavigation('In Stock')).toBe(false);
    expect(isNavigation('Price (with shipping)')).toBe(false);
  });

  it('THEN a short lower-case label standing alone is an image’s text; a capitalised or longer line is kept', () => {
    expect(isAltText('vertical logo')).toBe(true);
    expect(isAltText('view front cover')).toBe(true);
    expect(isAltText('Red Star')).toBe(false);
    expect(isAltText('send payment to the address on our contact page')).toBe(false);
  });

  it('THEN a line goes on after a colon, a cut small word, in lower case or in parentheses, never after a full stop', () => {
    expect(continuesLine('To pay by check or money order:', 'send payment')).toBe(true);
    expect(continuesLine('send payment', '($25.00 for US buyers)')).toBe(true);
    expect(continuesLine('Use the menu below to select', 'your shipping destination')).toBe(true);
    expect(continuesLine('Website designed and maintained by Erythros Press and Media, LLC', 'This page was constructed with Nvu')).toBe(false);
    expect(continuesLine('Buy this Book!', 'order today')).toBe(false);
  });

  it('THEN a group’s web page (type web-page) goes through the same rules', () => {
    const meta = { id: 'group-shop', file: 'shop.txt', type: 'web-page', title: 'A Study of Archives', authors: [{ literal: 'Small Press' }], languages: ['en'], identifiers: { isbn: [] }, notes: [], about: [] } as unknown as ManifestWork;
    const text = 'Home Catalogue Events Contact\n\nbook cover\n\nA Study of Archives\n\nOrder by mail:\nsend a cheque\nto our office.\n\nThe archive was opened in 1980 and the letters were found there by a historian who read them all.\n';
    const w = ingestText(meta, text, { encoding: 'utf-8', sha256: '0'.repeat(64) });
    expect(w.blocks.map((b) => [b.id, b.kind, b.plain])).toEqual([
      ['group-shop.w1', 'page-text', 'Order by mail: send a cheque to our office.'],
      ['group-shop.p1', 'paragraph', 'The archive was opened in 1980 and the letters were found there by a historian who read them all.'],
    ]);
  });

  it('THEN an HTML page a group adds keeps the text around its article as page text, its article’s passages numbered as before', () => {
    const x = extractHtml(sampleHtml().bytes, 'page.html');
    const meta = { id: 'coop', file: 'page.html', type: 'article', title: x.metadata.title, authors: [{ family: 'Smith', given: 'John' }], languages: ['en'], identifiers: { isbn: [] }, notes: [], about: [] } as unknown as ManifestWork;
    const w = ingestText(meta, x.text, { encoding: 'utf-8', sha256: '0'.repeat(64) }, x.hints);
    expect(w.blocks.filter((b) => b.kind === 'page-text').map((b) => [b.id, b.plain])).toEqual([
      ['coop.w1', 'Popular posts'],
      ['coop.w2', 'By John Smith and Ada Lovelace'],
      ['coop.w3', '© 2024 Example History Site. All rights reserved. Shipping and payment terms.'],
    ]);
    expect(w.blocks.find((b) => b.id === 'coop.p1')!.plain).toMatch(/^The cooperative movement spread/);
    expect(w.blocks.filter((b) => b.kind === 'bibliography')).toHaveLength(2);
  });
});
