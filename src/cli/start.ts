/**
 * `npm start`: with chat credentials configured, Lectern joins Discord and/or Matrix and runs until
 * SIGTERM/SIGINT; without any, it opens the console on the bundled corpus. `--platform <name>`
 * runs that one door alone (`--platform lines`: the line protocol on stdin/stdout).
 */
import { fstatSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { commands, definitions } from '../../commands/index.ts';
import type { Logger } from 'pino';
import { createApp, type App } from '../app.ts';
import { createAutocomplete } from '../dispatch/autocomplete.ts';
import { createDispatch } from '../dispatch/dispatch.ts';
import type { PlatformDeps } from '../dispatch/platform.ts';
import { UserError } from '../errors.ts';
import type { OpsServer } from '../ops/server.ts';
import { wordnetUnavailable } from '../search/expand/wordnet.ts';
import { glossaryUnavailable } from '../search/expand/glossary.ts';
import { frenchGlossaryUnavailable } from '../search/expand/glossary-fr.ts';
import { discordHttpWorkersEnabled, discordShardsEnabled, PROJECT_ROOT, withRole, type Config, type ProcessRole } from '../config.ts';
import { serveMetricsToParent } from '../ops/child-metrics.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { PlatformEntry } from '../platforms/index.ts';
import { loadEnvironment } from './environment.ts';
import type { CliIo } from './io.ts';
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

export const SEVERAL_PROCESSES_ON_FILES =
  'DISCORD_SHARDS / DISCORD_HTTP_WORKERS without LECTERN_DATABASE_URL: every process keeps its own copy of the settings, threads and libraries in data/state, and the last one to write a file wins over the others; set LECTERN_DATABASE_URL so that they share one PostgreSQL database (README: Deployment shapes).';

/** The entry point the shard and HTTP worker processes run. */
const MAIN = path.join(PROJECT_ROOT, 'src', 'main.ts');

/** Platforms stop side by side within this; the library's workers are then terminated (SIGTERM to exit ≤ 5 s). */
export const STOP_DEADLINE_MS = 3_500;

/** What runs until Lectern stops: a platform, or the supervisor of Discord's shard or HTTP worker processes. */
interface Running {
  name: string;
  stop(): Promise<void>;
  /** Resolves when it closes by itself (the console's input ended). */
  done?: Promise<void>;
  connected?(): boolean;
}

/**
 * Until SIGTERM or SIGINT, or until every door closed by itself (the console's input ended), or,
 * in a process Lectern started for one Discord job, until its parent is gone (no orphans).
 */
async function runUntilStopped(running: Running[], log: PlatformDeps['log'], child: boolean): Promise<void> {
  const closing = running.map((r) => r.done);
  const byThemselves = closing.every((d) => d !== undefined) ? Promise.all(closing).then(() => 'closed') : new Promise<string>(() => {});
  const signalled = new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
    if (child && process.connected) process.once('disconnect', () => resolve('parent gone'));
  });
  const why = await Promise.race([byThemselves, signalled]);
  if (why !== 'closed') log.info({ signal: why }, 'shutting down');
  const stopped = Promise.all(
    running.map((r) =>
      r.stop().catch((err: unknown) => {
        log.error({ err, platform: r.name }, 'error while stopping');
      }),
    ),
  );
  const deadline = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), STOP_DEADLINE_MS).unref());
  if ((await Promise.race([stopped, deadline])) === 'late') log.warn({ ms: STOP_DEADLINE_MS }, 'platforms did not stop in time; exiting anyway');
}

/** `--discord-shard <id>` / `--discord-http-worker <n>`: the one Discord job a child process was started for. */
function roleOf(values: { 'discord-shard'?: string | undefined; 'discord-http-worker'?: string | undefined }): ProcessRole {
  const number = (flag: string, v: string) => {
    if (!/^\d{1,4}$/.test(v)) throw new UserError('start.bad-role', `--${flag} takes a number (Lectern passes it to the processes it starts itself).`);
    return Number(v);
  };
  if (values['discord-shard'] !== undefined) return { kind: 'discord-shard', shard: number('discord-shard', values['discord-shard']) };
  if (values['discord-http-worker'] !== undefined) return { kind: 'discord-http-worker', worker: number('discord-http-worker', values['discord-http-worker']) };
  return { kind: 'main' };
}

/** Loads the corpus, the index and the state, and starts the platforms this process serves itself. */
async function startInProcess(selected: PlatformEntry[], config: Config, log: Logger, metrics: Metrics, io: CliIo): Promise<{ app: App; running: Running[] }> {
  const synonyms = wordnetUnavailable({ read: false });
  if (synonyms) log.warn({ reason: synonyms }, 'search: WordNet table unavailable');
  const glossaryProblem = glossaryUnavailable({ read: false });
  if (glossaryProblem) log.warn({ reason: glossaryProblem }, 'search: Russian–English glossary unavailable');
  const frenchProblem = frenchGlossaryUnavailable({ read: false });
  if (frenchProblem) log.warn({ reason: frenchProblem }, 'search: French–English glossary unavailable');
  const app = await createApp(config, log, { poolEvents: metrics.libraryJobs });
  metrics.addQueues(() => {
    const jobs = app.library.jobs();
    return { 'library-running': jobs.running, 'library-queued': jobs.queued };
  });
  const works = app.base.corpus.works.length;
  const deps: PlatformDeps = {
    config,
    log,
    dispatch: metrics.instrument(createDispatch(app, commands)),
    autocomplete: createAutocomplete(app),
    commands: definitions(),
    settings: app.settings,
    conversations: app.conversations,
    state: app.state,
    io: { input: io.stdin, output: process.stdout, interactive: io.isTTY },
    ...(io.isTTY ? { banner: `Lectern — ${works} works loaded. Type /help for the commands, /quote peppery dishes to try one; Ctrl-D quits.` } : {}),
  };
  const running: Running[] = [];
  try {
    for (const entry of selected) {
      const platform = await entry.create(config);
      await platform.start(deps);
      running.push({ name: entry.name, stop: () => platform.stop(), ...(platform.done ? { done: platform.done } : {}), connected: () => platform.connected?.() ?? true });
      if (platform.queues) metrics.addQueues(platform.queues);
    }
  } catch (err) {
    await Promise.all(running.map((r) => r.stop().catch(() => undefined)));
    await app.close();
    throw err;
  }
  return { app, running };
}

export const startCommand: Subcommand = {
  name: 'start',
  usage: 'start [--platform discord|matrix|lines|console]',
  summary: 'run Lectern: Discord/Matrix when configured, otherwise the console',
  run: async (argv, io) => {
    // Imported here, not at the top: every other CLI command would pay for the platforms' SDKs and
    // prom-client (a quarter of a second) without using them.
    const [{ FALLBACK_PLATFORM, PLATFORMS }, { createMetrics }] = await Promise.all([import('../platforms/index.ts'), import('../ops/metrics.ts')]);
    const { values } = parseArgs({ args: argv, options: { platform: { type: 'string' }, 'discord-shard': { type: 'string' }, 'discord-http-worker': { type: 'string' } } });
    const role = roleOf(values);
    const chosen = role.kind === 'main' ? values.platform : 'discord';
    if (chosen !== undefined && !PLATFORMS.some((p) => p.name === chosen)) {
      throw new UserError('start.unknown-platform', `There is no platform "${chosen}". Platforms: ${PLATFORMS.map((p) => p.name).join(', ')}.`);
    }
    const environment = loadEnvironment();
    const config = withRole(environment.config, role);
    const log = role.kind === 'discord-shard' ? environment.log.child({ shard: role.shard }) : role.kind === 'discord-http-worker' ? environment.log.child({ worker: role.worker }) : environment.log;
    // The shard and HTTP worker processes, each Lectern again with one Discord job (src/main.ts start --discord-…).
    const supervised = chosen === undefined || chosen === 'discord' ? { shards: discordShardsEnabled(config), httpWorkers: discordHttpWorkersEnabled(config) } : { shards: false, httpWorkers: false };
    const configured = chosen !== undefined || supervised.shards || supervised.httpWorkers || PLATFORMS.some((p) => p.configured(config));
    if (!configured && !stdinHasCommands(io.isTTY)) {
      io.err(NO_PLATFORM_MESSAGE);
      return 2;
    }
    // Group libraries are not loaded here: each on its first command (LIBRARY_CACHE_MB), so start-up
    // does not grow with the number of groups.
    const entries = (chosen ? PLATFORMS.filter((p) => p.name === chosen) : PLATFORMS).filter((p) => chosen === p.name || p.configured(config));
    // With only shards or HTTP workers to run for Discord, this process supervises them and serves no Discord itself.
    const supervising = supervised.shards || supervised.httpWorkers;
    const inProcess = entries.filter((p) => p.name !== 'discord' || p.configured(config) || !supervising);
    const selected = inProcess.length || supervising ? inProcess : PLATFORMS.filter((p) => p.name === FALLBACK_PLATFORM);
    if (supervising && config.LECTERN_DATABASE_URL === undefined) log.warn(SEVERAL_PROCESSES_ON_FILES);
    const metrics = createMetrics();
    // A shard or worker has no ops port: its parent's /metrics shows its metrics, labelled with its role.
    if (role.kind === 'discord-shard') serveMetricsToParent(metrics.registry, { shard: String(role.shard) });
    if (role.kind === 'discord-http-worker') serveMetricsToParent(metrics.registry, { worker: String(role.worker) });
    // A process that only supervises holds no index and no state: what it kept in memory would be
    // stale beside its children's, and writing it back at exit would undo theirs.
    const local = selected.length ? await startInProcess(selected, config, log, metrics, io) : undefined;
    const running: Running[] = local ? [...local.running] : [];
    try {
      if (supervised.shards) {
        const { startShards } = await import('../platforms/discord/shards.ts');
        const shards = await startShards({ config, log, main: MAIN });
        running.push({ name: 'discord-shards', stop: shards.stop, connected: shards.connected });
        metrics.addChildren(shards.children);
      }
      if (supervised.httpWorkers) {
        const { startHttpWorkers } = await import('../platforms/discord/http-workers.ts');
        const workers = await startHttpWorkers({ config, log, main: MAIN, env: process.env });
        running.push({ name: 'discord-http-workers', stop: workers.stop, connected: workers.connected });
        metrics.addChildren(workers.children);
      }
    } catch (err) {
      await Promise.all(running.map((r) => r.stop().catch(() => undefined)));
      await local?.app.close();
      throw err;
    }
    // The supervisor waits for this before it counts the worker as serving.
    if (role.kind === 'discord-http-worker') process.send?.({ lectern: 'listening', port: config.DISCORD_HTTP_PORT });
    let ops: OpsServer | undefined;
    if (config.LECTERN_OPS_PORT !== undefined) {
      const app = local?.app;
      // Imported here: loading node:http costs every other subcommand (a one-shot answer) ~30 ms.
      const { startOpsServer } = await import('../ops/server.ts');
      ops = await startOpsServer({
        host: config.LECTERN_OPS_HOST,
        port: config.LECTERN_OPS_PORT,
        metrics,
        log,
        sources: { ...(app ? { indexWorks: () => app.base.corpus.works.length } : {}), platforms: () => running.map((r) => ({ name: r.name, connected: () => r.connected?.() ?? true })) },
      });
    }
    if (running.some((r) => r.done === undefined)) log.info({ platforms: running.map((r) => r.name) }, 'Lectern is running');
    await runUntilStopped(running, log, role.kind !== 'main');
    await ops?.close();
    await local?.app.close();
    // Whatever a library still holds open (a socket, a timer) must not keep the process past SIGTERM's budget.
    setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
    return 0;
  },
};
