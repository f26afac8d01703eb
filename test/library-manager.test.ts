import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionKey } from '../src/library/keys.ts';
import { libraryApp, type LibraryApp } from './helpers/library-app.ts';
import { cp1251Text, sampleEpub, sampleHtml, sampleMarkdown, samplePdf, utf8Text } from './helpers/library-samples.ts';

const apps: LibraryApp[] = [];
afterAll(async () => {
  for (const a of apps) await a.library.close();
});
const make = async (...args: Parameters<typeof libraryApp>) => {
  const app = await libraryApp(...args);
  apps.push(app);
  return app;
};

describe('group library: add, search, remove', () => {
  let app: LibraryApp;
  beforeAll(async () => {
    app = await make();
  });

  it('GIVEN a PDF with page labels WHEN added THEN its passages are found with their printed pages and its metadata comes from the file', async () => {
    const { entry, work } = await app.library.add('guild-a', await samplePdf(), {}, 'discord:1');
    expect(entry.meta).toMatchObject({ id: 'the-grain-question', title: 'The Grain Question', authors: [{ given: 'Vera', family: 'Ivanova' }], date: { value: '1931-03-01' } });
    expect(entry.source).toMatchObject({ format: 'pdf', pages: 4 });
    const hit = (await app.view({ collection: 'guild-a' }).search.search('ferryman payment', { limit: 3 })).hits[0]!;
    expect(hit.work.meta.id).toBe('the-grain-question');
    expect(hit.block.locator).toMatchObject({ page: 11, pageBasis: 'printed', chapter: 1, chapterTitle: 'Chapter One: The Harvest' });
    const storehouse = (await app.view({ collection: 'guild-a' }).search.search('storehouse samovar')).hits[0]!;
    expect(storehouse.block.locator).toMatchObject({ page: 12, pageBasis: 'printed', chapter: 2 });
    // The footnote's raised number became a marker linked to its body at the foot of the page.
    const withNote = work.blocks.find((b) => b.plain.includes('called reckless'))!;
    expect(withNote.markers).toHaveLength(1);
    expect(work.blocks.find((b) => b.id === withNote.markers[0]!.footnoteId)?.plain).toContain('board minutes, folder 12');
    // Running heads and folios are gone from the passages.
    expect(work.blocks.some((b) => /THE GRAIN QUESTION/.test(b.text))).toBe(false);
  });

  it('GIVEN a paragraph cut by a page break THEN it is one passage on the page where it starts', async () => {
    const work = app.view({ collection: 'guild-a' }).corpus.work('the-grain-question')!;
    const filler4 = work.blocks.filter((b) => b.plain.startsWith('Filler paragraph 4'));
    expect(filler4).toHaveLength(1);
    expect(filler4[0]!.plain).toMatch(/ordinary life of the district and its people\.$/);
    expect(filler4[0]!.locator.page).toBe(11);
  });

  it('GIVEN an EPUB WHEN added THEN chapters in spine order are level-1 headings and the OPF metadata is used', async () => {
    const { entry, work } = await app.library.add('guild-a', sampleEpub(), {}, 'discord:1');
    expect(entry.meta).toMatchObject({ title: 'Letters from the Volga', type: 'book', publisher: 'Riverside Press', date: { value: '1912-05-04' } });
    expect(entry.meta.authors.map((a) => a.family)).toEqual(['Sokolov', 'Sokolova']);
    const chapters = work.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => b.text);
    expect(chapters).toEqual(['The Steamer', 'The Fair at Nizhny']);
    const fair = work.blocks.find((b) => b.plain.includes('painted spoons'))!;
    expect(fair.locator).toMatchObject({ chapter: 2, chapterTitle: 'The Fair at Nizhny' });
    const deck = work.blocks.find((b) => b.plain.includes('deck passengers'))!;
    expect(deck.locator).toMatchObject({ chapter: 1, section: 'On Deck' });
    const steamer = work.blocks.find((b) => b.plain.includes('sturgeon at Kazan'))!;
    expect(work.blocks.find((b) => b.id === steamer.markers[0]?.footnoteId)?.plain).toBe('The captain was wrong about the sturgeon.');
    expect(work.blocks.filter((b) => b.kind === 'list-item').map((b) => b.plain)).toEqual(['• Tea from Kyakhta', '• Furs from Irbit'].map((s) => expect.stringContaining(s.slice(2))) as never);
  });

  it('GIVEN an HTML page with navigation WHEN added THEN the article is its text, with its sections, bibliography and citation, the footer a page notice and the menu gone', async () => {
    const { entry, work } = await app.library.add('guild-a', sampleHtml(), {}, 'discord:1');
    expect(entry.meta).toMatchObject({ title: 'The Cooperative Movement in the Provinces', date: { value: '2003' } });
    expect(entry.meta.authors).toEqual([{ family: 'Smith', given: 'John' }, { family: 'Lovelace', given: 'Ada' }]);
    const text = work.blocks.filter((b) => b.kind !== 'page-text').map((b) => b.plain).join('\n');
    expect(text).not.toMatch(/Popular posts|Subscribe|All rights reserved|About us/);
    expect(work.blocks.map((b) => b.plain).join('\n')).not.toMatch(/Subscribe|About us|Ten facts/);
    expect(work.blocks.find((b) => b.plain.includes('All rights reserved'))!.kind).toBe('page-text');
    expect(work.blocks.find((b) => b.plain.includes('Credit unions lent'))!.locator.section).toBe('Credit Unions');
    expect(work.bibliography.map((e) => e.authors[0])).toEqual([expect.stringContaining('Brown'), expect.stringContaining('Green')]);
    expect(work.citations.find((c) => c.text.includes('Brown'))).toMatchObject({ status: 'resolved', entry: work.bibliography[0]!.id });
  });

  it('GIVEN a Markdown file WHEN added THEN front matter gives the metadata, headings and footnotes go through the model', async () => {
    const { entry, work } = await app.library.add('guild-a', sampleMarkdown(), {}, 'discord:1');
    expect(entry.meta).toMatchObject({ title: 'Notes on the Reading Circle', date: { value: '2021-10' }, authors: [{ given: 'Maria', family: 'Petrova' }] });
    const p = work.blocks.find((b) => b.plain.includes('radiator hissed'))!;
    expect(work.blocks.find((b) => b.id === p.markers[0]?.footnoteId)?.plain).toBe('The librarian disputes this.');
    expect(work.blocks.find((b) => b.plain.includes('Olga'))).toMatchObject({ kind: 'list-item', locator: { section: 'Members' } });
  });

  it('GIVEN a Windows-1251 text WHEN added THEN it is decoded, not garbled, and found in Russian', async () => {
    const { entry, work } = await app.library.add('guild-a', cp1251Text(), { title: 'Письма о хлебе', authors: ['Иван Петров'], year: '1923' }, 'discord:1');
    expect(work.encoding).toBe('windows-1251');
    expect(entry.meta).toMatchObject({ id: 'pisma-o-khlebe', title: 'Письма о хлебе', languages: ['ru'], date: { value: '1923' } });
    const hit = (await app.view({ collection: 'guild-a' }).search.search('амбар земства')).hits[0]!;
    expect(hit.work.meta.id).toBe('pisma-o-khlebe');
    expect(hit.block.plain).toContain('Урожай того года');
  });

  it('GIVEN the collection on disk THEN files are stored by content hash under the collection key, with nothing of the file name', async () => {
    const dir = path.join(app.dir, 'state', 'library', collectionKey('guild-a'));
    const files = await readdir(path.join(dir, 'files'));
    expect(files).toHaveLength(5);
    for (const f of files) expect(f).toMatch(/^[0-9a-f]{64}\.(pdf|epub|html|md|txt)$/);
    const manifest = JSON.parse(await readFile(path.join(dir, 'collection.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'lectern.library', version: 1, collection: 'guild-a' });
    expect(app.library.list('guild-a').map((e) => e.meta.id)).toEqual(['the-grain-question', 'letters-from-the-volga', 'the-cooperative-movement-in-the-provinces', 'notes-on-the-reading-circle', 'pisma-o-khlebe']);
  });

  it('GIVEN a work WHEN removed THEN it is no longer found, and its file is deleted', async () => {
    const removed = await app.library.remove('guild-a', 'letters-from-the-volga', 'discord:1');
    expect(removed.meta.title).toBe('Letters from the Volga');
    expect(app.view({ collection: 'guild-a' }).corpus.work('letters-from-the-volga')).toBeUndefined();
    expect((await app.view({ collection: 'guild-a' }).search.search('painted spoons')).hits.filter((h) => h.work.meta.id === 'letters-from-the-volga')).toEqual([]);
    const dir = path.join(app.dir, 'state', 'library', collectionKey('guild-a'));
    expect(await readdir(path.join(dir, 'files'))).toHaveLength(4);
    await expect(app.library.remove('guild-a', 'trotskys-lies', 'discord:1')).rejects.toMatchObject({ identifier: 'library.bundled-work' });
    await expect(app.library.remove('guild-a', '../collection', 'discord:1')).rejects.toMatchObject({ identifier: 'library.unknown-work' });
  });

  it('GIVEN a title from the organiser WHEN the work is edited THEN the id stays and the metadata changes', async () => {
    const edited = await app.library.edit('guild-a', 'notes-on-the-reading-circle', { title: 'Reading Circle Notes', year: '2022' }, 'discord:1');
    expect(edited.meta).toMatchObject({ id: 'notes-on-the-reading-circle', title: 'Reading Circle Notes', date: { value: '2022' } });
    expect(app.view({ collection: 'guild-a' }).corpus.work('notes-on-the-reading-circle')?.meta.title).toBe('Reading Circle Notes');
  });

  it('GIVEN a fresh manager on the same directory THEN the collection is loaded from disk as it was left', async () => {
    const { LibraryManager } = await import('../src/library/manager.ts');
    const same = app.library as unknown as { options: ConstructorParameters<typeof LibraryManager>[0] };
    const reopened = new LibraryManager({ ...same.options });
    expect(reopened.list('guild-a').map((e) => e.meta.id)).toEqual(['the-grain-question', 'the-cooperative-movement-in-the-provinces', 'notes-on-the-reading-circle', 'pisma-o-khlebe']);
    expect((await reopened.view('guild-a').search.search('ferryman payment')).hits[0]?.block.locator.page).toBe(11);
    await reopened.close();
  });
});

describe('group library: refusals change nothing', () => {
  it('GIVEN the same file twice THEN the second add is refused as a duplicate', async () => {
    const app = await make();
    await app.library.add('g', utf8Text('Some notes about the reading of the week, long enough to be a passage of text.'), { title: 'Week notes' }, 'cli');
    await expect(app.library.add('g', utf8Text('Some notes about the reading of the week, long enough to be a passage of text.'), {}, 'cli')).rejects.toMatchObject({ identifier: 'library.duplicate' });
  });
});

const libraryDir = (app: LibraryApp, collection: string) => path.join(app.dir, 'state', 'library', collectionKey(collection));
const listing = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    out.push(name);
    if (name === 'files') for (const f of await readdir(path.join(dir, 'files'))) out.push(`files/${f}`);
  }
  return out.sort();
};
const SEED = 'A first text of the group, about the mill and the river, long enough to be one passage.';

describe('group library: bad files are refused and change nothing', () => {
  let app: LibraryApp;
  let before: string[];
  beforeAll(async () => {
    app = await make({ env: { LIBRARY_MAX_FILE_MB: '1', LIBRARY_MAX_PAGES: '3', LIBRARY_MAX_WORKS: '2' } });
    await app.library.add('g', utf8Text(SEED), { title: 'Seed' }, 'cli');
    before = await listing(libraryDir(app, 'g'));
  });

  const cases: [string, () => Promise<import('./helpers/library-samples.ts').Sample>, string][] = [
    ['a malformed PDF', async () => (await import('./helpers/library-samples.ts')).malformedPdf(), 'library.file-malformed'],
    ['an encrypted PDF', async () => (await import('./helpers/library-samples.ts')).encryptedPdf(), 'library.pdf-encrypted'],
    ['an image-only PDF', async () => (await import('./helpers/library-samples.ts')).imageOnlyPdf(), 'library.pdf-no-text'],
    ['a PDF over the page limit', samplePdf, 'library.too-many-pages'],
    ['an empty file', async () => ({ name: 'empty.txt', bytes: new Uint8Array() }), 'library.file-empty'],
    ['a file over the size limit', async () => utf8Text('word '.repeat(300_000), 'big.txt'), 'library.file-too-large'],
    ['a binary file', async () => ({ name: 'data.bin', bytes: new Uint8Array([1, 2, 0, 0, 5, 6, 7, 8]) }), 'library.format-unsupported'],
    ['a zip that is not an EPUB', async () => ({ name: 'notes.zip', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]) }), 'library.format-unsupported'],
    ['a broken EPUB', async () => ({ name: 'book.epub', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]) }), 'library.file-malformed'],
    ['a Latin-1 text (neither UTF-8 nor Cyrillic)', async () => ({ name: 'latin.txt', bytes: new Uint8Array(iconv.encode('Le café était très animé; à côté, les élèves préféraient la crème brûlée et le thé.', 'latin1')) }), 'library.text-encoding'],
  ];
  for (const [what, sample, identifier] of cases) {
    it(`GIVEN ${what} THEN the add is refused with ${identifier} and the library is unchanged`, async () => {
      const err = await app.library.add('g', await sample(), {}, 'cli').catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'UserError', identifier });
      expect((err as Error).message.length).toBeGreaterThan(30);
      expect(await listing(libraryDir(app, 'g'))).toEqual(before);
      expect(app.library.list('g').map((e) => e.meta.id)).toEqual(['seed']);
    });
  }

  it('GIVEN a library at its work limit THEN one more is refused, naming the remove command', async () => {
    await app.library.add('g', utf8Text('A second text, about the storehouse and its keeper, who trusted nobody with the keys.'), { title: 'Second' }, 'cli');
    const err = await app.library.add('g', sampleMarkdown(), {}, 'cli').catch((e: unknown) => e);
    expect(err).toMatchObject({ identifier: 'library.full' });
    expect((err as Error).message).toMatch(/Remove one of them before adding another/);
  });

  it('GIVEN a bad year from the organiser THEN the add is refused before anything is written', async () => {
    const other = await make();
    const err = await other.library.add('h', sampleMarkdown(), { year: 'last spring' }, 'cli').catch((e: unknown) => e);
    expect(err).toMatchObject({ identifier: 'library.bad-metadata' });
    expect(await listing(libraryDir(other, 'h'))).toEqual([]);
  });
});

describe('group library: crashes leave the library as it was', () => {
  it('GIVEN ingestion that fails after the file was written THEN the file is gone and the library is unchanged', async () => {
    let fail = false;
    const app = await make({ hooks: { afterFilesWritten: () => { if (fail) throw new Error('disk on fire'); } } });
    await app.library.add('g', utf8Text(SEED), { title: 'Seed' }, 'cli');
    const before = await listing(libraryDir(app, 'g'));
    fail = true;
    await expect(app.library.add('g', sampleMarkdown(), {}, 'cli')).rejects.toThrow('disk on fire');
    expect(await listing(libraryDir(app, 'g'))).toEqual(before);
    expect(app.view({ collection: 'g' }).corpus.work('notes-on-the-reading-circle')).toBeUndefined();
  });

  it('GIVEN a failure after the new build and index were written, before the commit THEN they are removed and a restart reads the old library', async () => {
    let fail = false;
    const app = await make({ hooks: { beforeCommit: () => { if (fail) throw new Error('killed'); } } });
    await app.library.add('g', utf8Text(SEED), { title: 'Seed' }, 'cli');
    const before = await listing(libraryDir(app, 'g'));
    fail = true;
    await expect(app.library.add('g', sampleMarkdown(), {}, 'cli')).rejects.toThrow('killed');
    expect(await listing(libraryDir(app, 'g'))).toEqual(before);
    const { LibraryManager } = await import('../src/library/manager.ts');
    const reopened = new LibraryManager({ ...(app.library as unknown as { options: ConstructorParameters<typeof LibraryManager>[0] }).options, hooks: {} });
    expect(reopened.list('g').map((e) => e.meta.id)).toEqual(['seed']);
    expect(reopened.view('g').corpus.work('seed')).toBeDefined();
    await reopened.close();
  });

  it('GIVEN files a killed process left behind THEN they are never read, and the next change removes them', async () => {
    const app = await make();
    await app.library.add('g', utf8Text(SEED), { title: 'Seed' }, 'cli');
    const dir = libraryDir(app, 'g');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, `build-${'0'.repeat(64)}.json`), '{"truncated');
    await writeFile(path.join(dir, 'files', `${'1'.repeat(64)}.pdf`), 'half a pdf');
    await writeFile(path.join(dir, 'collection.json.123.456.tmp'), '{');
    await app.library.add('g', sampleMarkdown(), {}, 'cli');
    const names = await listing(dir);
    expect(names.filter((n) => n.includes('0000') || n.includes('1111') || n.endsWith('.tmp'))).toEqual([]);
    expect(app.library.list('g')).toHaveLength(2);
  });
});

describe('group library: updates do not disturb searches', () => {
  it('GIVEN an add in progress THEN searches answer from the old view until the new one is committed, then from the new one', async () => {
    let reached!: () => void;
    const atCommit = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let gated = false;
    const app = await make({ hooks: { beforeCommit: async () => { if (!gated) return; reached(); await gate; } } });
    await app.library.add('g', utf8Text(SEED), { title: 'Seed' }, 'cli');
    gated = true;
    const oldView = app.view({ collection: 'g' });
    const adding = app.library.add('g', sampleMarkdown(), {}, 'cli');
    let settled = false;
    void adding.then(() => (settled = true));
    await atCommit;
    // Built, indexed, written — but not committed: every search still sees the old library.
    const during = app.view({ collection: 'g' });
    expect(during).toBe(oldView);
    expect(during.corpus.work('notes-on-the-reading-circle')).toBeUndefined();
    expect((await during.search.search('radiator hissed')).hits.map((h) => h.work.meta.id)).not.toContain('notes-on-the-reading-circle');
    expect((await during.search.search('mill river')).hits[0]?.work.meta.id).toBe('seed');
    expect(settled).toBe(false);
    release();
    await adding;
    const after = app.view({ collection: 'g' });
    expect((await after.search.search('radiator hissed')).hits[0]?.work.meta.id).toBe('notes-on-the-reading-circle');
    // A search that held the old view keeps a consistent old corpus.
    expect(oldView.corpus.work('notes-on-the-reading-circle')).toBeUndefined();
    expect((await oldView.search.search('radiator hissed')).hits.map((h) => h.work.meta.id)).not.toContain('notes-on-the-reading-circle');
  });

  it('GIVEN a large PDF being added THEN the main thread keeps answering other commands meanwhile', async () => {
    const app = await make({ env: { LIBRARY_MAX_PAGES: '400', LIBRARY_MAX_FILE_MB: '20' } });
    const { bigPdf } = await import('./helpers/library-samples.ts');
    const pdf = await bigPdf(300);
    const started = performance.now();
    const adding = app.library.add('g', pdf, {}, 'cli');
    let answered = 0;
    let done = false;
    void adding.finally(() => (done = true));
    while (!done) {
      // Other groups' commands: each must get its answer while the PDF is extracted.
      expect((await app.view({ collection: 'other' }).search.search('peppery dishes')).hits.length).toBeGreaterThanOrEqual(0);
      answered++;
      await new Promise((r) => setTimeout(r, 20));
    }
    const { entry } = await adding;
    const ms = Math.round(performance.now() - started);
    console.log(`300-page PDF added in ${ms} ms; ${answered} searches answered meanwhile`);
    expect(entry.source.pages).toBe(300);
    expect(answered).toBeGreaterThan(5);
    expect((await app.view({ collection: 'g' }).search.search('Sunday')).total).toBeGreaterThan(100);
  }, 120_000);
});

describe('group library: names on disk', () => {
  it('GIVEN collection ids with path syntax THEN every collection directory stays inside the library root', async () => {
    const app = await make();
    for (const id of ['../../etc', '/absolute', '!room:matrix.org', 'a/../../b', '..', 'CON']) {
      const key = collectionKey(id);
      expect(key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(key).not.toContain('..');
      await app.library.add(id, utf8Text(`${SEED} ${id}`), { title: 'Seed' }, 'cli');
    }
    const root = path.join(app.dir, 'state', 'library');
    expect((await readdir(root)).sort()).toEqual(['../../etc', '/absolute', '!room:matrix.org', 'a/../../b', '..', 'CON'].map(collectionKey).sort());
    expect(collectionKey('!room:matrix.org')).not.toBe(collectionKey('!room:matrix-org'));
  }, 120_000); // six collections built one after another: 12 s alone, 30 s on a busy machine
});

describe('group library: a damaged manifest', () => {
  it('GIVEN a collection manifest that is not valid THEN the group gets the bundled texts and changes are refused as "damaged" with the way to repair, the file left as it is', async () => {
    const app = await make();
    const dir = libraryDir(app, 'g');
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'collection.json'), '{"format":"lectern.library","version":1,"works":[{"oops":');
    expect(app.view({ collection: 'g' }).corpus.works.length).toBe(app.view({}).corpus.works.length);
    await expect(app.library.add('g', sampleMarkdown(), {}, 'cli')).rejects.toMatchObject({ identifier: 'library.damaged', message: expect.stringMatching(/not valid JSON.*library repair/) });
    expect(await readFile(path.join(dir, 'collection.json'), 'utf8')).toContain('"oops":');
  });
});
