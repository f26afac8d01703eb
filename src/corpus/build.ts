/**
 * Building the corpus (`lectern ingest`) and loading it. The build is written to a temporary file
 * and renamed, so an interrupted run leaves the previous build in place; on load it is validated,
 * and a build that is stale (other inputs, older format) or corrupt is rebuilt with a warning.
 *
 * The build is checked against its schema when it is written, and the file ends with a seal: the
 * SHA-256 of every byte before it (`…,"seal":"<hex>"}`). A file whose seal matches holds exactly
 * what was checked, so loading it checks the format, the version and the seal (~5 ms) instead of
 * walking the whole schema again (~50 ms plus its garbage, a tenth of a one-shot CLI answer). A
 * file without a seal (older Lectern) or whose bytes no longer match it (edited, damaged) gets the
 * full schema validation as before; the schema's code is among the build's inputs (see
 * `ingestionCodeHash`), so a changed schema rebuilds the corpus rather than trusting an old seal.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { writeAtomic } from '../atomic-write.ts';
import { DataError } from '../errors.ts';
import { loadManifest, type Manifest } from './manifest.ts';
import { CORPUS_FORMAT_VERSION, CorpusBuild, type WorkBuild } from './work.ts';

export const CORPUS_FILE = 'corpus.json';
/** What ends a sealed build: `,"seal":"` + 64 hex digits + `"}` and a newline. */
const SEAL_OPEN = ',"seal":"';
const SEAL_LENGTH = SEAL_OPEN.length + 64 + 3;
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The file's text for a build already checked against the schema: its JSON, sealed (see the module comment). */
export function sealedBuild(checked: CorpusBuild): string {
  const open = JSON.stringify(checked).slice(0, -1);
  return `${open}${SEAL_OPEN}${sha256(open)}"}\n`;
}

/** Whether the file's bytes end with a seal that matches them. */
function sealHolds(bytes: Buffer): boolean {
  if (bytes.length <= SEAL_LENGTH) return false;
  const tail = bytes.subarray(bytes.length - SEAL_LENGTH).toString('latin1');
  const match = /^,"seal":"([0-9a-f]{64})"\}\n$/.exec(tail);
  return match !== null && match[1] === sha256(bytes.subarray(0, bytes.length - SEAL_LENGTH));
}

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
  // Ingestion (and its decoders, chardet and iconv-lite) is loaded only to build: a warm start reads the build.
  const { ingestWork } = await import('./ingest/work.ts');
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
  // Checked here, once, so that loading a sealed file need not check it again (the module comment).
  const build = CorpusBuild.parse({
    format: 'lectern.corpus',
    version: CORPUS_FORMAT_VERSION,
    inputs: await inputsFingerprint(corpusDir, manifest),
    works,
  } satisfies CorpusBuild);
  const out = path.join(buildDir, CORPUS_FILE);
  await writeAtomic(out, sealedBuild(build));
  return { build, file: out };
}

export type LoadOutcome = { build: CorpusBuild; rebuilt: false } | { build: CorpusBuild; rebuilt: true; reason: string };

/**
 * Reads and validates the build; returns the reason it cannot be used instead of throwing.
 * `full`: walk the whole schema even when the seal holds (`lectern validate`).
 */
export async function readBuild(buildDir: string, options: { full?: boolean } = {}): Promise<{ build?: CorpusBuild; problem?: string; sealed?: boolean }> {
  const file = path.join(buildDir, CORPUS_FILE);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return { problem: 'no build yet' };
  }
  const sealed = sealHolds(bytes);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { problem: `${file} is not valid JSON (corrupt or truncated)` };
  }
  const head = json as { format?: unknown; version?: unknown };
  if (head?.format !== 'lectern.corpus') return { problem: `${file} is not a Lectern corpus build` };
  if (head.version !== CORPUS_FORMAT_VERSION) return { problem: `${file} has format version ${String(head.version)}, this Lectern reads ${CORPUS_FORMAT_VERSION}` };
  if (sealed && !options.full) {
    // Exactly the bytes written after the schema check; zod strips keys it does not know, the seal too.
    delete (json as { seal?: unknown }).seal;
    return { build: json as CorpusBuild, sealed };
  }
  const parsed = CorpusBuild.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`);
    return { problem: `${file} does not match the corpus schema (${first.join('; ')})` };
  }
  return { build: parsed.data, sealed };
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
