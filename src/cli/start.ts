/**
 * `npm start`: with chat credentials configured, Lectern joins Discord and/or Matrix and runs until
 * SIGTERM/SIGINT; without any, it opens the console on the bundled corpus. `--platform <name>`
 * runs that one door alone (`--platform lines`: the line protocol on stdin/stdout).
 */
import { fstatSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { commands, definitions } from '../../commands/index.ts';
import { createApp } from '../app.ts';
import { createAutocomplete } from '../dispatch/autocomplete.ts';
import { createDispatch } from '../dispatch/dispatch.ts';
import type { Platform, PlatformDeps } from '../dispatch/platform.ts';
import { UserError } from '../errors.ts';
import { startOpsServer, type OpsServer } from '../ops/server.ts';
import { wordnetUnavailable } from '../search/expand/wordnet.ts';
import { loadEnvironment } from './environment.ts';
import type { Subcommand } from './subcommands.ts';

/** The console reads commands from stdin: a terminal, a pipe or a file; /dev/null (a container run without -i) gives it none. */
function stdinHasCommands(isTTY: boolean): boolean {
  if (isTTY) return true;
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isFile() || st.isSocket();
  } catch {
    return false;
  }
}

export const NO_PLATFORM_MESSAGE =
  'Lectern has no chat platform configured and no console to talk to (stdin is not a terminal or a pipe). Set DISCORD_TOKEN (gateway) or DISCORD_PUBLIC_KEY with DISCORD_HTTP_PORT (HTTP interactions) for Discord, and/or MATRIX_HOMESERVER_URL with MATRIX_ACCESS_TOKEN (or MATRIX_USER_ID and MATRIX_PASSWORD) for Matrix; see .env.example. For the console, run it in a terminal (docker run -it) or pipe commands in.';

/** Platforms stop side by side within this; the library's workers are then terminated (SIGTERM to exit ≤ 5 s). */
export const STOP_DEADLINE_MS = 3_500;

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
  const stopped = Promise.all(
    running.map((r) =>
      r.platform.stop().catch((err: unknown) => {
        log.error({ err, platform: r.name }, 'error while stopping');
      }),
    ),
  );
  const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), STOP_DEADLINE_MS).unref());
  if ((await Promise.race([stopped, deadline])) === 'late') log.warn({ ms: STOP_DEADLINE_MS }, 'platforms did not stop in time; exiting anyway');
}

export const startCommand: Subcommand = {
  name: 'start',
  usage: 'start [--platform discord|matrix|lines|console]',
  summary: 'run Lectern: Discord/Matrix when configured, otherwise the console',
  run: async (argv, io) => {
    // Imported here, not at the top: every other CLI command would pay for the platforms' SDKs and
    // prom-client (a quarter of a second) without using them.
    const [{ FALLBACK_PLATFORM, PLATFORMS }, { createMetrics }] = await Promise.all([import('../platforms/index.ts'), import('../ops/metrics.ts')]);
    const { values } = parseArgs({ args: argv, options: { platform: { type: 'string' } } });
    const chosen = values.platform;
    if (chosen !== undefined && !PLATFORMS.some((p) => p.name === chosen)) {
      throw new UserError('start.unknown-platform', `There is no platform "${chosen}". Platforms: ${PLATFORMS.map((p) => p.name).join(', ')}.`);
    }
    const { config, log } = loadEnvironment();
    const configured = chosen !== undefined || PLATFORMS.some((p) => p.configured(config));
    if (!configured && !stdinHasCommands(io.isTTY)) {
      io.err(NO_PLATFORM_MESSAGE);
      return 2;
    }
    const synonyms = wordnetUnavailable({ read: false });
    if (synonyms) log.warn({ reason: synonyms }, 'search: WordNet table unavailable');
    const metrics = createMetrics();
    const app = await createApp(config, log, { poolEvents: metrics.libraryJobs });
    metrics.addQueues(() => {
      const jobs = app.library.jobs();
      return { 'library-running': jobs.running, 'library-queued': jobs.queued };
    });
    // Group libraries are not loaded here: each on its first command (LIBRARY_CACHE_MB), so start-up
    // does not grow with the number of groups.
    const entries = chosen ? PLATFORMS.filter((p) => p.name === chosen) : PLATFORMS.filter((p) => p.configured(config));
    const selected = entries.length ? entries : PLATFORMS.filter((p) => p.name === FALLBACK_PLATFORM);
    const works = app.base.corpus.works.length;
    const deps: PlatformDeps = {
      config,
      log,
      dispatch: metrics.instrument(createDispatch(app, commands)),
      autocomplete: createAutocomplete(app),
      commands: definitions(),
      settings: app.settings,
      conversations: app.conversations,
      io: { input: io.stdin, output: process.stdout, interactive: io.isTTY },
      ...(io.isTTY ? { banner: `Lectern — ${works} works loaded. Type /help for the commands, /quote peppery dishes to try one; Ctrl-D quits.` } : {}),
    };
    const running: { name: string; platform: Platform }[] = [];
    for (const entry of selected) {
      const platform = await entry.create(config);
      await platform.start(deps);
      running.push({ name: entry.name, platform });
    }
    for (const r of running) if (r.platform.queues) metrics.addQueues(r.platform.queues);
    let ops: OpsServer | undefined;
    if (config.LECTERN_OPS_PORT !== undefined) {
      ops = await startOpsServer({
        host: config.LECTERN_OPS_HOST,
        port: config.LECTERN_OPS_PORT,
        metrics,
        log,
        sources: { indexWorks: () => app.base.corpus.works.length, platforms: () => running.map((r) => ({ name: r.name, connected: () => r.platform.connected?.() ?? true })) },
      });
    }
    if (running.some((r) => r.platform.done === undefined)) log.info({ platforms: running.map((r) => r.name) }, 'Lectern is running');
    await runUntilStopped(running, log);
    await ops?.close();
    await app.close();
    // Whatever a library still holds open (a socket, a timer) must not keep the process past SIGTERM's budget.
    setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
    return 0;
  },
};
