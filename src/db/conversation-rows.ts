/**
 * The threads in the database: a row per thread (its door, group and thread ids, the passage and
 * title a discussion was opened on, its work and last citation) and a row per notes entry, so two
 * processes answering in one thread both keep their notes. Bounds hold in the database as in the
 * file: notes per thread, threads in number (MAX_THREADS, least recently used first) and in age.
 * Every row read is checked with the file's schema; one that does not parse is logged and left out.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { conversationKey } from '../conversation/key.ts';
import { MAX_NOTES_PER_THREAD } from '../conversation/notes-log.ts';
import { ThreadRecord, type NoteEntry } from '../conversation/records.ts';
import { MAX_THREADS, type ConversationOptions, type ConversationRepo, type ThreadChange } from '../conversation/store.ts';
import type { Database } from './database.ts';
import { transaction, writing, type StateChanges } from './state-rows.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

interface ThreadRow {
  key: string;
  platform: string;
  scope: string;
  thread: string;
  passage: string | null;
  title: string | null;
  work_id: string | null;
  last_citation: unknown;
  updated_at: string;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

export function conversationRows(db: Database, changes: StateChanges, log: Logger, options: ConversationOptions): ConversationRepo {
  const retentionMs = options.retentionDays * DAY_MS;
  const maxThreads = options.maxThreads ?? MAX_THREADS;

  const recordOf = (row: ThreadRow, notes: unknown[]): ThreadRecord | undefined => {
    const parsed = ThreadRecord.safeParse({
      platform: row.platform,
      scope: row.scope,
      thread: row.thread,
      ...(row.passage !== null ? { passage: row.passage } : {}),
      ...(row.title !== null ? { title: row.title } : {}),
      ...(row.work_id !== null ? { workId: row.work_id } : {}),
      ...(row.last_citation !== null ? { lastCitation: row.last_citation } : {}),
      updatedAt: Number(row.updated_at),
      notes,
    });
    if (!parsed.success) log.warn({ thread: row.key }, 'a stored thread has an unknown format; left out');
    return parsed.data;
  };

  async function readThreads(q: Queryable, keys?: string[]): Promise<Map<string, ThreadRecord>> {
    const where = keys ? 'WHERE key = ANY($1)' : '';
    const params = keys ? [keys] : [];
    const threads = await q.query<ThreadRow>(`SELECT key, platform, scope, thread, passage, title, work_id, last_citation, updated_at FROM lectern_threads ${where}`, params);
    const notes = await q.query<{ thread_key: string; entry: unknown }>(`SELECT thread_key, entry FROM lectern_thread_notes ${keys ? 'WHERE thread_key = ANY($1)' : ''} ORDER BY thread_key, id`, params);
    const byThread = new Map<string, unknown[]>();
    for (const n of notes.rows) {
      let list = byThread.get(n.thread_key);
      if (!list) byThread.set(n.thread_key, (list = []));
      list.push(n.entry);
    }
    const out = new Map<string, ThreadRecord>();
    for (const row of threads.rows) {
      const record = recordOf(row, byThread.get(row.key) ?? []);
      if (record) out.set(row.key, record);
    }
    return out;
  }

  async function expire(q: Queryable, now: number): Promise<void> {
    if (retentionMs > 0) await q.query('DELETE FROM lectern_threads WHERE updated_at < $1', [now - retentionMs]);
  }

  async function addNote(q: Queryable, key: string, note: NoteEntry): Promise<void> {
    await q.query('INSERT INTO lectern_thread_notes (thread_key, entry) VALUES ($1, $2)', [key, JSON.stringify(note)]);
    await q.query(
      `DELETE FROM lectern_thread_notes WHERE thread_key = $1 AND id < (
         SELECT min(id) FROM (SELECT id FROM lectern_thread_notes WHERE thread_key = $1 ORDER BY id DESC LIMIT $2) newest)`,
      [key, MAX_NOTES_PER_THREAD],
    );
  }

  async function put(q: Queryable, change: Extract<ThreadChange, { kind: 'put' }>): Promise<void> {
    const r = change.record;
    const values = [change.key, r.platform, r.scope, r.thread, r.passage ?? null, r.title ?? null, r.workId ?? null, r.lastCitation ? JSON.stringify(r.lastCitation) : null, r.updatedAt];
    // Opening a discussion sets what it starts from; a command answered in it moves only Ibid. and the time.
    const onConflict = change.opened
      ? 'passage = excluded.passage, title = excluded.title, work_id = excluded.work_id, last_citation = excluded.last_citation'
      : 'last_citation = COALESCE($10::jsonb, lectern_threads.last_citation)';
    const { rows } = await q.query<{ inserted: boolean }>(
      `INSERT INTO lectern_threads (key, platform, scope, thread, passage, title, work_id, last_citation, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (key) DO UPDATE SET ${onConflict}, updated_at = GREATEST(lectern_threads.updated_at, excluded.updated_at)
       RETURNING (xmax = 0) AS inserted`,
      change.opened ? values : [...values, change.citation ? JSON.stringify(change.citation) : null],
    );
    if (change.note) await addNote(q, change.key, change.note);
    await expire(q, r.updatedAt);
    if (rows[0]?.inserted) {
      await q.query('DELETE FROM lectern_threads WHERE key IN (SELECT key FROM lectern_threads ORDER BY updated_at DESC, key OFFSET $1)', [maxThreads]);
    }
  }

  async function adopt(q: Queryable, records: ThreadRecord[]): Promise<string[]> {
    const keys: string[] = [];
    for (const r of records) {
      const key = conversationKey(r);
      const { rowCount } = await q.query(
        `INSERT INTO lectern_threads (key, platform, scope, thread, passage, title, work_id, last_citation, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (key) DO NOTHING`,
        [key, r.platform, r.scope, r.thread, r.passage ?? null, r.title ?? null, r.workId ?? null, r.lastCitation ? JSON.stringify(r.lastCitation) : null, r.updatedAt],
      );
      if (rowCount) for (const n of r.notes) await addNote(q, key, n);
      keys.push(key);
    }
    return keys;
  }

  return {
    async load() {
      await expire(db.pool, Date.now());
      return { threads: Object.fromEntries(await readThreads(db.pool)) };
    },
    async write(change) {
      if (change.kind === 'expire') {
        if (change.before > 0) await writing(log, 'the threads', () => db.pool.query('DELETE FROM lectern_threads WHERE updated_at < $1', [change.before]));
        return undefined;
      }
      if (change.kind === 'forget') {
        await writing(log, 'a thread', () => db.pool.query('DELETE FROM lectern_threads WHERE key = $1', [change.key]));
        return new Map([[change.key, null]]);
      }
      return await writing(log, 'a thread', () =>
        transaction(db.pool, async (client) => {
          const keys = change.kind === 'put' ? (await put(client, change), [change.key]) : await adopt(client, change.records);
          const stored = await readThreads(client, keys);
          return new Map<string, ThreadRecord | null>(keys.map((k) => [k, stored.get(k) ?? null]));
        }),
      );
    },
    async read(key) {
      return (await readThreads(db.pool, [key])).get(key) ?? null;
    },
    watch: (changed) => changes.on('thread', changed),
  };
}
