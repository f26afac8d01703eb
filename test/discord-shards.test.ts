/**
 * DISCORD_SHARDS end to end, with no Discord: `npm start` runs discord.js's ShardingManager, which
 * starts one Lectern process per shard; each identifies with the local gateway stand-in as shard
 * [id, 2], and the stand-in delivers each guild's INTERACTION_CREATE only to the connection of the
 * guild's shard, as Discord does. The answers go to the REST stand-in; the log lines of the shard
 * processes say which one answered.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { shardOf } from '../src/platforms/discord/shards.ts';
import { commandPayload, MANAGER_PERMISSIONS } from './helpers/discord-client.ts';
import { shardOfGuild, startGatewayMock, type GatewayMock } from './helpers/discord-gateway-mock.ts';
import { lecternDataDir, startLecternProcess, type LecternProcess, type LogLine } from './helpers/discord-processes.ts';
import { setGatewayUrl, startRestMock, type RestMock } from './helpers/discord-rest-mock.ts';

const TOKEN = 'sharded-test-token';
/** One guild on each shard of two: (id >> 22) % 2 is 0 and 1. */
const GUILDS = [String((1_000_000_000_000n << 22n) + 12345n), String((1_000_000_000_001n << 22n) + 12345n)] as const;

let rest: RestMock;
let gateway: GatewayMock;
let tmp: string;
let pg: TestPostgres;
let lectern: LecternProcess;

interface Callback {
  type: number;
  data: { embeds: { fields?: { name: string; value: string }[] }[]; allowed_mentions: unknown };
}

async function ask(guild: string, options: Record<string, string>, manager = false): Promise<{ shard: number; body: Callback; answeredBy: LogLine }> {
  const payload = commandPayload('settings', options, { guildId: guild, ...(manager ? { permissions: MANAGER_PERMISSIONS } : {}) });
  const shard = gateway.dispatch('INTERACTION_CREATE', payload);
  const sent = await rest.next((r) => r.method === 'POST' && r.route === `/interactions/${payload.id}/${payload.token}/callback`);
  const answeredBy = await lectern.waitForLog((l) => l.interaction === payload.id && l.msg === 'command', `the log line of interaction ${payload.id}`);
  // No other process saw it.
  expect(lectern.logs.filter((l) => l.interaction === payload.id && l.pid !== answeredBy.pid)).toEqual([]);
  return { shard, body: sent.body as Callback, answeredBy };
}

const styleOf = (body: Callback) => body.data.embeds.flatMap((e) => e.fields ?? []).find((f) => f.name === 'Citation style')?.value;
/** The pid of the `nth` process started for a shard, as the manager logged it. */
async function childPid(shard: number, nth = 1): Promise<number> {
  const started = (l: LogLine) => l.msg === 'shard process started' && l.shard === shard;
  const line = await lectern.waitForLog((l) => started(l) && lectern.logs.filter(started).indexOf(l) === nth - 1, `shard ${shard}'s process #${nth}`);
  return line.childPid as number;
}

beforeAll(async () => {
  [pg, rest] = await Promise.all([startPostgres(), startRestMock()]);
  gateway = await startGatewayMock({ shards: 2 });
  // Discord recommends 2 shards for this bot and lets 16 identify at once (no pause between them).
  setGatewayUrl(gateway.url, { shards: 2, maxConcurrency: 16 });
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-shards-'));
  lectern = startLecternProcess({
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: rest.api,
    DISCORD_SHARDS: 'auto',
    LECTERN_DATA_DIR: await lecternDataDir(path.join(tmp, 'data')),
    // The state every process shares: settings, threads, the answers buttons act on.
    LECTERN_DATABASE_URL: await pg.newDatabase(),
    LECTERN_OPS_PORT: '0',
    RATE_LIMIT_PER_MINUTE: '1000',
  });
  await lectern.waitForLog((l) => l.msg === 'Lectern is running' && l.pid === lectern.child.pid, 'Lectern to run with its shards', 90_000);
}, 120_000);

afterAll(async () => {
  const code = await lectern?.stop();
  expect(code).toBe(0);
  setGatewayUrl(undefined);
  await gateway?.close();
  await rest?.close();
  await pg?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
}, 30_000);

describe('Discord shards (DISCORD_SHARDS=auto, two recommended)', () => {
  it('GIVEN the guilds of the test THEN Lectern and the stand-in agree on their shards', () => {
    expect(GUILDS.map((g) => shardOf(g, 2))).toEqual([0, 1]);
    expect(GUILDS.map((g) => shardOfGuild(g, 2))).toEqual([0, 1]);
  });

  it('GIVEN auto THEN two shard processes of their own identify as [0, 2] and [1, 2] with the Guilds intent only, and /healthz says the shards are connected', async () => {
    const identifies = await Promise.all([gateway.waitForIdentify(0), gateway.waitForIdentify(1)]);
    expect(identifies.map((i) => i.shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(identifies.every((i) => i.token === TOKEN && i.intents === 1)).toBe(true);
    const pids = [await childPid(0), await childPid(1)];
    expect(new Set([...pids, lectern.child.pid]).size).toBe(3);
    const port = (await lectern.waitForLog((l) => l.msg.startsWith('health and metrics endpoint listening'), 'the ops endpoint')).port as number;
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { ok: boolean; platforms: Record<string, string> };
    expect(health).toMatchObject({ ok: true, platforms: { 'discord-shards': 'connected' } });
  });

  it("GIVEN a command in a guild of each shard THEN each is delivered to its shard's connection and answered by that shard's process alone", async () => {
    for (const [i, guild] of GUILDS.entries()) {
      const { shard, body, answeredBy } = await ask(guild, { style: i === 0 ? 'mla' : 'apa' }, true);
      expect(shard).toBe(i);
      expect(answeredBy.shard).toBe(i);
      expect(answeredBy.pid).toBe(await childPid(i));
      expect(body.type).toBe(4);
      expect(body.data.allowed_mentions).toEqual({ parse: [] });
      expect(styleOf(body)).toBe(i === 0 ? 'mla' : 'apa');
    }
    // The main process's /metrics shows each shard's commands under its shard label.
    const port = (await lectern.waitForLog((l) => l.msg.startsWith('health and metrics endpoint listening'), 'the ops endpoint')).port as number;
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    for (const shard of [0, 1]) expect(metrics).toMatch(new RegExp(`^lectern_commands_total\\{[^}]*command="settings"[^}]*shard="${shard}"[^}]*\\} 1$`, 'm'));
  });

  it('GIVEN shard 1 killed THEN the manager starts it again, it identifies anew and answers its guild with the settings it had', async () => {
    const before = await childPid(1);
    process.kill(before, 'SIGKILL');
    await gateway.waitForIdentify(1, 2);
    const after = await childPid(1, 2);
    expect(after).not.toBe(before);
    const { shard, body, answeredBy } = await ask(GUILDS[1], {});
    expect([shard, answeredBy.shard, answeredBy.pid]).toEqual([1, 1, after]);
    expect(styleOf(body)).toBe('apa');
    // Shard 0 went on as it was.
    const other = await ask(GUILDS[0], {});
    expect([other.answeredBy.shard, other.answeredBy.pid]).toEqual([0, await childPid(0)]);
    expect(styleOf(other.body)).toBe('mla');
  }, 90_000);

  // With the state in files each process would hold its own copy and the last to write would win:
  // shard 1's save would drop guild 0's settings, and shard 0 would start again without them.
  it("GIVEN shard 0 killed after shard 1 saved its guild's settings THEN shard 0, started again, still has its own guild's settings", async () => {
    const before = await childPid(0);
    process.kill(before, 'SIGKILL');
    await gateway.waitForIdentify(0, 2);
    const { answeredBy, body } = await ask(GUILDS[0], {});
    expect([answeredBy.shard, answeredBy.pid]).toEqual([0, await childPid(0, 2)]);
    expect(styleOf(body)).toBe('mla');
  }, 90_000);
});
