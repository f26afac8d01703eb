/**
 * Sample files for the library tests, made here with real writers: pdf-lib for PDFs (page labels,
 * outline-free layout with running heads, a raised footnote number), fflate for the EPUB zip,
 * iconv-lite for Windows-1251 and KOI8-R. Nothing is read from disk.
 */
import { zipSync, strToU8 } from 'fflate';
import iconv from 'iconv-lite';
import { PDFDocument, PDFName, PDFHexString, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

export interface Sample {
  name: string;
  bytes: Uint8Array;
  contentType?: string;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

interface PageWriter {
  page: PDFPage;
  y: number;
}

/** Paragraphs with a first-line indent, continuing onto a new page when the page is full. */
async function bookPdf(options: { pages?: number; labels?: boolean; filler?: number } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('The Grain Question');
  doc.setAuthor('Vera Ivanova');
  doc.setCreationDate(new Date('1931-03-01T00:00:00Z'));
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  const W = 400;
  const H = 600;
  const left = 50;
  const width = 300;
  let physical = 0;
  const newPage = (running = true): PageWriter => {
    const page = doc.addPage([W, H]);
    physical++;
    if (running) page.drawText('THE GRAIN QUESTION', { x: 140, y: 570, size: 8, font });
    return { page, y: 540 };
  };
  const folio = (w: PageWriter, label: string) => w.page.drawText(label, { x: 195, y: 20, size: 9, font });

  // Front matter: i (title page), ii (blank verso with a dedication).
  const title = newPage(false);
  title.page.drawText('The Grain Question', { x: 90, y: 400, size: 24, font: bold });
  title.page.drawText('Vera Ivanova', { x: 150, y: 360, size: 14, font });
  const verso = newPage(false);
  verso.page.drawText('For the readers of the zemstvo library.', { x: 80, y: 400, size: 11, font });

  const labels: string[] = ['i', 'ii'];
  let label = 11;
  let w = newPage();
  labels.push(String(label));
  const footnotes: string[] = [];
  const breakPage = () => {
    footnotes.splice(0).forEach((n, k) => {
      w.page.drawText('1', { x: left, y: 62 - k * 12 + 3, size: 6, font });
      w.page.drawText(n, { x: left + 5, y: 62 - k * 12, size: 8, font });
    });
    folio(w, String(label));
    w = newPage();
    labels.push(String(++label));
  };
  const heading = (text: string) => {
    if (w.y < 200) breakPage();
    w.page.drawText(text, { x: left, y: w.y, size: 18, font: bold });
    w.y -= 36;
  };
  const paragraph = (text: string, note?: string) => {
    const lines = wrap(text, font, 11, width - 20);
    lines.forEach((line, i) => {
      if (w.y < 90) breakPage();
      const x = i === 0 ? left + 15 : left;
      w.page.drawText(line, { x, y: w.y, size: 11, font });
      if (note && i === lines.length - 1) {
        w.page.drawText('1', { x: x + font.widthOfTextAtSize(line, 11) + 1, y: w.y + 4, size: 6, font });
        footnotes.push(note);
      }
      w.y -= 14;
    });
  };

  heading('Chapter One: The Harvest');
  paragraph('The harvest of that year was gathered late, and the granary of the zemstvo stood half empty until the first snow. Peasants from the three villages brought what they could spare, and the clerk wrote every sack into his ledger with a careful hand.');
  paragraph('Prices rose through the winter. The cooperative sold its reserve at a loss rather than see the families of the district go hungry, a decision the provincial board later called reckless and the villagers called just.', 'See the board minutes, folder 12, sheet 4.');
  paragraph('By spring the question was no longer whether grain could be bought, but who would carry it across the flooded river. The ferryman asked for payment in kind, and the elders agreed after a long evening of argument that nobody recorded in full.');
  for (let k = 0; k < (options.filler ?? 5); k++) {
    paragraph(`Filler paragraph ${k + 1} describes the roads, the weather and the accounts of the mill in plain words; it is here to fill the pages so that text runs from one printed page onto the next, as it does in a real book with many chapters and much detail about the ordinary life of the district and its people.`);
  }
  heading('Chapter Two: The Storehouse');
  paragraph('The new storehouse was built of brick with a tin roof, and the samovar in its office was never cold. Its keeper, a veteran of the Crimean campaign, trusted nobody with the keys.');
  paragraph('When the inspectors came, they found the ledgers in order and the bins full, which surprised them more than any shortage would have.');
  footnotes.splice(0).forEach((n, k) => {
    w.page.drawText('1', { x: left, y: 62 - k * 12 + 3, size: 6, font });
    w.page.drawText(n, { x: left + 5, y: 62 - k * 12, size: 8, font });
  });
  folio(w, String(label));
  while (options.pages && physical < options.pages) {
    w = newPage();
    labels.push(String(++label));
    for (let k = 0; k < 6; k++) paragraph(`Page ${label} paragraph ${k + 1}: the accounts of the mill and the weather of the district, set down at length for the record of the cooperative and its members, who met every Sunday.`);
    folio(w, String(label));
  }
  if (options.labels !== false) {
    doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: [0, { S: PDFName.of('r') }, 2, { S: PDFName.of('D'), St: 11 }] }));
  }
  return await doc.save();
}

export const samplePdf = async (): Promise<Sample> => ({ name: 'grain-question.pdf', bytes: await bookPdf(), contentType: 'application/pdf' });
export const bigPdf = async (pages: number): Promise<Sample> => ({ name: 'big.pdf', bytes: await bookPdf({ pages }), contentType: 'application/pdf' });

/** A PDF whose trailer names a standard security handler with a user password: pdf.js asks for it. */
export async function encryptedPdf(): Promise<Sample> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([300, 300]).drawText('Secret text.', { x: 20, y: 200, size: 12, font });
  const hex = (n: number) => PDFHexString.of('ab'.repeat(n));
  const encrypt = doc.context.obj({ Filter: PDFName.of('Standard'), V: 1, R: 2, Length: 40, P: -44, O: hex(32), U: hex(32) });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  doc.context.trailerInfo.ID = doc.context.obj([hex(16), hex(16)]);
  return { name: 'locked.pdf', bytes: await doc.save({ useObjectStreams: false }) };
}

/** Pages with drawings and no text layer, as a scan would be. */
export async function imageOnlyPdf(): Promise<Sample> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < 3; i++) doc.addPage([300, 300]).drawRectangle({ x: 20, y: 20, width: 200, height: 200, borderWidth: 3 });
  return { name: 'scan.pdf', bytes: await doc.save() };
}

export const malformedPdf = (): Sample => ({ name: 'broken.pdf', bytes: strToU8('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\nthis is not a pdf body\n%%EOF\n') });

const XHTML = (title: string, body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en"><head><title>${title}</title></head><body>${body}</body></html>`;

export function sampleEpub(): Sample {
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'OEBPS/content.opf': strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:1234</dc:identifier>
    <dc:title>Letters from the Volga</dc:title>
    <dc:creator>Pyotr Sokolov</dc:creator>
    <dc:creator>Anna Sokolova</dc:creator>
    <dc:date>1912-05-04</dc:date>
    <dc:language>en</dc:language>
    <dc:publisher>Riverside Press</dc:publisher>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="c1" href="text/chapter%201.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="text/chapter2.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="cover"/><itemref idref="nav" linear="no"/><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>`),
    'OEBPS/nav.xhtml': strToU8(
      XHTML('Contents', '<nav epub:type="toc"><ol><li><a href="text/chapter%201.xhtml">The Steamer</a></li><li><a href="text/chapter2.xhtml#start">The Fair at Nizhny</a></li></ol></nav>'),
    ),
    'OEBPS/text/cover.xhtml': strToU8(XHTML('Cover', '<div class="cover"><p>Letters from the Volga</p></div>')),
    'OEBPS/text/chapter 1.xhtml': strToU8(
      XHTML(
        'The Steamer',
        '<h1>The Steamer</h1><p>We boarded the steamer at Tver in a light rain, and the captain promised that the sturgeon at Kazan would repay every hour of the journey.<a epub:type="noteref" href="#n1">1</a></p><h2>On Deck</h2><p>The deck passengers sang all night; the merchants in the first class complained, and the purser pretended not to hear them.</p><aside epub:type="footnote" id="n1"><p>1. The captain was wrong about the sturgeon.</p></aside>',
      ),
    ),
    'OEBPS/text/chapter2.xhtml': strToU8(
      XHTML('The Fair', '<section id="start"><h1>The Fair at Nizhny</h1><p>The fair at Nizhny Novgorod filled the whole lower town with tea merchants, horse dealers and sellers of painted spoons.</p><ul><li>Tea from Kyakhta</li><li>Furs from Irbit</li></ul></section>'),
    ),
  };
  return { name: 'volga.epub', bytes: zipSync(files as never), contentType: 'application/epub+zip' };
}

export function sampleHtml(): Sample {
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>The Cooperative Movement | Example History Site</title>
  <meta name="citation_title" content="The Cooperative Movement in the Provinces">
  <meta name="citation_author" content="Smith, John">
  <meta name="citation_author" content="Ada Lovelace">
  <meta name="citation_publication_date" content="2003/04/05">
  <meta property="og:site_name" content="Example History Site">
</head>
<body>
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop</a></li><li><a href="/about">About us</a></li></ul></nav></header>
  <aside class="sidebar"><h3>Popular posts</h3><ul><li><a href="/1">Ten facts about tea</a></li><li><a href="/2">Subscribe to our newsletter</a></li></ul></aside>
  <main>
    <article>
      <h1>The Cooperative Movement in the Provinces</h1>
      <p class="byline">By John Smith and Ada Lovelace</p>
      <p>The cooperative movement spread through the provinces after 1905, carried by teachers, agronomists and returning soldiers who had seen the creameries of Siberia and wanted the same for their own villages (Brown 1999, 45).</p>
      <h2>Credit Unions</h2>
      <p>Credit unions lent small sums at low interest, and the borrowers, most of them peasants with a single horse, repaid more reliably than the banks had ever believed possible, according to the surviving ledgers of three districts.</p>
      <p>Their accounts were audited every year by a travelling inspector, whose reports are the main source for what follows in this article and for most of what historians have written since.</p>
      <h2>References</h2>
      <p>Brown, Mary. 1999. The Village Ledger. London: Academic Press.</p>
      <p>Green, Peter. 2001. Creameries of Siberia. Oxford: Clarendon Press.</p>
    </article>
  </main>
  <footer><p>© 2024 Example History Site. All rights reserved. Shipping and payment terms.</p></footer>
</body>
</html>`;
  return { name: 'cooperatives.html', bytes: strToU8(html), contentType: 'text/html' };
}

export function sampleMarkdown(): Sample {
  const md = `---
title: Notes on the Reading Circle
author: Maria Petrova
date: 2021-10
---

# Notes on the Reading Circle

The circle met on Thursdays in the back room of the library, where the radiator hissed and the tea was always too strong.[^1]

## Members

- Olga, who kept the minutes
- Ivan, who never finished a book

> A reading circle is only as good as its arguments.

[^1]: The librarian disputes this.
`;
  return { name: 'circle-notes.md', bytes: strToU8(md), contentType: 'text/markdown' };
}

export const RUSSIAN_TEXT = `Письма о хлебе

Урожай того года собрали поздно, и амбар земства стоял полупустым до первого снега. Крестьяне из трёх деревень привозили, что могли, а писарь записывал каждый мешок в свою книгу.

Цены росли всю зиму. Кооператив продал свой запас в убыток, чтобы семьи уезда не голодали.
`;

export const cp1251Text = (): Sample => ({ name: 'pisma.txt', bytes: new Uint8Array(iconv.encode(RUSSIAN_TEXT, 'windows-1251')), contentType: 'text/plain' });
export const koi8Text = (): Sample => ({ name: 'pisma-koi8.txt', bytes: new Uint8Array(iconv.encode(RUSSIAN_TEXT, 'koi8-r')) });
export const utf8Text = (text: string, name = 'notes.txt'): Sample => ({ name, bytes: strToU8(text), contentType: 'text/plain' });
