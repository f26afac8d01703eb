/** The extractors on their own: what each format gives the ingestion pipeline. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFormat, extractFile } from '../src/library/extract/index.ts';
import { stripFurniture, toBlocks, toLines, layoutStats, type TextItem } from '../src/library/extract/pdf-layout.ts';
import { collectionKey } from '../src/library/keys.ts';
import { personFromName, slugify, uniqueId } from '../src/library/meta.ts';
import { koi8Text, RUSSIAN_TEXT, sampleEpub, sampleHtml, samplePdf } from './helpers/library-samples.ts';

const limits = { maxPages: 1000 };

describe('PDF', () => {
  it('GIVEN a PDF with /PageLabels THEN pages carry their labels, chapters are headings and running heads are gone', async () => {
    const x = await extractFile((await samplePdf()).bytes, 'x.pdf', undefined, limits);
    expect(x.pages).toBe(4);
    expect(x.pageStarts!.map((p) => p.label)).toEqual(['i', 'ii', '11', '12']);
    expect(x.hints.headings).toEqual(expect.arrayContaining([{ text: 'Chapter One: The Harvest', level: 1 }, { text: 'Chapter Two: The Storehouse', level: 1 }]));
    expect(x.text).not.toMatch(/THE GRAIN QUESTION/);
    expect(x.text).not.toMatch(/^1[12]$/m);
    expect(x.text).toContain('called just.¹');
    expect(x.text).toMatch(/^¹ See the board minutes, folder 12, sheet 4\.$/m);
  });

  it('GIVEN a PDF without page labels THEN the physical page numbers are used', async () => {
    const { PDFDocument, PDFName } = await import('pdf-lib');
    const doc = await PDFDocument.load((await samplePdf()).bytes);
    doc.catalog.delete(PDFName.of('PageLabels'));
    const plain = await extractFile(await doc.save(), 'y.pdf', undefined, limits);
    expect(plain.pageStarts!.map((p) => p.label)).toEqual(['1', '2', '3', '4']);
  });

  it('GIVEN positioned items THEN raised small digits become superscripts, hyphenated words are rejoined and indents start paragraphs', () => {
    const item = (str: string, x: number, y: number, size = 11, hasEOL = false): TextItem => ({ str, x, y, width: str.length * size * 0.5, size, hasEOL });
    const lines = toLines([
      item('The co-', 50, 500, 11, true),
      item('operative paid.', 50, 486),
      item('2', 130, 490, 6),
      item('Next paragraph starts', 65, 472, 11, true),
      item('here.', 50, 458),
    ]);
    expect(lines.map((l) => l.text)).toEqual(['The co-', 'operative paid.²', 'Next paragraph starts', 'here.']);
    const stats = { ...layoutStats([lines]), left: 50, width: 200 };
    expect(toBlocks(lines, stats).map((b) => b.text)).toEqual(['The cooperative paid.²', 'Next paragraph starts here.']);
  });

  it('GIVEN a line repeated at the top of most pages THEN it is taken as a running head', () => {
    const page = (n: number) => [
      { text: `HISTORY OF THE MILL ${n}`, x: 0, y: 700, xEnd: 100, size: 8 },
      { text: `Body text of page ${n}.`, x: 0, y: 600, xEnd: 100, size: 11 },
      { text: String(n), x: 0, y: 20, xEnd: 10, size: 9 },
    ];
    const pages = [1, 2, 3, 4, 5].map(page);
    expect(stripFurniture(pages, ['1', '2', '3', '4', '5']).map((p) => p.map((l) => l.text))).toEqual([1, 2, 3, 4, 5].map((n) => [`Body text of page ${n}.`]));
  });
});

describe('EPUB, HTML and plain text', () => {
  it('GIVEN an EPUB 2 with an NCX table of contents THEN its titles name the chapters', async () => {
    const epub = zipSync({
      mimetype: strToU8('application/epub+zip'),
      'META-INF/container.xml': strToU8('<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>'),
      'content.opf': strToU8(
        '<package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Old Book</dc:title><dc:creator>Smith, John</dc:creator><dc:date>1899</dc:date></metadata><manifest><item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/><item id="a" href="a.html" media-type="application/xhtml+xml"/></manifest><spine toc="ncx"><itemref idref="a"/></spine></package>',
      ),
      'toc.ncx': strToU8('<ncx><navMap><navPoint id="p1"><navLabel><text>First Part</text></navLabel><content src="a.html"/></navPoint></navMap></ncx>'),
      'a.html': strToU8('<html><body><p>The first part begins with a long sentence about the mill and the river.</p></body></html>'),
    });
    const x = await extractFile(epub, 'old.epub', undefined, limits);
    expect(x.metadata).toMatchObject({ title: 'Old Book', authors: ['Smith, John'], date: '1899' });
    expect(x.hints.headings).toEqual([{ text: 'First Part', level: 1 }]);
    expect(x.text).toContain('The first part begins');
  });

  it('GIVEN the sample EPUB THEN the cover and spine order are kept and the nav document is not text', async () => {
    const x = await extractFile(sampleEpub().bytes, 'v.epub', undefined, limits);
    expect(x.text.indexOf('The Steamer')).toBeLessThan(x.text.indexOf('The Fair at Nizhny'));
    expect(x.text.match(/The Steamer/g)).toHaveLength(1);
  });

  it('GIVEN an HTML page THEN its menus are dropped, the text around its article is page text, not the article, and the meta tags fill the metadata', async () => {
    const x = await extractFile(sampleHtml().bytes, 'page.html', 'text/html', limits);
    expect(x.metadata).toMatchObject({ title: 'The Cooperative Movement in the Provinces', authors: ['Smith, John', 'Ada Lovelace'], date: '2003', publisher: 'Example History Site', language: 'en' });
    // The menu (a nav, lists of bare links) is gone; the sidebar's heading, the byline and the footer are kept as page text.
    expect(x.text).not.toMatch(/Home|Shop|Ten facts about tea|Subscribe/);
    expect(x.hints.pageText).toEqual(['Popular posts', 'By John Smith and Ada Lovelace', '© 2024 Example History Site. All rights reserved. Shipping and payment terms.']);
    expect(x.text).toContain('Credit unions lent small sums');
    // The footer comes after the article, the sidebar before it.
    expect(x.text.indexOf('Popular posts')).toBeLessThan(x.text.indexOf('The cooperative movement spread'));
    expect(x.text.indexOf('All rights reserved')).toBeGreaterThan(x.text.indexOf('Creameries of Siberia'));
  });

  it('GIVEN a KOI8-R text THEN it is decoded to the same Russian text', async () => {
    const x = await extractFile(koi8Text().bytes, 'k.txt', undefined, limits);
    expect(x.encoding).toBe('koi8-r');
    expect(x.text).toBe(RUSSIAN_TEXT);
  });

  it('GIVEN misleading names THEN the bytes decide the format', async () => {
    expect(detectFormat((await samplePdf()).bytes, 'notes.txt')).toBe('pdf');
    expect(detectFormat(sampleEpub().bytes, 'book.zip')).toBe('epub');
    expect(detectFormat(strToU8('<!DOCTYPE html><html><body>x</body></html>'), 'page')).toBe('html');
    expect(() => detectFormat(strToU8('plain words'), 'scan.pdf')).toThrow(/does not start like a PDF/);
  });
});

describe('names', () => {
  it('GIVEN titles THEN ids are whole-word slugs, Cyrillic transliterated, unique in the collection', () => {
    expect(slugify('The Cooperative Movement in the Provinces of the Russian Empire')).toBe('the-cooperative-movement-in-the-provinces-of-the');
    expect(slugify('Письма о хлебе')).toBe('pisma-o-khlebe');
    expect(uniqueId('Trotsky’s Lies', new Set(['trotsky-s-lies']))).toBe('trotsky-s-lies-2');
    expect(uniqueId('!!!', new Set())).toBe('text');
  });

  it('GIVEN author names THEN inverted and direct orders are split, organisations kept whole', () => {
    expect(personFromName('Smith, John')).toEqual({ family: 'Smith', given: 'John' });
    expect(personFromName('Vera Ivanova')).toEqual({ family: 'Ivanova', given: 'Vera' });
    expect(personFromName('Institute of Marxism-Leninism')).toEqual({ literal: 'Institute of Marxism-Leninism' });
  });

  it('GIVEN the same collection id twice THEN the key is the same, and different ids never share one', () => {
    expect(collectionKey('811111111111111111')).toBe(collectionKey('811111111111111111'));
    expect(collectionKey('811111111111111111')).toMatch(/^811111111111111111-[0-9a-f]{16}$/);
    expect(collectionKey('A')).not.toBe(collectionKey('a'));
  });
});
