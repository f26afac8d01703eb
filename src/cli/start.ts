/**
 * `npm start`: with chat credentials configured, Lectern joins Discord and/or Matrix and runs until
 * SIGTERM/SIGINT; without any, it opens the console on the bundled corpus.
 */
import { parseArgs } from 'node:util';
import { commands, definitions } from '../../commands/index.ts';
import { createApp } from '../app.ts';
import { createDispatch } from '../dispatch/dispatch.ts';
import { discordGatewayEnabled, discordHttpEnabled, matrixEnabled } from '../config.ts';
import { runConsole } from '../platforms/console/repl.ts';
import { loadEnvironment } from './environment.ts';
import type { Subcommand } from './subcommands.ts';

export const startCommand: Subcommand = {
  name: 'start',
  usage: 'start',
  summary: 'run Lectern: Discord/Matrix when configured, otherwise the console',
  run: async (argv, io) => {
    parseArgs({ args: argv, options: {} });
    const { config, log } = loadEnvironment();
    const app = await createApp(config, log);
    // Collections on disk are loaded (and rebuilt if stale) in the background.
    void app.library.warm().catch((err) => log.error({ err }, 'loading the group libraries failed'));
    const dispatch = createDispatch(app, commands);
    const defaults = { style: config.LECTERN_DEFAULT_STYLE, layout: config.LECTERN_DEFAULT_LAYOUT, visibility: 'public' as const };
    const platforms: { name: string; stop: () => Promise<void> }[] = [];

    if (discordGatewayEnabled(config) || discordHttpEnabled(config)) {
      const { startDiscord } = await import('../platforms/discord/index.ts');
      const { createAutocomplete } = await import('../dispatch/autocomplete.ts');
      const running = await startDiscord({ config, log: log.child({ platform: 'discord' }), dispatch, autocomplete: createAutocomplete(app), commands: definitions(), stateDir: config.stateDir, settings: app.settings });
      platforms.push({ name: 'discord', stop: running.stop });
    }
    if (matrixEnabled(config)) {
      const { startMatrixBot } = await import('../platforms/matrix/index.ts');
      const running = await startMatrixBot({ config, log: log.child({ platform: 'matrix' }), dispatch, commands: definitions(), stateDir: config.stateDir, settings: app.settings });
      platforms.push({ name: 'matrix', stop: running.stop });
    }

    if (platforms.length === 0) {
      const works = app.base.corpus.works.length;
      await runConsole({
        dispatch,
        definitions: definitions(),
        defaults,
        input: io.stdin,
        output: process.stdout,
        interactive: io.isTTY,
        log,
        banner: io.isTTY
          ? `Lectern — ${works} works loaded. Type /help for the commands, /quote peppery dishes to try one; Ctrl-D quits.`
          : undefined,
      });
      await app.close();
      return 0;
    }

    log.info({ platforms: platforms.map((p) => p.name) }, 'Lectern is running');
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log.info({ signal }, 'shutting down');
        resolve();
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    for (const p of platforms) {
      try {
        await p.stop();
      } catch (err) {
        log.error({ err, platform: p.name }, 'error while stopping');
      }
    }
    await app.close();
    return 0;
  },
};
