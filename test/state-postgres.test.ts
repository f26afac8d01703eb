/**
 * Issue 17, the state in PostgreSQL (LECTERN_DATABASE_URL) on a real server started by the harness:
 * a restart (a new app on the same database, with a data folder of its own) loses no setting,
 * thread, Ibid., note or Matrix sync position/layout; two apps on one database see each other's
 * settings and threads from the next command on; the bounds hold in the database; a write the
 * database refuses is said in the reply, never thrown.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationKey } from '../src/conversation/key.ts';
import { discussionTitle, discussRequest, openingOf } from '../src/conversation/discuss.ts';
import { MAX_NOTES_PER_THREAD } from '../src/conversation/notes-log.ts';
import { silentLogger } from '../src/logger.ts';
import { MatrixState, matrixStateRows } from '../src/platforms/matrix/state.ts';
import { importMatrixState, matrixStores } from '../src/platforms/matrix/stores.ts';
import { CRYPTO_STORE_FILE, CRYPTO_STORE_FORMAT, parseSnapshot } from '../src/platforms/matrix/crypto-store.ts';
import { RenderedPage, type RenderedMessage } from '../src/platforms/matrix/render.ts';
import { PendingStore } from '../src/conversation/pending.ts';
import type { Reply } from '../src/reply/model.ts';
import { realCorpus } from './helpers/corpus.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { testScope } from './helpers/real-dispatch.ts';
import { appOnDatabase, closeAll, type DatabaseApp } from './helpers/postgres-app.ts';

const log = silentLogger();
const PASSAGE = 'trotskys-lies.p37';
let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
  await realCorpus();
}, 120_000);
afterAll(async () => {
  await closeAll();
  await server?.stop();
});

type Running = DatabaseApp;
const appOn = (url: string) => appOnDatabase(url);
const close = (r: Running) => r.close();

const text = (reply: Reply) => JSON.stringify(reply.sections);
const group = (collection: string, over: Parameters<typeof testScope>[0] = {}) => testScope({ collection, canManage: true, userName: 'Ada', ...over });

async function openDiscussion(r: Running, place: { platform: string; scope: string; thread: string }): Promise<string> {
  const shown = await r.dispatch({ ...discussRequest(PASSAGE), scope: testScope() });
  expect(shown.error).toBeUndefined();
  return await r.app.conversations.open(openingOf(place, PASSAGE, shown, discussionTitle(shown, 100)), { name: 'Ada', at: Date.now() });
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

describe('GIVEN LECTERN_DATABASE_URL and a restart (a new app on the same database, its data folder empty)', () => {
  it('THEN the settings, the thread (work, Ibid., notes) and the Matrix sync position and layouts are all still there', async () => {
    const url = await server.newDatabase();
    const first = await appOn(url);
    const set = await first.dispatch({ command: 'settings', args: { style: 'apa', layout: 'side-by-side' }, scope: group('g1') });
    expect(set.error).toBeUndefined();
    const place = { platform: 'discord', scope: 'g1', thread: 't1' };
    const key = await openDiscussion(first, place);
    const cited = await first.dispatch({ command: 'source', args: { text: '(Main 185)' }, scope: group('g1', { thread: first.app.conversations.scopeOf(place) }) });
    expect(cited.lastCitation?.entryId).toBeDefined();
    const matrix = await MatrixState.open(matrixStateRows(first.app.state.rows!.bind(first.app.state), log), log, '@bot:example.org');
    await matrix.setDevice('DEVICE1');
    await matrix.setSince('s72594_4483_1934', 1_700_000_000_000);
    await matrix.setFilter({ id: 'f1', definition: '{"room":{}}' });
    await matrix.setLayout('!room:example.org', 'side-by-side');
    const before = first.app.conversations.get(key);
    await close(first);
    const migrated = async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query<{ version: number; applied_at: Date }>('SELECT version, applied_at FROM lectern_migrations WHERE version = 2')).rows;
      } finally {
        await client.end();
      }
    };
    const applied = await migrated();
    expect(applied).toHaveLength(1);

    const again = await appOn(url);
    // The second start ran no migration again: 002_state is recorded once, when it first ran.
    expect(await migrated()).toEqual(applied);
    expect(again.app.settings.get('g1')).toEqual({ style: 'apa', layout: 'side-by-side' });
    const shown = await again.dispatch({ command: 'settings', args: {}, scope: group('g1') });
    expect(text(shown)).toContain('apa');
    expect(again.app.conversations.get(key)).toEqual(before);
    expect(before?.notes.map((n) => n.command)).toEqual(['discuss', 'source']);
    // Ibid. in the thread still refers to what the thread cited before the restart.
    const ibid = await again.dispatch({ command: 'source', args: { text: 'Ibid.' }, scope: group('g1', { thread: again.app.conversations.scopeOf(place) }) });
    expect(ibid.lastCitation?.entryId).toBe(cited.lastCitation?.entryId);
    expect(again.app.conversations.get(key)?.notes.map((n) => n.command)).toEqual(['discuss', 'source', 'source']);
    const bot = await MatrixState.open(matrixStateRows(again.app.state.rows!.bind(again.app.state), log), log, '@bot:example.org');
    expect([bot.deviceId, bot.since, bot.sinceSavedAt, bot.filter, bot.layout('!room:example.org')]).toEqual(['DEVICE1', 's72594_4483_1934', 1_700_000_000_000, { id: 'f1', definition: '{"room":{}}' }, 'side-by-side']);
    // Another bot account on the same database has its own sync position, not this one's.
    const other = await MatrixState.open(matrixStateRows(again.app.state.rows!.bind(again.app.state), log), log, '@other:example.org');
    expect([other.since, other.deviceId, other.layout('!room:example.org')]).toEqual([undefined, undefined, 'side-by-side']);
    await bot.bindUser('@other:example.org');
    expect(bot.since).toBeUndefined();
  }, 60_000);
});

describe('GIVEN two apps on one database at the same time', () => {
  it("THEN a setting made through one applies to the other's next command, and each sees the other's thread records, Ibid. and notes", async () => {
    const url = await server.newDatabase();
    const [a, b] = [await appOn(url), await appOn(url)];
    expect((await a.dispatch({ command: 'settings', args: { style: 'mla' }, scope: group('g2') })).error).toBeUndefined();
    // The very next command in the other process: read again before it runs.
    expect(text(await b.dispatch({ command: 'settings', args: {}, scope: group('g2') }))).toContain('mla');
    expect(b.app.settings.get('g2')).toEqual({ style: 'mla' });
    // Two processes changing different settings of one group keep both.
    await Promise.all([a.app.settings.set('g2', { layout: 'side-by-side' }), b.app.settings.set('g2', { visibility: 'hidden' })]);
    expect(await b.app.settings.set('g2', {}).then(() => b.app.settings.get('g2'))).toEqual({ style: 'mla', layout: 'side-by-side', visibility: 'hidden' });
    // Without a command, the change notification brings it too (what a door reads before dispatching).
    await b.app.settings.set('g3', { style: 'apa' });
    await until(() => a.app.settings.get('g3').style === 'apa');
    expect(a.app.settings.get('g3')).toEqual({ style: 'apa' });

    const place = { platform: 'discord', scope: 'g2', thread: 't2' };
    const key = await openDiscussion(a, place);
    const inThread = (r: Running) => group('g2', { thread: r.app.conversations.scopeOf(place) });
    const cited = await a.dispatch({ command: 'source', args: { text: '(Main 185)' }, scope: inThread(a) });
    // B answers Ibid. with A's citation, and its quote goes into the same notes.
    const ibid = await b.dispatch({ command: 'source', args: { text: 'Ibid.' }, scope: { ...inThread(b), userName: 'Bo' } });
    expect(ibid.lastCitation?.entryId).toBe(cited.lastCitation?.entryId);
    await Promise.all([
      a.dispatch({ command: 'quote', args: { query: 'peppery dishes', limit: 1 }, scope: inThread(a) }),
      b.dispatch({ command: 'quote', args: { query: 'Kirov', limit: 1 }, scope: { ...inThread(b), userName: 'Bo' } }),
    ]);
    const notes = await a.dispatch({ command: 'notes', args: {}, scope: inThread(a) });
    expect(notes.error).toBeUndefined();
    const record = a.app.conversations.get(key)!;
    expect(record.notes.map((n) => `${n.command}:${n.by}`).sort()).toEqual(['discuss:Ada', 'quote:Ada', 'quote:Bo', 'source:Ada', 'source:Bo'].sort());
    // B's memory follows (the change notification), without a command of its own.
    await until(() => JSON.stringify(b.app.conversations.get(key)) === JSON.stringify(record));
    expect(b.app.conversations.get(key)).toEqual(record);
    // A thread deleted through one is gone in the other.
    expect(await b.app.conversations.forget(key)).toBe(true);
    await until(() => a.app.conversations.get(key) === undefined);
    expect(a.app.conversations.get(key)).toBeUndefined();
    expect(a.app.conversations.scopeOf(place)).toEqual({ key: conversationKey(place) });
  }, 60_000);
});

describe('GIVEN the bounds of the threads in the database', () => {
  it('THEN the newest notes of a thread are kept, the least recently used threads go past the bound, and old threads expire', async () => {
    const url = await server.newDatabase();
    const r = await appOn(url);
    const { databaseStateBackend } = await import('../src/db/state-backend.ts');
    const state = databaseStateBackend(r.app.db!, log);
    const small = await state.conversations(log, { retentionDays: 30, maxThreads: 3 });
    const now = Date.now();
    const reply: Reply = { title: 'q', sections: [], actions: [], visibility: 'public', lastCitation: { workId: 'trotskys-lies', text: 'Furr, Trotsky’s Lies' } };
    for (let i = 0; i < 5; i++) {
      const key = await small.open({ platform: 'console', scope: 'local', thread: `t${i}`, passage: PASSAGE, title: `T${i}` }, { name: 'Ada', at: now + i });
      if (i === 4) for (let n = 0; n < MAX_NOTES_PER_THREAD + 5; n++) await small.afterReply(key, 'source', reply, { name: `n${n}`, at: now + 10 + n });
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const threads = (await client.query<{ thread: string }>('SELECT thread FROM lectern_threads ORDER BY thread')).rows.map((t) => t.thread);
      expect(threads).toEqual(['t2', 't3', 't4']);
      const notes = (await client.query<{ by: string }>("SELECT entry->>'by' AS by FROM lectern_thread_notes ORDER BY id")).rows.map((n) => n.by);
      expect(notes).toHaveLength(MAX_NOTES_PER_THREAD);
      expect(notes.at(-1)).toBe(`n${MAX_NOTES_PER_THREAD + 4}`);
      expect(notes[0]).toBe('n5');
      // A thread untouched for longer than the retention is gone at the next start.
      await client.query('UPDATE lectern_threads SET updated_at = $1 WHERE thread = $2', [now - 31 * 24 * 60 * 60 * 1000, 't2']);
      const later = await state.conversations(log, { retentionDays: 30, maxThreads: 3 });
      expect(later.threadsOf('console').map((t) => t.thread).sort()).toEqual(['t3', 't4']);
      expect((await client.query('SELECT 1 FROM lectern_threads')).rowCount).toBe(2);
    } finally {
      await client.end();
      await state.close();
    }
  }, 60_000);
});

describe('GIVEN a database that refuses writes (read-only)', () => {
  it('THEN /settings and a thread answer "Could not save: the database is read-only", the change still applies here, and nothing crashes', async () => {
    const url = await server.newDatabase();
    const r = await appOn(url);
    const name = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      const set = await r.dispatch({ command: 'settings', args: { style: 'apa' }, scope: group('g4') });
      expect(set.error?.identifier).toBe('settings.not-saved');
      expect(text(set)).toMatch(/Could not save: (the database is read-only \(25006\)|the database could not be reached)/);
      expect(r.app.settings.get('g4')).toEqual({ style: 'apa' });
      const place = { platform: 'discord', scope: 'g4', thread: 't4' };
      const quoted = await r.dispatch({ command: 'quote', args: { query: 'peppery dishes', limit: 1 }, scope: group('g4', { thread: r.app.conversations.scopeOf(place) }) });
      expect(quoted.error).toBeUndefined();
      expect(text(quoted)).toMatch(/⚠ Could not save: the database is read-only \(25006\)\. .*check its database/);
    } finally {
      await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = off`);
      await admin.end();
    }
  }, 60_000);
});

describe('GIVEN a long answer with parts still waiting for "more" when Lectern restarts', () => {
  it('THEN the new process continues it from the next part, a reaction on a part sent before still asks for more, and a finished answer is gone', async () => {
    const url = await server.newDatabase();
    const first = await appOn(url);
    const pages: RenderedMessage[] = [1, 2, 3].map((n) => ({ body: `part ${n}`, formatted_body: `<p>part ${n}</p>` }));
    const before = await PendingStore.restore(first.app.state.rows!('matrix', 'pending'), RenderedPage, log);
    const key = conversationKey({ platform: 'matrix', scope: '!room:example.org', thread: '' });
    before.set({ key, scope: '!room:example.org', pages, next: 1, sentIds: ['$part1'] });
    before.set({ key: 'short', scope: '!room:example.org', pages: pages.slice(0, 2), next: 1, sentIds: ['$s1'] });
    const entry = before.get(key)!;
    expect(before.take(entry)?.page.body).toBe('part 2');
    before.sent(entry, '$part2');
    before.take(before.get('short')!);
    await before.flush();
    await close(first);

    const again = await appOn(url);
    const after = await PendingStore.restore(again.app.state.rows!('matrix', 'pending'), RenderedPage, log);
    expect(after.get('short')).toBeUndefined();
    const waiting = after.bySent('!room:example.org', '$part1');
    expect(waiting?.sentIds).toEqual(['$part1', '$part2']);
    expect(after.take(waiting!)).toEqual({ page: pages[2], index: 2 });
    await after.flush();
    expect((await PendingStore.restore(again.app.state.rows!('matrix', 'pending'), RenderedPage, log)).get(key)).toBeUndefined();
  }, 60_000);
});

describe('GIVEN a Matrix bot that kept its state in files, and state-import', () => {
  it('THEN its sync position, device, filter, layouts and crypto copy are in the database, and what the database held before wins', async () => {
    const url = await server.newDatabase();
    const r = await appOn(url);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-matrix-import-'));
    try {
      const files = await MatrixState.load(dir, log);
      await files.bindUser('@bot:x');
      await files.setDevice('DEV');
      await files.setSince('s1_2_3', 1_700_000_000_000);
      await files.setFilter({ id: 'f9', definition: '{}' });
      await files.setLayout('!a:x', 'side-by-side');
      await files.setLayout('!b:x', 'stacked');
      const snapshot = { format: CRYPTO_STORE_FORMAT, version: 1, userId: '@bot:x', deviceId: 'DEV', savedAt: 1, databases: [] };
      await writeFile(path.join(dir, CRYPTO_STORE_FILE), v8.serialize(snapshot));
      await r.app.state.rows!('matrix', 'layout').put('!b:x', 'side-by-side');

      expect(await importMatrixState(dir, r.app.state, log)).toEqual({ account: '@bot:x', layouts: 1, crypto: true });
      const stores = matrixStores(path.join(dir, 'unused'), r.app.state);
      const state = await stores.state(log, '@bot:x');
      expect([state.deviceId, state.since, state.sinceSavedAt, state.filter, state.layout('!a:x'), state.layout('!b:x')]).toEqual(['DEV', 's1_2_3', 1_700_000_000_000, { id: 'f9', definition: '{}' }, 'side-by-side', 'side-by-side']);
      const copy = stores.crypto('@bot:x');
      expect(typeof copy === 'string' ? undefined : parseSnapshot((await copy.read())!)?.deviceId).toBe('DEV');
      expect(await importMatrixState(dir, r.app.state, log)).toEqual({ layouts: 0, crypto: false });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('GIVEN the database going away while Lectern runs', () => {
  it('THEN the settings and threads go on from memory, and a change says "Could not save: the database could not be reached"', async () => {
    const own = await startPostgres();
    try {
      const r = await appOn(await own.newDatabase());
      await r.app.settings.set('g5', { style: 'apa' });
      await own.stop();
      await r.app.settings.refresh('g5');
      expect(r.app.settings.get('g5')).toEqual({ style: 'apa' });
      await expect(r.app.settings.set('g5', { layout: 'side-by-side' })).rejects.toMatchObject({
        identifier: 'settings.not-saved',
        message: expect.stringMatching(/^Could not save: the database could not be reached \(ECONNREFUSED\)\. .*check its database/),
      });
      expect(r.app.settings.get('g5')).toEqual({ style: 'apa', layout: 'side-by-side' });
      // A thread outside any group (no group library to open): the answer comes, with what was not saved.
      const place = { platform: 'console', scope: 'local', thread: 't5' };
      const quoted = await r.dispatch({ command: 'quote', args: { query: 'peppery dishes', limit: 1 }, scope: testScope({ userName: 'Ada', thread: r.app.conversations.scopeOf(place) }) });
      expect(quoted.error).toBeUndefined();
      expect(text(quoted)).toContain('⚠ Could not save: the database could not be reached');
      // Inside a group, whose texts only the database holds: said as such, not "something went wrong".
      const inGroup = await r.dispatch({ command: 'quote', args: { query: 'peppery dishes', limit: 1 }, scope: group('g5') });
      expect(inGroup.error?.identifier).toBe('library.database-unreachable');
      expect(text(inGroup)).toMatch(/kept in the shared database, which Lectern cannot reach right now \(ECONNREFUSED\)/);
      await close(r);
    } finally {
      await own.stop();
    }
  }, 60_000);
});
