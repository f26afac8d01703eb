/**
 * The Matrix bot under slow work and lying uploads, against a real Synapse on 127.0.0.1: a slow
 * command in one room never holds up another room (the sync loop does not wait for commands), a
 * room's own commands keep their order, an upload larger than LIBRARY_MAX_FILE_MB is refused while
 * it streams even when its event announces a small size, and stop() returns within 5 s while a
 * command is still running.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch } from '../src/dispatch/invocation.ts';
import { parseConfig, PROJECT_ROOT } from '../src/config.ts';
import { startMatrixBot, type MatrixBot } from '../src/platforms/matrix/index.ts';
import { MatrixUser, waitFor } from './harness/matrix-user.ts';
import { CACHE_DIR, startSynapse, type Synapse, type SynapseUser } from './harness/synapse.ts';
import { createTestDispatch } from './helpers/matrix-dispatch.ts';

const SLOW_MS = 8_000;
const log = pino({ level: 'debug' }, pino.destination({ dest: path.join(CACHE_DIR, 'matrix-reliability-test.log'), sync: true, mkdir: true, append: false }));

let synapse: Synapse;
let human: MatrixUser;
let botUser: SynapseUser;
let bot: MatrixBot | undefined;
let tmp: string;
let inner: Awaited<ReturnType<typeof createTestDispatch>>;
/** When each command's answer was produced, by query. */
const answeredAt = new Map<string, number>();

const dispatch: Dispatch = async (inv) => {
  const query = String(inv.args.query ?? '');
  if (query.startsWith('slow')) await new Promise((r) => setTimeout(r, SLOW_MS));
  const reply = await inner.dispatch(query.startsWith('slow') || query.startsWith('mark') ? { ...inv, args: { ...inv.args, query: 'peppery dishes' } } : inv);
  answeredAt.set(query, performance.now());
  return reply;
};

async function startBot(env: Record<string, string> = {}): Promise<MatrixBot> {
  const config = parseConfig({ MATRIX_HOMESERVER_URL: synapse.url, MATRIX_ACCESS_TOKEN: botUser.accessToken, LECTERN_DATA_DIR: tmp, RATE_LIMIT_PER_MINUTE: '1000', LIBRARY_MAX_FILE_MB: '1', ...env });
  return startMatrixBot({ config, log, dispatch, commands: inner.commands, stateDir: path.join(tmp, 'bot'), settings: inner.app.settings, conversations: inner.app.conversations, syncTimeoutMs: 1_000 });
}

async function joinedRoom(): Promise<string> {
  const roomId = await human.createRoom({});
  await human.invite(roomId, botUser.userId);
  await waitFor(async () => ((await human.membership(roomId, botUser.userId)) === 'join' ? true : undefined), 'the bot to join');
  return roomId;
}

beforeAll(async () => {
  synapse = await startSynapse();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-matrix-rel-'));
  inner = await createTestDispatch();
  botUser = await synapse.register('lectern-rel');
  human = new MatrixUser(synapse.url, await synapse.register('human-rel'));
  bot = await startBot();
}, 600_000);

afterAll(async () => {
  await bot?.stop();
  await synapse?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('Matrix: rooms are independent', () => {
  it("GIVEN a slow command in room A THEN room B's command is answered meanwhile, and A's next command waits for A's first", async () => {
    const [roomA, roomB] = [await joinedRoom(), await joinedRoom()];
    const slow = await human.send(roomA, '!quote slow-a');
    const afterSlow = await human.send(roomA, '!quote mark-a2');
    // Long enough for the bot to have started on A's slow command.
    await new Promise((r) => setTimeout(r, 500));
    const sentB = performance.now();
    const quick = await human.send(roomB, '!quote mark-b');
    await human.waitForReply(roomB, quick, botUser.userId, SLOW_MS);
    const bMs = performance.now() - sentB;
    expect(bMs).toBeLessThan(SLOW_MS - 1_000);
    expect(answeredAt.has('slow-a')).toBe(false);
    expect(bot!.queues().rooms).toBeGreaterThanOrEqual(1);

    await human.waitForReply(roomA, slow, botUser.userId, SLOW_MS * 3);
    await human.waitForReply(roomA, afterSlow, botUser.userId, SLOW_MS * 3);
    // A's commands in the order they were sent: the second was answered after the slow first.
    expect(answeredAt.get('mark-a2')!).toBeGreaterThan(answeredAt.get('slow-a')!);
    expect(answeredAt.get('mark-b')!).toBeLessThan(answeredAt.get('slow-a')!);
  }, 90_000);
});

describe('Matrix: uploads are bounded', () => {
  it('GIVEN an upload that announces 100 bytes but holds 1.5 MB (LIBRARY_MAX_FILE_MB=1) THEN !library add refuses it as too large, and nothing is added', async () => {
    const room = await joinedRoom();
    const bytes = new TextEncoder().encode('A line of an ordinary text that goes on for a while.\n'.repeat(30_000));
    expect(bytes.length).toBeGreaterThan(1.4 * 1024 * 1024);
    const mxc = await human.upload('big.txt', bytes, 'text/plain');
    const file = await human.sendEvent(room, 'm.room.message', { msgtype: 'm.file', body: 'big.txt', filename: 'big.txt', url: mxc, info: { mimetype: 'text/plain', size: 100 } });
    const asked = await human.send(room, '!library add title:"Big"', { replyTo: file });
    const reply = await human.waitForReply(room, asked, botUser.userId, 30_000);
    expect(reply.content.body).toContain('up to 1 MB');
    const listed = await human.send(room, '!library');
    expect((await human.waitForReply(room, listed, botUser.userId)).content.body).not.toContain('Big');
  }, 60_000);
});

describe('Matrix: stopping', () => {
  it('GIVEN a command still running THEN stop() returns within 5 s', async () => {
    const room = await joinedRoom();
    const asked = await human.send(room, '!quote slow-stop');
    await waitFor(async () => (bot!.queues().events > 0 ? true : undefined), 'the slow command to start');
    const started = performance.now();
    await bot!.stop();
    bot = undefined;
    expect(performance.now() - started).toBeLessThan(5_000);
    // Started again, the bot answers what it had not finished (its position was not saved past it).
    bot = await startBot();
    await human.waitForReply(room, asked, botUser.userId, SLOW_MS * 4);
  }, 90_000);
});

describe('Matrix: the whole process', () => {
  it('GIVEN `npm start` on Matrix with LECTERN_OPS_PORT THEN /healthz reports Matrix connected, and on SIGTERM the process exits within 5 s', async () => {
    const dataDir = path.join(tmp, 'process');
    await mkdir(dataDir, { recursive: true });
    await symlink(path.join(PROJECT_ROOT, 'data', 'corpus'), path.join(dataDir, 'corpus'));
    await symlink(path.join(PROJECT_ROOT, 'data', 'build'), path.join(dataDir, 'build'));
    const user = await synapse.register('lectern-proc');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|MATRIX_|LECTERN_)/.test(k)));
    const child = spawn(process.execPath, ['src/main.ts', 'start'], {
      cwd: PROJECT_ROOT,
      env: { ...env, LECTERN_DATA_DIR: dataDir, MATRIX_HOMESERVER_URL: synapse.url, MATRIX_ACCESS_TOKEN: user.accessToken, LECTERN_OPS_PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const port = await waitFor(async () => Number(/"port":(\d+)[^\n]*health and metrics endpoint listening/.exec(stderr)?.[1]) || undefined, 'the ops endpoint', 60_000);
      const health = await waitFor(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
          const body = res ? ((await res.json()) as { ok: boolean; platforms: Record<string, string> }) : undefined;
          return body?.ok ? body : undefined;
        },
        'a healthy /healthz',
        30_000,
      );
      expect(health.platforms).toEqual({ matrix: 'connected' });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('lectern_queue_length{queue="matrix-events"} 0');
      const started = performance.now();
      child.kill('SIGTERM');
      const code = await exited;
      const ms = performance.now() - started;
      console.log(`SIGTERM to exit: ${Math.round(ms)} ms`);
      expect(ms).toBeLessThan(5_000);
      expect(code).toBe(0);
      expect(stderr).toContain('Matrix bot stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
