/**
 * Group libraries kept in PostgreSQL (LECTERN_DATABASE_URL): the same manager — the same checks,
 * ingestion in the worker, one change at a time, the view swapped in after the commit — over the
 * database instead of the state directory (pg-store.ts), and the group's texts searched there
 * (src/search/pg-source.ts) beside the bundled index held once in memory. What differs:
 *
 * - a collection is read on `open` (a command), never synchronously;
 * - each `open` of a loaded collection compares its version with the database's, so a change
 *   another process committed is seen on this process's next command;
 * - a change commits in one transaction, only on the version it was prepared on; when another
 *   process committed first, it is prepared again on the new version (the same checks: a file that
 *   other process added is then a duplicate).
 */
import type { WorkBuild } from '../corpus/work.ts';
import { Corpus } from '../corpus/corpus.ts';
import { DataError } from '../errors.ts';
import { libraryErrors } from './errors.ts';
import { isUnreachable } from '../db/state-rows.ts';
import { PgCandidateSource } from '../search/pg-source.ts';
import type { CorpusView } from '../services.ts';
import { buildInputs, LIBRARY_FORMAT_VERSION, type CollectionManifest, type LibraryEntry } from './collection-files.ts';
import { HEAP_PER_COLLECTION, HEAP_PER_FILE_BYTE, LibraryManager, type LibraryOptions, type RepairSources, type State } from './manager.ts';
import { parsePassageRows } from './pg-index.ts';
import { LibraryConflict, type NewWork, type PgLibraryStore } from './pg-store.ts';

const PG_INDEX_MODULE = new URL('./pg-index.ts', import.meta.url).href;
/** How often a change is prepared again when other processes keep committing first. */
const CONFLICT_ATTEMPTS = 3;
/** Heap per term of a group's cached vocabulary (the term table and its radix tree). */
const HEAP_PER_TERM = 200;

export class PgLibraryManager extends LibraryManager {
  private readonly db: PgLibraryStore;
  /** The key each loaded or committed work is stored under (a work as read back may serialise differently), and its stored size. */
  private readonly keys = new WeakMap<WorkBuild, string>();
  private readonly sizes = new WeakMap<WorkBuild, number>();
  /** Files uploaded by the change in progress, written by its commit. */
  private readonly staged = new Map<string, { name: string; bytes: Uint8Array }[]>();

  constructor(options: LibraryOptions & { store: PgLibraryStore }) {
    super(options);
    this.db = options.store;
  }

  /** A group's texts cannot be searched without the database: say so, rather than "something went wrong". */
  override async open(collection: string | undefined): Promise<CorpusView> {
    try {
      return await super.open(collection);
    } catch (err) {
      if (!isUnreachable(err)) throw err;
      this.log.error({ err, collection }, 'the library could not be read: the database cannot be reached');
      throw libraryErrors.databaseUnreachable(err);
    }
  }

  protected override loadSync(collection: string): State {
    throw new Error(`library/pg-manager: the library of ${collection} is in PostgreSQL and is read by open(collection), not synchronously; await library.open() first`);
  }

  protected override async loadAsync(collection: string): Promise<State> {
    let stored;
    try {
      stored = await this.db.load(collection);
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      return { ...this.unreadable(collection, err), version: await this.db.version(collection) };
    }
    const base = { manifest: stored.manifest, indexes: new Map(), version: stored.version };
    if (!stored.works) return { ...base, bytes: HEAP_PER_COLLECTION, own: [], view: this.options.base.view, stale: true };
    for (const w of stored.works) {
      this.keys.set(w.work, w.key);
      this.sizes.set(w.work, w.bytes);
    }
    const own = stored.works.map((w) => w.work);
    const { view, terms } = await this.viewOver(collection, own);
    return { ...base, bytes: this.estimate(own, terms), own, view };
  }

  /** Estimated heap of a loaded collection: its works by their stored size, and its vocabulary. */
  private estimate(own: WorkBuild[], terms: number): number {
    return HEAP_PER_COLLECTION + HEAP_PER_FILE_BYTE * own.reduce((n, w) => n + (this.sizes.get(w) ?? 0), 0) + HEAP_PER_TERM * terms;
  }

  /** The group's corpus over the bundled one, searched in memory (bundled) and in PostgreSQL (its texts). */
  private async viewOver(collection: string, own: WorkBuild[]): Promise<{ view: CorpusView; terms: number }> {
    if (own.length === 0) return { view: this.options.base.view, terms: 0 };
    const corpus = new Corpus({ works: own }, collection, this.options.base.view.corpus);
    const source = await PgCandidateSource.open(this.db.pool, collection);
    return { view: { corpus, search: this.options.search.search(corpus, [source]) }, terms: source.terms };
  }

  protected override async isCurrent(collection: string, state: State): Promise<boolean> {
    return state.version === (await this.db.version(collection));
  }

  protected override async exclusive<T>(collection: string, fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      this.staged.delete(collection);
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof LibraryConflict) || attempt === CONFLICT_ATTEMPTS) throw err;
        this.log.info({ collection, attempt }, 'the library changed in another process meanwhile; preparing the change again');
      }
    }
  }

  protected override readStoredFile(collection: string, file: string): Promise<Buffer> {
    return this.db.readFile(collection, file);
  }

  protected override async storedManifest(collection: string): Promise<CollectionManifest> {
    return (await this.db.load(collection)).manifest;
  }

  protected override async stageFile(collection: string, name: string, bytes: Uint8Array): Promise<string[]> {
    this.staged.set(collection, [...(this.staged.get(collection) ?? []), { name, bytes }]);
    return [];
  }

  protected override async repairSources(collection: string): Promise<RepairSources> {
    let listed: LibraryEntry[] = [];
    try {
      listed = (await this.db.load(collection)).manifest.works;
    } catch {
      // A manifest that does not validate is replaced by the repaired one (the files are what count).
    }
    const known = new Map<string, WorkBuild>();
    for (const w of await this.db.builds(collection)) if (!known.has(w.sha256)) known.set(w.sha256, w);
    return { listed, known, files: await this.db.fileNames(collection) };
  }

  /** Indexes the works this change adds (in the worker), then commits everything in one transaction and swaps the view in. */
  protected override async apply(collection: string, entries: LibraryEntry[], works: WorkBuild[]): Promise<void> {
    const files = this.staged.get(collection) ?? [];
    this.staged.delete(collection);
    const state = this.states.get(collection);
    const keyOf = (w: WorkBuild) => this.keys.get(w) ?? this.workIndexKey(w);
    const stored = new Set((state?.own ?? []).map(keyOf));
    const added: NewWork[] = [];
    for (const work of works) {
      const key = keyOf(work);
      if (stored.has(key) || added.some((a) => a.key === key)) continue;
      const rows = parsePassageRows(await this.pool.index({ module: PG_INDEX_MODULE, works: [work], inputs: key }), key);
      if (!rows) throw new Error(`library/pg-manager: the worker's passages of ${work.meta.id} are not in the format this Lectern reads`);
      const build = JSON.stringify(work);
      this.sizes.set(work, build.length);
      added.push({ key, work, build, rows });
    }
    const manifest: CollectionManifest = { format: 'lectern.library', version: LIBRARY_FORMAT_VERSION, collection, build: works.length ? buildInputs(entries) : null, works: entries };
    await this.options.hooks?.beforeCommit?.(collection);
    const hooks = this.options.hooks;
    const version = await this.db.commit(
      { collection, expectedVersion: state?.version ?? 0, manifest, files, keys: works.map(keyOf), added },
      hooks?.duringCommit ? () => hooks.duringCommit!(collection) : undefined,
    );
    for (const w of works) this.keys.set(w, keyOf(w));
    const { view, terms } = await this.viewOver(collection, works);
    this.states.set(collection, { bytes: this.estimate(works, terms), manifest, own: works, view, indexes: new Map(), version });
  }
}
