/**
 * DISCORD_HTTP_WORKERS: the HTTP interactions endpoint served by several Lectern processes on one
 * port. Each worker is Lectern again (`src/main.ts start --discord-http-worker <n>`) listening with
 * SO_REUSEPORT, so the kernel spreads new connections over them and no process sits in front.
 * Every worker checks signatures and answers on its own; what one needs of another's work
 * (settings, threads, pending pages, the answers buttons act on) is in the shared storage, never
 * only in one worker's memory. A worker that dies is started again (respawn-pause.ts).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { keptButtonKey } from './button-key.ts';
import { createServer } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { nextRespawnPause } from './respawn-pause.ts';

/** A worker must listen within this. */
export const WORKER_READY_TIMEOUT_MS = 120_000;
export const WORKER_STOP_MS = 3_000;

/** The message a worker sends its parent once it listens. */
export interface WorkerReady {
  lectern: 'listening';
  port: number;
}

export const isWorkerReady = (m: unknown): m is WorkerReady => typeof m === 'object' && m !== null && (m as WorkerReady).lectern === 'listening';

export interface HttpWorkers {
  port: number;
  /** Worker processes listening now. */
  listening(): number;
  connected(): boolean;
  /** The worker processes running now (for /metrics). */
  children(): ChildProcess[];
  stop(): Promise<void>;
}

/** DISCORD_HTTP_PORT=0: one free port, the same for every worker. */
async function freePort(host: string): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, host, resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startHttpWorkers(opts: { config: Config; log: Logger; main: string; env: Record<string, string | undefined> }): Promise<HttpWorkers> {
  const { config } = opts;
  const log = opts.log.child({ module: 'http-workers' });
  const count = config.DISCORD_HTTP_WORKERS;
  const port = config.DISCORD_HTTP_PORT === 0 ? await freePort(config.DISCORD_HTTP_HOST) : config.DISCORD_HTTP_PORT!;
  // Without a token or a secret to derive the buttons' key from, the workers share the key kept in the
  // state folder (made here, once, so two workers starting together cannot make two).
  const buttons = config.DISCORD_BUTTON_SECRET || config.DISCORD_TOKEN ? {} : { DISCORD_BUTTON_SECRET: await keptButtonKey(config.stateDir, log) };
  // discord.js's ShardingManager (DISCORD_SHARDS) marks this process's environment for its shards; a worker is no shard.
  const inherited = Object.fromEntries(Object.entries(opts.env).filter(([k]) => !/^(SHARDING_MANAGER|SHARDING_MANAGER_MODE|SHARDS|SHARD_COUNT)$/.test(k)));
  const env = { ...inherited, ...buttons, DISCORD_HTTP_PORT: String(port) };
  const children = new Map<number, ChildProcess>();
  const ready = new Set<number>();
  let stopping = false;

  const spawnWorker = (n: number, pauseMs?: number): Promise<void> => {
    const started = Date.now();
    const child = fork(opts.main, ['start', '--discord-http-worker', String(n)], { env, execArgv: [...process.execArgv] });
    children.set(n, child);
    log.info({ worker: n, childPid: child.pid, port }, 'HTTP worker started');
    const listening = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Discord HTTP worker ${n} did not listen on port ${port} within ${WORKER_READY_TIMEOUT_MS / 1000} s; see its log lines (worker: ${n})`)), WORKER_READY_TIMEOUT_MS);
      timer.unref();
      child.on('message', (m) => {
        if (!isWorkerReady(m)) return;
        ready.add(n);
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code, signal) => {
        ready.delete(n);
        clearTimeout(timer);
        reject(new Error(`Discord HTTP worker ${n} exited (code ${code}, signal ${signal}) before listening; see its log lines (worker: ${n})`));
        if (stopping) return;
        const pause = nextRespawnPause(pauseMs, Date.now() - started);
        log.warn({ worker: n, childPid: child.pid, code, signal, pauseMs: pause }, 'HTTP worker ended; starting it again');
        setTimeout(() => {
          if (!stopping) spawnWorker(n, pause).catch((err: unknown) => log.error({ err, worker: n }, 'HTTP worker did not start again'));
        }, pause).unref();
      });
    });
    return listening;
  };

  const stop = async () => {
    stopping = true;
    const running = [...children.values()].filter((c) => c.exitCode === null && c.signalCode === null);
    const exits = running.map((c) => new Promise<void>((resolve) => c.once('exit', () => resolve())));
    for (const child of running) child.kill('SIGTERM');
    const late = setTimeout(() => running.forEach((c) => c.kill('SIGKILL')), WORKER_STOP_MS);
    await Promise.all(exits);
    clearTimeout(late);
  };

  log.info({ workers: count, port }, 'starting Discord HTTP workers on one port');
  try {
    await Promise.all(Array.from({ length: count }, (_, i) => spawnWorker(i)));
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, listening: () => ready.size, connected: () => ready.size === count, children: () => [...children.values()].filter((c) => c.exitCode === null && c.signalCode === null), stop };
}
