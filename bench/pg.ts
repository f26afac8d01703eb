/**
 * `npm run bench -- --pg 5`: one group's queries with its texts searched in PostgreSQL against the
 * same texts searched in memory, measured in the same run on the same machine (a throwaway
 * PostgreSQL cluster from test/helpers/postgres.ts). The group's texts are the bundled corpus's
 * text files, copied until they make about the given number of MB.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../src/app.ts';
import { parseConfig, PROJECT_ROOT } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { realCorpus } from '../test/helpers/corpus.ts';
import { startPostgres } from '../test/helpers/postgres.ts';

const GROUP = 'bench-group';
const QUERIES = ['Trotsky', 'Stalin', 'Kirov murder', 'Soviet Union', 'restoration of capitalism', 'Zinoviev Kamenev', 'Trotksy', 'Сталин', '"the Moscow Trials"', 'violence Trotskyism', 'dialectical analysis', 'Furr'];

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

async function groupFiles(targetMb: number): Promise<{ name: string; bytes: Uint8Array }[]> {
  const dir = path.join(PROJECT_ROOT, 'data', 'corpus');
  const texts = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.txt')).sort().map(async (f) => ({ f, text: await readFile(path.join(dir, f), 'utf8') })));
  const out: { name: string; bytes: Uint8Array }[] = [];
  let bytes = 0;
  for (let copy = 1; bytes < targetMb * 1024 * 1024; copy++) {
    for (const { f, text } of texts) {
      // A line of its own makes each copy a different file (the library refuses a file it has).
      const body = new TextEncoder().encode(`${text}\n\nCopy ${copy} of ${f}.\n`);
      out.push({ name: `copy-${copy}-${f}`, bytes: body });
      bytes += body.length;
    }
  }
  return out;
}

async function timed(app: App, rounds: number): Promise<number[]> {
  const view = await app.library.open(GROUP);
  for (const q of QUERIES) await view.search.search(q, { limit: 5 });
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const t = performance.now();
      await (await app.library.open(GROUP)).search.search(q, { limit: 5 });
      times.push(performance.now() - t);
    }
  }
  return times;
}

export async function benchPg(targetMb: number): Promise<void> {
  console.log(`\n## One group's queries, its ~${targetMb} MB of texts in PostgreSQL vs in memory`);
  const pg = await startPostgres();
  const { build } = await realCorpus();
  const files = await groupFiles(targetMb);
  const env = { LOG_LEVEL: 'silent', LIBRARY_MAX_WORKS: String(files.length + 1), LIBRARY_MAX_FILE_MB: '50' };
  const dirs: string[] = [];
  const results: { name: string; addMs: number; times: number[] }[] = [];
  try {
    for (const [name, extra] of [
      ['memory (files + minisearch)', {}],
      ['PostgreSQL', { LECTERN_DATABASE_URL: await pg.newDatabase() }],
    ] as const) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-bench-pg-'));
      dirs.push(dir);
      const app = await createApp(parseConfig({ ...env, ...extra, LECTERN_DATA_DIR: dir }), silentLogger(), { build: { ...build, inputs: 'bench' } });
      try {
        const t = performance.now();
        for (const f of files) await app.library.add(GROUP, f, {}, 'bench');
        const addMs = performance.now() - t;
        // The statistics autovacuum would gather soon after: the planner then picks the GIN index.
        await app.db?.pool.query('ANALYZE');
        results.push({ name, addMs, times: await timed(app, 10) });
      } finally {
        await app.close();
      }
    }
  } finally {
    await pg.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  }
  const memory = results[0]!;
  console.log(`${files.length} files; every query ${QUERIES.length} × 10 rounds, through open() as a command does (PostgreSQL: one version check per command).`);
  console.log('| backend | adds, total | group query p50 | p99 | p50 / memory | p99 / memory |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.name} | ${(r.addMs / 1000).toFixed(1)} s | ${ms(percentile(r.times, 50))} | ${ms(percentile(r.times, 99))} | ${(percentile(r.times, 50) / percentile(memory.times, 50)).toFixed(2)} | ${(percentile(r.times, 99) / percentile(memory.times, 99)).toFixed(2)} |`);
  }
}
