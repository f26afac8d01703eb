/**
 * Group libraries: each collection (a server, a room or room group, the CLI's
 * `local`) sees the bundled corpus plus the works its organisers added, and nothing of any other
 * collection's. Changes to a collection run one at a time, their heavy work (extraction,
 * ingestion, index building) in a worker thread; the collection's view is replaced in one
 * assignment after the new manifest is committed, so a search that started before keeps the view it
 * had, and every search after sees the new one. Nothing is changed on disk or in memory when a
 * step fails.
 */
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { CorpusView } from '../services.ts';
import { Corpus } from '../corpus/corpus.ts';
import { CORPUS_FORMAT_VERSION, type WorkBuild } from '../corpus/work.ts';
import { libraryErrors } from './errors.ts';
import { detectFormat, FORMAT_EXTENSION } from './extract/index.ts';
import { sha256, STORED_FILE, WORK_ID } from './keys.ts';
import { editMeta, type MetaOverrides, UNKNOWN_AUTHOR } from './meta.ts';
import { JobPool, type PoolEvents, type PoolStats } from './pool.ts';
import { ViewCache, type CacheStats } from './view-cache.ts';
import type { SearchBackend, WorkIndex } from './search-backend.ts';
import { buildInputs, CollectionBuild, CollectionStore, emptyManifest, LIBRARY_FORMAT_VERSION, MANIFEST_FILE, type CollectionManifest, type LibraryEntry } from './collection-files.ts';
import type { LibraryFormat } from './extract/types.ts';

export type LibraryConfig = Pick<Config, 'stateDir' | 'LIBRARY_MAX_FILE_MB' | 'LIBRARY_MAX_PAGES' | 'LIBRARY_MAX_WORKS'> &
  Partial<Pick<Config, 'LIBRARY_CONCURRENCY' | 'LIBRARY_JOB_TIMEOUT_S' | 'LIBRARY_WORKER_MEMORY_MB' | 'LIBRARY_CACHE_MB'>>;

/**
 * Heap a loaded collection takes per byte of its build and index files (its works as objects, the
 * minisearch tree, the scorer's arrays), measured by `npm run bench -- --groups` (bench/README.md);
 * plus a fixed part for the manifest, the engine and the maps of a small collection.
 */
export const HEAP_PER_FILE_BYTE = 4;
export const HEAP_PER_COLLECTION = 64 * 1024;

export interface LibraryFile {
  bytes: Uint8Array;
  /** The name it was uploaded under; used for display and format detection, never for a path. */
  name: string;
  contentType?: string;
}

/** Test seams: called at the named moments of a change; throwing aborts the change. */
export interface LibraryHooks {
  afterFilesWritten?(collection: string): void | Promise<void>;
  beforeCommit?(collection: string): void | Promise<void>;
  /** PostgreSQL only: inside the commit's transaction, after every row is written. */
  duringCommit?(collection: string): void | Promise<void>;
}

export interface LibraryOptions {
  config: LibraryConfig;
  log: Logger;
  /** The bundled corpus every collection shares, its build fingerprint, and its view. */
  base: { works: WorkBuild[]; inputs: string; view: CorpusView };
  search: SearchBackend;
  hooks?: LibraryHooks;
  /** Told when a library job ends (metrics). */
  poolEvents?: PoolEvents;
}

export interface RepairResult {
  /** Works in the rebuilt library. */
  works: number;
  /** Of those, works whose title, authors and year came back from the last build (the others from their files). */
  recovered: number;
  /** Titles (or ids) listed before whose stored file is gone or unreadable. */
  dropped: string[];
  /** Where the damaged manifest was kept, if there was one. */
  setAside?: string;
}

const FORMAT_OF_EXTENSION: Record<string, LibraryFormat> = { pdf: 'pdf', epub: 'epub', html: 'html', md: 'markdown', txt: 'text' };

export interface AddResult {
  entry: LibraryEntry;
  work: WorkBuild;
  /** Things the organiser should know (no author found, …). */
  notices: string[];
}

/** One work's index in a loaded collection, and the size of its file (for the estimate). */
interface Layer {
  index: WorkIndex;
  bytes: number;
}

const linesBytes = (lines: readonly string[] | undefined) => (lines ?? []).reduce((n, l) => n + l.length, 0);

/** Estimated heap of a loaded collection: its build and its works' indexes, by the size of their files. */
const estimate = (buildBytes: number, layers: Map<string, Layer>) => HEAP_PER_COLLECTION + HEAP_PER_FILE_BYTE * [...layers.values()].reduce((n, l) => n + l.bytes, buildBytes);

export interface State {
  /** Estimated heap of the loaded collection (the cache's budget counts it). */
  bytes: number;
  /** Each work's index, by its key (workIndexKey). */
  indexes: Map<string, Layer>;
  manifest: CollectionManifest;
  own: WorkBuild[];
  view: CorpusView;
  /** The saved build is missing or from another Lectern: the view is the bundled one until it is rebuilt. */
  stale?: boolean;
  /** The manifest cannot be read: changes are refused rather than written over it. */
  broken?: string;
  /** The stored collection's version this state was read at (PostgreSQL: another process may commit a newer one). */
  version?: number;
}

/** What `repair` rebuilds from: the stored files, and what the damaged library still tells of them. */
export interface RepairSources {
  /** The works the manifest listed, when it can still be read. */
  listed: LibraryEntry[];
  /** Where the damaged manifest was kept. */
  setAside?: string;
  /** Each stored file's work as the newest readable build has it, by the file's hash (metadata to recover). */
  known: Map<string, WorkBuild>;
  /** The stored files' names, sorted. */
  files: string[];
}

export class LibraryManager {
  readonly root: string;
  protected readonly options: LibraryOptions;
  protected readonly log: Logger;
  protected readonly states: ViewCache<State>;
  /** Collections being loaded by `open`, so two first commands load once. */
  private readonly loading = new Map<string, Promise<State>>();
  private readonly locks = new Map<string, Promise<unknown>>();
  protected readonly pool: JobPool;
  private readonly baseIds: Set<string>;

  constructor(options: LibraryOptions) {
    this.options = options;
    this.log = options.log.child({ module: 'library' });
    this.root = path.join(options.config.stateDir, 'library');
    const c = options.config;
    this.pool = new JobPool(
      this.log,
      {
        ...(c.LIBRARY_CONCURRENCY ? { concurrency: c.LIBRARY_CONCURRENCY } : {}),
        ...(c.LIBRARY_JOB_TIMEOUT_S ? { timeoutMs: c.LIBRARY_JOB_TIMEOUT_S * 1000 } : {}),
        ...(c.LIBRARY_WORKER_MEMORY_MB ? { memoryMb: c.LIBRARY_WORKER_MEMORY_MB } : {}),
      },
      options.poolEvents,
    );
    this.baseIds = new Set(options.base.works.map((w) => w.meta.id));
    this.states = new ViewCache<State>((c.LIBRARY_CACHE_MB ?? 512) * 1024 * 1024, (collection) => this.locks.has(collection));
  }

  private store(collection: string): CollectionStore {
    return new CollectionStore(this.root, collection);
  }

  /**
   * A work's index is named by what it is made from — the work as built (its file's hash and its
   * metadata) and the formats — not by the collection or the other works, so a change of one work
   * leaves the others' indexes as they are.
   */
  protected workIndexKey(work: WorkBuild): string {
    return sha256(`work-index\u0000${LIBRARY_FORMAT_VERSION}\u0000${CORPUS_FORMAT_VERSION}\u0000${work.sha256}\u0000${JSON.stringify(work.meta)}`);
  }

  /**
   * The view over `own`: each work's index taken from `previous` (unchanged works keep theirs),
   * else opened from `serializedOf`, else built here and saved (a missing, older-format or damaged
   * index file, said in the log).
   */
  private viewOf(collection: string, own: WorkBuild[], serializedOf: (key: string) => readonly string[] | undefined, previous?: Map<string, Layer>): { view: CorpusView; layers: Map<string, Layer> } {
    const layers = new Map<string, Layer>();
    if (own.length === 0) return { view: this.options.base.view, layers };
    const corpus = new Corpus({ works: own }, collection, this.options.base.view.corpus);
    for (const work of own) {
      const key = this.workIndexKey(work);
      const kept = previous?.get(key);
      if (kept) {
        layers.set(key, kept);
        continue;
      }
      const serialized = serializedOf(key);
      const { index, rebuilt } = this.options.search.openWork(corpus, work, serialized, key);
      let bytes = linesBytes(serialized);
      if (rebuilt) {
        this.log.warn({ collection, work: work.meta.id, reason: rebuilt }, 'rebuilding the search index of a work');
        const fresh = this.options.search.serialize(index, key);
        bytes = linesBytes(fresh);
        void this.store(collection).writeIndex(key, fresh).catch((err) => this.log.warn({ err, collection }, 'could not save a rebuilt work index'));
      }
      layers.set(key, { index, bytes });
    }
    return { view: { corpus, search: this.options.search.search(corpus, [...layers.values()].map((l) => l.index)) }, layers };
  }

  protected unreadable(collection: string, err: unknown): State {
    this.log.error({ err, collection }, 'the collection manifest cannot be read; serving the bundled texts only');
    return { bytes: HEAP_PER_COLLECTION, manifest: emptyManifest(collection), own: [], view: this.options.base.view, indexes: new Map(), broken: err instanceof Error ? err.message : String(err) };
  }

  /** A loaded collection from what its files hold (`own` undefined: the build is missing or stale). */
  private loaded(collection: string, manifest: CollectionManifest, own: WorkBuild[] | undefined, serializedOf: (key: string) => readonly string[] | undefined, fileBytes: number, opened?: Map<string, Layer>): State {
    if (own === undefined) return { bytes: HEAP_PER_COLLECTION, manifest, own: [], view: this.options.base.view, indexes: new Map(), stale: true };
    const { view, layers } = this.viewOf(collection, own, serializedOf, opened);
    return { bytes: estimate(fileBytes, layers), manifest, own, view, indexes: layers };
  }

  protected loadSync(collection: string): State {
    const store = this.store(collection);
    let manifest: CollectionManifest;
    try {
      manifest = store.readManifestSync();
    } catch (err) {
      return this.unreadable(collection, err);
    }
    const build = store.readBuildSync(manifest);
    return this.loaded(collection, manifest, build?.works, (key) => store.readIndexSync(key), build?.bytes ?? 0);
  }

  /** The files are read without holding the thread, and the parsing steps yield to other commands between them. */
  protected async loadAsync(collection: string): Promise<State> {
    const store = this.store(collection);
    let manifest: CollectionManifest;
    try {
      manifest = await store.readManifest();
    } catch (err) {
      return this.unreadable(collection, err);
    }
    const build = await store.readBuild(manifest);
    // Each work's index is read and opened in slices (the backend's loadWork); one it cannot open
    // is left to viewOf, which rebuilds and saves it.
    const serialized = new Map<string, string[] | undefined>();
    const opened = new Map<string, Layer>();
    for (const work of build?.works ?? []) {
      await yieldToOthers();
      const key = this.workIndexKey(work);
      const lines = await store.readIndex(key);
      const index = lines && (await this.options.search.loadWork?.(lines, key));
      if (index) opened.set(key, { index, bytes: linesBytes(lines) });
      else serialized.set(key, lines);
    }
    return this.loaded(collection, manifest, build?.works, (key) => serialized.get(key), build?.bytes ?? 0, opened);
  }

  /** Keeps a loaded state (unless a change committed a newer one meanwhile); a stale build is rebuilt in the background. */
  private remember(collection: string, state: State): State {
    const current = this.states.get(collection);
    if (current) return current;
    this.states.set(collection, state);
    if (state.stale && state.manifest.works.length) void this.locked(collection, () => this.rebuild(collection)).catch((err) => this.log.error({ err, collection }, 'rebuilding the collection failed'));
    return state;
  }

  /**
   * The corpus and search of a collection: the bundled view without one. Loaded on first use and
   * kept while the memory budget allows; synchronously here (the CLI, tests) — commands from the
   * platforms come through `open`, which does not hold the thread while it reads.
   */
  view(collection: string | undefined): CorpusView {
    if (collection === undefined) return this.options.base.view;
    return (this.states.get(collection) ?? this.remember(collection, this.loadSync(collection))).view;
  }

  /** `view`, loading the collection without holding other commands up; two first commands load it once. */
  async open(collection: string | undefined): Promise<CorpusView> {
    if (collection === undefined) return this.options.base.view;
    const hit = this.states.get(collection);
    if (hit && (await this.isCurrent(collection, hit))) return hit.view;
    // Another process changed it (PostgreSQL): read it again, unless a change here already replaced it.
    if (hit && this.states.get(collection) === hit) this.states.delete(collection);
    let loading = this.loading.get(collection);
    if (!loading) {
      loading = this.loadAsync(collection).finally(() => this.loading.delete(collection));
      this.loading.set(collection, loading);
    }
    return this.remember(collection, await loading).view;
  }

  /** Is a loaded state still the stored one? Files have one writer, this process; a database has several. */
  protected async isCurrent(_collection: string, _state: State): Promise<boolean> {
    return true;
  }

  /** `fn` as the only change of the collection; in this process `locked` already orders them. */
  protected exclusive<T>(_collection: string, fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  /** A stored file (`<sha256>.<ext>`) as it was uploaded. */
  protected readStoredFile(collection: string, file: string): Promise<Buffer> {
    return this.store(collection).readStoredFile(file);
  }

  /** The committed manifest, read again (a rebuild works from it). */
  protected storedManifest(collection: string): Promise<CollectionManifest> {
    return this.store(collection).readManifest();
  }

  /** Keeps an uploaded file for the coming commit; what to remove if the change fails. */
  protected async stageFile(collection: string, name: string, bytes: Uint8Array): Promise<string[]> {
    const store = this.store(collection);
    return (await store.writeFile(name, bytes)) ? [store.storedFile(name)] : [];
  }

  /** What the files of a collection still tell of it (repair); a damaged manifest is renamed aside. */
  protected async repairSources(collection: string): Promise<RepairSources> {
    const store = this.store(collection);
    let listed: LibraryEntry[] = [];
    let setAside: string | undefined;
    try {
      listed = (await store.readManifest()).works;
    } catch {
      setAside = `${path.join(store.dir, MANIFEST_FILE)}.damaged-${Date.now()}`;
      await rename(path.join(store.dir, MANIFEST_FILE), setAside).catch(() => (setAside = undefined));
    }
    // Metadata as the newest readable build recorded it, by the stored file's hash.
    const known = new Map<string, WorkBuild>();
    const names = await readdir(store.dir).catch(() => [] as string[]);
    const builds = await Promise.all(names.filter((n) => /^build-[0-9a-f]{64}\.json$/.test(n)).map(async (n) => ({ n, t: (await stat(path.join(store.dir, n))).mtimeMs })));
    for (const { n } of builds.sort((a, b) => b.t - a.t)) {
      try {
        const parsed = CollectionBuild.safeParse(JSON.parse(await readFile(path.join(store.dir, n), 'utf8')));
        if (parsed.success) for (const w of parsed.data.works) if (!known.has(w.sha256)) known.set(w.sha256, w);
      } catch {
        // An unreadable build only means less metadata to recover.
      }
    }
    const files = (await readdir(path.join(store.dir, 'files')).catch(() => [] as string[])).filter((f) => STORED_FILE.test(f)).sort();
    return { listed, ...(setAside ? { setAside } : {}), known, files };
  }

  /** How many collections are loaded and their estimated memory (metrics, bench). */
  cacheStats(): CacheStats {
    return this.states.stats();
  }

  /** The works a collection added, in the order they were added; a damaged library says so rather than look empty. */
  list(collection: string): LibraryEntry[] {
    this.view(collection);
    const state = this.states.get(collection);
    if (state?.broken) throw libraryErrors.damaged(state.broken);
    return [...(state?.manifest.works ?? [])];
  }

  /** Why a collection's library cannot be used, if it cannot (doctor, health). */
  damage(collection: string): string | undefined {
    this.view(collection);
    return this.states.get(collection)?.broken;
  }

  /**
   * Rebuilds a collection from the files it stored: the damaged manifest is kept aside, each stored
   * file is read again, and a work keeps the title, authors and year it had when the last build
   * still holds them. Works listed before whose file is gone are named in the result.
   */
  repair(collection: string, actor: string): Promise<RepairResult> {
    return this.locked(collection, async () => {
      const { listed, setAside, known, files } = await this.repairSources(collection);
      const byHash = new Map(listed.map((e) => [e.source.sha256, e]));
      const entries: LibraryEntry[] = [];
      const works: WorkBuild[] = [];
      const taken = new Set(this.baseIds);
      let recovered = 0;
      for (const file of files) {
        const bytes = await this.readStoredFile(collection, file).catch(() => undefined);
        if (!bytes) continue;
        const hash = sha256(bytes);
        // A file whose bytes no longer match its name is damaged too: left out (and named, if listed).
        if (`${hash}.${file.split('.')[1]}` !== file) continue;
        const listedEntry = byHash.get(hash);
        const previous = listedEntry?.meta ?? known.get(hash)?.meta;
        const format = FORMAT_OF_EXTENSION[file.split('.')[1]!]!;
        const name = listedEntry?.source.name ?? file;
        const result = await this.pool.ingest({
          bytes,
          name,
          sha256: hash,
          maxPages: Number.MAX_SAFE_INTEGER,
          ...(previous && !taken.has(previous.id) ? { meta: previous } : { draft: { overrides: {}, takenIds: [...taken], storedFile: file, actor, addedAt: new Date().toISOString() } }),
          ...(listedEntry?.source.contentType ? { contentType: listedEntry.source.contentType } : {}),
        });
        if (previous && result.work.meta.id === previous.id) recovered++;
        taken.add(result.work.meta.id);
        works.push(result.work);
        entries.push(
          listedEntry ?? {
            meta: result.work.meta,
            source: { sha256: hash, file, format, name, size: bytes.length, ...(result.pages ? { pages: result.pages } : {}) },
            addedBy: actor.slice(0, 200),
            addedAt: new Date().toISOString(),
          },
        );
      }
      const kept = new Set(entries.map((e) => e.source.sha256));
      const dropped = listed.filter((e) => !kept.has(e.source.sha256)).map((e) => `${e.meta.title} (${e.meta.id})`);
      // The view must not keep refusing while apply() commits the repaired manifest.
      const version = this.states.get(collection)?.version;
      this.states.set(collection, { bytes: HEAP_PER_COLLECTION, manifest: emptyManifest(collection), own: [], view: this.options.base.view, indexes: new Map(), ...(version !== undefined ? { version } : {}) });
      await this.apply(collection, entries.map((e) => ({ ...e, meta: works.find((w) => w.sha256 === e.source.sha256)!.meta })), works);
      this.log.warn({ collection, works: works.length, recovered, dropped, setAside, actor }, 'library repaired from its stored files');
      return { works: works.length, recovered, dropped, ...(setAside ? { setAside } : {}) };
    });
  }

  protected locked<T>(collection: string, fn: () => Promise<T>): Promise<T> {
    const before = this.locks.get(collection) ?? Promise.resolve();
    const exclusive = () => this.exclusive(collection, fn);
    const run = before.then(exclusive, exclusive);
    const tail = run.catch(() => undefined);
    this.locks.set(collection, tail);
    void tail.then(() => {
      if (this.locks.get(collection) === tail) this.locks.delete(collection);
    });
    return run;
  }

  private async current(collection: string): Promise<State> {
    await this.open(collection);
    let state = this.states.get(collection)!;
    if (state.broken) throw libraryErrors.damaged(state.broken);
    if (state.stale && state.manifest.works.length) {
      await this.rebuild(collection);
      state = this.states.get(collection)!;
    }
    if (state.broken) throw libraryErrors.damaged(state.broken);
    if (state.stale && state.manifest.works.length) throw new Error(`the library of ${collection} could not be rebuilt`);
    return state;
  }

  /**
   * Writes the build of `entries` and an index for each work that has none yet (in the worker: only
   * the works this change adds or alters are indexed), and the view over them; nothing is committed yet.
   */
  private async prepare(collection: string, entries: LibraryEntry[], works: WorkBuild[]): Promise<{ manifest: CollectionManifest; view: CorpusView; written: string[]; bytes: number; layers: Map<string, Layer> }> {
    const store = this.store(collection);
    const written: string[] = [];
    const hash = works.length ? buildInputs(entries) : null;
    const previous = this.states.get(collection)?.indexes;
    const fresh = new Map<string, string[]>();
    let buildBytes = 0;
    if (hash) {
      buildBytes = await store.writeBuild(works, hash);
      written.push(store.buildFile(hash));
      const module = this.options.search.indexModule;
      for (const work of works) {
        const key = this.workIndexKey(work);
        if (!module || previous?.has(key) || fresh.has(key)) continue;
        const serialized = await this.pool.index({ module, works: [work], inputs: key });
        await store.writeIndex(key, serialized);
        written.push(store.indexFile(key));
        fresh.set(key, serialized);
      }
    }
    const manifest: CollectionManifest = { format: 'lectern.library', version: 1, collection, build: hash, works: entries };
    const { view, layers } = this.viewOf(collection, works, (key) => fresh.get(key), previous);
    return { manifest, view, written, bytes: estimate(buildBytes, layers), layers };
  }

  /** Prepares, commits, swaps the view in, and removes what the new manifest no longer names. */
  protected async apply(collection: string, entries: LibraryEntry[], works: WorkBuild[], cleanup: string[] = []): Promise<void> {
    const store = this.store(collection);
    let written: string[] = [];
    try {
      const next = await this.prepare(collection, entries, works);
      written = next.written;
      await this.options.hooks?.beforeCommit?.(collection);
      await store.commit(next.manifest);
      this.states.set(collection, { bytes: next.bytes, manifest: next.manifest, own: works, view: next.view, indexes: next.layers });
      await store.collectGarbage(next.manifest, [...next.layers.keys()]).catch((err) => this.log.warn({ err, collection }, 'could not remove old library files'));
    } catch (err) {
      // What the committed manifest names stays, even when this attempt rewrote it.
      const committed = this.states.get(collection);
      const keep = new Set([...(committed?.manifest.build ? [store.buildFile(committed.manifest.build)] : []), ...[...(committed?.indexes.keys() ?? [])].map((k) => store.indexFile(k))]);
      for (const file of [...cleanup, ...written]) {
        if (!keep.has(file)) await rm(file, { force: true }).catch(() => undefined);
      }
      throw err;
    }
  }

  private async rebuild(collection: string): Promise<void> {
    const manifest = await this.storedManifest(collection);
    const works: WorkBuild[] = [];
    for (const entry of manifest.works) {
      const bytes = await this.readStoredFile(collection, entry.source.file).catch(() => {
        // Said once, to everyone who uses the library, until it is repaired.
        const why = `the stored file of "${entry.meta.title}" (${entry.meta.id}) is missing or unreadable`;
        const state = this.states.get(collection);
        if (state) state.broken = why;
        throw libraryErrors.damaged(why);
      });
      const result = await this.pool.ingest({ bytes, name: entry.source.name, sha256: entry.source.sha256, maxPages: Number.MAX_SAFE_INTEGER, meta: entry.meta, ...(entry.source.contentType ? { contentType: entry.source.contentType } : {}) });
      works.push(result.work);
    }
    await this.apply(collection, manifest.works, works);
    this.log.info({ collection, works: works.length }, 'collection rebuilt');
  }

  private taken(state: State): string[] {
    return [...this.baseIds, ...state.manifest.works.map((w) => w.meta.id)];
  }

  /** Adds a file to a collection; the new work is searchable when the promise resolves. */
  add(collection: string, file: LibraryFile, overrides: MetaOverrides, actor: string): Promise<AddResult> {
    const { LIBRARY_MAX_FILE_MB: maxMb, LIBRARY_MAX_WORKS: maxWorks } = this.options.config;
    if (file.bytes.length > maxMb * 1024 * 1024) return Promise.reject(libraryErrors.tooLarge(file.bytes.length, maxMb));
    if (file.bytes.length === 0) return Promise.reject(libraryErrors.empty());
    return this.locked(collection, async () => {
      const started = performance.now();
      const state = await this.current(collection);
      if (state.manifest.works.length >= maxWorks) throw libraryErrors.tooManyWorks(maxWorks);
      const hash = sha256(file.bytes);
      const same = state.manifest.works.find((w) => w.source.sha256 === hash);
      if (same) throw libraryErrors.duplicate(same.meta.id);
      const addedAt = new Date().toISOString();
      const { result, storedFile } = await this.ingest(state, file, hash, overrides, actor, addedAt);
      const cleanup = await this.stageFile(collection, storedFile, file.bytes);
      const entry: LibraryEntry = {
        meta: result.work.meta,
        source: {
          sha256: hash,
          file: storedFile,
          format: result.format,
          name: file.name.slice(0, 300),
          size: file.bytes.length,
          ...(file.contentType ? { contentType: file.contentType.slice(0, 200) } : {}),
          ...(result.pages ? { pages: result.pages } : {}),
        },
        addedBy: actor.slice(0, 200),
        addedAt,
      };
      try {
        await this.options.hooks?.afterFilesWritten?.(collection);
      } catch (err) {
        for (const f of cleanup) await rm(f, { force: true });
        throw err;
      }
      await this.apply(collection, [...state.manifest.works, entry], [...state.own, result.work], cleanup);
      const notices: string[] = [];
      if (entry.meta.authors.some((a) => a.literal === UNKNOWN_AUTHOR)) notices.push('The file names no author: edit the work in the library to set one.');
      if (!entry.meta.date) notices.push('The file gives no date: edit the work in the library to set the year.');
      this.log.info({ collection, work: entry.meta.id, format: entry.source.format, pages: entry.source.pages, ms: Math.round(performance.now() - started) }, 'work added');
      return { entry, work: result.work, notices };
    });
  }

  /** The file through the document model, off the main thread, as it would be stored. */
  private async ingest(state: State, file: LibraryFile, hash: string, overrides: MetaOverrides, actor: string, addedAt: string) {
    const format = detectFormat(file.bytes, file.name, file.contentType);
    const storedFile = `${hash}.${FORMAT_EXTENSION[format]}`;
    const result = await this.pool.ingest({
      bytes: file.bytes,
      name: file.name,
      ...(file.contentType ? { contentType: file.contentType } : {}),
      sha256: hash,
      maxPages: this.options.config.LIBRARY_MAX_PAGES,
      draft: { overrides, takenIds: this.taken(state), storedFile, actor, addedAt },
    });
    return { result, storedFile };
  }

  remove(collection: string, workId: string, actor: string): Promise<LibraryEntry> {
    return this.locked(collection, async () => {
      const id = workId.trim().toLowerCase();
      const state = await this.current(collection);
      const entry = WORK_ID.test(id) ? state.manifest.works.find((w) => w.meta.id === id) : undefined;
      if (!entry) throw this.baseIds.has(id) ? libraryErrors.bundledWork(id) : libraryErrors.unknownWork(workId);
      await this.apply(
        collection,
        state.manifest.works.filter((w) => w !== entry),
        state.own.filter((w) => w.meta.id !== id),
      );
      this.log.info({ collection, work: id, actor }, 'work removed');
      return entry;
    });
  }

  /** Corrects a work's title, authors, year or type; its id stays, so passage ids stay valid. */
  edit(collection: string, workId: string, overrides: MetaOverrides, actor: string): Promise<LibraryEntry> {
    return this.locked(collection, async () => {
      const id = workId.trim().toLowerCase();
      const state = await this.current(collection);
      const entry = WORK_ID.test(id) ? state.manifest.works.find((w) => w.meta.id === id) : undefined;
      if (!entry) throw this.baseIds.has(id) ? libraryErrors.bundledWork(id) : libraryErrors.unknownWork(workId);
      const meta = editMeta(entry.meta, overrides, actor);
      const bytes = await this.readStoredFile(collection, entry.source.file);
      const result = await this.pool.ingest({ bytes, name: entry.source.name, sha256: entry.source.sha256, maxPages: Number.MAX_SAFE_INTEGER, meta, ...(entry.source.contentType ? { contentType: entry.source.contentType } : {}) });
      const updated: LibraryEntry = { ...entry, meta: result.work.meta };
      await this.apply(
        collection,
        state.manifest.works.map((w) => (w === entry ? updated : w)),
        state.own.map((w) => (w.meta.id === id ? result.work : w)),
      );
      return updated;
    });
  }

  /** Library jobs running and waiting (metrics, health). */
  jobs(): PoolStats {
    return this.pool.stats();
  }

  /** Stops the workers first (a job in flight is abandoned uncommitted), then lets the changes settle. */
  async close(): Promise<void> {
    await this.pool.close();
    await Promise.allSettled([...this.locks.values()]);
  }
}
