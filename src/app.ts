/**
 * The composition root: the one place that picks implementations — the corpus (loaded, or rebuilt
 * when stale), the search (the in-memory index as candidate source under the engine's ranking),
 * the group libraries' search backend, the citation formatter and the settings store. Every entry
 * point (the CLI, every platform, the tests, eval) calls this once and passes the result down.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { PoolEvents } from './library/pool.ts';
import type { Config } from './config.ts';
import type { CorpusView, LecternContext } from './services.ts';
import { loadOrBuildCorpus } from './corpus/build.ts';
import { Corpus } from './corpus/corpus.ts';
import type { CorpusBuild } from './corpus/work.ts';
import { createCiter } from './cite/citer.ts';
import { fileRenderStore, RENDER_STORE_FILE } from './cite/render-store.ts';
import { loadSearchIndex } from './search/saved-index.ts';
import { SearchEngine } from './search/engine.ts';
import { savedLexicons } from './search/saved-lexicon.ts';
import { MemoryCandidateSource } from './search/memory-source.ts';
import { createLibrary, type LibraryManager } from './library/index.ts';
import type { LibraryHooks } from './library/manager.ts';
import { memorySearchBackend } from './library/search-backend.ts';
import type { SettingsStore } from './settings/group-settings.ts';
import type { ConversationStore } from './conversation/store.ts';
import { fileStateBackend, type StateBackend } from './state-backend.ts';
import type { Database } from './db/database.ts';

export interface App extends LecternContext {
  /** The bundled corpus and its index, shared by every collection. */
  base: CorpusView;
  library: LibraryManager;
  settings: SettingsStore;
  conversations: ConversationStore;
  /** Where settings, threads and the doors' own state are kept (files, or the shared database). */
  state: StateBackend;
  /** The shared database, when LECTERN_DATABASE_URL is set. */
  db?: Database;
  close(): Promise<void>;
}

export interface AppOptions {
  /** A corpus build given in memory (tests): neither the build nor its index is read or saved. */
  build?: Pick<CorpusBuild, 'works' | 'inputs'>;
  /** Fault injection for the library's commit steps (tests). */
  libraryHooks?: LibraryHooks;
  /** Told when a library job ends (metrics). */
  poolEvents?: PoolEvents;
}

export async function createApp(config: Config, log: Logger, options: AppOptions = {}): Promise<App> {
  // With LECTERN_DATABASE_URL what several processes share lives in PostgreSQL (state, and the group
  // libraries with their search); the database module (and pg) is loaded only then, and first: an
  // unreachable database is said at once, before the corpus is loaded.
  const db = config.LECTERN_DATABASE_URL ? await (await import('./db/database.ts')).openDatabase(config.LECTERN_DATABASE_URL, log.child({ module: 'db' })) : undefined;
  const build = options.build ?? (await loadOrBuildCorpus(config.corpusDir, config.buildDir, log)).build;
  const corpus = new Corpus(build);
  const persist = { inputs: build.inputs ?? 'memory', persist: options.build === undefined };
  const { index, positions, relations, facts } = await loadSearchIndex(corpus, config.buildDir, log, persist);
  const engine = new SearchEngine(corpus, new MemoryCandidateSource(index), { lexicons: savedLexicons(corpus, config.buildDir, log, persist), ...(positions ? { positions } : {}), ...(relations ? { relations } : {}), ...(facts ? { facts } : {}) });
  const base: CorpusView = { corpus, search: engine };
  const cite = createCiter({ store: fileRenderStore(path.join(config.buildDir, RENDER_STORE_FILE)) });
  const library = await createLibrary({
    config,
    log: log.child({ module: 'library' }),
    base,
    // The bundled index is held once: each group's search asks it beside the group's own index.
    search: memorySearchBackend(engine),
    ...(options.libraryHooks ? { hooks: options.libraryHooks } : {}),
    ...(options.poolEvents ? { poolEvents: options.poolEvents } : {}),
    ...(db ? { database: new (await import('./library/pg-store.ts')).PgLibraryStore(db.pool) } : {}),
  });
  const dbState = db ? (await import('./db/state-backend.ts')).databaseStateBackend(db, log.child({ module: 'state' })) : undefined;
  const state: StateBackend = dbState ?? fileStateBackend(config.stateDir);
  let settings: SettingsStore;
  let conversations: ConversationStore;
  try {
    settings = await state.settings(log);
    conversations = await state.conversations(log, { retentionDays: config.NOTES_RETENTION_DAYS });
  } catch (err) {
    await dbState?.close();
    await db?.close();
    await library.close();
    throw err;
  }
  return {
    config,
    log,
    cite,
    base,
    library,
    settings,
    conversations,
    state,
    ...(db ? { db } : {}),
    // Each collection sees the bundled corpus plus its own texts; without a collection, the bundled corpus.
    view: (scope) => (scope.collection ? library.view(scope.collection) : base),
    close: async () => {
      await conversations.save();
      await library.close();
      await dbState?.close();
      await db?.close();
    },
    open: async (scope) => (scope.collection ? await library.open(scope.collection) : base),
  };
}
