/**
 * Building the corpus (`lectern ingest`) and loading it. The build is written to a temporary file
 * and renamed, so an interrupted run leaves the previous build in place; on load it is validated,
 * and a build that is stale (other inputs, older format) or corrupt is rebuilt with a warning.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { writeAtomic } from '../atomic-write.ts';
import { DataError } from '../errors.ts';
import { ingestWork } from './ingest/work.ts';
import { loadManifest, type Manifest } from './manifest.ts';
import { CORPUS_FORMAT_VERSION, CorpusBuild, type WorkBuild } from './work.ts';

export const CORPUS_FILE = 'corpus.json';

/**
 * The ingestion code is part of a build's inputs: a Lectern whose rules changed rebuilds on its
 * first start instead of serving passages cut by the old rules.
 */
async function ingestionCodeHash(): Promise<string> {
  const h = createHash('sha256');
  const here = path.dirname(new URL(import.meta.url).pathname);
  const dirs = [here, path.join(here, 'ingest')];
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.ts')).sort()) {
      h.update(name);
      h.update(await readFile(path.join(dir, name)));
    }
  }
  return h.digest('hex');
}

export async function inputsFingerprint(corpusDir: string, manifest: Manifest): Promise<string> {
  const h = createHash('sha256');
  h.update(`format:${CORPUS_FORMAT_VERSION}\n`);
  h.update(`code:${await ingestionCodeHash()}\n`);
  h.update(JSON.stringify(manifest));
  for (const w of manifest.works) {
    h.update(w.file);
    h.update(await readFile(path.join(corpusDir, w.file)));
  }
  return h.digest('hex');
}

export interface BuildResult {
  build: CorpusBuild;
  file: string;
}

export async function buildCorpus(corpusDir: string, buildDir: string, log?: Logger): Promise<BuildResult> {
  const manifestFile = path.join(corpusDir, 'manifest.json');
  const manifest = await loadManifest(manifestFile);
  const works: WorkBuild[] = [];
  const problems: string[] = [];
  for (const meta of manifest.works) {
    const file = path.join(corpusDir, meta.file);
    try {
      const bytes = await readFile(file);
      works.push(ingestWork(meta, bytes, file));
      log?.debug({ work: meta.id }, 'ingested');
    } catch (err) {
      problems.push(err instanceof Error ? err.message : String(err));
    }
  }
  if (problems.length) {
    throw new DataError(`ingestion failed, the previous build is kept:\n  - ${problems.join('\n  - ')}`);
  }
  const build: CorpusBuild = {
    format: 'lectern.corpus',
    version: CORPUS_FORMAT_VERSION,
    inputs: await inputsFingerprint(corpusDir, manifest),
    works,
  };
  const out = path.join(buildDir, CORPUS_FILE);
  await writeAtomic(out, `${JSON.stringify(build)}\n`);
  return { build, file: out };
}

export type LoadOutcome = { build: CorpusBuild; rebuilt: false } | { build: CorpusBuild; rebuilt: true; reason: string };

/** Reads and validates the build; returns the reason it cannot be used instead of throwing. */
export async function readBuild(buildDir: string): Promise<{ build?: CorpusBuild; problem?: string }> {
  const file = path.join(buildDir, CORPUS_FILE);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return { problem: 'no build yet' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { problem: `${file} is not valid JSON (corrupt or truncated)` };
  }
  const head = json as { format?: unknown; version?: unknown };
  if (head?.format !== 'lectern.corpus') return { problem: `${file} is not a Lectern corpus build` };
  if (head.version !== CORPUS_FORMAT_VERSION) return { problem: `${file} has format version ${String(head.version)}, this Lectern reads ${CORPUS_FORMAT_VERSION}` };
  const parsed = CorpusBuild.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
    return { problem: `${file} does not match the corpus schema (${first.join('; ')})` };
  }
  return { build: parsed.data };
}

/** The corpus to serve: the saved build when it is current, otherwise a fresh one. */
export async function loadOrBuildCorpus(corpusDir: string, buildDir: string, log: Logger): Promise<LoadOutcome> {
  const manifest = await loadManifest(path.join(corpusDir, 'manifest.json'));
  const fingerprint = await inputsFingerprint(corpusDir, manifest);
  const { build, problem } = await readBuild(buildDir);
  let reason = problem;
  if (build && build.inputs !== fingerprint) reason = 'the corpus or its manifest changed since the last build';
  if (build && !reason) return { build, rebuilt: false };
  if (reason !== 'no build yet') log.warn({ reason }, 'rebuilding the corpus');
  else log.info('building the corpus for the first time');
  const fresh = await buildCorpus(corpusDir, buildDir, log);
  return { build: fresh.build, rebuilt: true, reason: reason ?? 'stale' };
}
