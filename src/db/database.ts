/**
 * The PostgreSQL database several Lectern processes share (LECTERN_DATABASE_URL). Opening it
 * connects, checks the server answers, and brings the schema up to date: the numbered files in
 * db/migrations/ run in order, each in its own transaction, under an advisory lock so that two
 * processes starting together do not both run one; `lectern_migrations` records what ran.
 * A database migrated by a newer Lectern is refused rather than used with a schema this code
 * does not know.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { PROJECT_ROOT } from '../config.ts';
import { checkOut } from './checkout.ts';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'db', 'migrations');
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_-]+\.sql$/;
/** Any fixed number: the key of the advisory lock held while migrating. */
const MIGRATION_LOCK = 7_345_001;

export interface Database {
  readonly pool: pg.Pool;
  /** The URL without its password (for logs and messages). */
  readonly where: string;
  /** Calls `handler` with the payload of each NOTIFY on `channel` (from any process); resolves once listening. */
  listen(channel: string, handler: (payload: string) => void): Promise<() => void>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const name of names) {
    const m = MIGRATION_FILE.exec(name);
    if (!m) throw new DatabaseError(`db/migrations: "${name}" is not named like 002_what_it_does.sql; rename it`);
    const version = Number(m[1]);
    if (out.some((o) => o.version === version)) throw new DatabaseError(`db/migrations: two migrations are numbered ${m[1]}; give one the next free number`);
    out.push({ version, name, sql: await readFile(path.join(dir, name), 'utf8') });
  }
  return out;
}

/** `postgres://user:***@host:port/db`, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'an unparsable URL';
  }
}

export async function openDatabase(url: string, log: Logger, options: { migrationsDir?: string; poolSize?: number } = {}): Promise<Database> {
  const where = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its connection emits here; without a listener that would end the process.
  pool.on('error', (err) => log.warn({ err: { message: err.message } }, 'a database connection was lost; the pool opens another'));
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`Lectern cannot reach the database in LECTERN_DATABASE_URL (${where}): ${(err as Error).message}. Check that PostgreSQL runs there and the user, password and database name are right.`, { cause: err });
  }
  await migrate(pool, await readMigrations(options.migrationsDir), log);
  const listener = new Listener(url, log);
  return {
    pool,
    where,
    listen: (channel, handler) => listener.listen(channel, handler),
    notify: async (channel, payload) => {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
}

async function migrate(pool: pg.Pool, migrations: Migration[], log: Logger): Promise<void> {
  const { client, release } = await checkOut(pool);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS lectern_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM lectern_migrations')).rows.map((r) => r.version));
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const unknown = [...done].filter((v) => v > newest);
    if (unknown.length) {
      throw new DatabaseError(`The database was migrated by a newer Lectern (schema version ${Math.max(...unknown)}; this one knows up to ${newest}). Run the newer Lectern, or restore a backup made before it ran.`);
    }
    for (const m of migrations.filter((m) => !done.has(m.version))) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO lectern_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new DatabaseError(`db/migrations/${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      log.info({ migration: m.name }, 'database migrated');
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    release();
  }
}

/**
 * One connection kept for LISTEN (a pooled one would be handed to other queries). If it drops,
 * it reconnects and listens again; notifications sent meanwhile are missed, so subscribers are
 * told with the payload '*' ("anything may have changed") once listening resumes.
 */
class Listener {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private closed = false;
  private readonly url: string;
  private readonly log: Logger;

  constructor(url: string, log: Logger) {
    this.url = url;
    this.log = log;
  }

  async listen(channel: string, handler: (payload: string) => void): Promise<() => void> {
    let set = this.handlers.get(channel);
    const fresh = !set;
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    const client = await this.connect();
    if (fresh) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return () => void set.delete(handler);
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (n) => {
        for (const h of this.handlers.get(n.channel) ?? []) h(n.payload ?? '');
      });
      client.on('error', (err) => {
        this.log.warn({ err: { message: err.message } }, 'the database notification connection was lost; reconnecting');
        this.client = undefined;
        if (!this.closed) setTimeout(() => void this.resume(), 1000).unref();
      });
      await client.connect();
      this.client = client;
      this.connecting = undefined;
      return client;
    })();
    return this.connecting;
  }

  private async resume(): Promise<void> {
    try {
      const client = await this.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      for (const set of this.handlers.values()) for (const h of set) h('*');
    } catch (err) {
      this.connecting = undefined;
      this.log.warn({ err: { message: (err as Error).message } }, 'could not reconnect for database notifications; retrying');
      if (!this.closed) setTimeout(() => void this.resume(), 5000).unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (this.connecting ? await this.connecting.catch(() => undefined) : undefined);
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
