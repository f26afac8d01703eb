/**
 * Group libraries in PostgreSQL (db/migrations/003_library.sql), the storage beside
 * collection-files.ts when LECTERN_DATABASE_URL is set. Several Lectern processes share it:
 *
 * - a change is prepared (files read, works ingested and indexed in the worker) holding no
 *   connection, and committed only if the collection is still at the version it was prepared on:
 *   the commit locks the collection's row, so commits from any process run one at a time, and a
 *   change another process committed meanwhile makes this one a `LibraryConflict` (run again);
 * - the commit is ONE transaction — manifest, uploaded file, built works, passages, terms — so a
 *   process killed at any moment leaves the collection as its last commit left it;
 * - each commit increments the collection's version; a process compares it on each command and
 *   reloads a collection another process changed.
 */
import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { CORPUS_FORMAT_VERSION, WorkBuild } from '../corpus/work.ts';
import { checkOut } from '../db/checkout.ts';
import { DataError } from '../errors.ts';
import { analysisOptions } from '../search/analyse/index.ts';
import { termsVector } from '../search/pg-source.ts';
import { CollectionManifest, emptyManifest, LIBRARY_FORMAT_VERSION } from './collection-files.ts';
import { PASSAGE_ROWS_FORMAT, type PassageRow } from './pg-index.ts';

/** What the stored builds and terms were made with; another value means they are rebuilt. */
let format: string | undefined;
export function pgWorkFormat(): string {
  format ??= createHash('sha256')
    .update(JSON.stringify({ library: LIBRARY_FORMAT_VERSION, corpus: CORPUS_FORMAT_VERSION, rows: PASSAGE_ROWS_FORMAT.version, analysis: analysisOptions() }))
    .digest('hex')
    .slice(0, 32);
  return format;
}

export interface StoredWork {
  key: string;
  work: WorkBuild;
  /** Size of the build as stored (the cache's estimate). */
  bytes: number;
}

export interface PgCollection {
  version: number;
  manifest: CollectionManifest;
  /** The built works in the manifest's order; undefined when one is missing or of another format (rebuilt from the files). */
  works: StoredWork[] | undefined;
}

/** A work this change adds, with its passages as the worker made them. */
export interface NewWork {
  key: string;
  work: WorkBuild;
  /** The work as JSON, as it is stored. */
  build: string;
  rows: PassageRow[];
}

export interface PgChange {
  collection: string;
  /** The version the change was prepared on: the commit is refused if another committed meanwhile. */
  expectedVersion: number;
  manifest: CollectionManifest;
  /** Uploaded files this change adds. */
  files: { name: string; bytes: Uint8Array }[];
  /** The keys of every work the manifest names (those not in `added` are already stored). */
  keys: string[];
  added: NewWork[];
}

const BATCH = 500;

/** Another process committed a change of the collection after this one was prepared on it. */
export class LibraryConflict extends Error {
  constructor(collection: string) {
    super(`library/pg-store: the library of ${collection} changed in another process while this change was prepared; run it again`);
    this.name = 'LibraryConflict';
  }
}

export class PgLibraryStore {
  readonly pool: Pool;

  constructor(pool: Pool) {
    this.pool = pool;
  }

  /** The collection's version, 0 before its first change. */
  async version(collection: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: string }>('SELECT version FROM library_collections WHERE collection = $1', [collection]);
    return rows[0] ? Number(rows[0].version) : 0;
  }

  /** The manifest (validated) and the works it names; a manifest that does not validate is a DataError. */
  async load(collection: string): Promise<PgCollection> {
    const [c, w] = await Promise.all([
      this.pool.query<{ version: string; manifest: unknown }>('SELECT version, manifest FROM library_collections WHERE collection = $1', [collection]),
      this.pool.query<{ work_key: string; work_id: string; format: string; build: unknown; bytes: number }>(
        'SELECT work_key, work_id, format, build, octet_length(build::text) AS bytes FROM library_works WHERE collection = $1',
        [collection],
      ),
    ]);
    const row = c.rows[0];
    if (!row) return { version: 0, manifest: emptyManifest(collection), works: [] };
    const parsed = CollectionManifest.safeParse(row.manifest);
    const where = `library_collections[${collection}]`;
    if (!parsed.success) throw new DataError(`the collection manifest is invalid: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, where);
    if (parsed.data.collection !== collection) throw new DataError(`the manifest belongs to collection "${parsed.data.collection}"`, where);
    const manifest = parsed.data;
    const byId = new Map(w.rows.map((r) => [r.work_id, r]));
    const works: StoredWork[] = [];
    for (const entry of manifest.works) {
      const stored = byId.get(entry.meta.id);
      const work = stored && stored.format === pgWorkFormat() ? WorkBuild.safeParse(stored.build) : undefined;
      if (!stored || !work?.success) return { version: Number(row.version), manifest, works: undefined };
      works.push({ key: stored.work_key, work: work.data, bytes: stored.bytes });
    }
    return { version: Number(row.version), manifest, works };
  }

  async readFile(collection: string, name: string): Promise<Buffer> {
    const { rows } = await this.pool.query<{ bytes: Buffer }>('SELECT bytes FROM library_files WHERE collection = $1 AND name = $2', [collection, name]);
    if (!rows[0]) throw new DataError(`the stored file ${name} is not in the database`, `library_files[${collection}]`);
    return rows[0].bytes;
  }

  /** Every stored build of the collection that still parses, whatever its format (repair recovers metadata from them). */
  async builds(collection: string): Promise<WorkBuild[]> {
    const { rows } = await this.pool.query<{ build: unknown }>('SELECT build FROM library_works WHERE collection = $1', [collection]);
    return rows.flatMap((r) => {
      const parsed = WorkBuild.safeParse(r.build);
      return parsed.success ? [parsed.data] : [];
    });
  }

  /** Every collection with a library in the database (doctor). */
  async collections(): Promise<string[]> {
    const { rows } = await this.pool.query<{ collection: string }>('SELECT collection FROM library_collections ORDER BY collection');
    return rows.map((r) => r.collection);
  }

  /** The works (ids) whose stored file the manifest names but the database does not hold (doctor). */
  async missingFiles(collection: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT w->'meta'->>'id' AS id FROM library_collections c, json_array_elements(c.manifest->'works') w
        WHERE c.collection = $1 AND NOT EXISTS (SELECT 1 FROM library_files f WHERE f.collection = c.collection AND f.name = w->'source'->>'file')`,
      [collection],
    );
    return rows.map((r) => r.id);
  }

  /** The names of the files the collection stored (repair). */
  async fileNames(collection: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>('SELECT name FROM library_files WHERE collection = $1 ORDER BY name', [collection]);
    return rows.map((r) => r.name);
  }

  /**
   * The commit: everything in one transaction, the new version returned. `during` (a test seam)
   * runs inside it after the rows are written; throwing rolls all of it back.
   */
  async commit(change: PgChange, during?: () => void | Promise<void>): Promise<number> {
    CollectionManifest.parse(change.manifest);
    const { client, release } = await checkOut(this.pool);
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const version = await this.writeChange(client, change);
      await during?.();
      await client.query('COMMIT');
      return version;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
      throw err;
    } finally {
      release(broken);
    }
  }

  private async writeChange(client: PoolClient, change: PgChange): Promise<number> {
    const { collection } = change;
    const bumped = await client.query<{ version: string }>(
      `INSERT INTO library_collections (collection, version, manifest) VALUES ($1, 1, $2)
       ON CONFLICT (collection) DO UPDATE SET version = library_collections.version + 1, manifest = excluded.manifest, updated_at = now()
         WHERE library_collections.version = $3
       RETURNING version`,
      [collection, JSON.stringify(change.manifest), change.expectedVersion],
    );
    if (!bumped.rows[0] || (change.expectedVersion === 0 && Number(bumped.rows[0].version) !== 1)) {
      throw new LibraryConflict(collection);
    }
    for (const f of change.files) {
      await client.query('INSERT INTO library_files (collection, name, bytes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [collection, f.name, Buffer.from(f.bytes)]);
    }
    // Works the manifest no longer names go, with their passages and terms (ON DELETE CASCADE).
    await client.query('DELETE FROM library_works WHERE collection = $1 AND NOT (work_key = ANY($2::text[]))', [collection, change.keys]);
    for (const work of change.added) await this.writeWork(client, collection, work);
    await client.query('DELETE FROM library_files WHERE collection = $1 AND NOT (name = ANY($2::text[]))', [collection, change.manifest.works.map((w) => w.source.file)]);
    return Number(bumped.rows[0].version);
  }

  private async writeWork(client: PoolClient, collection: string, { key, work, build, rows }: NewWork): Promise<void> {
    let text = 0;
    let heading = 0;
    for (const r of rows) {
      text += r.lengths[0];
      heading += r.lengths[1];
    }
    // A row under this key from an older format is replaced (its passages and terms with it).
    await client.query('DELETE FROM library_works WHERE collection = $1 AND work_key = $2', [collection, key]);
    await client.query(
      `INSERT INTO library_works (collection, work_key, work_id, format, build, passages, text_length, heading_length) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
`,
      [collection, key, work.meta.id, pgWorkFormat(), build, rows.length, text, heading],
    );
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await client.query(
        `INSERT INTO library_passages (collection, work_key, block_id, text_length, heading_length, terms)
         SELECT $1, $2, b, t, h, v::tsvector FROM unnest($3::text[], $4::int[], $5::int[], $6::text[]) AS x(b, t, h, v)`,
        [collection, key, batch.map((r) => r.id), batch.map((r) => r.lengths[0]), batch.map((r) => r.lengths[1]), batch.map((r) => termsVector(r.terms))],
      );
    }
    const df = new Map<string, [number, number]>();
    for (const r of rows) {
      for (const [term, text, heading] of r.terms) {
        const d = df.get(term) ?? [0, 0];
        if (text > 0) d[0]++;
        if (heading > 0) d[1]++;
        df.set(term, d);
      }
    }
    const terms = [...df];
    for (let i = 0; i < terms.length; i += BATCH * 10) {
      const batch = terms.slice(i, i + BATCH * 10);
      await client.query(
        `INSERT INTO library_terms (collection, work_key, term, text_passages, heading_passages)
         SELECT $1, $2, t, a, b FROM unnest($3::text[], $4::int[], $5::int[]) AS x(t, a, b)`,
        [collection, key, batch.map(([t]) => t), batch.map(([, d]) => d[0]), batch.map(([, d]) => d[1])],
      );
    }
  }
}
