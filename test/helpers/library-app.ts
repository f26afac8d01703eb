/**
 * A LibraryManager on the real bundled corpus in a temporary state directory, and the application
 * context the dispatchers use, with `view` going through the manager as createApp will.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Citer, LecternContext } from '../../src/context.ts';
import { parseConfig, type Config } from '../../src/config.ts';
import { authorLine, Corpus } from '../../src/corpus/corpus.ts';
import { LibraryManager, type LibraryHooks } from '../../src/library/manager.ts';
import { realCorpus } from './corpus.ts';
import { testSearchBackend } from './library-search.ts';

/** The real citer when src/cite has one, else a plain "Author, Title, p. N" stand-in. */
async function citer(): Promise<Citer> {
  try {
    const mod = (await import('../../src/cite/citer.ts' as string)) as { createCiter(): Citer };
    return mod.createCiter();
  } catch {
    const plain = (w: { meta: Parameters<typeof authorLine>[0] }) => `${authorLine(w.meta)}, ${w.meta.title}`;
    return {
      passage: (block, work) => `${plain(work)}${block.locator.page !== undefined && block.locator.pageBasis !== 'estimated' ? `, p. ${block.locator.page}` : ''}.`,
      work: (work) => `${plain(work)}.`,
      entry: (entry) => entry.text,
      export: (items) => items.map((i) => `@book{${i.work.meta.id}, title={${i.work.meta.title}}}`).join('\n'),
      csl: (item) => ({ id: item.work.meta.id, title: item.work.meta.title }),
    };
  }
}

export interface LibraryApp extends LecternContext {
  library: LibraryManager;
  dir: string;
  realSearch: boolean;
}

export async function libraryApp(options: { hooks?: LibraryHooks; env?: Record<string, string> } = {}): Promise<LibraryApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-library-'));
  const config: Config = parseConfig({ LECTERN_DATA_DIR: dir, LOG_LEVEL: 'silent', LIBRARY_MAX_FILE_MB: '2', LIBRARY_MAX_PAGES: '50', LIBRARY_MAX_WORKS: '6', ...options.env });
  const log = pino({ level: 'silent' });
  const { build } = await realCorpus();
  const { backend, real } = await testSearchBackend();
  const corpus = new Corpus(build);
  const base = { works: build.works, inputs: 'bundled-for-tests', view: { corpus, search: backend.open(corpus, undefined, 'bundled') } };
  const library = new LibraryManager({ config, log, base, search: backend, ...(options.hooks ? { hooks: options.hooks } : {}) });
  return { config, log, cite: await citer(), view: (scope) => library.view(scope.collection), library, dir, realSearch: real };
}
