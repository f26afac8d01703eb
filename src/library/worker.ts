/**
 * The library's worker thread: extraction, ingestion and index building run here so that a large
 * PDF never holds up the commands other groups are sending.
 */
import { parentPort } from 'node:worker_threads';
import type { WorkBuild } from '../corpus/work.ts';
import { isUserError } from '../errors.ts';
import { detectFormat, extractFile, loadExtractor } from './extract/index.ts';
import { ingestExtracted } from './ingest.ts';
import { draftMeta } from './meta.ts';
import type { IngestJob, IngestResult, Job, Outcome } from './worker-protocol.ts';

export async function runIngest(job: IngestJob): Promise<IngestResult> {
  const x = await extractFile(job.bytes, job.name, job.contentType, { maxPages: job.maxPages });
  const meta =
    job.meta ??
    draftMeta({
      format: x.format,
      fileName: job.name,
      storedFile: job.draft!.storedFile,
      metadata: x.metadata,
      overrides: job.draft!.overrides,
      takenIds: new Set(job.draft!.takenIds),
      ...(x.pages ? { pages: x.pages } : {}),
      textLength: x.text.length,
      actor: job.draft!.actor,
      addedAt: job.draft!.addedAt,
    });
  const work = ingestExtracted(meta, x, job.sha256);
  return { work, format: x.format, ...(x.pages ? { pages: x.pages } : {}), metadata: x.metadata };
}

const indexModules = new Map<string, Promise<{ serializeCorpusIndex(works: WorkBuild[], inputs: string): string[] }>>();

function indexModule(module: string) {
  let mod = indexModules.get(module);
  if (!mod) {
    mod = import(module);
    indexModules.set(module, mod);
  }
  return mod;
}

export async function runJob(job: Job): Promise<unknown> {
  if (job.kind === 'ingest') return await runIngest(job);
  return (await indexModule(job.module)).serializeCorpusIndex(job.works, job.inputs);
}

/** Loads the code a job will run, so that its time limit counts the work and not the imports. */
async function loadFor(job: Job): Promise<void> {
  try {
    if (job.kind === 'ingest') await loadExtractor(detectFormat(job.bytes, job.name, job.contentType));
    else await indexModule(job.module);
  } catch {
    // What cannot be detected or loaded fails again inside the job, where its error is reported.
  }
}

parentPort?.on('message', async (message: { id: number; job: Job }) => {
  await loadFor(message.job);
  parentPort!.postMessage({ id: message.id, started: true } satisfies Outcome);
  let outcome: Outcome;
  try {
    outcome = { id: message.id, ok: true, value: await runJob(message.job) };
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    outcome = {
      id: message.id,
      ok: false,
      message: e.message,
      ...(e.stack ? { stack: e.stack } : {}),
      ...(isUserError(err) ? { userError: { identifier: err.identifier, message: err.message } } : {}),
    };
  }
  parentPort!.postMessage(outcome);
});
