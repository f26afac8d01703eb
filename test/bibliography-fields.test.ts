/**
 * Bibliography parsing by field on every entry of the book's and the article's lists, compared with
 * a checked-in golden file (test/golden/bibliography.json; rewrite it with UPDATE_GOLDEN=1 after
 * reviewing the change), and the hard shapes the issue names, one by one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFields } from '../src/corpus/ingest/bib-fields.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { realCorpus } from './helpers/corpus.ts';

const GOLDEN = path.join(PROJECT_ROOT, 'test', 'golden', 'bibliography.json');
const entryOf = async (start: string) => {
  const { build } = await realCorpus();
  const e = build.works.flatMap((w) => w.bibliography).find((b) => b.text.replace(/^[-–]\s+/, '').startsWith(start));
  if (!e) throw new Error(`no entry starts with ${start}`);
  return e;
};

describe('GIVEN every bibliography entry of the bundled texts', () => {
  it('THEN the fields parsed from each match the golden file', async () => {
    const { build } = await realCorpus();
    const rows = build.works.flatMap((w) =>
      w.bibliography.map((e) => ({ id: e.id, text: e.text, fields: parseFields(e.text) })),
    );
    expect(rows.length).toBeGreaterThanOrEqual(158);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, `${JSON.stringify(rows, null, 1)}\n`);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('THEN no year is a life date or a period inside a title, and no URL is taken as a container', async () => {
    const { build } = await realCorpus();
    for (const e of build.works.flatMap((w) => w.bibliography)) {
      expect(e.containerTitle ?? '').not.toMatch(/https?:|www\./);
      if (e.year) expect(e.text).toMatch(new RegExp(`(?:[,:(]\\s*|\\s|©)${e.year.slice(0, 4)}\\b`));
    }
    expect((await entryOf('Bystriantseva, L.A. "Arkhivnye')).year).toBeUndefined();
  });
});

describe('GIVEN the hard shapes of the book\'s bibliography', () => {
  it('THEN "Getty, J. Arch and Oleg V. Naumov." gives two authors and the Yale imprint', async () => {
    const e = await entryOf('Getty, J. Arch and Oleg V. Naumov.');
    expect(e.names).toEqual([{ family: 'Getty', given: 'J. Arch' }, { family: 'Naumov', given: 'Oleg V.' }]);
    expect(e).toMatchObject({ title: 'The Road to Terror: Stalin and the Self-Destruction of the Bolsheviks, 1932-1939', place: 'New Haven', publisher: 'Yale University Press', year: '1999', siglum: 'Getty & Naumov' });
  });

  it('THEN "Moscow, Terra, 1999." keeps place and publisher', async () => {
    expect(await entryOf("Fel'shtinsky, Iurii. Vozhdy v zakone.")).toMatchObject({ title: 'Vozhdy v zakone', place: 'Moscow', publisher: 'Terra', year: '1999' });
  });

  it('THEN a title that begins with a person\'s name stays a title ("Lev Trotskii. Vrag No.1")', async () => {
    const e = await entryOf("Fel'shtinskii, Iurii, Georgii Cherniavskii, Lev Trotskii.");
    expect(e.names?.map((n) => n.family)).toEqual(["Fel'shtinskii", 'Cherniavskii']);
    expect(e.title).toBe('Lev Trotskii. Vrag No.1. 1929-1940');
    expect(e).toMatchObject({ place: 'Moscow', year: '2013' });
  });

  it('THEN a title that begins with a year stays a title ("1937. Stalin\'s Year of Terror")', async () => {
    const e = await entryOf('Rogovin, Vadim Z. 1937. Stalin');
    expect(e).toMatchObject({ title: "1937. Stalin's Year of Terror", place: 'Oak Park, MI', publisher: 'Mehring Books', year: '1998' });
  });

  it('THEN a parenthesised imprint "(Yale University Press; 1998)" gives publisher and year', async () => {
    expect(await entryOf('Thurston, Robert.')).toMatchObject({ title: "Life and Terror in Stalin's Russia, 1934–1941", publisher: 'Yale University Press', year: '1998' });
  });

  it('THEN editors are kept: "In John W. Strong, ed." for a chapter and "Ed. Ivo Banac" for a book', async () => {
    const chapter = await entryOf('Broué, Pierre. "Party Opposition');
    expect(chapter).toMatchObject({ entryType: 'chapter', containerTitle: 'Essays on Revolutionary Culture and Stalinism', place: 'Columbus, OH', publisher: 'Slavica Publishers', year: '1990', pages: '98-111' });
    expect(chapter.editors).toEqual([{ family: 'Strong', given: 'John W.' }]);
    expect((await entryOf('Dimitrov, Georgi.')).editors).toEqual([{ family: 'Banac', given: 'Ivo' }]);
  });

  it('THEN an article gives container, volume, issue and pages ("*Slavic Review* 50, 1 (Spring 1991), 18-35")', async () => {
    expect(await entryOf('Getty, J. Arch. "State and Society')).toMatchObject({
      title: 'State and Society under Stalin: Constitutions and Elections in the 1930s',
      containerTitle: 'Slavic Review',
      volume: '50',
      issue: '1',
      pages: '18-35',
      year: '1991',
    });
  });

  it('THEN a bracketed translated title is its own field and "n.p." leaves the publisher empty', async () => {
    const e = await entryOf('Bazhanov, Boris.');
    expect(e).toMatchObject({ title: 'Vospominaniia byvshego sekretaria Stalina', titleTranslated: "Memoirs of Stalin's former secretary", place: 'Moscow', year: '1990' });
    expect(e.publisher).toBeUndefined();
    expect(e.url).toBe('http://www.hrono.ru/libris/lib_b/bazhan00.html');
  });

  it('THEN a title-first entry with no author names none ("Genrikh Iagoda. Narkom…")', async () => {
    const e = await entryOf('Genrikh Iagoda.');
    expect(e.authors).toEqual([]);
    expect(e.title?.startsWith('Genrikh Iagoda. Narkom')).toBe(true);
    expect(e).toMatchObject({ place: "Kazan'", year: '1997', siglum: 'Genrikh Iagoda' });
  });

  const fieldsOf = async (start: string) => parseFields((await entryOf(start)).text);

  it('THEN a title that holds quotations runs to its own closing quote ("Poslednii Polkovnik Imperii", "Great Terror")', async () => {
    expect(await fieldsOf('"Poslednii Polkovnik Imperii"')).toMatchObject({
      authors: [],
      title: '"Poslednii Polkovnik Imperii" Interv\'iu "Elementov" s narodnym deputatom SSSR Viktorom Alksnisom',
      containerTitle: 'Elementy',
      issue: '3',
      year: '2000',
      siglum: 'Alksnis',
    });
    expect((await fieldsOf('Furr, Grover. "The Moscow Trials and the "Great Terror"')).title).toBe('The Moscow Trials and the "Great Terror" of 1937-1938: What the Evidence Shows');
  });

  it('THEN an organisation heading is one author and the statement of responsibility is no title ("Commission of inquiry…")', async () => {
    const e = await fieldsOf('Commission of inquiry into the charges');
    expect(e.authors).toEqual([{ literal: 'Commission of inquiry into the charges made against Leon Trotsky in the Moscow trials. Preliminary Commission' }]);
    expect(e).toMatchObject({ title: 'The Case of Leon Trotsky. Report of hearings on the charges made against him in the Moscow trials', place: 'New York', publisher: 'Harper & Brothers', year: '1937', siglum: 'CLT' });
    expect(e.titleTranslated).toBeUndefined();
  });

  it('THEN of several imprints the first is the one cited ("Not guilty… 1938; 2nd edition … 1973")', async () => {
    const e = await fieldsOf('Not guilty: report');
    expect(e).toMatchObject({ title: 'Not guilty: report of the Commission of Inquiry into the Charges Made Against Leon Trotsky in the Moscow Trials', place: 'New York, London', publisher: 'Harper & Brothers', year: '1938', siglum: 'NG' });
    expect(e.authors).toEqual([]);
  });

  it('THEN a middle initial after a stray period stays in the name ("Sakharov, Valentin. A.")', async () => {
    const e = await fieldsOf('Sakharov, Valentin. A.');
    expect(e.authors).toEqual([{ family: 'Sakharov', given: 'Valentin A.' }]);
    expect(e).toMatchObject({ title: 'Podlog zaveshchaniia vozhdia. Kto avtor?', url: 'http://stalinism.narod.ru/vieux/saharov.htm', kind: 'webpage' });
  });

  it('THEN a dissertation is a thesis with its whole title and its university ("Poole… Unpublished Ph.D. dissertation")', async () => {
    const e = await fieldsOf('Poole, Thomas Ray.');
    expect(e).toMatchObject({ kind: 'thesis', title: '"Counter-Trial." Leon Trotsky on the Soviet Purge Trials', publisher: 'University of Massachusetts', year: '1974' });
    expect(e.containerTitle).toBeUndefined();
    expect(e.place).toBeUndefined();
  });

  it('THEN a run of years after a container is part of its name, not the year ("Lubianka 1937-1938 No. 226")', async () => {
    const e = await fieldsOf('"Protokol Doprosa IA.A. Iakovleva.');
    expect(e).toMatchObject({ containerTitle: 'Lubianka 1937-1938', issue: '226', pages: '387-395' });
    expect(e.year).toBeUndefined();
  });

  it('THEN a periodical\'s parenthesised imprint is read by field ("Cahiers Léon Trotsky. (Institut Léon Trotsky. - Saint Martin d\'Hères: …)")', async () => {
    expect(await fieldsOf('Cahiers Léon Trotsky. (Institut')).toMatchObject({ title: 'Cahiers Léon Trotsky', publisher: 'Institut Léon Trotsky', place: "Saint Martin d'Hères", year: '1979' });
  });
});
