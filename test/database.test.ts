/**
 * The shared database's opening: a real PostgreSQL (test/helpers/postgres.ts), migrations run once
 * and in order, two processes starting together do not both run one, a newer schema is refused,
 * an unreachable server is named without its password, and notifications reach other connections.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, readMigrations, DatabaseError, type Database } from '../src/db/database.ts';
import { checkOut } from '../src/db/checkout.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

const log = pino({ level: 'silent' });
let server: TestPostgres;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

async function versions(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ version: number }>('SELECT version FROM lectern_migrations ORDER BY version')).rows.map((r) => r.version);
  } finally {
    await client.end();
  }
}

describe('database', () => {
  it('GIVEN an empty database THEN every migration in db/migrations runs once, and a second start runs none', async () => {
    const url = await server.newDatabase();
    const all = (await readMigrations()).map((m) => m.version);
    const first = await openDatabase(url, log);
    await first.close();
    expect(await versions(url)).toEqual(all);
    const second = await openDatabase(url, log);
    const { rows } = await second.pool.query<{ n: string }>("SELECT count(*) AS n FROM pg_extension WHERE extname = 'btree_gin'");
    await second.close();
    expect(await versions(url)).toEqual(all);
    expect(rows[0]!.n).toBe('1');
  });

  it('GIVEN two processes starting on one empty database at once THEN each migration runs exactly once', async () => {
    const url = await server.newDatabase();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-migrations-'));
    // A slow migration widens the window in which both would run it without the lock.
    writeFileSync(path.join(dir, '001_slow.sql'), 'SELECT pg_sleep(0.3); CREATE TABLE once (n integer);');
    const dbs = await Promise.all([openDatabase(url, log, { migrationsDir: dir }), openDatabase(url, log, { migrationsDir: dir })]);
    await Promise.all(dbs.map((d) => d.close()));
    expect(await versions(url)).toEqual([1]);
  });

  it('GIVEN a database migrated by a newer Lectern THEN opening it is refused with what to do', async () => {
    const url = await server.newDatabase();
    await (await openDatabase(url, log)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("INSERT INTO lectern_migrations (version, name) VALUES (999, '999_future.sql')");
    await client.end();
    await expect(openDatabase(url, log)).rejects.toThrow(/newer Lectern \(schema version 999/);
  });

  it('GIVEN no server at the URL THEN the error names LECTERN_DATABASE_URL and hides the password', async () => {
    const err = await openDatabase(`postgres://lectern:s3cret-pw@127.0.0.1:${server.port + 1}/x`, log).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as Error).message).toMatch(/LECTERN_DATABASE_URL \(postgres:\/\/lectern:\*\*\*@127\.0\.0\.1/);
    expect((err as Error).message).not.toContain('s3cret-pw');
  });

  it('GIVEN two connections to one database THEN a NOTIFY from one reaches the listener of the other', async () => {
    const url = await server.newDatabase();
    const a: Database = await openDatabase(url, log);
    const b: Database = await openDatabase(url, log);
    try {
      let hear: (payload: string) => void = () => undefined;
      const heard = new Promise<string>((resolve) => (hear = resolve));
      await b.listen('lectern_test', (payload) => hear(payload));
      await a.notify('lectern_test', 'group-1');
      expect(await heard).toBe('group-1');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('GIVEN a connection the server ends while Lectern holds it between two statements THEN the process goes on and the pool opens another', async () => {
    const db = await openDatabase(await server.newDatabase(), log);
    try {
      const held = await checkOut(db.pool);
      const { rows } = await held.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Unheard, the 'error' this makes the connection emit would be an uncaught exception.
      await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      for (let i = 0; i < 100 && !held.failure(); i++) await new Promise((r) => setTimeout(r, 20));
      expect(held.failure()?.message).toMatch(/terminat/);
      held.release();
      expect((await db.pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    } finally {
      await db.close();
    }
  });
});

