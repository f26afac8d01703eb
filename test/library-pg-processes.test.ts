/**
 * Group libraries shared by several Lectern processes through a real PostgreSQL: this test
 * process (createApp, commands through the dispatcher, as a platform sends them) and `src/main.ts`
 * run as separate processes, each with its OWN empty data directory, so whatever one sees of the
 * other's texts came through the database. Then a restart, and adds that die half-way.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { library } from '../commands/library.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { createDispatch } from '../src/dispatch/dispatch.ts';
import type { Dispatch } from '../src/dispatch/invocation.ts';
import type { Scope } from '../src/dispatch/types.ts';
import { discordProfile } from '../src/platforms/discord/profile.ts';
import type { Reply } from '../src/reply/model.ts';
import { libraryApp, type LibraryApp } from './helpers/library-app.ts';
import { runLectern } from './helpers/lectern-process.ts';
import { bigPdf, utf8Text, type Sample } from './helpers/library-samples.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const G = '866666666666666666';
const OTHER = '877777777777777777';
const defaults = { style: 'chicago', layout: 'stacked', visibility: 'public' } as const;
const scope = (collection: string): Scope => ({ platform: discordProfile, collection, userId: '900000000000000009', canManage: true, defaults });
const FERRY = 'The Ferry Ledger\n\nThe ferryman crossed the flooded river twice before the snow, and the cooperative paid him in grain and salt.\n\nThe miller kept a second ledger for the barges, which nobody audited until the spring of 1924.\n';
const ORCHARD = 'Orchard Accounts\n\nThe orchard of the commune gave forty baskets of quince, which the bookkeeper weighed on a borrowed steelyard.\n';

let pgServer: TestPostgres;
let url: string;
let admin: pg.Pool;
let a: LibraryApp;
let dispatch: Dispatch;
const shown = (r: Reply) => JSON.stringify(r);

/** A data directory of its own for a process: the bundled corpus and its build, no state. */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-pg-process-'));
  await symlink(path.join(PROJECT_ROOT, 'data', 'corpus'), path.join(dir, 'corpus'));
  await symlink(path.join(PROJECT_ROOT, 'data', 'build'), path.join(dir, 'build'));
  return dir;
}

/** `src/main.ts` as another Lectern process on the same database. */
async function otherProcess(args: string[]) {
  const run = await runLectern(args, { env: { LECTERN_DATABASE_URL: url, LECTERN_DATA_DIR: await dataDir(), LOG_LEVEL: 'error' } });
  return { ...run, json: () => JSON.parse(run.stdout) as { results?: { id: string; work?: string }[] } };
}

async function addThroughA(collection: string, file: Sample, args: Record<string, unknown> = {}): Promise<Reply> {
  return await dispatch({ command: 'library', args: { action: 'add', attachment: { name: file.name, size: file.bytes.length, fetch: async () => file.bytes }, ...args }, scope: scope(collection) });
}

const count = async (table: string, collection: string) => (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE collection = $1`, [collection])).rows[0]!.n;
const snapshot = async (collection: string) => ({
  version: (await admin.query('SELECT version FROM library_collections WHERE collection = $1', [collection])).rows[0]?.version,
  files: await count('library_files', collection),
  works: await count('library_works', collection),
  passages: await count('library_passages', collection),
  terms: await count('library_terms', collection),
});

beforeAll(async () => {
  pgServer = await startPostgres();
  url = await pgServer.newDatabase();
  a = await libraryApp({ env: { LECTERN_DATABASE_URL: url } });
  admin = new pg.Pool({ connectionString: url, max: 2 });
  // pool.end() resolves before its idle connections have closed, and stopping the server then ends
  // them with 57P01; the pool re-emits that as its own 'error', which unheard ends the test run.
  admin.on('error', () => undefined);
  dispatch = createDispatch(a, [...commands, library]);
}, 120_000);
afterAll(async () => {
  await a?.close();
  await admin?.end();
  await pgServer?.stop();
});

describe('GIVEN two Lectern processes on one PostgreSQL database', () => {
  it('THEN a text added through one is found by quote, cited by source, and isolated in the other', async () => {
    const added = await addThroughA(G, utf8Text(FERRY, 'ferry.txt'), { author: 'Vera Ivanova', year: '1931' });
    expect(added.error, shown(added)).toBeUndefined();
    const quote = await otherProcess(['quote', 'ferryman flooded river', '--collection', G, '--json']);
    expect(quote.code, quote.stderr).toBe(0);
    expect(quote.json().results![0]!.id).toMatch(/^the-ferry-ledger\.p\d+$/);
    const source = await otherProcess(['source', 'The Ferry Ledger', '--collection', G, '--style', 'mla']);
    expect(source.code, source.stderr).toBe(0);
    expect(source.stdout).toMatch(/Ivanova, Vera\. The Ferry Ledger\./);
    // Another group, and no group at all, see only the bundled texts.
    for (const elsewhere of [['--collection', OTHER], []]) {
      const q = await otherProcess(['quote', 'ferryman flooded river', ...elsewhere, '--json']);
      expect(q.stdout + q.stderr, elsewhere.join(' ')).not.toContain('the-ferry-ledger');
      const s = await otherProcess(['source', 'The Ferry Ledger', ...elsewhere]);
      expect(s.stdout, elsewhere.join(' ')).not.toMatch(/Ivanova/);
      expect(s.stdout, elsewhere.join(' ')).toContain('No bibliography in the corpus lists "The Ferry Ledger"');
    }
  }, 240_000);

  it('THEN a text the other process adds is seen by this one on its next command, though it holds the group loaded', async () => {
    const before = await dispatch({ command: 'quote', args: { query: 'quince steelyard' }, scope: scope(G) });
    expect(shown(before)).not.toContain('orchard-accounts');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-pg-file-'));
    await writeFile(path.join(dir, 'orchard.txt'), ORCHARD);
    const add = await otherProcess(['add', path.join(dir, 'orchard.txt'), '--author', 'Anna Sokolova', '--collection', G]);
    expect(add.code, add.stderr).toBe(0);
    const after = await dispatch({ command: 'quote', args: { query: 'quince steelyard' }, scope: scope(G) });
    expect(shown(after)).toContain('orchard-accounts');
    const list = await dispatch({ command: 'library', args: { action: 'list' }, scope: scope(G) });
    expect(shown(list)).toContain('Orchard Accounts');
    expect(shown(list)).toContain('The Ferry Ledger');
    const other = await dispatch({ command: 'quote', args: { query: 'quince steelyard' }, scope: scope(OTHER) });
    expect(shown(other)).not.toContain('orchard-accounts');
  }, 120_000);

  it('THEN a restart (a new process on another empty data directory) loses nothing', async () => {
    await a.close();
    a = await libraryApp({ env: { LECTERN_DATABASE_URL: url } });
    dispatch = createDispatch(a, [...commands, library]);
    const list = await dispatch({ command: 'library', args: { action: 'list' }, scope: scope(G) });
    expect(shown(list)).toContain('The Ferry Ledger');
    expect(shown(list)).toContain('Orchard Accounts');
    for (const [query, work] of [
      ['ferryman flooded river', 'the-ferry-ledger'],
      ['quince steelyard', 'orchard-accounts'],
    ]) {
      const reply = await dispatch({ command: 'quote', args: { query }, scope: scope(G) });
      expect(shown(reply), query).toContain(work);
    }
  }, 120_000);

  it('THEN an add that fails inside its commit transaction leaves nothing, here or in the other process', async () => {
    const before = await snapshot(G);
    const failing = await libraryApp({ env: { LECTERN_DATABASE_URL: url }, hooks: { duringCommit: () => { throw new Error('killed during commit'); } } });
    try {
      await expect(failing.library.add(G, utf8Text('The Salt Road\n\nThe salt caravan reached the district in October, and the tax collector counted every sack.\n', 'salt.txt'), {}, 'test')).rejects.toThrow('killed during commit');
      expect(await snapshot(G)).toEqual(before);
      expect(failing.library.list(G).map((e) => e.meta.id)).not.toContain('the-salt-road');
    } finally {
      await failing.close();
    }
    const list = await otherProcess(['list', '--collection', G, '--json']);
    expect(list.stdout).not.toContain('salt');
  }, 120_000);

  it('THEN a process killed in the middle of its commit leaves no half-added text, and the next one adds it whole', async () => {
    const before = await snapshot(G);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-pg-kill-'));
    const big = await bigPdf(12);
    await writeFile(path.join(dir, 'big.pdf'), big.bytes);
    // Hold the term table so the other process's commit stops half-way, with its file, work and
    // passages already written inside its transaction.
    const holder = await admin.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE library_terms IN SHARE MODE');
    const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'src', 'main.ts'), 'add', path.join(dir, 'big.pdf'), '--collection', G], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LECTERN_DATABASE_URL: url, LECTERN_DATA_DIR: await dataDir(), LOG_LEVEL: 'error' },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let waiting = false;
    try {
      for (let i = 0; i < 1200 && !waiting; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'library_terms' AND NOT l.granted");
        waiting = rows[0]!.n > 0;
      }
      expect(waiting).toBe(true);
      const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND state = 'active' AND pid <> pg_backend_pid()");
      expect(rows[0]!.n).toBeGreaterThan(0);
      child.kill('SIGKILL');
      await exited;
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    // The killed process's transaction ends with its connection; nothing of it was committed.
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()");
      if (rows[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await snapshot(G)).toEqual(before);
    const list = await dispatch({ command: 'library', args: { action: 'list' }, scope: scope(G) });
    expect(shown(list)).not.toContain('Grain Question');
    // Nothing half-added stands in the way: the same file adds whole (not "already in the library").
    const again = await addThroughA(G, big);
    expect(again.error, shown(again)).toBeUndefined();
    const found = await otherProcess(['quote', 'ferryman asked for payment in kind', '--collection', G, '--json']);
    expect(found.json().results!.map((r) => r.id).some((id) => id.startsWith('the-grain-question.'))).toBe(true);
    const after = await snapshot(G);
    expect(after.works).toBe(before.works + 1);
    expect(after.passages).toBeGreaterThan(before.passages);
  }, 300_000);

  it('THEN doctor checks the libraries in the database, and --repair rebuilds one whose stored file is gone', async () => {
    const sound = await otherProcess(['doctor']);
    expect(sound.stdout).toMatch(new RegExp(`ok +library of ${G}: 3 works`));
    const orchard = (await admin.query<{ file: string }>("SELECT w->'source'->>'file' AS file FROM library_collections c, json_array_elements(c.manifest->'works') w WHERE c.collection = $1 AND w->'meta'->>'id' = 'orchard-accounts'", [G])).rows[0]!.file;
    await admin.query('DELETE FROM library_files WHERE collection = $1 AND name = $2', [G, orchard]);
    const damaged = await otherProcess(['doctor']);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(new RegExp(`PROBLEM +library of ${G}: stored files missing for orchard-accounts`));
    const repaired = await otherProcess(['doctor', '--repair']);
    expect(repaired.code, repaired.stdout).toBe(0);
    expect(repaired.stdout).toMatch(new RegExp(`repaired library of ${G}: rebuilt with 2 works \\(2 with their saved metadata\\); dropped \\(file gone\\): Orchard Accounts \\(orchard-accounts\\)`));
    const list = await dispatch({ command: 'library', args: { action: 'list' }, scope: scope(G) });
    expect(shown(list)).not.toContain('Orchard Accounts');
    expect(shown(list)).toContain('The Ferry Ledger');
  }, 180_000);

  it('THEN a change prepared while another process committed is prepared again and lands, and the same file twice lands once', async () => {
    // This one is held just before its commit until the other process has committed.
    let otherCommitted!: () => void;
    const gate = new Promise<void>((resolve) => (otherCommitted = resolve));
    let commits = 0;
    const slow = await libraryApp({ env: { LECTERN_DATABASE_URL: url }, hooks: { beforeCommit: async () => { if (commits++ === 0) await gate; } } });
    const b = await libraryApp({ env: { LECTERN_DATABASE_URL: url } });
    try {
      const mill = utf8Text('The Mill Book\n\nThe mill ground rye for the whole district through the winter of 1923, and the miller was paid in flour.\n', 'mill.txt');
      const bees = utf8Text('Apiary Notes\n\nThe beekeeper moved forty hives to the buckwheat fields in July.\n', 'bees.txt');
      const held = slow.library.add(G, mill, {}, 'slow');
      while (commits === 0) await new Promise((r) => setTimeout(r, 20));
      await b.library.add(G, bees, {}, 'b');
      otherCommitted();
      await held;
      // Its first commit was refused (prepared on the version before b's), the second landed.
      expect(commits).toBe(2);
      const ids = (await a.library.open(G), a.library.list(G).map((e) => e.meta.id));
      expect(ids).toEqual(expect.arrayContaining(['the-mill-book', 'apiary-notes', 'the-ferry-ledger']));
      expect((await b.library.open(G), b.library.list(G).map((e) => e.meta.id))).toEqual(ids);
      const salt = utf8Text('The Salt Road\n\nThe salt caravan reached the district in October.\n', 'salt.txt');
      const twice = await Promise.allSettled([a.library.add(G, salt, {}, 'a'), b.library.add(G, salt, {}, 'b')]);
      expect(twice.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(twice.find((r) => r.status === 'rejected')).toMatchObject({ reason: { identifier: 'library.duplicate' } });
      expect((await snapshot(G)).works).toBe(ids.length + 1);
    } finally {
      await slow.close();
      await b.close();
    }
  }, 180_000);
});
