/**
 * What `doctor` says of the database in LECTERN_DATABASE_URL: whether it answers, how far its
 * schema is migrated against db/migrations/, and the state it holds (rows that no longer parse are
 * counted: Lectern leaves them out and logs them).
 */
import pg from 'pg';
import { GroupSettings } from '../settings/group-settings.ts';
import { readMigrations, redactUrl } from './database.ts';

export interface DatabaseFinding {
  level: 'ok' | 'problem';
  what: string;
}

export async function checkDatabase(url: string): Promise<DatabaseFinding[]> {
  const where = redactUrl(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // The server going away between two statements emits 'error'; the next statement fails with it.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    return [{ level: 'problem', what: `the database in LECTERN_DATABASE_URL (${where}) does not answer: ${(err as Error).message}. Check that PostgreSQL runs there and the user, password and database name are right.` }];
  }
  try {
    const out: DatabaseFinding[] = [{ level: 'ok', what: `the database ${where} answers` }];
    const known = (await readMigrations()).map((m) => m.version);
    const table = await client.query("SELECT to_regclass('lectern_migrations') AS t");
    const done = table.rows[0]?.t ? (await client.query<{ version: number }>('SELECT version FROM lectern_migrations')).rows.map((r) => r.version) : [];
    const pending = known.filter((v) => !done.includes(v));
    const newer = done.filter((v) => !known.includes(v));
    if (newer.length) out.push({ level: 'problem', what: `the database was migrated by a newer Lectern (schema version ${Math.max(...newer)}); run that version` });
    else if (pending.length) out.push({ level: 'ok', what: `the database schema lacks migration(s) ${pending.join(', ')}; the next start runs them` });
    else out.push({ level: 'ok', what: `the database schema is at version ${Math.max(0, ...done)}` });
    if (!done.includes(2)) return out;
    const settings = await client.query<{ collection: string; settings: unknown }>('SELECT collection, settings FROM lectern_group_settings');
    const bad = settings.rows.filter((r) => !GroupSettings.safeParse(r.settings).success).map((r) => r.collection);
    const threads = await client.query<{ n: string }>('SELECT count(*) AS n FROM lectern_threads');
    out.push({ level: 'ok', what: `the database holds the settings of ${settings.rowCount} group(s) and ${threads.rows[0]?.n ?? 0} thread(s)` });
    if (bad.length) out.push({ level: 'problem', what: `the stored settings of ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''} do not parse; those groups use the defaults until an organiser sets them again` });
    return out;
  } finally {
    await client.end().catch(() => undefined);
  }
}
