/**
 * Lectern apps on a test PostgreSQL database (LECTERN_DATABASE_URL), each with a data folder of its
 * own, so nothing they remember can pass through a file: what one sees of another came through the
 * database. `closeAll()` in afterAll.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commands } from '../../commands/index.ts';
import { createApp, type App } from '../../src/app.ts';
import { parseConfig } from '../../src/config.ts';
import { createDispatch } from '../../src/dispatch/dispatch.ts';
import type { Dispatch } from '../../src/dispatch/invocation.ts';
import { silentLogger } from '../../src/logger.ts';
import { realCorpus } from './corpus.ts';

export interface DatabaseApp {
  app: App;
  dispatch: Dispatch;
  close(): Promise<void>;
}

const open = new Set<DatabaseApp>();
const dirs: string[] = [];

export async function appOnDatabase(url: string, env: Record<string, string> = {}): Promise<DatabaseApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lectern-pgstate-'));
  dirs.push(dataDir);
  const { build } = await realCorpus();
  const app = await createApp(parseConfig({ LOG_LEVEL: 'silent', LECTERN_DATA_DIR: dataDir, LECTERN_DATABASE_URL: url, ...env }), silentLogger(), { build: { ...build, inputs: 'test' } });
  const running: DatabaseApp = {
    app,
    dispatch: createDispatch(app, commands),
    async close() {
      open.delete(running);
      await app.close();
    },
  };
  open.add(running);
  return running;
}

export async function closeAll(): Promise<void> {
  for (const r of [...open]) await r.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
}
