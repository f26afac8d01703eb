/**
 * `npm start`: with chat credentials configured, Lectern joins Discord and/or Matrix and runs until
 * SIGTERM/SIGINT; without any, it opens the console on the bundled corpus. `--platform <name>`
 * runs that one door alone (`--platform lines`: the line protocol on stdin/stdout).
 */
import { parseArgs } from 'node:util';
import { commands, definitions } from '../../commands/index.ts';
import { createApp } from '../app.ts';
import { createAutocomplete } from '../dispatch/autocomplete.ts';
import { createDispatch } from '../dispatch/dispatch.ts';
import type { Platform, PlatformDeps } from '../dispatch/platform.ts';
import { UserError } from '../errors.ts';
import { FALLBACK_PLATFORM, PLATFORMS } from '../platforms/index.ts';
import { loadEnvironment } from './environment.ts';
import type { Subcommand } from './subcommands.ts';

/** Until SIGTERM or SIGINT, or until every door closed by itself (the console's input ended). */
async function runUntilStopped(running: { name: string; platform: Platform }[], log: PlatformDeps['log']): Promise<void> {
  const closing = running.map((r) => r.platform.done);
  const byThemselves = closing.every((d) => d !== undefined) ? Promise.all(closing).then(() => 'closed') : new Promise<string>(() => {});
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  const why = await Promise.race([byThemselves, signalled]);
  if (why !== 'closed') log.info({ signal: why }, 'shutting down');
  for (const r of running) {
    try {
      await r.platform.stop();
    } catch (err) {
      log.error({ err, platform: r.name }, 'error while stopping');
    }
  }
}

export const startCommand: Subcommand = {
  name: 'start',
  usage: 'start [--platform discord|matrix|lines|console]',
  summary: 'run Lectern: Discord/Matrix when configured, otherwise the console',
  run: async (argv, io) => {
    const { values } = parseArgs({ args: argv, options: { platform: { type: 'string' } } });
    const chosen = values.platform;
    if (chosen !== undefined && !PLATFORMS.some((p) => p.name === chosen)) {
      throw new UserError('start.unknown-platform', `There is no platform "${chosen}". Platforms: ${PLATFORMS.map((p) => p.name).join(', ')}.`);
    }
    const { config, log } = loadEnvironment();
    const app = await createApp(config, log);
    // Collections on disk are loaded (and rebuilt if stale) in the background.
    void app.library.warm().catch((err) => log.error({ err }, 'loading the group libraries failed'));
    const entries = chosen ? PLATFORMS.filter((p) => p.name === chosen) : PLATFORMS.filter((p) => p.configured(config));
    const selected = entries.length ? entries : PLATFORMS.filter((p) => p.name === FALLBACK_PLATFORM);
    const works = app.base.corpus.works.length;
    const deps: PlatformDeps = {
      config,
      log,
      dispatch: createDispatch(app, commands),
      autocomplete: createAutocomplete(app),
      commands: definitions(),
      settings: app.settings,
      io: { input: io.stdin, output: process.stdout, interactive: io.isTTY },
      ...(io.isTTY ? { banner: `Lectern — ${works} works loaded. Type /help for the commands, /quote peppery dishes to try one; Ctrl-D quits.` } : {}),
    };
    const running: { name: string; platform: Platform }[] = [];
    for (const entry of selected) {
      const platform = await entry.create(config);
      await platform.start(deps);
      running.push({ name: entry.name, platform });
    }
    if (running.some((r) => r.platform.done === undefined)) log.info({ platforms: running.map((r) => r.name) }, 'Lectern is running');
    await runUntilStopped(running, log);
    await app.close();
    return 0;
  },
};
