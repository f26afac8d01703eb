/**
 * A group's texts searched in PostgreSQL rank exactly as the same texts searched in memory: the
 * same group files (a real corpus text and the sample PDF, HTML and a Russian–English letter) are
 * added to one app on files + minisearch and to one app on a real PostgreSQL, and every query —
 * one word, several, typos, a prefix being typed, a phrase, Russian, a name in another script,
 * filters — must return the same passages in the same order with the same scores.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import type { LayeredCandidateSource, ScoringLayer } from '../src/search/layered-source.ts';
import { PgCandidateSource } from '../src/search/pg-source.ts';
import type { SearchOptions } from '../src/services.ts';
import { CORPUS_DIR } from './helpers/corpus.ts';
import { libraryApp, type LibraryApp } from './helpers/library-app.ts';
import { sampleHtml, samplePdf, utf8Text, type Sample } from './helpers/library-samples.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const GROUP = '844444444444444444';
const OTHER = '855555555555555555';
const LETTERS = `Notes on the letters

The first letter, as the archive keeps it:

Урожай того года собрали поздно, и амбар земства стоял полупустым до первого снега, писал председатель Зиновьев.

Translated:

The harvest of that year was gathered late, and the zemstvo granary stood half empty until the first snow, wrote the chairman Zinoviev.
`;

let pg: TestPostgres;
let memory: LibraryApp;
let database: LibraryApp;
let files: Sample[];

beforeAll(async () => {
  pg = await startPostgres();
  const url = await pg.newDatabase();
  const real = path.join(CORPUS_DIR, '003_b61b15a97e57451c.txt');
  files = [{ name: 'violence-trotskyism.txt', bytes: new Uint8Array(await readFile(real)), contentType: 'text/plain' }, await samplePdf(), sampleHtml(), utf8Text(LETTERS, 'letters.txt')];
  memory = await libraryApp();
  database = await libraryApp({ env: { LECTERN_DATABASE_URL: url } });
  for (const app of [memory, database]) for (const f of files) await app.library.add(GROUP, f, {}, 'test');
}, 180_000);
afterAll(async () => {
  await memory?.close();
  await database?.close();
  await pg?.stop();
});

/** The hits' ids, those of equal score as one sorted group. */
function byScore(hits: { block: { id: string }; score: number }[]): string[][] {
  const groups: { score: number; ids: string[] }[] = [];
  for (const h of hits) {
    const last = groups.at(-1);
    if (last && last.score === h.score) last.ids.push(h.block.id);
    else groups.push({ score: h.score, ids: [h.block.id] });
  }
  return groups.map((g) => g.ids.sort());
}

const QUERIES: [string, SearchOptions?][] = [
  ['Trotsky'],
  ['violence Trotskyism'],
  ['Stalin terror opposition'],
  ['the socialism in one country'],
  ['brutal explosions of violence'],
  ['Trotksy'],
  ['dialectcal analysis'],
  ['degener'],
  ['"false trials"'],
  ['harvest granary'],
  ['ferryman payment'],
  ['урожай амбар'],
  ['Зиновьев'],
  ['Zinovyev'],
  ['Kirov'],
  ['samovar storehouse keeper'],
  ['peppery dishes'],
  // Questions whose answer borrows its topic from the paragraph before it (context-cover.ts).
  ['how many men of the clandestine pro-Zinoviev group were indicted'],
  ['when were the Zinoviev supporters in the clandestine group that killed Kirov executed'],
  // A single word meeting a multi-word synonym the passage says (WordNet phrases as index terms):
  // eliminate → "get rid of", killed → "stamped out".
  ['whom he needs to eliminate next'],
  ['Trotskyism seemed killed by 1934'],
  // A Russian question's focus, also in the pass to the English passages (question-focus-ru.ts).
  ['в каком году Снайдер опубликовал свою книгу'],
  ['сколько франков в день Жанна давала Сынку'],
  ['Trotsky', { lang: 'en', limit: 10 }],
  ['Soviet Union', { limit: 20 }],
];

describe('GIVEN the same group texts in memory and in PostgreSQL', () => {
  it('THEN the group search in PostgreSQL is a PgCandidateSource layered on the one bundled index', async () => {
    const view = await database.library.open(GROUP);
    const source = (view.search as SearchEngine).source as LayeredCandidateSource<ScoringLayer>;
    expect(source.layers[0]).toBe((database.base.search as SearchEngine).source);
    expect(source.layers[1]).toBeInstanceOf(PgCandidateSource);
    expect(source.layers).toHaveLength(2);
  });

  it('THEN every query returns the same passages, in the same order, with the same scores', async () => {
    const mem = await memory.library.open(GROUP);
    const db = await database.library.open(GROUP);
    let ownHits = 0;
    for (const [q, options] of QUERIES) {
      const a = await mem.search.search(q, { limit: 10, ...options });
      const b = await db.search.search(q, { limit: 10, ...options });
      const label = `${q} ${JSON.stringify(options ?? {})}`;
      expect(b.hits.length, label).toBe(a.hits.length);
      b.hits.forEach((h, i) => expect(h.score, `${label} #${i}`).toBe(a.hits[i]!.score));
      // Passages with exactly the same score (the sample PDF's filler paragraphs differ by a digit)
      // come in either order: each backend keeps its own order among equals.
      expect(byScore(b.hits), label).toEqual(byScore(a.hits));
      expect(b.total, label).toBe(a.total);
      ownHits += b.hits.filter((h) => !database.base.corpus.work(h.work.meta.id)).length;
    }
    // The comparison means something only if the group's own passages are among the answers.
    expect(ownHits).toBeGreaterThan(10);
  });

  it('THEN each stage of each query gets the same candidates from both, before folding (400 per stage)', async () => {
    const mem = (await memory.library.open(GROUP)).search as SearchEngine;
    const db = (await database.library.open(GROUP)).search as SearchEngine;
    let own = 0;
    for (const [q] of QUERIES) {
      const pa = mem.expand(mem.parse(q));
      const pb = db.expand(db.parse(q));
      for (const combineWith of ['AND', 'OR'] as const) {
        for (const fuzzy of [false, true]) {
          const stage = (words: typeof pa.words) => ({ words, combineWith, fuzzy, prefix: pa.lastTermPrefix, boost: { text: 1, heading: 0.3 }, rank: 'coverage' as const, k: 400 });
          const a = await mem.source.candidates(stage(pa.words));
          const b = await db.source.candidates(stage(pb.words));
          const label = `${q} ${combineWith} fuzzy=${fuzzy}`;
          expect(b.length, label).toBe(a.length);
          b.forEach((c, i) => expect(c.score, `${label} #${i}`).toBe(a[i]!.score));
          expect(byScore(b.map((c) => ({ block: { id: c.id }, score: c.score }))), label).toEqual(byScore(a.map((c) => ({ block: { id: c.id }, score: c.score }))));
          own += b.filter((c) => !database.base.corpus.block(c.id)).length;
        }
      }
    }
    expect(own).toBeGreaterThan(500);
  });

  it('THEN autocomplete offers the group words from PostgreSQL too', async () => {
    const db = await database.library.open(GROUP);
    expect(await db.search.suggest('ferry', 5)).toContain('ferryman');
  });

  it('THEN an edit re-indexes that work only, and repair rebuilds the library from the files in the database', async () => {
    const pool = database.db!.pool;
    const keys = async () => (await pool.query<{ work_id: string; work_key: string }>('SELECT work_id, work_key FROM library_works WHERE collection = $1 ORDER BY work_id', [GROUP])).rows;
    const before = await keys();
    const letters = database.library.list(GROUP).find((e) => e.source.name === 'letters.txt')!;
    await database.library.edit(GROUP, letters.meta.id, { title: 'Letters from the Zemstvo' }, 'test');
    const after = await keys();
    // The edited work is stored under a new key (it is made from new metadata); the others keep theirs.
    expect(after.filter((r) => r.work_id !== letters.meta.id)).toEqual(before.filter((r) => r.work_id !== letters.meta.id));
    expect(after.find((r) => r.work_id === letters.meta.id)!.work_key).not.toBe(before.find((r) => r.work_id === letters.meta.id)!.work_key);
    const view = await database.library.open(GROUP);
    expect(view.corpus.work(letters.meta.id)!.meta.title).toBe('Letters from the Zemstvo');
    expect((await view.search.search('Zinoviev granary', { limit: 3 })).hits[0]!.work.meta.id).toBe(letters.meta.id);
    const repaired = await database.library.repair(GROUP, 'test');
    expect(repaired).toMatchObject({ works: files.length, recovered: files.length, dropped: [] });
    expect(database.library.list(GROUP).find((e) => e.meta.id === letters.meta.id)!.meta.title).toBe('Letters from the Zemstvo');
    const passages = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM library_passages WHERE collection = $1', [GROUP]);
    const own = [...view.corpus.passages(view.corpus.works.filter((w) => !database.base.corpus.work(w.meta.id)))].length;
    expect(passages.rows[0]!.n).toBe(own);
  });

  it('THEN another group sees none of them, and a removed text is gone from the search at once', async () => {
    const other = await database.library.open(OTHER);
    const seen = (await other.search.search('ferryman payment', { limit: 10 })).hits.map((h) => h.work.meta.id);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((id) => !database.base.corpus.work(id))).toEqual([]);
    const pdf = database.library.list(GROUP).find((e) => e.source.format === 'pdf')!;
    await database.library.remove(GROUP, pdf.meta.id, 'test');
    const after = await database.library.open(GROUP);
    expect((await after.search.search('ferryman payment', { limit: 10 })).hits.filter((h) => h.work.meta.id === pdf.meta.id)).toHaveLength(0);
    const rows = await database.db!.pool.query('SELECT count(*)::int AS n FROM library_passages WHERE collection = $1 AND block_id LIKE $2', [GROUP, `${pdf.meta.id}%`]);
    expect(rows.rows[0].n).toBe(0);
  });
});
