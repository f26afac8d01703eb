/**
 * Issue 17 with real Lectern processes (src/main.ts, each with a data folder of its own) on one
 * PostgreSQL database: what one process was told (a group setting, a discussion, its citations and
 * notes) is what the next process answers with; and a database that cannot be reached stops the
 * start with one clear line naming LECTERN_DATABASE_URL, without the password or a stack trace.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';
import { runLectern } from './helpers/lectern-process.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

let server: TestPostgres;
let url: string;
const dirs: string[] = [];

/** A data folder of its own (the bundled corpus and build shared read-only): no state can pass through a file. */
async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-pgproc-'));
  dirs.push(dir);
  await symlink(path.join(PROJECT_ROOT, 'data', 'corpus'), path.join(dir, 'corpus'));
  await symlink(path.join(PROJECT_ROOT, 'data', 'build'), path.join(dir, 'build'));
  return dir;
}

const lectern = async (args: string[], input = '', env: Record<string, string> = {}) => {
  const dir = await dataFolder();
  return await runLectern(args, { input, cwd: dir, env: { LECTERN_DATA_DIR: dir, LECTERN_DATABASE_URL: url, ...env } });
};

beforeAll(async () => {
  server = await startPostgres();
  url = await server.newDatabase();
  // The shared build, made once (the tests' own data folders link to it).
  const dir = await dataFolder();
  expect((await runLectern(['ingest'], { cwd: dir, env: { LECTERN_DATA_DIR: dir } })).code).toBe(0);
}, 180_000);
afterAll(async () => {
  await server?.stop();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('GIVEN two Lectern processes on one database, one after the other, each with its own data folder', () => {
  it("THEN the second answers with the first one's setting, and gives the notes of the discussion the first one held", async () => {
    const first = await lectern(['start'], ['/settings style:apa', '/quote peppery dishes limit:1', 'd 1', '/source (Main 185)', '/end', ''].join('\n'));
    expect(first.code, first.stderr).toBe(0);
    const thread = /\(thread (c[a-z0-9]+), kept for \/notes\)/.exec(first.stdout)?.[1];
    expect(thread).toBeDefined();

    const second = await lectern(['start'], '/settings\n');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Citation style\W+apa/);

    const notes = await lectern(['notes', '--thread', thread!, '--kind', 'notes']);
    expect(notes.code, notes.stderr).toBe(0);
    // The quoted passage and the cited article, in the style the group chose through the first process.
    expect(notes.stdout).toMatch(/Passage trotskys-lies\.p\d+; asked for by/);
    expect(notes.stdout).toContain('Furr, G. (2019). *Trotsky’s Lies*');
    expect(notes.stdout).toContain('Main, S. J. (1997).');
  }, 180_000);

  it('THEN doctor checks the database instead of the state files: it answers, its schema version, the groups and threads it holds', async () => {
    const r = await lectern(['doctor']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/ok +the database postgres:\/\/lectern@127\.0\.0\.1:\d+\/\w+ answers/);
    expect(r.stdout).toMatch(/ok +the database schema is at version \d+/);
    expect(r.stdout).toMatch(/ok +the database holds the settings of 1 group\(s\) and 1 thread\(s\)/);
    const down = await lectern(['doctor'], '', { LECTERN_DATABASE_URL: `postgres://lectern:s3cret-pw@127.0.0.1:${server.port + 1}/lectern` });
    expect(down.code).toBe(1);
    expect(down.stdout).toMatch(/PROBLEM +the database in LECTERN_DATABASE_URL \(postgres:\/\/lectern:\*\*\*@127\.0\.0\.1:\d+\/lectern\) does not answer/);
    expect(down.stdout + down.stderr).not.toContain('s3cret-pw');
  }, 60_000);
});

describe('GIVEN a deployment on files moving to the database', () => {
  it('THEN state-import copies its settings and threads in, and a process on the database answers with them', async () => {
    const files = await dataFolder();
    const onFiles = (args: string[], input = '', env: Record<string, string> = {}) => runLectern(args, { input, cwd: files, env: { LECTERN_DATA_DIR: files, ...env } });
    const before = await onFiles(['start'], ['/settings style:mla', '/quote Kirov limit:1', 'd 1', '/source (Main 185)', '/end', ''].join('\n'));
    expect(before.code, before.stderr).toBe(0);
    const thread = /\(thread (c[a-z0-9]+), kept for \/notes\)/.exec(before.stdout)?.[1];
    const target = await server.newDatabase();
    const imported = await onFiles(['state-import'], '', { LECTERN_DATABASE_URL: target });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('settings of 1 group(s), 1 thread(s) with their notes');
    // Again: nothing new, what the database holds is kept.
    expect((await onFiles(['state-import'], '', { LECTERN_DATABASE_URL: target })).stdout).toContain('settings of 0 group(s), 0 thread(s)');

    const after = await lectern(['start'], '/settings\n', { LECTERN_DATABASE_URL: target });
    expect(after.stdout).toMatch(/Citation style\W+mla/);
    const notes = await lectern(['notes', '--thread', thread!, '--kind', 'bibliography', '--format', 'bibtex'], '', { LECTERN_DATABASE_URL: target });
    expect(notes.code, notes.stderr).toBe(0);
    expect(notes.stdout).toMatch(/Tukhachevsky/);
  }, 180_000);
});

describe('GIVEN LECTERN_DATABASE_URL naming a server that does not answer', () => {
  it('THEN Lectern stops at start with one clear line naming the variable, without its password or a stack trace', async () => {
    const closed = `postgres://lectern:s3cret-pw@127.0.0.1:${server.port + 1}/lectern`;
    const r = await lectern(['start'], '/quote peppery dishes\n', { LECTERN_DATABASE_URL: closed, LOG_LEVEL: 'info' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LECTERN_DATABASE_URL');
    expect(r.stderr).toContain(`127.0.0.1:${server.port + 1}`);
    expect(`${r.stdout}${r.stderr}`).not.toContain('s3cret-pw');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
