import { describe, expect, it } from 'vitest';
import {
  exportRecords,
  formatCitation,
  formatReference,
  STYLE_IDS,
  type BibRecord,
  type Pinpoint,
} from '../src/cite/index.ts';
import { isUserError } from '../src/errors.ts';

// The five works of the bundled corpus, as the texts state them (see data/corpus/manifest.json).
const book: BibRecord = {
  id: 'trotskys-lies',
  type: 'book',
  authors: [{ family: 'Furr', given: 'Grover' }],
  title: "Trotsky's Lies",
  edition: 'Corrected Edition',
  place: 'Kettering, OH',
  publisher: 'Erythrós Press and Media',
  issued: { year: 2019 },
  isbn: '978-0-578-52104-6',
  language: 'en',
};
const essay: BibRecord = {
  id: 'evidence-collaboration-essay',
  type: 'document',
  authors: [{ family: 'Furr', given: 'Grover' }],
  title: 'Evidence of Leon Trotsky’s Collaboration with Germany and Japan',
  issued: { year: 2017, month: 9, day: 6 },
  language: 'en',
};
const article: BibRecord = {
  id: 'violence-trotskyism-article',
  type: 'article-journal',
  authors: [{ family: 'Mukherjee', given: 'Dibyajit' }],
  title: 'Violence in the Political Construction of Trotskyism',
  language: 'en',
};
const speech: BibRecord = {
  id: 'continuing-revolution-speech',
  type: 'speech',
  authors: [{ family: 'Furr', given: 'Grover' }],
  title: 'The Continuing Revolution in Stalin-Era Soviet History',
  genre: 'talk',
  event: 'Meeting of the Communist Party of Great Britain (Marxist-Leninist)',
  place: 'Lucas Arms, Grays Inn Road, London',
  issued: { year: 2014, month: 6, day: 20, inferred: true },
  language: 'en',
};
const webPage: BibRecord = {
  id: 'collaboration-publisher-page',
  type: 'webpage',
  authors: [{ literal: 'Erythros Press and Media, LLC' }],
  title: 'Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two',
  genre: "publisher's page",
  publisher: 'Erythros Press and Media, LLC',
  language: 'en',
  note: 'Sells Grover Furr, Leon Trotsky’s Collaboration with Germany and Japan: 313 pages, softcover, ISBN 978-0-692-94573-5, $25.00.',
};
const zhukovTranslit: BibRecord = {
  id: 'trotskys-lies/bib/zhukov',
  type: 'book',
  authors: [{ family: 'Zhukov', given: 'Iurii N.' }],
  title: 'Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov',
  place: 'Moscow',
  publisher: 'TERRA',
  issued: { year: 2000 },
  language: 'ru',
};
const zhukovCyrillic: BibRecord = {
  id: 'trotskys-lies/bib/zhukov-cyrillic',
  type: 'book',
  authors: [{ family: 'Zhukov', given: 'Iurii N.' }],
  title: 'Тайны Кремля',
  titleTranslit: 'Tainy Kremlia',
  titleTranslated: 'Secrets of the Kremlin',
  place: 'Moscow',
  publisher: 'TERRA',
  issued: { year: 2000 },
  language: 'ru',
};

/** Every style's reference (text and HTML), bare citation and pinpointed citation for a record. */
const allStyles = (record: BibRecord, pinpoint: Pinpoint) =>
  Object.fromEntries(
    STYLE_IDS.map((style) => [
      style,
      {
        reference: formatReference(record, style),
        html: formatReference(record, style, { format: 'html' }),
        citation: formatCitation(record, style),
        pinpointed: formatCitation(record, style, pinpoint),
      },
    ]),
  );

const catchError = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
};

describe('formatReference and formatCitation on the corpus works', () => {
  it('GIVEN the book Trotsky’s Lies THEN each style gives author, italic title, edition and publisher', () => {
    expect(allStyles(book, { page: '35' })).toMatchInlineSnapshot(`
      {
        "apa": {
          "citation": "(Furr, 2019)",
          "html": "Furr, G. (2019). <i>Trotsky’s Lies</i> (Corrected Edition). Erythrós Press and Media.",
          "pinpointed": "(Furr, 2019, p. 35)",
          "reference": "Furr, G. (2019). Trotsky’s Lies (Corrected Edition). Erythrós Press and Media.",
        },
        "chicago": {
          "citation": "(Furr 2019)",
          "html": "Furr, Grover. 2019. <i>Trotsky’s Lies</i>. Corrected Edition. Erythrós Press and Media.",
          "pinpointed": "(Furr 2019, 35)",
          "reference": "Furr, Grover. 2019. Trotsky’s Lies. Corrected Edition. Erythrós Press and Media.",
        },
        "chicago-note": {
          "citation": "Grover Furr, Trotsky’s Lies, Corrected Edition (Erythrós Press and Media, 2019).",
          "html": "Furr, Grover. <i>Trotsky’s Lies</i>. Corrected Edition. Erythrós Press and Media, 2019.",
          "pinpointed": "Grover Furr, Trotsky’s Lies, Corrected Edition (Erythrós Press and Media, 2019), 35.",
          "reference": "Furr, Grover. Trotsky’s Lies. Corrected Edition. Erythrós Press and Media, 2019.",
        },
        "mla": {
          "citation": "(Furr)",
          "html": "Furr, Grover. <i>Trotsky’s Lies</i>. Corrected Edition, Erythrós Press and Media, 2019.",
          "pinpointed": "(Furr 35)",
          "reference": "Furr, Grover. Trotsky’s Lies. Corrected Edition, Erythrós Press and Media, 2019.",
        },
      }
    `);
  });

  it('GIVEN the dated essay with no publisher THEN a quoted or italic title and the full date', () => {
    expect(allStyles(essay, { paragraph: 4 })).toMatchInlineSnapshot(`
      {
        "apa": {
          "citation": "(Furr, 2017)",
          "html": "Furr, G. (2017, September 6). <i>Evidence of Leon Trotsky’s Collaboration with Germany and Japan</i>.",
          "pinpointed": "(Furr, 2017, para. 4)",
          "reference": "Furr, G. (2017, September 6). Evidence of Leon Trotsky’s Collaboration with Germany and Japan.",
        },
        "chicago": {
          "citation": "(Furr 2017)",
          "html": "Furr, Grover. 2017. “Evidence of Leon Trotsky’s Collaboration with Germany and Japan,” September 6.",
          "pinpointed": "(Furr 2017, para. 4)",
          "reference": "Furr, Grover. 2017. “Evidence of Leon Trotsky’s Collaboration with Germany and Japan,” September 6.",
        },
        "chicago-note": {
          "citation": "Grover Furr, “Evidence of Leon Trotsky’s Collaboration with Germany and Japan,” September 6, 2017.",
          "html": "Furr, Grover. “Evidence of Leon Trotsky’s Collaboration with Germany and Japan,” September 6, 2017.",
          "pinpointed": "Grover Furr, “Evidence of Leon Trotsky’s Collaboration with Germany and Japan,” September 6, 2017, para. 4.",
          "reference": "Furr, Grover. “Evidence of Leon Trotsky’s Collaboration with Germany and Japan,” September 6, 2017.",
        },
        "mla": {
          "citation": "(Furr)",
          "html": "Furr, Grover. <i>Evidence of Leon Trotsky’s Collaboration with Germany and Japan</i>. 6 Sept. 2017.",
          "pinpointed": "(Furr, par. 4)",
          "reference": "Furr, Grover. Evidence of Leon Trotsky’s Collaboration with Germany and Japan. 6 Sept. 2017.",
        },
      }
    `);
  });

  it('GIVEN the article with no year stated THEN "n.d." in every style that dates', () => {
    expect(allStyles(article, { paragraph: 2 })).toMatchInlineSnapshot(`
      {
        "apa": {
          "citation": "(Mukherjee, n.d.)",
          "html": "Mukherjee, D. (n.d.). <i>Violence in the Political Construction of Trotskyism</i>.",
          "pinpointed": "(Mukherjee, n.d., para. 2)",
          "reference": "Mukherjee, D. (n.d.). Violence in the Political Construction of Trotskyism.",
        },
        "chicago": {
          "citation": "(Mukherjee, n.d.)",
          "html": "Mukherjee, Dibyajit. n.d. “Violence in the Political Construction of Trotskyism.”",
          "pinpointed": "(Mukherjee, n.d., para. 2)",
          "reference": "Mukherjee, Dibyajit. n.d. “Violence in the Political Construction of Trotskyism.”",
        },
        "chicago-note": {
          "citation": "Dibyajit Mukherjee, “Violence in the Political Construction of Trotskyism,” n.d.",
          "html": "Mukherjee, Dibyajit. “Violence in the Political Construction of Trotskyism,” n.d.",
          "pinpointed": "Dibyajit Mukherjee, “Violence in the Political Construction of Trotskyism,” n.d., para. 2.",
          "reference": "Mukherjee, Dibyajit. “Violence in the Political Construction of Trotskyism,” n.d.",
        },
        "mla": {
          "citation": "(Mukherjee)",
          "html": "Mukherjee, Dibyajit. <i>Violence in the Political Construction of Trotskyism</i>.",
          "pinpointed": "(Mukherjee, par. 2)",
          "reference": "Mukherjee, Dibyajit. Violence in the Political Construction of Trotskyism.",
        },
      }
    `);
  });

  it('GIVEN the talk whose year was inferred THEN the year is bracketed wherever it is printed', () => {
    expect(allStyles(speech, { section: '3' })).toMatchInlineSnapshot(`
      {
        "apa": {
          "citation": "(Furr, [2014])",
          "html": "Furr, G. ([2014], June 20). <i>The Continuing Revolution in Stalin-Era Soviet History</i> [Talk]. Meeting of the Communist Party of Great Britain (Marxist-Leninist), Lucas Arms, Grays Inn Road, London.",
          "pinpointed": "(Furr, [2014], Section 3)",
          "reference": "Furr, G. ([2014], June 20). The Continuing Revolution in Stalin-Era Soviet History [Talk]. Meeting of the Communist Party of Great Britain (Marxist-Leninist), Lucas Arms, Grays Inn Road, London.",
        },
        "chicago": {
          "citation": "(Furr [2014])",
          "html": "Furr, Grover. [2014]. “The Continuing Revolution in Stalin-Era Soviet History.” Talk presented at the Meeting of the Communist Party of Great Britain (Marxist-Leninist), Lucas Arms, Grays Inn Road, London, June 20.",
          "pinpointed": "(Furr [2014], sec. 3)",
          "reference": "Furr, Grover. [2014]. “The Continuing Revolution in Stalin-Era Soviet History.” Talk presented at the Meeting of the Communist Party of Great Britain (Marxist-Leninist), Lucas Arms, Grays Inn Road, London, June 20.",
        },
        "chicago-note": {
          "citation": "Grover Furr, “The Continuing Revolution in Stalin-Era Soviet History,” talk presented at the Meeting of the Communist Party of Great Britain (Marxist-Leninist), Lucas Arms, Grays Inn Road, London, June 20, [2014].",
          "html": "Furr, Grover. “The Continuing Revolution in Stalin-Era Soviet History.” Talk presented at the Meeting of the Communist Party of Great Britain (Marxist-Leninist), Lucas Arms, Grays Inn Road, London, June 20, [2014].",
          "pinpointed": "Grover Furr, “The Continuing Revolution in Stalin-Era Soviet History,” talk presented at the Meeting of the Communist Party of Great Britain (Marxist-Leninist), Lucas Arms, Grays Inn Road, London, June 20, [2014], sec. 3.",
          "reference": "Furr, Grover. “The Continuing Revolution in Stalin-Era Soviet History.” Talk presented at the Meeting of the Communist Party of Great Britain (Marxist-Leninist), Lucas Arms, Grays Inn Road, London, June 20, [2014].",
        },
        "mla": {
          "citation": "(Furr)",
          "html": "Furr, Grover. <i>The Continuing Revolution in Stalin-Era Soviet History</i>. Meeting of the Communist Party of Great Britain (Marxist-Leninist), 20 June [2014], Lucas Arms, Grays Inn Road, London.",
          "pinpointed": "(Furr, sec. 3)",
          "reference": "Furr, Grover. The Continuing Revolution in Stalin-Era Soviet History. Meeting of the Communist Party of Great Britain (Marxist-Leninist), 20 June [2014], Lucas Arms, Grays Inn Road, London.",
        },
      }
    `);
  });

  it('GIVEN the publisher’s web page THEN the publisher is the author and the genre is shown', () => {
    expect(allStyles(webPage, { paragraph: 2 })).toMatchInlineSnapshot(`
      {
        "apa": {
          "citation": "(Erythros Press and Media, LLC, n.d.)",
          "html": "Erythros Press and Media, LLC. (n.d.). <i>Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two</i> [Publisher’s page]. Erythros Press and Media, LLC.",
          "pinpointed": "(Erythros Press and Media, LLC, n.d., para. 2)",
          "reference": "Erythros Press and Media, LLC. (n.d.). Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two [Publisher’s page]. Erythros Press and Media, LLC.",
        },
        "chicago": {
          "citation": "(Erythros Press and Media, LLC, n.d.)",
          "html": "Erythros Press and Media, LLC. n.d. “Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two.” Publisher’s page. Erythros Press and Media, LLC.",
          "pinpointed": "(Erythros Press and Media, LLC, n.d., para. 2)",
          "reference": "Erythros Press and Media, LLC. n.d. “Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two.” Publisher’s page. Erythros Press and Media, LLC.",
        },
        "chicago-note": {
          "citation": "Erythros Press and Media, LLC, “Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two,” publisher’s page (Erythros Press and Media, LLC, n.d.).",
          "html": "Erythros Press and Media, LLC. “Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two.” Publisher’s page. Erythros Press and Media, LLC, n.d.",
          "pinpointed": "Erythros Press and Media, LLC, “Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two,” publisher’s page (Erythros Press and Media, LLC, n.d.), para. 2.",
          "reference": "Erythros Press and Media, LLC. “Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two.” Publisher’s page. Erythros Press and Media, LLC, n.d.",
        },
        "mla": {
          "citation": "(Erythros Press and Media, LLC)",
          "html": "Erythros Press and Media, LLC. <i>Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two</i>. Erythros Press and Media, LLC.",
          "pinpointed": "(Erythros Press and Media, LLC, par. 2)",
          "reference": "Erythros Press and Media, LLC. Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two. Erythros Press and Media, LLC.",
        },
      }
    `);
  });
});

describe('Russian titles', () => {
  it('GIVEN a transliterated title THEN it stays as written (no title-casing of a Russian title)', () => {
    expect(allStyles(zhukovTranslit, { page: '112' })).toMatchInlineSnapshot(`
      {
        "apa": {
          "citation": "(Zhukov, 2000)",
          "html": "Zhukov, I. N. (2000). <i>Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov</i>. TERRA.",
          "pinpointed": "(Zhukov, 2000, p. 112)",
          "reference": "Zhukov, I. N. (2000). Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov. TERRA.",
        },
        "chicago": {
          "citation": "(Zhukov 2000)",
          "html": "Zhukov, Iurii N. 2000. <i>Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov</i>. TERRA.",
          "pinpointed": "(Zhukov 2000, 112)",
          "reference": "Zhukov, Iurii N. 2000. Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov. TERRA.",
        },
        "chicago-note": {
          "citation": "Iurii N. Zhukov, Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov (TERRA, 2000).",
          "html": "Zhukov, Iurii N. <i>Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov</i>. TERRA, 2000.",
          "pinpointed": "Iurii N. Zhukov, Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov (TERRA, 2000), 112.",
          "reference": "Zhukov, Iurii N. Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov. TERRA, 2000.",
        },
        "mla": {
          "citation": "(Zhukov)",
          "html": "Zhukov, Iurii N. <i>Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov</i>. TERRA, 2000.",
          "pinpointed": "(Zhukov 112)",
          "reference": "Zhukov, Iurii N. Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov. TERRA, 2000.",
        },
      }
    `);
  });

  it('GIVEN a Cyrillic title with transliteration and translation THEN both follow it in brackets, outside the italics', () => {
    expect(allStyles(zhukovCyrillic, { page: '112' })).toMatchInlineSnapshot(`
      {
        "apa": {
          "citation": "(Zhukov, 2000)",
          "html": "Zhukov, I. N. (2000). <i>Тайны Кремля</i> [Tainy Kremlia; Secrets of the Kremlin]. TERRA.",
          "pinpointed": "(Zhukov, 2000, p. 112)",
          "reference": "Zhukov, I. N. (2000). Тайны Кремля [Tainy Kremlia; Secrets of the Kremlin]. TERRA.",
        },
        "chicago": {
          "citation": "(Zhukov 2000)",
          "html": "Zhukov, Iurii N. 2000. <i>Тайны Кремля</i> [Tainy Kremlia; Secrets of the Kremlin]. TERRA.",
          "pinpointed": "(Zhukov 2000, 112)",
          "reference": "Zhukov, Iurii N. 2000. Тайны Кремля [Tainy Kremlia; Secrets of the Kremlin]. TERRA.",
        },
        "chicago-note": {
          "citation": "Iurii N. Zhukov, Тайны Кремля [Tainy Kremlia; Secrets of the Kremlin] (TERRA, 2000).",
          "html": "Zhukov, Iurii N. <i>Тайны Кремля</i> [Tainy Kremlia; Secrets of the Kremlin]. TERRA, 2000.",
          "pinpointed": "Iurii N. Zhukov, Тайны Кремля [Tainy Kremlia; Secrets of the Kremlin] (TERRA, 2000), 112.",
          "reference": "Zhukov, Iurii N. Тайны Кремля [Tainy Kremlia; Secrets of the Kremlin]. TERRA, 2000.",
        },
        "mla": {
          "citation": "(Zhukov)",
          "html": "Zhukov, Iurii N. <i>Тайны Кремля</i> [Tainy Kremlia; Secrets of the Kremlin]. TERRA, 2000.",
          "pinpointed": "(Zhukov 112)",
          "reference": "Zhukov, Iurii N. Тайны Кремля [Tainy Kremlia; Secrets of the Kremlin]. TERRA, 2000.",
        },
      }
    `);
  });

  it('GIVEN a quoted title with a gloss THEN the gloss follows the closing quotation mark and the punctuation follows the gloss', () => {
    const journalArticle: BibRecord = {
      id: 'x',
      type: 'article-journal',
      authors: [{ family: 'Kirilina', given: 'Alla' }],
      title: 'Рикошет',
      titleTranslit: 'Rikoshet',
      titleTranslated: 'Ricochet',
      containerTitle: 'Voprosy istorii',
      volume: '4',
      pages: '10-25',
      issued: { year: 1993 },
      language: 'ru',
    };
    expect(formatReference(journalArticle, 'chicago')).toBe(
      'Kirilina, Alla. 1993. “Рикошет” [Rikoshet; Ricochet]. Voprosy istorii 4: 10–25.',
    );
    expect(formatCitation(journalArticle, 'chicago-note', { page: '12' })).toBe(
      'Alla Kirilina, “Рикошет” [Rikoshet; Ricochet], Voprosy istorii 4 (1993): 12.',
    );
    expect(formatReference(journalArticle, 'mla', { format: 'html' })).toBe(
      'Kirilina, Alla. “Рикошет” [Rikoshet; Ricochet]. <i>Voprosy istorii</i>, vol. 4, 1993, pp. 10–25.',
    );
  });

  it('GIVEN a translation only THEN the brackets hold the translation alone', () => {
    const record: BibRecord = { ...zhukovCyrillic, titleTranslit: undefined };
    expect(formatReference(record, 'apa')).toBe('Zhukov, I. N. (2000). Тайны Кремля [Secrets of the Kremlin]. TERRA.');
  });

  it('GIVEN an in-text style THEN the citation stays short, without the gloss', () => {
    expect(formatCitation(zhukovCyrillic, 'mla', { page: '5' })).toBe('(Zhukov 5)');
  });
});

describe('HTML output', () => {
  it('GIVEN markup-like text in a title and a gloss THEN it is escaped, and only the style’s italics are tags', () => {
    const record: BibRecord = {
      id: 'esc',
      type: 'book',
      authors: [{ family: 'Smith & Sons' }],
      title: 'Plans <script>alert(1)</script> & more',
      titleTranslated: 'A < B & "C"',
      issued: { year: 1990 },
      language: 'en',
    };
    const html = formatReference(record, 'chicago', { format: 'html' });
    expect(html).toBe(
      'Smith &#38; Sons. 1990. <i>Plans &#60;script&#62;alert(1)&#60;/Script&#62; &#38; More</i> [A &lt; B &amp; &quot;C&quot;].',
    );
    expect(html.replace(/<\/?i>/g, '')).not.toMatch(/[<>]/);
    expect(formatReference(record, 'chicago')).toBe(
      'Smith & Sons. 1990. Plans <script>alert(1)</Script> & More [A < B & "C"].',
    );
  });

  it('GIVEN the HTML of a citation THEN it carries the italics of a note’s book title', () => {
    expect(formatCitation(book, 'chicago-note', { page: '35' }, { format: 'html' })).toBe(
      'Grover Furr, <i>Trotsky’s Lies</i>, Corrected Edition (Erythrós Press and Media, 2019), 35.',
    );
  });
});

describe('pinpoints', () => {
  const pinpointed = (pinpoint: Pinpoint) =>
    Object.fromEntries(STYLE_IDS.map((style) => [style, formatCitation(book, style, pinpoint)]));

  it('GIVEN a passage in chapter 2, paragraph 14, with no page THEN each style labels both with its own terms', () => {
    expect(pinpointed({ chapter: '2', paragraph: 14 })).toEqual({
      chicago: '(Furr 2019, chap. 2, para. 14)',
      'chicago-note': 'Grover Furr, Trotsky’s Lies, Corrected Edition (Erythrós Press and Media, 2019), chap. 2, para. 14.',
      mla: '(Furr, ch. 2, par. 14)',
      apa: '(Furr, 2019, Chapter 2, para. 14)',
    });
  });

  it('GIVEN a page THEN only the page is cited, even when chapter and paragraph are known', () => {
    expect(pinpointed({ page: '35', chapter: '2', paragraph: 14 })).toEqual({
      chicago: '(Furr 2019, 35)',
      'chicago-note': 'Grover Furr, Trotsky’s Lies, Corrected Edition (Erythrós Press and Media, 2019), 35.',
      mla: '(Furr 35)',
      apa: '(Furr, 2019, p. 35)',
    });
  });

  it('GIVEN a page range THEN the style’s range dash and plural label', () => {
    expect(formatCitation(book, 'apa', { page: '35-37' })).toBe('(Furr, 2019, pp. 35–37)');
    expect(formatCitation(book, 'chicago', { page: '35-37' })).toBe('(Furr 2019, 35–37)');
  });

  it('GIVEN only a paragraph THEN the paragraph, labelled by the style', () => {
    expect(pinpointed({ paragraph: 7 })).toEqual({
      chicago: '(Furr 2019, para. 7)',
      'chicago-note': 'Grover Furr, Trotsky’s Lies, Corrected Edition (Erythrós Press and Media, 2019), para. 7.',
      mla: '(Furr, par. 7)',
      apa: '(Furr, 2019, para. 7)',
    });
  });

  it('GIVEN a chapter and a section but no paragraph THEN both', () => {
    expect(pinpointed({ chapter: '3', section: '2' })).toEqual({
      chicago: '(Furr 2019, chap. 3, sec. 2)',
      'chicago-note': 'Grover Furr, Trotsky’s Lies, Corrected Edition (Erythrós Press and Media, 2019), chap. 3, sec. 2.',
      mla: '(Furr, ch. 3, sec. 2)',
      apa: '(Furr, 2019, Chapter 3, sec. 2)',
    });
  });

  it('GIVEN a section alone THEN the section with the style’s label', () => {
    expect(pinpointed({ section: '4' })).toEqual({
      chicago: '(Furr 2019, sec. 4)',
      'chicago-note': 'Grover Furr, Trotsky’s Lies, Corrected Edition (Erythrós Press and Media, 2019), sec. 4.',
      mla: '(Furr, sec. 4)',
      apa: '(Furr, 2019, Section 4)',
    });
  });

  it('GIVEN a chapter alone THEN the chapter', () => {
    expect(formatCitation(book, 'chicago', { chapter: '5' })).toBe('(Furr 2019, chap. 5)');
    expect(formatCitation(book, 'mla', { chapter: '5' })).toBe('(Furr, ch. 5)');
  });

  it('GIVEN empty or impossible parts THEN they are ignored rather than printed', () => {
    const bare = formatCitation(book, 'chicago');
    expect(bare).toBe('(Furr 2019)');
    for (const pinpoint of [{}, { page: '  ' }, { paragraph: 0 }, { paragraph: -3 }, { paragraph: 1.5 }, { section: '' }]) {
      expect(formatCitation(book, 'chicago', pinpoint)).toBe(bare);
    }
  });

  it('GIVEN an inferred year and a pinpoint THEN both the bracket and the locator', () => {
    expect(formatCitation(speech, 'chicago', { chapter: '1', paragraph: 3 })).toBe('(Furr [2014], chap. 1, para. 3)');
    expect(formatCitation(speech, 'apa', { page: '4' })).toBe('(Furr, [2014], p. 4)');
  });
});

describe('exportRecords', () => {
  const works = [book, essay, article, speech, webPage, zhukovTranslit, zhukovCyrillic];

  it('GIVEN the corpus works and the Russian records THEN BibTeX with ASCII keys and the Cyrillic kept', () => {
    const bibtex = exportRecords(works, 'bibtex');
    expect(bibtex).toMatchInlineSnapshot(`
      "@book{Furr2019Trotskys,
      	address = {Kettering, OH},
      	author = {Furr, Grover},
      	edition = {Corrected Edition},
      	isbn = {978-0-578-52104-6},
      	year = {2019},
      	publisher = {{Erythrós Press and Media}},
      	title = {Trotsky's {Lies}},
      }
      @misc{Furr2017Evidence,
      	author = {Furr, Grover},
      	year = {2017},
      	month = {sep 6},
      	title = {Evidence of {Leon} {Trotsky}’s {Collaboration} with {Germany} and {Japan}},
      }
      @article{MukherjeeViolence,
      	author = {Mukherjee, Dibyajit},
      	title = {Violence in the {Political} {Construction} of {Trotskyism}},
      }
      @misc{Furr2014Continuing,
      	address = {Lucas Arms, Grays Inn Road, London},
      	author = {Furr, Grover},
      	year = {2014},
      	month = {jun 20},
      	note = {Meeting of the Communist Party of Great Britain (Marxist-Leninist). Year not stated in the source; inferred.},
      	title = {The {Continuing} {Revolution} in {Stalin}-{Era} {Soviet} {History}},
      	type = {talk},
      }
      @misc{ErythrosLeon,
      	author = {{Erythros Press and Media, LLC}},
      	note = {Sells Grover Furr, Leon Trotsky’s Collaboration with Germany and Japan: 313 pages, softcover, ISBN 978-0-692-94573-5, $25.00.},
      	publisher = {{Erythros Press and Media, LLC}},
      	title = {Leon {Trotsky}’s {Collaboration} with {Germany} and {Japan}: Trotsky’s {Conspiracies} of the 1930s, {Volume} {Two}},
      	type = {publisher's page},
      }
      @book{Zhukov2000Tainy,
      	address = {Moscow},
      	author = {Zhukov, Iurii N.},
      	year = {2000},
      	publisher = {TERRA},
      	title = {Tainy {Kremlia}. {Stalin}, {Molotov}, {Beriia}, {Malenkov}},
      }
      @book{Zhukov2000Tainyb,
      	address = {Moscow},
      	author = {Zhukov, Iurii N.},
      	year = {2000},
      	publisher = {TERRA},
      	title = {Тайны Кремля [{Tainy} {Kremlia}; {Secrets} of the {Kremlin}]},
      }

      "
    `);
    const keys = [...bibtex.matchAll(/^@\w+\{([^,]+),$/gm)].map((m) => m[1]);
    expect(keys).toHaveLength(works.length);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
  });

  it('GIVEN the same records THEN RIS keeps the Cyrillic, a talk’s meeting and place, and the citation key as ID', () => {
    const ris = exportRecords(works, 'ris');
    expect(ris).toMatchInlineSnapshot(`
      "TY  - BOOK
      ID  - Furr2019Trotskys
      AU  - Furr, Grover
      CY  - Kettering, OH
      DA  - 2019///
      PY  - 2019
      ET  - Corrected Edition
      LA  - en
      PB  - Erythrós Press and Media
      SN  - 978-0-578-52104-6
      TI  - Trotsky's Lies
      ER  - 

      TY  - GEN
      ID  - Furr2017Evidence
      AU  - Furr, Grover
      DA  - 2017/9/6/
      PY  - 2017
      LA  - en
      TI  - Evidence of Leon Trotsky’s Collaboration with Germany and Japan
      ER  - 

      TY  - JOUR
      ID  - MukherjeeViolence
      AU  - Mukherjee, Dibyajit
      LA  - en
      TI  - Violence in the Political Construction of Trotskyism
      ER  - 

      TY  - SLIDE
      ID  - Furr2014Continuing
      AU  - Furr, Grover
      DA  - 2014/6/20/
      PY  - 2014
      LA  - en
      M3  - talk
      N1  - Year not stated in the source; inferred.
      TI  - The Continuing Revolution in Stalin-Era Soviet History
      T2  - Meeting of the Communist Party of Great Britain (Marxist-Leninist)
      CY  - Lucas Arms, Grays Inn Road, London
      ER  - 

      TY  - ELEC
      ID  - ErythrosLeon
      AU  - Erythros Press and Media, LLC
      LA  - en
      N1  - Sells Grover Furr, Leon Trotsky’s Collaboration with Germany and Japan: 313 pages, softcover, ISBN 978-0-692-94573-5, $25.00.
      PB  - Erythros Press and Media, LLC
      TI  - Leon Trotsky’s Collaboration with Germany and Japan: Trotsky’s Conspiracies of the 1930s, Volume Two
      ER  - 

      TY  - BOOK
      ID  - Zhukov2000Tainy
      AU  - Zhukov, Iurii N.
      CY  - Moscow
      DA  - 2000///
      PY  - 2000
      LA  - ru
      PB  - TERRA
      TI  - Tainy Kremlia. Stalin, Molotov, Beriia, Malenkov
      ER  - 

      TY  - BOOK
      ID  - Zhukov2000Tainyb
      AU  - Zhukov, Iurii N.
      CY  - Moscow
      DA  - 2000///
      PY  - 2000
      LA  - ru
      PB  - TERRA
      TI  - Тайны Кремля [Tainy Kremlia; Secrets of the Kremlin]
      ER  - 
      "
    `);
    expect(ris).toContain('TI  - Тайны Кремля [Tainy Kremlia; Secrets of the Kremlin]');
  });

  it('GIVEN CSL-JSON THEN it parses back to the items, glossed title and citation key included', () => {
    const items = JSON.parse(exportRecords([zhukovCyrillic, speech], 'csl-json')) as Record<string, unknown>[];
    expect(items[0]).toEqual({
      id: 'trotskys-lies/bib/zhukov-cyrillic',
      type: 'book',
      author: [{ family: 'Zhukov', given: 'Iurii N.' }],
      title: 'Тайны Кремля [Tainy Kremlia; Secrets of the Kremlin]',
      publisher: 'TERRA',
      'publisher-place': 'Moscow',
      issued: { 'date-parts': [[2000]] },
      language: 'ru',
      'citation-key': 'Zhukov2000Tainy',
    });
    expect(items[1]).toMatchObject({ note: 'Year not stated in the source; inferred.', 'event-place': 'Lucas Arms, Grays Inn Road, London' });
  });

  it('GIVEN the same records exported twice THEN the same keys', () => {
    expect(exportRecords(works, 'bibtex')).toBe(exportRecords(works, 'bibtex'));
  });

  it('GIVEN no records THEN empty output in every format', () => {
    expect(exportRecords([], 'csl-json')).toBe('[]\n');
    expect(exportRecords([], 'bibtex').trim()).toBe('');
    expect(exportRecords([], 'ris').trim()).toBe('');
  });
});

describe('bad input', () => {
  it('GIVEN an unknown style THEN a UserError naming the valid styles', () => {
    const err = catchError(() => formatReference(book, 'harvard' as never));
    expect(isUserError(err)).toBe(true);
    expect(err).toMatchObject({
      identifier: 'cite.unknown-style',
      message: 'Unknown citation style "harvard". Valid styles: chicago, chicago-note, mla, apa.',
    });
    expect(catchError(() => formatCitation(book, '' as never))).toMatchObject({ identifier: 'cite.unknown-style' });
  });

  it('GIVEN a style typed in capitals or with spaces THEN it is accepted', () => {
    expect(formatCitation(book, ' APA ' as never, { page: '1' })).toBe('(Furr, 2019, p. 1)');
  });

  it('GIVEN an unknown export format THEN a UserError naming the valid formats', () => {
    expect(catchError(() => exportRecords([book], 'endnote' as never))).toMatchObject({
      identifier: 'cite.unknown-format',
      message: 'Unknown export format "endnote". Valid formats: bibtex, ris, csl-json.',
    });
  });

  it('GIVEN an unknown output format THEN a UserError naming text and html', () => {
    expect(catchError(() => formatReference(book, 'mla', { format: 'markdown' as never }))).toMatchObject({
      identifier: 'cite.unknown-output',
      message: 'Unknown output format "markdown". Valid formats: text, html.',
    });
  });

  it('GIVEN a broken record THEN a UserError listing what is wrong, never a crash', () => {
    const broken = { id: 'x', type: 'thesis', authors: 'Furr', issued: { year: 0 } } as unknown as BibRecord;
    expect(catchError(() => formatReference(broken, 'mla'))).toMatchObject({
      identifier: 'cite.invalid-record',
      message:
        'Cannot format reference "x": type "thesis" is not one of book, chapter, article-journal, article-newspaper, speech, webpage, manuscript, report, document; authors must be a list (it may be empty); issued.year must be a positive whole number.',
    });
    expect(catchError(() => exportRecords([null as unknown as BibRecord], 'ris'))).toMatchObject({ identifier: 'cite.invalid-record' });
    const wrongTypes = { id: 'y', type: 'book', authors: [null], title: 42, issued: { year: 2000, month: 13 } } as unknown as BibRecord;
    expect(catchError(() => formatCitation(wrongTypes, 'apa'))).toMatchObject({
      identifier: 'cite.invalid-record',
      message:
        'Cannot format reference "y": authors must hold names with family, given or literal text; title must be text; issued.month must be 1–12 and issued.day 1–31, a day only with a month.',
    });
    expect(catchError(() => exportRecords('x' as unknown as BibRecord[], 'ris'))).toMatchObject({ identifier: 'cite.invalid-record' });
  });

  it('GIVEN a record with no author, title or date THEN the styles still give something readable', () => {
    const bare: BibRecord = { id: 'bare', type: 'document', authors: [] };
    for (const style of STYLE_IDS) {
      expect(formatReference(bare, style)).toMatch(/n\.d\.|^$/i);
      expect(() => formatCitation(bare, style, { page: '1' })).not.toThrow();
    }
  });
});

describe('GIVEN a journal volume printed in Roman numerals (Getty\'s "Soviet Studies XXXVIII" in Trotsky\'s Lies)', () => {
  const getty: BibRecord = {
    id: 'trotskys-lies.b78',
    type: 'article-journal',
    authors: [{ family: 'Getty', given: 'J. Arch' }],
    title: 'Trotsky in Exile: the Founding of the Fourth International',
    containerTitle: 'Soviet Studies',
    volume: 'XXXVIII',
    issue: '1',
    pages: '24-35',
    issued: { year: 1986 },
  };
  it('THEN every style prints the volume once, in Arabic numerals, before the issue and pages', () => {
    expect(formatReference(getty, 'chicago')).toContain('Soviet Studies 38 (1): 24–35.');
    expect(formatReference(getty, 'mla')).toContain('vol. 38, no. 1, 1986, pp. 24–35.');
    expect(formatReference(getty, 'apa')).toContain('Soviet Studies, 38(1), 24–35.');
    for (const style of STYLE_IDS) expect(formatReference(getty, style)).not.toContain('XXXVIII');
  });
  it('THEN a volume that is no Roman numeral is left as written', () => {
    expect(formatReference({ ...getty, volume: '38' }, 'mla')).toContain('vol. 38,');
    expect(formatReference({ ...getty, volume: 'Civil' }, 'mla')).toContain('vol. Civil,');
  });
});
