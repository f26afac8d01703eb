/**
 * The Docker image cannot be built on the development machines (no Docker engine), so these tests
 * check what an image build would get wrong: a file Lectern reads at run time that the Dockerfile
 * does not copy (data/wordnet was missing once, which turned synonyms off without a word), and a
 * run-time import of a package that `npm ci --omit=dev` leaves out.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';

/** The sources of the COPY lines that take files from the build context (not from another stage). */
async function copiedFromContext(): Promise<string[]> {
  const dockerfile = await readFile(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
  return dockerfile
    .split('\n')
    .filter((line) => /^COPY\s/.test(line) && !/--from=/.test(line))
    .flatMap((line) => line.replace(/--\S+/g, '').trim().split(/\s+/).slice(1, -1));
}

function run(cwd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    // The image's entry point (Dockerfile CMD): the launcher that turns the compile cache on first.
    const child = spawn(process.execPath, ['bin/lectern.js', ...args], { cwd, env: { ...process.env, LOG_LEVEL: 'warn', LECTERN_DATA_DIR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')).map((e) => path.join(e.parentPath, e.name));
}

const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

describe('the container image', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('GIVEN only the files the Dockerfile copies THEN the corpus builds, doctor finds nothing missing and /quote is answered', async () => {
    const app = await mkdtemp(path.join(os.tmpdir(), 'lectern-image-'));
    dirs.push(app);
    for (const source of await copiedFromContext()) await cp(path.join(PROJECT_ROOT, source), path.join(app, source), { recursive: true });
    // The image has its own production node_modules; the import test below keeps that set honest.
    await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');

    // Read at start when LECTERN_DATABASE_URL is set (no database here to start against).
    expect(await readdir(path.join(app, 'db', 'migrations'))).toEqual(await readdir(path.join(PROJECT_ROOT, 'db', 'migrations')));

    const ingest = await run(app, ['ingest']);
    expect(ingest.err).not.toMatch(/Error/);
    expect(ingest.code).toBe(0);

    const doctor = await run(app, ['doctor']);
    expect(doctor.out).toContain('ok       the WordNet synonyms table reads');
    expect(doctor.out).toContain('ok       the Russian–English glossary reads');
    expect(doctor.out).toContain('ok       the French–English glossary reads');
    expect(doctor.out).toContain('ok       the other names of places and people read');
    expect(doctor.out).not.toContain('PROBLEM');
    expect(doctor.code).toBe(0);

    const quote = await run(app, ['quote', 'Kirov']);
    expect(quote.code).toBe(0);
    expect(quote.out).toMatch(/Kirov/);
  }, 180_000);

  it('GIVEN the image without data/wordnet THEN doctor says synonyms are off and how to restore them', async () => {
    const app = await mkdtemp(path.join(os.tmpdir(), 'lectern-image-'));
    dirs.push(app);
    for (const source of ['package.json', 'bin', 'src', 'commands', 'data/corpus', 'data/csl']) await cp(path.join(PROJECT_ROOT, source), path.join(app, source), { recursive: true });
    await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(app, 'node_modules'), 'dir');
    const doctor = await run(app, ['doctor']);
    expect(doctor.out).toMatch(/PROBLEM\s+WordNet: .*synonyms are off/);
    expect(doctor.code).toBe(1);
  }, 120_000);

  it('GIVEN the run-time sources THEN every package they import is a production dependency (npm ci --omit=dev keeps it)', async () => {
    const pkg = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const builtins = new Set(builtinModules);
    const missing: string[] = [];
    for (const file of [...(await sourceFiles(path.join(PROJECT_ROOT, 'src'))), ...(await sourceFiles(path.join(PROJECT_ROOT, 'commands')))]) {
      const text = await readFile(file, 'utf8');
      // Type-only imports are erased when Node strips the types, so they need nothing at run time.
      const specifiers = [...text.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^'.][^']*)'/gms), ...text.matchAll(/import\(\s*'([^'.][^']*)'\s*\)/g)].map((m) => m[1]!);
      for (const s of specifiers) {
        if (s.startsWith('node:') || builtins.has(s)) continue;
        if (!(packageOf(s) in pkg.dependencies)) missing.push(`${path.relative(PROJECT_ROOT, file)}: ${s}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
