import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { plugins } from '@citation-js/core';
import { describe, expect, it } from 'vitest';
import { asciiFold, bibtexKeys } from '../src/cite/bibtex-key.ts';
import {
  exportRecords,
  formatCitation,
  formatReference,
  recordFromManifestWork,
  STYLE_IDS,
  toCsl,
  type BibRecord,
  type CslItem,
} from '../src/cite/index.ts';
import { bracketInferredYear, placeGloss, TITLE_END } from '../src/cite/render.ts';
import { STYLE_FILES } from '../src/cite/styles.ts';
import { loadManifest, ManifestWork } from '../src/corpus/manifest.ts';

describe('toCsl', () => {
  it('GIVEN a record with every field THEN each lands in its CSL variable', () => {
    const record: BibRecord = {
      id: 'r1',
      type: 'chapter',
      authors: [{ family: 'Furr', given: 'Grover' }, { literal: 'Erythrós Press' }],
      editors: [{ family: 'Bobrov', given: 'Vladimir' }],
      title: 'Тайны Кремля',
      titleTranslit: 'Tainy Kremlia',
      titleTranslated: 'Secrets of the Kremlin',
      containerTitle: 'Collected Essays',
      volume: '2',
      issue: '3',
      pages: '10-20',
      publisher: 'TERRA',
      place: 'Moscow',
      edition: '2',
      issued: { year: 2000, month: 5, day: 9, inferred: true },
      isbn: '978-5-275-00000-0',
      url: 'https://example.org/t',
      accessed: '2024-01-02',
      language: 'ru',
      note: 'A note.',
      event: 'A meeting',
      genre: 'essay',
    };
    expect(toCsl(record)).toEqual({
      id: 'r1',
      type: 'chapter',
      author: [{ family: 'Furr', given: 'Grover' }, { literal: 'Erythrós Press' }],
      editor: [{ family: 'Bobrov', given: 'Vladimir' }],
      title: 'Тайны Кремля',
      'container-title': 'Collected Essays',
      volume: '2',
      issue: '3',
      page: '10-20',
      publisher: 'TERRA',
      'publisher-place': 'Moscow',
      edition: '2',
      issued: { 'date-parts': [[2000, 5, 9]] },
      ISBN: '978-5-275-00000-0',
      URL: 'https://example.org/t',
      accessed: { 'date-parts': [[2024, 1, 2]] },
      language: 'ru',
      note: 'A note.',
      event: 'A meeting',
      'event-title': 'A meeting',
      genre: 'essay',
    });
  });

  it('GIVEN a talk THEN its place is the event place', () => {
    const csl = toCsl({ id: 's', type: 'speech', authors: [], place: 'Lucas Arms, London' });
    expect(csl['event-place']).toBe('Lucas Arms, London');
    expect(csl['publisher-place']).toBeUndefined();
  });

  it('GIVEN blank strings, empty names, "und" and a malformed access date THEN they are left out, not printed empty', () => {
    expect(
      toCsl({
        id: 'b',
        type: 'book',
        authors: [{ family: '  ' }, { given: 'Grover', family: 'Furr ' }],
        title: ' ',
        titleTranslit: 'Tainy Kremlia',
        publisher: '',
        accessed: 'last week',
        language: 'und',
      }),
    ).toEqual({ id: 'b', type: 'book', author: [{ family: 'Furr', given: 'Grover' }], title: 'Tainy Kremlia' });
  });
});

describe('recordFromManifestWork', () => {
  const work = (fields: Record<string, unknown>) =>
    ManifestWork.parse({ file: 'x.txt', languages: ['en'], authors: [{ family: 'Furr', given: 'Grover' }], ...fields });

  it('GIVEN the talk whose year is inferred THEN a speech with the inferred date and the meeting', () => {
    const record = recordFromManifestWork(
      work({
        id: 'continuing-revolution-speech',
        type: 'speech',
        title: 'The Continuing Revolution in Stalin-Era Soviet History',
        date: { value: '2014-06-20', inferred: true, basis: '20 June fell on a Friday in 2014' },
        place: 'Lucas Arms, Grays Inn Road, London',
        event: 'Meeting of the Communist Party of Great Britain (Marxist-Leninist)',
        notes: ['Text of a talk of about 50 minutes.'],
      }),
    );
    expect(record).toEqual({
      id: 'continuing-revolution-speech',
      type: 'speech',
      authors: [{ family: 'Furr', given: 'Grover' }],
      title: 'The Continuing Revolution in Stalin-Era Soviet History',
      issued: { year: 2014, month: 6, day: 20, inferred: true },
      place: 'Lucas Arms, Grays Inn Road, London',
      event: 'Meeting of the Communist Party of Great Britain (Marxist-Leninist)',
      language: 'en',
    });
  });

  it('GIVEN the publisher’s page THEN a web page whose subtitle is its genre and whose note is the book it sells', () => {
    const record = recordFromManifestWork(
      work({
        id: 'collaboration-publisher-page',
        type: 'web-page',
        title: 'Leon Trotsky’s Collaboration with Germany and Japan',
        subtitle: "Publisher's page",
        authors: [{ literal: 'Erythros Press and Media, LLC' }],
        publisher: 'Erythros Press and Media, LLC',
        about: [
          { kind: 'book', note: 'Describes Grover Furr, Leon Trotsky’s Collaboration; ISBN 978-0-692-94573-5.' },
          { kind: 'review', note: 'Reviews a different book.' },
        ],
      }),
    );
    expect(record).toMatchObject({
      type: 'webpage',
      title: 'Leon Trotsky’s Collaboration with Germany and Japan',
      genre: "publisher's page",
      authors: [{ literal: 'Erythros Press and Media, LLC' }],
      note: 'Describes Grover Furr, Leon Trotsky’s Collaboration; ISBN 978-0-692-94573-5.',
    });
  });

  it('GIVEN a book with a subtitle, an edition and ISBNs THEN the title joins the subtitle and the first ISBN is kept', () => {
    const record = recordFromManifestWork(
      work({
        id: 'b',
        type: 'book',
        title: 'Blood Lies',
        subtitle: 'The Evidence',
        edition: 'Corrected Edition',
        date: { value: '2019-08' },
        identifiers: { isbn: ['978-0-578-52104-6', '0-578-52104-X'] },
      }),
    );
    expect(record).toMatchObject({ title: 'Blood Lies: The Evidence', edition: 'Corrected Edition', isbn: '978-0-578-52104-6', issued: { year: 2019, month: 8 } });
    expect(record.issued?.inferred).toBeUndefined();
  });

  it('GIVEN each essay and article type THEN the CSL type the styles format best', () => {
    expect(recordFromManifestWork(work({ id: 'e', type: 'essay', title: 'E' })).type).toBe('document');
    expect(recordFromManifestWork(work({ id: 'a', type: 'article', title: 'A' })).type).toBe('article-journal');
  });

  it('GIVEN the corpus manifest THEN every work formats and exports in every style', async () => {
    const manifest = await loadManifest('data/corpus/manifest.json', { checkFiles: false });
    const records = manifest.works.map(recordFromManifestWork);
    for (const record of records) {
      for (const style of STYLE_IDS) {
        expect(formatReference(record, style)).not.toBe('');
        expect(formatCitation(record, style, { chapter: '1', paragraph: 2 })).not.toBe('');
      }
    }
    const speech = records.find((r) => r.type === 'speech');
    if (speech?.issued?.inferred) expect(formatReference(speech, 'chicago')).toContain(`[${speech.issued.year}]`);
    expect(exportRecords(records, 'ris').match(/^TY {2}- /gm)).toHaveLength(records.length);
  });
});

describe('BibTeX keys', () => {
  const rec = (fields: Partial<BibRecord>): BibRecord => ({ id: 'x', type: 'book', authors: [], ...fields });

  it('GIVEN Cyrillic, accents and apostrophes THEN ASCII letters only', () => {
    expect(asciiFold('Жуков Юрий Щербаков ёлка Erythrós')).toBe('Zhukov Iurii Shcherbakov elka Erythros');
    expect(
      bibtexKeys([
        rec({ authors: [{ family: 'Жуков', given: 'Юрий' }], title: 'Тайны Кремля', issued: { year: 2000 } }),
        rec({ authors: [{ family: 'Furr' }], title: "The Trotsky's Lies", issued: { year: 2019 } }),
        rec({ authors: [{ literal: 'Erythrós Press' }], title: 'À propos' }),
        rec({ authors: [], title: '' }),
      ]),
    ).toEqual(['Zhukov2000Tainy', 'Furr2019Trotskys', 'ErythrosPropos', 'ref']);
  });

  it('GIVEN records that would share a key THEN b, c… after the first, and never a clash', () => {
    const same = rec({ authors: [{ family: 'Furr' }], title: 'Lies', issued: { year: 2019 } });
    expect(bibtexKeys([same, same, rec({ authors: [{ family: 'Furr' }], title: 'Liesb', issued: { year: 2019 } }), same])).toEqual([
      'Furr2019Lies',
      'Furr2019Liesb',
      'Furr2019Liesbb',
      'Furr2019Liesc',
    ]);
  });

  it('GIVEN keys longer than the 20 characters plugin-ris would keep THEN RIS IDs are the whole, distinct keys', () => {
    const long = rec({ authors: [{ family: 'Shcherbakovskaya' }], title: 'Vospominaniia', issued: { year: 1990 } });
    const ids = [...exportRecords([long, long], 'ris').matchAll(/^ID {2}- (.*)$/gm)].map((m) => m[1]!);
    expect(ids).toEqual(['Shcherbakovskaya1990Vospominaniia', 'Shcherbakovskaya1990Vospominaniiab']);
  });

  it('GIVEN a BibTeX export THEN plugin-bibtex’s global ASCII setting is left as it was', () => {
    const config = plugins.config.get('@bibtex').format;
    const before = config.asciiOnly;
    exportRecords([rec({ title: 'Тайны' })], 'bibtex');
    expect(config.asciiOnly).toBe(before);
  });
});

describe('rendering helpers', () => {
  it('GIVEN a title end before closing italics, quotes and moved punctuation THEN the gloss goes after them', () => {
    const m = TITLE_END;
    expect(placeGloss(`Z. <i>Тайны Кремля${m}</i>. T.`, 'Tainy Kremlia', 'html')).toBe('Z. <i>Тайны Кремля</i> [Tainy Kremlia]. T.');
    expect(placeGloss(`Z. “Рикошет${m},” V.`, 'Rikoshet', 'text')).toBe('Z. “Рикошет” [Rikoshet], V.');
    expect(placeGloss(`Z. Рикошет${m}. V.`, 'Rikoshet', 'text')).toBe('Z. Рикошет [Rikoshet]. V.');
    expect(placeGloss(`a${m}</i>`, '<&>', 'html')).toBe('a</i> [&lt;&amp;&gt;]');
    expect(placeGloss(`(Zhukov${m} 5)`, undefined, 'text')).toBe('(Zhukov 5)');
  });

  it('GIVEN a renderer THEN only the characters that changed with the year are bracketed', () => {
    const item: CslItem = { id: 'i', type: 'speech', issued: { 'date-parts': [[2014, 6, 20]] }, 'event-date': { 'date-parts': [[2014, 6, 20]] } };
    const render = (it: CslItem) =>
      `Talk 2014-style, ${it.issued?.['date-parts'][0]?.[0]}; held ${it['event-date']?.['date-parts'][0]?.[0]}, room 20.`;
    expect(bracketInferredYear(item, render)).toBe('Talk 2014-style, [2014]; held [2014], room 20.');
  });
});

describe('bundled styles', () => {
  it('GIVEN data/csl THEN each style file matches the checksum its README records', () => {
    const readme = readFileSync('data/csl/README.md', 'utf8');
    for (const file of Object.values(STYLE_FILES)) {
      const text = readFileSync(`data/csl/${file}`);
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${file}\` | ${[...text.toString('utf8')].length} |`));
      expect(row, `README row for ${file}`).toBeDefined();
      expect(row).toContain(createHash('sha256').update(text).digest('hex'));
      expect(text.toString('utf8')).not.toContain('independent-parent');
    }
  });
});
