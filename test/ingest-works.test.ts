import { mkdtemp, readFile, writeFile, cp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../src/corpus/build.ts';
import { decodeText } from '../src/corpus/ingest/decode.ts';
import { ingestWork } from '../src/corpus/ingest/work.ts';
import { loadManifest } from '../src/corpus/manifest.ts';
import { DataError } from '../src/errors.ts';
import { snippetMatches } from '../src/eval/normalize.ts';
import { CORPUS_DIR, EVAL_FIXTURES, realCorpus, work } from './helpers/corpus.ts';

const temps: string[] = [];
afterAll(async () => {
  for (const t of temps) await rm(t, { recursive: true, force: true });
});
async function tempCorpus(): Promise<{ dir: string; corpus: string; build: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lectern-ingest-'));
  temps.push(dir);
  const corpus = path.join(dir, 'corpus');
  await cp(CORPUS_DIR, corpus, { recursive: true });
  return { dir, corpus, build: path.join(dir, 'build') };
}

describe('GIVEN the academic article', () => {
  it('THEN its 10-entry reference list is parsed, the last entry ending the file without a newline', async () => {
    const w = await work('violence-trotskyism-article');
    expect(w.bibliography).toHaveLength(10);
    expect(w.bibliography.at(-1)).toMatchObject({
      text: 'Wollenberg, E. (2010). *The Red Army*. Scottsdale: Prism Key Press.',
      authors: ['Wollenberg, E.'],
      year: '2010',
      title: 'The Red Army',
    });
    // An imprint after an italic title ending in a period: "*… U.S.S.R.* Illinois: Mehring Books."
    expect(w.bibliography.find((e) => e.text.startsWith('Rogovin'))).toMatchObject({ place: 'Illinois', publisher: 'Mehring Books', year: '2009' });
  });

  it('THEN its 11 footnotes are linked and every author-date citation resolves to its entry', async () => {
    const w = await work('violence-trotskyism-article');
    const notes = w.blocks.filter((b) => b.kind === 'footnote');
    expect(notes).toHaveLength(11);
    expect(notes.every((n) => n.refBlock)).toBe(true);
    const authorDate = w.citations.filter((c) => c.kind === 'author-date');
    expect(authorDate.length).toBeGreaterThanOrEqual(20);
    for (const c of authorDate) {
      const entry = w.bibliography.find((e) => e.id === c.entry);
      const family = /\(([^,]+),\s*(\d{4})/.exec(c.text)!;
      expect(entry?.text.startsWith(family[1]!)).toBe(true);
      expect(entry?.year).toBe(family[2]);
    }
  });

  it('THEN the title, author, affiliation and keywords are front matter, not passages of the text', async () => {
    const { corpus } = await realCorpus();
    const found = [...corpus.passages()].filter((p) => p.work.meta.id === 'violence-trotskyism-article').map((p) => p.block);
    const texts = found.filter((b) => b.kind !== 'front-matter').map((b) => b.text);
    expect(texts.some((t) => t.startsWith('Dibyajit Mukherjee, M.A.'))).toBe(false);
    expect(texts.some((t) => t.startsWith('Keywords:'))).toBe(false);
    const front = found.filter((b) => b.kind === 'front-matter').map((b) => b.text);
    expect(front.some((t) => t.startsWith('Dibyajit Mukherjee, M.A.'))).toBe(true);
    expect(front.some((t) => t.startsWith('Keywords:'))).toBe(true);
    const joined = texts.find((t) => t.startsWith('All the work of practical organization of the insurrection'))!;
    expect(joined).toContain('the swift passing of the garrison to the side of the Soviet');
  });
});

describe('GIVEN the essay, the speech and the publisher\'s page', () => {
  it('THEN the essay keeps its two sections and its date as stated, its footnote markers listed as unlinked', async () => {
    const w = await work('evidence-collaboration-essay');
    expect(w.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([
      'The Soviet Archives “Speak”',
      'The Question of Trotsky And Collaboration With Germany and Japan',
    ]);
    expect(w.meta.date).toMatchObject({ value: '2017-09-06', inferred: false });
    expect(w.unlinked.markers.map((m) => m.number)).toEqual([1, 2, 3, 4, 5]);
    expect(w.meta.notes.join(' ')).toMatch(/excerpt/);
  });

  it('THEN the speech has its numbered talk sections, and numbered list items are not headings', async () => {
    const w = await work('continuing-revolution-speech');
    const sections = w.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => b.locator.chapter);
    expect(sections).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const item = w.blocks.find((b) => b.text.startsWith('1. Trotsky did indeed conspire'))!;
    expect(item.kind).toBe('paragraph');
    expect(item.locator.chapter).toBe(6);
    expect(w.meta.date).toMatchObject({ value: '2014-06-20', inferred: true });
    expect(w.meta.dateAsStated).toBe('Friday 20 June');
  });

  it('THEN the publisher\'s page keeps its description and review as its text, its prices and ordering notes as page text, and none of its menu', async () => {
    const w = await work('collaboration-publisher-page');
    const text = w.blocks.filter((b) => b.kind !== 'page-text').map((b) => b.text).join('\n');
    expect(text).not.toMatch(/\$25\.00|PayPal|shipping|Home About Us|Buy this Book|In Stock/);
    expect(w.blocks.map((b) => b.text).join('\n')).not.toMatch(/Home About Us/);
    expect(text).toContain('At the Moscow Trials of 1937 and 1938');
    const review = w.blocks.find((b) => b.text.startsWith('In this brilliant book'))!;
    // The review is of another book: its locator says so, and the manifest records it.
    expect(review.locator.section).toMatch(/Review of\s+Trotsky's 'Amalgams'/);
    expect(w.meta.about.find((a) => a.kind === 'review')?.title).toBe("Trotsky's 'Amalgams'");
    expect(w.meta.identifiers.isbn).toEqual([]);
    expect(w.meta.about.find((a) => a.kind === 'book')?.isbn).toBe('978-0-692-94573-5');
  });
});

describe('GIVEN the development set of short citations', () => {
  it('THEN each short form in its passage resolves to the entry the bibliography gives, or is reported as not listed', async () => {
    const cases = JSON.parse(await readFile(path.join(EVAL_FIXTURES, 'sources-dev.json'), 'utf8')) as {
      id: string;
      file: string;
      short_form: string;
      context_snippet: string;
      bibliography_snippet: string | null;
    }[];
    const { build } = await realCorpus();
    const failures: string[] = [];
    for (const c of cases) {
      const w = build.works.find((x) => x.meta.file === c.file)!;
      const blocks = w.blocks.filter((b) => snippetMatches(b.text, c.context_snippet));
      const cites = w.citations.filter((x) => blocks.some((b) => b.id === x.block) && snippetMatches(x.text, c.short_form.replace(/^\(|\)$/g, '')));
      const cite = cites[0];
      if (!cite) {
        failures.push(`${c.id}: not found`);
        continue;
      }
      const entry = w.bibliography.find((e) => e.id === cite.entry);
      if (c.bibliography_snippet === null) {
        if (cite.status !== 'not-in-bibliography' || cite.entry !== null) failures.push(`${c.id}: should be unlisted`);
      } else if (!entry || !snippetMatches(entry.text, c.bibliography_snippet)) {
        failures.push(`${c.id}: resolved to ${entry?.text.slice(0, 40)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('GIVEN bad input files', () => {
  const meta = { id: 'x', file: 'x.txt', type: 'essay' as const, title: 'X', authors: [{ family: 'Y' }], languages: ['ru' as const], notes: [], about: [], identifiers: { isbn: [] } };

  it('THEN an empty file, a binary file and a non-text encoding are refused with the file named', () => {
    expect(() => decodeText(new Uint8Array(), 'empty.txt')).toThrow(/empty\.txt: the file is empty/);
    expect(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'book.zip')).toThrow(/book\.zip: the file looks binary/);
    expect(() => decodeText(new Uint8Array(Array.from({ length: 200 }, (_, i) => 0x80 + (i % 5))), 'odd.txt')).toThrow(DataError);
  });

  it('THEN Windows-1251 and KOI8-R Russian texts are decoded, not garbled', () => {
    const russian = 'Обвинительный акт по делу Николаева пытался связать террористов с оппозицией.\n\nВторой абзац текста.';
    for (const enc of ['windows-1251', 'koi8-r'] as const) {
      const decoded = decodeText(iconv.encode(russian, enc), `t-${enc}.txt`);
      expect(decoded).toEqual({ text: russian, encoding: enc });
      const w = ingestWork(meta, iconv.encode(russian, enc), 'x.txt');
      expect(w.blocks[0]!.lang).toBe('ru');
      expect(w.blocks[0]!.text).toBe('Обвинительный акт по делу Николаева пытался связать террористов с оппозицией.');
    }
  });

  it('THEN a manifest entry with a missing field or an unknown file is refused with every problem listed', async () => {
    const t = await tempCorpus();
    const manifest = JSON.parse(await readFile(path.join(t.corpus, 'manifest.json'), 'utf8'));
    delete manifest.works[1].title;
    manifest.works[2].file = 'missing.txt';
    await writeFile(path.join(t.corpus, 'manifest.json'), JSON.stringify(manifest));
    await expect(loadManifest(path.join(t.corpus, 'manifest.json'))).rejects.toThrow(/works\.1\.title/);
    manifest.works[1].title = 'Back';
    await writeFile(path.join(t.corpus, 'manifest.json'), JSON.stringify(manifest));
    await expect(loadManifest(path.join(t.corpus, 'manifest.json'))).rejects.toThrow(/file "missing\.txt" does not exist/);
  });

  it('THEN a failed ingestion leaves the previous build as it was', async () => {
    const t = await tempCorpus();
    const first = await buildCorpus(t.corpus, t.build);
    const before = await readFile(first.file, 'utf8');
    await writeFile(path.join(t.corpus, '001_4da4030da42d6b25.txt'), '');
    await expect(buildCorpus(t.corpus, t.build)).rejects.toThrow(/001_4da4030da42d6b25\.txt: the file is empty/);
    expect(await readFile(first.file, 'utf8')).toBe(before);
  });

  it('THEN two builds of the same texts are byte-identical', async () => {
    const t = await tempCorpus();
    const a = await readFile((await buildCorpus(t.corpus, t.build)).file, 'utf8');
    await mkdir(path.join(t.dir, 'b2'));
    const b = await readFile((await buildCorpus(t.corpus, path.join(t.dir, 'b2'))).file, 'utf8');
    expect(a).toBe(b);
  });
});

describe('GIVEN OCR homoglyphs', () => {
  it('THEN Latin look-alikes inside Cyrillic words (and digits) are repaired in the indexed text only', async () => {
    const { repairHomoglyphs } = await import('../src/corpus/ingest/text.ts');
    expect(repairHomoglyphs('Cтaлин и пре1дприятия', 'ru')).toBe('Сталин и предприятия');
    // A Cyrillic е inside a Latin word, and a whole Cyrillic look-alike word in English text.
    expect(repairHomoglyphs('Stalin’s Rеport', 'en')).toBe('Stalin’s Report');
    expect(repairHomoglyphs('Kаmenev and Zinoviev', 'en')).toBe('Kamenev and Zinoviev');
    expect(repairHomoglyphs('Trotsky 1938', 'en')).toBe('Trotsky 1938');
    const w = await work('trotskys-lies');
    const b = w.blocks.find((x) => x.text.includes('пре1дприятия'))!;
    expect(b.text).toContain('пре1дприятия');
    expect(b.plain).toContain('предприятия');
  });
});

describe('GIVEN text from an extractor with its headings as hints', () => {
  it('THEN a heading naming the reference list starts the bibliography, and author-date citations resolve to it', async () => {
    const { ingestText } = await import('../src/corpus/ingest/work.ts');
    const meta = { id: 'notes', file: 'notes.md', type: 'essay' as const, title: 'Notes', authors: [{ family: 'Reader' }], languages: ['en' as const], notes: [], about: [], identifiers: { isbn: [] } };
    const text = 'Reading Notes\n\nThe grain crisis is discussed at length in the literature (Davies, 1980, p. 12).\n\nReferences\n\nDavies, R. W. (1980). *The Socialist Offensive*. London: Macmillan.\n';
    const w = ingestText(meta, text, { encoding: 'utf-8', sha256: '0'.repeat(64) }, { headings: [{ text: 'Reading Notes', level: 1 }, { text: 'References', level: 1 }] });
    expect(w.bibliography.map((e) => e.title)).toEqual(['The Socialist Offensive']);
    expect(w.citations).toMatchObject([{ text: '(Davies, 1980, p. 12)', status: 'resolved', entry: w.bibliography[0]!.id }]);
  });
});
