/**
 * DISCORD_HTTP_WORKERS end to end: `npm start` with two workers starts two Lectern processes that
 * listen on one port (SO_REUSEPORT). Requests signed with a real Ed25519 key, each on a new
 * connection as Discord opens them, are spread by the kernel over both; each worker checks the
 * signature and answers on the real corpus by itself. The workers' log lines say which answered.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { messageViolations, type DiscordMessage } from '../src/platforms/discord/index.ts';
import { buttonPayload, commandPayload, generateDiscordKeys, messageOf, postInteraction, type KeyPair, type Posted } from './helpers/discord-client.ts';
import { lecternDataDir, startLecternProcess, type LecternProcess, type LogLine } from './helpers/discord-processes.ts';
import { startRestMock, type RestMock } from './helpers/discord-rest-mock.ts';

/** Connections per check: the chance that the kernel gives all of them to one of two workers is 2^-(n-1). */
const REQUESTS = 16;

let keys: KeyPair;
let rest: RestMock;
let tmp: string;
let pg: TestPostgres;
let lectern: LecternProcess;
let url: string;

const post = (payload: unknown, opts: Parameters<typeof postInteraction>[3] = {}) => postInteraction(url, keys, payload, { fresh: true, ...opts });
const workerLine = (interaction: string) => lectern.waitForLog((l) => l.interaction === interaction && typeof l.worker === 'number' && ['command', 'component'].includes(l.msg), `a worker's log line for ${interaction}`);
const workerPids = () => new Map(lectern.logs.filter((l) => l.msg === 'HTTP worker started').map((l) => [l.worker as number, l.childPid as number]));

function message(res: Posted): DiscordMessage {
  const data = res.json?.data ?? {};
  return { embeds: data.embeds ?? [], components: data.components ?? [], allowed_mentions: data.allowed_mentions };
}

beforeAll(async () => {
  keys = generateDiscordKeys();
  [pg, rest] = await Promise.all([startPostgres(), startRestMock()]);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-http-workers-'));
  lectern = startLecternProcess({
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_HTTP_PORT: '0',
    DISCORD_HTTP_WORKERS: '2',
    DISCORD_API_URL: rest.api,
    LECTERN_DATA_DIR: await lecternDataDir(path.join(tmp, 'data')),
    // The state every process shares: settings, threads, the answers buttons act on.
    LECTERN_DATABASE_URL: await pg.newDatabase(),
    LECTERN_OPS_PORT: '0',
    RATE_LIMIT_PER_MINUTE: '1000',
  });
  await lectern.waitForLog((l) => l.msg === 'Lectern is running' && l.pid === lectern.child.pid, 'Lectern to run with its HTTP workers', 90_000);
  const port = (await lectern.waitForLog((l) => l.msg === 'starting Discord HTTP workers on one port', 'the workers port')).port as number;
  url = `http://127.0.0.1:${port}/interactions`;
}, 120_000);

afterAll(async () => {
  const code = await lectern?.stop();
  expect(code).toBe(0);
  await rest?.close();
  await pg?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
}, 30_000);

describe('Discord HTTP workers (DISCORD_HTTP_WORKERS=2)', () => {
  it('GIVEN two workers THEN both are processes of their own listening on the one port, and /healthz says so', async () => {
    const listening = await Promise.all([0, 1].map((w) => lectern.waitForLog((l) => l.msg === 'Discord interactions endpoint listening' && l.worker === w, `worker ${w} to listen`)));
    expect(listening.map((l) => l.worker).sort()).toEqual([0, 1]);
    expect(new Set(listening.map((l) => l.port))).toEqual(new Set([Number(new URL(url).port)]));
    expect(listening.every((l) => l.reusePort === true)).toBe(true);
    expect(new Set([...listening.map((l) => l.pid), lectern.child.pid]).size).toBe(3);
    const ops = (await lectern.waitForLog((l) => l.msg.startsWith('health and metrics endpoint listening'), 'the ops endpoint')).port as number;
    const health = (await (await fetch(`http://127.0.0.1:${ops}/healthz`)).json()) as { ok: boolean; index: unknown; platforms: Record<string, string> };
    expect(health).toEqual({ ok: true, index: 'in-children', platforms: { 'discord-http-workers': 'connected' } });
  });

  it('GIVEN signed /quote requests on new connections THEN both workers answer them, each with the real passage and pinging nobody', async () => {
    const answered: LogLine[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const payload = commandPayload('quote', { query: 'peppery dishes' });
      const res = await post(payload);
      expect(res.status).toBe(200);
      expect(res.json.type).toBe(4);
      const m = message(res);
      expect(m.allowed_mentions).toEqual({ parse: [] });
      expect(messageViolations(m)).toEqual([]);
      expect(JSON.stringify(m.embeds)).toMatch(/peppery/i);
      answered.push(await workerLine(payload.id));
    }
    const byWorker = new Map<number, number>();
    for (const l of answered) byWorker.set(l.worker!, (byWorker.get(l.worker!) ?? 0) + 1);
    console.log(`answers by worker: ${JSON.stringify(Object.fromEntries(byWorker))}`);
    expect([...byWorker.keys()].sort()).toEqual([0, 1]);
    // Each answer came from the worker process that logged it.
    const pids = workerPids();
    expect(answered.every((l) => l.pid === pids.get(l.worker!))).toBe(true);
    // The main process's /metrics counts each worker's commands under its worker label.
    const ops = (await lectern.waitForLog((l) => l.msg.startsWith('health and metrics endpoint listening'), 'the ops endpoint')).port as number;
    const metrics = await (await fetch(`http://127.0.0.1:${ops}/metrics`)).text();
    for (const [worker, n] of byWorker) expect(metrics).toMatch(new RegExp(`^lectern_commands_total\\{[^}]*command="quote"[^}]*worker="${worker}"[^}]*\\} ${n}$`, 'm'));
  });

  it('GIVEN requests with a body changed after signing THEN every worker refuses them with 401', async () => {
    const statuses = await Promise.all(Array.from({ length: REQUESTS }, () => post(commandPayload('quote', { query: 'peppery dishes' }), { tamper: (b) => b.replace('peppery', 'salted') }).then((r) => r.status)));
    expect(statuses).toEqual(Array(REQUESTS).fill(401));
  });

  // The button's MAC checks out in every worker (one key per run) and the answer it acts on is in the
  // database, not in the memory of the worker that gave it.
  it('GIVEN a button of an answer one worker gave THEN it is honoured whichever worker receives the press', async () => {
    const payload = commandPayload('quote', { query: 'peppery dishes', limit: 1 });
    const first = message(await post(payload));
    const madeBy = (await workerLine(payload.id)).worker;
    const more = first.components.flatMap((row) => row.components).map((c) => ('custom_id' in c ? c.custom_id : '')).find((id) => id.startsWith('l1:cx:') || id.startsWith('l1:rs:'));
    expect(more).toBeDefined();
    const presses: { worker: number; res: Posted }[] = [];
    for (let i = 0; i < REQUESTS && !presses.some((p) => p.worker !== madeBy); i++) {
      const press = buttonPayload(more!, messageOf(first));
      const res = await post(press);
      presses.push({ worker: (await workerLine(press.id)).worker!, res });
    }
    const elsewhere = presses.find((p) => p.worker !== madeBy);
    expect(elsewhere).toBeDefined();
    expect(elsewhere!.res.status).toBe(200);
    expect(JSON.stringify(elsewhere!.res.json)).not.toMatch(/expired|failed verification|could not be checked/i);
  });

  it('GIVEN a worker killed THEN it is started again on the same port and both answer again', async () => {
    const before = workerPids().get(1)!;
    process.kill(before, 'SIGKILL');
    await lectern.waitForLog((l) => l.msg === 'HTTP worker started' && l.worker === 1 && l.childPid !== before, 'worker 1 to start again');
    await lectern.waitForLog((l) => l.msg === 'Discord interactions endpoint listening' && l.worker === 1 && l.pid !== before, 'worker 1 to listen again');
    const seen = new Set<number>();
    for (let i = 0; i < REQUESTS && seen.size < 2; i++) {
      const payload = commandPayload('quote', { query: 'peppery dishes' });
      expect((await post(payload)).status).toBe(200);
      seen.add((await workerLine(payload.id)).worker!);
    }
    expect([...seen].sort()).toEqual([0, 1]);
  }, 60_000);
});
