/**
 * Group libraries: what createApp and the CLI need. `createLibrary` builds the manager on the
 * bundled view with the search backend createApp picked.
 */
import type { Logger } from 'pino';
import type { CorpusView } from '../services.ts';
import { sha256 } from './keys.ts';
import { LibraryManager, type LibraryConfig, type LibraryHooks } from './manager.ts';
import type { PoolEvents } from './pool.ts';
import type { SearchBackend } from './search-backend.ts';
import type { PgLibraryStore } from './pg-store.ts';

export { LibraryManager, type AddResult, type LibraryFile, type RepairResult } from './manager.ts';
export type { LibraryEntry } from './collection-files.ts';
export type { MetaOverrides } from './meta.ts';

/** What commands use: the manager's public operations. */
export type LibraryService = Pick<LibraryManager, 'add' | 'remove' | 'edit' | 'list' | 'view' | 'open' | 'repair'>;

/** A fingerprint of the bundled works (the collections' view is built over them). */
export function bundledInputs(view: CorpusView): string {
  return sha256(view.corpus.works.map((w) => `${w.meta.id}\u0000${w.sha256}\u0000${JSON.stringify(w.meta)}`).join('\n'));
}

/** `database`: the libraries live there (LECTERN_DATABASE_URL) rather than in the state directory. */
export async function createLibrary(options: { config: LibraryConfig; log: Logger; base: CorpusView; search: SearchBackend; hooks?: LibraryHooks; poolEvents?: PoolEvents; database?: PgLibraryStore }): Promise<LibraryManager> {
  const settings = {
    config: options.config,
    log: options.log,
    base: { works: options.base.corpus.works, inputs: bundledInputs(options.base), view: options.base },
    search: options.search,
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.poolEvents ? { poolEvents: options.poolEvents } : {}),
  };
  if (!options.database) return new LibraryManager(settings);
  // The PostgreSQL manager (and its search) only with a database: a deployment on files never loads it.
  const { PgLibraryManager } = await import('./pg-manager.ts');
  return new PgLibraryManager({ ...settings, store: options.database });
}
