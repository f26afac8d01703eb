/**
 * The real application on the real corpus, in memory: the registry's commands, the dispatcher and
 * autocomplete every platform uses. Built once per test file.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commands, definitions } from '../../commands/index.ts';
import { createApp, type App } from '../../src/app.ts';
import { createAutocomplete } from '../../src/dispatch/autocomplete.ts';
import { createDispatch } from '../../src/dispatch/dispatch.ts';
import type { Autocomplete, Dispatch } from '../../src/dispatch/invocation.ts';
import type { CommandDefinition, Scope } from '../../src/dispatch/types.ts';
import { parseConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { consoleProfile } from '../../src/platforms/console/profile.ts';
import { realCorpus } from './corpus.ts';

export interface RealDispatch {
  app: App;
  dispatch: Dispatch;
  autocomplete: Autocomplete;
  commands: CommandDefinition[];
}

let cached: Promise<RealDispatch> | undefined;

export function createRealDispatch(): Promise<RealDispatch> {
  cached ??= (async () => {
    const { build } = await realCorpus();
    // State (group libraries, settings) goes to a temporary folder, never into the project's data/.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lectern-app-'));
    const app = await createApp(parseConfig({ LOG_LEVEL: 'silent', LECTERN_DATA_DIR: dataDir }), silentLogger(), { build: { ...build, inputs: 'test' } });
    return { app, dispatch: createDispatch(app, commands), autocomplete: createAutocomplete(app), commands: definitions() };
  })();
  return cached;
}

export const testScope = (over: Partial<Scope> = {}): Scope => ({
  platform: consoleProfile(),
  userId: 'tester',
  defaults: { style: 'chicago', layout: 'stacked', visibility: 'public' },
  ...over,
});
