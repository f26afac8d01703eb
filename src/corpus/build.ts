/**
 * Building the corpus (`lectern ingest`) and loading it. The build is written to a temporary file
 * and renamed, so an interrupted run leaves the previous build in place; on load it is validated,
 * and a build that is stale (other inputs, older format) or corrupt is rebuilt with a warning.
 *
 * The build is checked against its schema when it is written and sealed (src/sealed-json.ts): a
 * file whose seal holds is loaded checking its format, version and seal (~10 ms) instead of
 * walking the whole schema again (~80 ms with its garbage, a sixth of a one-shot CLI answer); a
 * file without a seal (older Lectern) or whose bytes no longer match it (edited, damaged) gets the
 * full schema validation as before. The schema's code is among the build's inputs (see
 * `ingestionCode`), so a changed schema rebuilds the corpus rather than trusting an old seal.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { writeAtomic } from '../atomic-write.ts';
import { DataError } from '../errors.ts';
import { readSealedJson, sealedJson } from '../sealed-json.ts';
import { stampedValue } from '../stamp-cache.ts';
import { loadManifest, type Manifest } from './manifest.ts';
import { CORPUS_FORMAT_VERSION, CorpusBuild, type WorkBuild } from './work.ts';

export const CORPUS_FILE = 'corpus.json';
/**
 * The ingestion code is part of a build's inputs: a Lectern whose rules changed rebuilds on its
 * first start instead of serving passages cut by the old rules.
 */
async function ingestionCode(): Promise<{ hash: string; files: string[] }> {
  const h = createHash('sha256');
  const here = path.dirname(new URL(import.meta.url).pathname);
  const dirs = [here, path.join(here, 'ingest')];
  const files = [...dirs];
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.ts')).sort()) {
      h.update(name);
      h.update(await readFile(path.join(dir, name)));
      files.push(path.join(dir, name));
    }
  }
  return { hash: h.digest('hex'), files };
}

/** The fingerprint of the build's inputs, and every file (and folder) it was made from. */
async function inputsOf(corpusDir: string, manifest: Manifest): Promise<{ value: string; files: string[] }> {
  const code = await ingestionCode();
  const h = createHash('sha256');
  h.update(`format:${CORPUS_FORMAT_VERSION}\n`);
  h.update(`code:${code.hash}\n`);
  h.update(JSON.stringify(manifest));
  const files = [...code.files];
  for (const w of manifest.works) {
    h.update(w.file);
    h.update(await readFile(path.join(corpusDir, w.file)));
    files.push(path.join(corpusDir, w.file));
  }
  return { value: h.digest('hex'), files };
}

export async function inputsFingerprint(corpusDir: string, manifest: Manifest): Promise<string> {
  return (await inputsOf(corpusDir, manifest)).value;
}

/** Beside the build: the inputs' fingerprint with the stamps of the files it was made from (src/stamp-cache.ts). */
export const INPUTS_STAMPS_FILE = 'inputs.stamps.json';

/**
 * The fingerprint of the corpus's current inputs, as `inputsFingerprint` makes it after the
 * manifest's validation. While the manifest, the texts and the ingestion code keep their stamps it
 * is the one recorded when they were last read, validated and hashed (a warm start read each text
 * twice and walked the manifest's schema for it); any change and they are read and checked again.
 */
export async function currentInputs(corpusDir: string, buildDir: string): Promise<string> {
  return await stampedValue(path.join(buildDir, INPUTS_STAMPS_FILE), `corpus-inputs:${path.resolve(corpusDir)}`, async () => {
    const manifestFile = path.join(corpusDir, 'manifest.json');
    const { value, files } = await inputsOf(corpusDir, await loadManifest(manifestFile));
    return { value, files: [manifestFile, ...files] };
  });
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
  await writeAtomic(out, sealedJson(build));
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
  let json: unknown;
  let sealed: boolean;
  try {
    ({ json, sealed } = readSealedJson(bytes));
  } catch {
    return { problem: `${file} is not valid JSON (corrupt or truncated)` };
  }
  const head = json as { format?: unknown; version?: unknown };
  if (head?.format !== 'lectern.corpus') return { problem: `${file} is not a Lectern corpus build` };
  if (head.version !== CORPUS_FORMAT_VERSION) return { problem: `${file} has format version ${String(head.version)}, this Lectern reads ${CORPUS_FORMAT_VERSION}` };
  if (sealed && !options.full) {
    // Exactly the bytes written after the schema check.
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
  const fingerprint = await currentInputs(corpusDir, buildDir);
  const { build, problem, sealed } = await readBuild(buildDir);
  let reason = problem;
  if (build && build.inputs !== fingerprint) reason = 'the corpus or its manifest changed since the last build';
  if (build && !reason) {
    // A current build of an older Lectern passed the full schema just now: sealed, later loads need not walk it.
    if (!sealed) await writeAtomic(path.join(buildDir, CORPUS_FILE), sealedJson(build)).catch((err: unknown) => log.debug({ err }, 'the corpus build could not be sealed'));
    return { build, rebuilt: false };
  }
  if (reason !== 'no build yet') log.warn({ reason }, 'rebuilding the corpus');
  else log.info('building the corpus for the first time');
  const fresh = await buildCorpus(corpusDir, buildDir, log);
  return { build: fresh.build, rebuilt: true, reason: reason ?? 'stale' };
}
