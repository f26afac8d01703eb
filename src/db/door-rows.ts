/** A door's own rows (lectern_door_state: JSON by door, kind and key; the door checks what it reads) and files (lectern_door_files: bytes). */
import type { Logger } from 'pino';
import type { DoorFiles, KeyedRows } from '../state-backend.ts';
import type { Database } from './database.ts';
import { writing } from './state-rows.ts';

export function doorRows(db: Database, log: Logger, door: string, kind: string): KeyedRows {
  return {
    async all() {
      const { rows } = await db.pool.query<{ key: string; value: unknown }>('SELECT key, value FROM lectern_door_state WHERE door = $1 AND kind = $2', [door, kind]);
      return new Map(rows.map((r) => [r.key, r.value]));
    },
    async get(key) {
      const { rows } = await db.pool.query<{ value: unknown }>('SELECT value FROM lectern_door_state WHERE door = $1 AND kind = $2 AND key = $3', [door, kind, key]);
      return rows[0]?.value;
    },
    async put(key, value) {
      await writing(log, `the ${door} ${kind}`, () =>
        db.pool.query(
          `INSERT INTO lectern_door_state (door, kind, key, value) VALUES ($1, $2, $3, $4)
           ON CONFLICT (door, kind, key) DO UPDATE SET value = excluded.value, updated_at = now()`,
          [door, kind, key, JSON.stringify(value)],
        ),
      );
    },
    async prune(ms) {
      await db.pool.query("DELETE FROM lectern_door_state WHERE door = $1 AND kind = $2 AND updated_at < now() - $3 * interval '1 millisecond'", [door, kind, ms]);
    },
    async delete(key) {
      await writing(log, `the ${door} ${kind}`, () => db.pool.query('DELETE FROM lectern_door_state WHERE door = $1 AND kind = $2 AND key = $3', [door, kind, key]));
    },
  };
}

export function doorFiles(db: Database, log: Logger, door: string): DoorFiles {
  return {
    async read(name) {
      const { rows } = await db.pool.query<{ bytes: Buffer }>('SELECT bytes FROM lectern_door_files WHERE door = $1 AND name = $2', [door, name]);
      return rows[0]?.bytes;
    },
    async write(name, bytes) {
      await writing(log, `the ${door} file ${name}`, () =>
        db.pool.query(
          `INSERT INTO lectern_door_files (door, name, bytes) VALUES ($1, $2, $3)
           ON CONFLICT (door, name) DO UPDATE SET bytes = excluded.bytes, updated_at = now()`,
          [door, name, bytes],
        ),
      );
    },
    async rename(name, to) {
      await writing(log, `the ${door} file ${name}`, () => db.pool.query('UPDATE lectern_door_files SET name = $3, updated_at = now() WHERE door = $1 AND name = $2', [door, name, to]));
    },
  };
}
