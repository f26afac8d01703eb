/**
 * Operations: /healthz and /metrics on 127.0.0.1 (prom-client's exposition, read back as text),
 * and how `npm start` behaves with nothing to talk to (no platform, stdin not a terminal or pipe).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Invocation } from '../src/dispatch/invocation.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { testScope } from './helpers/real-dispatch.ts';
import { errorReply, textReply } from '../src/reply/builders.ts';
import { createMetrics } from '../src/ops/metrics.ts';
import { startOpsServer, type OpsServer } from '../src/ops/server.ts';

const log = pino({ level: 'silent' });
const servers: OpsServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

const invocation = (command: string, query = 'x'): Invocation => ({ command, args: { query }, scope: testScope(), requestId: 'r' }) as Invocation;

describe('Operations endpoint', () => {
  it('GIVEN commands that succeed, fail for the user and throw THEN /metrics counts them by name and outcome, with latency, queue lengths and library jobs', async () => {
    const metrics = createMetrics();
    const dispatch = metrics.instrument(async (inv) => {
      if (inv.args.query === 'throw') throw new Error('boom');
      if (inv.args.query === 'bad') return errorReply('query.unusable', 'nothing to search for');
      if (inv.args.query === 'internal') return errorReply('internal', 'sorry');
      return textReply('ok', 'fine');
    });
    await dispatch(invocation('quote'));
    await dispatch(invocation('quote'));
    await dispatch(invocation('quote', 'bad'));
    await dispatch(invocation('source', 'internal'));
    await expect(dispatch(invocation('cite', 'throw'))).rejects.toThrow('boom');
    metrics.libraryJobs.onJobEnd?.('ingest', 'timeout', 120);
    metrics.libraryJobs.onJobEnd?.('index', 'ok', 2);
    let queued = 3;
    metrics.addQueues(() => ({ 'library-queued': queued }));
    const ops = await startOpsServer({ host: '127.0.0.1', port: 0, metrics, log, sources: { indexWorks: () => 5, platforms: () => [] } });
    servers.push(ops);
    const text = await (await fetch(`http://127.0.0.1:${ops.port}/metrics`)).text();
    expect(text).toContain('lectern_commands_total{command="quote",outcome="ok"} 2');
    expect(text).toContain('lectern_commands_total{command="quote",outcome="user-error"} 1');
    expect(text).toContain('lectern_commands_total{command="source",outcome="error"} 1');
    expect(text).toContain('lectern_commands_total{command="cite",outcome="error"} 1');
    expect(text).toMatch(/lectern_command_duration_seconds_count\{command="quote"\} 3/);
    expect(text).toContain('lectern_queue_length{queue="library-queued"} 3');
    expect(text).toContain('lectern_library_jobs_total{kind="ingest",outcome="timeout"} 1');
    expect(text).toMatch(/lectern_library_job_duration_seconds_bucket\{le="120",kind="ingest"\} 1/);
    expect(text).toContain('lectern_process_resident_memory_bytes');
    queued = 0;
    expect(await (await fetch(`http://127.0.0.1:${ops.port}/metrics`)).text()).toContain('lectern_queue_length{queue="library-queued"} 0');
  });

  it('GIVEN the index loaded and every platform connected THEN /healthz is 200; GIVEN one disconnected or no index THEN 503 naming it', async () => {
    let matrixUp = true;
    let works = 5;
    const ops = await startOpsServer({
      host: '127.0.0.1',
      port: 0,
      metrics: createMetrics({ defaultMetrics: false }),
      log,
      sources: { indexWorks: () => works, platforms: () => [{ name: 'matrix', connected: () => matrixUp }, { name: 'discord', connected: () => true }] },
    });
    servers.push(ops);
    const get = async () => {
      const res = await fetch(`http://127.0.0.1:${ops.port}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await get()).toEqual({ status: 200, body: { ok: true, index: { loaded: true, works: 5 }, platforms: { matrix: 'connected', discord: 'connected' } } });
    matrixUp = false;
    expect(await get()).toMatchObject({ status: 503, body: { ok: false, platforms: { matrix: 'disconnected' } } });
    matrixUp = true;
    works = 0;
    expect(await get()).toMatchObject({ status: 503, body: { index: { loaded: false } } });
    expect((await fetch(`http://127.0.0.1:${ops.port}/healthz`, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(`http://127.0.0.1:${ops.port}/other`)).status).toBe(404);
  });
});

describe('npm start with nothing to talk to', () => {
  it('GIVEN no platform configured and stdin not a terminal or pipe (a container without -i) THEN it exits non-zero naming the variables to set', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-start-'));
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|MATRIX_|LECTERN_)/.test(k)));
    const child = spawn(process.execPath, ['src/main.ts', 'start'], { cwd: PROJECT_ROOT, env: { ...env, LECTERN_DATA_DIR: path.join(PROJECT_ROOT, 'data'), LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    await rm(tmp, { recursive: true, force: true });
    expect(code).toBe(2);
    for (const v of ['DISCORD_TOKEN', 'DISCORD_PUBLIC_KEY', 'DISCORD_HTTP_PORT', 'MATRIX_HOMESERVER_URL', 'MATRIX_ACCESS_TOKEN']) expect(stderr).toContain(v);
  }, 30_000);
});
