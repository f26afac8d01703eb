/**
 * The application on the real bundled corpus with its state (group libraries, settings) in a
 * temporary directory, built by the same composition root as `npm start` (`createApp`).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import type { LibraryHooks } from '../../src/library/manager.ts';
import { silentLogger } from '../../src/logger.ts';
import { realCorpus } from './corpus.ts';

export interface LibraryApp extends App {
  dir: string;
}

export async function libraryApp(options: { hooks?: LibraryHooks; env?: Record<string, string> } = {}): Promise<LibraryApp> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-library-'));
  const config = parseConfig({ LECTERN_DATA_DIR: dir, LOG_LEVEL: 'silent', LIBRARY_MAX_FILE_MB: '2', LIBRARY_MAX_PAGES: '50', LIBRARY_MAX_WORKS: '6', ...options.env });
  const { build } = await realCorpus();
  const app = await createApp(config, silentLogger(), { build: { ...build, inputs: 'bundled-for-tests' }, ...(options.hooks ? { libraryHooks: options.hooks } : {}) });
  return Object.assign(app, { dir });
}
