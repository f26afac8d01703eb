/**
 * DISCORD_SHARDS: the gateway through discord.js's ShardingManager, one child process per shard.
 * Each child is Lectern again (`src/main.ts start --discord-shard <id>`), which holds that one
 * gateway connection; discord.js hands it its shard id and count in the environment, and Discord
 * sends it the events of the guilds whose (guild_id >> 22) % count is its id. The children share
 * state only through the storage (PostgreSQL with LECTERN_DATABASE_URL), so a shard that dies is
 * started again (after a pause, respawn-pause.ts) and finds every group's settings where it left them.
 */
import type { ChildProcess } from 'node:child_process';
import { Routes, type RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { ShardingManager, type Shard } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { nextRespawnPause } from './respawn-pause.ts';
import { createRest } from './rest.ts';

/** Discord lets `max_concurrency` shards identify per 5 s; past that discord.js starts them one by one with this pause. */
export const IDENTIFY_PAUSE_MS = 5_500;
/** A shard process must load the corpus and connect within this (a large data dir takes a while). */
export const SHARD_READY_TIMEOUT_MS = 120_000;
/** On stop, shard processes get SIGTERM and this long to finish their answers before SIGKILL. */
export const SHARD_STOP_MS = 3_000;

export interface ShardPlan {
  count: number;
  /** Pause between starting two shards. */
  pauseMs: number;
  /** What Discord recommends for this bot. */
  recommended: number;
}

export interface ShardSupervisor {
  plan: ShardPlan;
  /** Every shard is connected. */
  connected(): boolean;
  /** Shard ids whose connection is up. */
  ready(): number[];
  /** The shard processes running now (for /metrics). */
  children(): ChildProcess[];
  stop(): Promise<void>;
}

/** The shard a guild's events go to, as Discord routes them. */
export const shardOf = (guildId: string, count: number): number => Number((BigInt(guildId) >> 22n) % BigInt(count));

/** How many shards, and how fast to start them, from GET /gateway/bot (through DISCORD_API_URL when set). */
export async function planShards(config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL' | 'DISCORD_SHARDS'>): Promise<ShardPlan> {
  let gateway: RESTGetAPIGatewayBotResult;
  try {
    gateway = (await createRest(config).get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  } catch (err) {
    throw new Error(`Discord sharding: GET /gateway/bot failed (${(err as Error).message}); check DISCORD_TOKEN, or unset DISCORD_SHARDS to run one connection`, { cause: err });
  }
  const recommended = gateway.shards;
  const count = config.DISCORD_SHARDS === 'auto' || config.DISCORD_SHARDS === undefined ? recommended : config.DISCORD_SHARDS;
  return { count, recommended, pauseMs: count <= gateway.session_start_limit.max_concurrency ? 0 : IDENTIFY_PAUSE_MS };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startShards(opts: { config: Config; log: Logger; main: string }): Promise<ShardSupervisor> {
  const { config } = opts;
  const log = opts.log.child({ module: 'shards' });
  const plan = await planShards(config);
  if (plan.count < plan.recommended) log.warn({ shards: plan.count, recommended: plan.recommended }, 'fewer shards than Discord recommends; it may refuse the connections (close code 4011)');
  const manager = new ShardingManager(opts.main, {
    totalShards: plan.count,
    mode: 'process',
    // We start dead shards again ourselves, with a pause (the manager would at once, in a loop).
    respawn: false,
    token: config.DISCORD_TOKEN!,
    // Flags such as --max-old-space-size apply to the shards too.
    execArgv: [...process.execArgv],
  });
  const children = new Map<number, ChildProcess>();
  let stopping = false;
  manager.on('shardCreate', (shard: Shard) => {
    let startedAt = Date.now();
    let pause: number | undefined;
    // The id on the command line too, so the child's logs say which shard it is from the first line.
    shard.args = ['start', '--discord-shard', String(shard.id)];
    shard.on('spawn', (spawned) => {
      // mode 'process': a child process, never a worker thread.
      const child = spawned as ChildProcess;
      children.set(shard.id, child);
      startedAt = Date.now();
      log.info({ shard: shard.id, childPid: child.pid }, 'shard process started');
    });
    shard.on('ready', () => log.info({ shard: shard.id }, 'shard connected'));
    shard.on('disconnect', () => log.warn({ shard: shard.id }, 'shard disconnected'));
    shard.on('reconnecting', () => log.info({ shard: shard.id }, 'shard reconnecting'));
    shard.on('death', (spawned) => {
      if (stopping) return;
      const child = spawned as ChildProcess;
      pause = nextRespawnPause(pause, Date.now() - startedAt);
      log.warn({ shard: shard.id, childPid: child.pid, code: child.exitCode, signal: child.signalCode, pauseMs: pause }, 'shard process ended; starting it again');
      setTimeout(() => {
        // A start that dies again is told by its own 'death'; one that never connects, here.
        if (!stopping) shard.spawn(SHARD_READY_TIMEOUT_MS).catch((err: unknown) => log.error({ err, shard: shard.id }, 'shard started again but not connected'));
      }, pause);
    });
    // Without a listener an 'error' event would end this process.
    shard.on('error', (err: Error) => log.error({ err, shard: shard.id }, 'shard error'));
  });
  log.info({ shards: plan.count, recommended: plan.recommended, pauseMs: plan.pauseMs }, 'starting Discord shards');
  const stopAll = async () => {
    stopping = true;
    const running = [...children.values()].filter((c) => c.exitCode === null && c.signalCode === null);
    for (const child of running) child.kill('SIGTERM');
    const late = setTimeout(() => running.forEach((c) => c.kill('SIGKILL')), SHARD_STOP_MS);
    await Promise.all(running.map(exited));
    clearTimeout(late);
  };
  try {
    await manager.spawn({ amount: plan.count, delay: plan.pauseMs, timeout: SHARD_READY_TIMEOUT_MS });
  } catch (err) {
    await stopAll();
    throw err;
  }
  return {
    plan,
    ready: () => manager.shards.filter((s) => s.ready).map((s) => s.id),
    children: () => [...children.values()].filter((c) => c.exitCode === null && c.signalCode === null),
    connected: () => manager.shards.size === plan.count && manager.shards.every((s) => s.ready),
    stop: stopAll,
  };
}
