/** The real bundled corpus, ingested in memory once per test file (no data/build needed). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Corpus } from '../../src/corpus/corpus.ts';
import { ingestWork } from '../../src/corpus/ingest/work.ts';
import { loadManifest } from '../../src/corpus/manifest.ts';
import type { CorpusBuild, WorkBuild } from '../../src/corpus/work.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { SearchEngine } from '../../src/search/engine.ts';
import { buildIndex } from '../../src/search/index-build.ts';
import { MemoryCandidateSource } from '../../src/search/memory-source.ts';

export const CORPUS_DIR = path.join(PROJECT_ROOT, 'data', 'corpus');
/**
 * A copy of the development evaluation set (../shared/eval on the machines it was written for), so the
 * tests that assert it run from a bare clone. `npm run eval` prefers ../shared/eval when it is there.
 */
export const EVAL_FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'eval');

let cached: Promise<{ build: Pick<CorpusBuild, 'works'>; corpus: Corpus }> | undefined;

export function realCorpus() {
  cached ??= (async () => {
    const manifest = await loadManifest(path.join(CORPUS_DIR, 'manifest.json'));
    const works: WorkBuild[] = [];
    for (const meta of manifest.works) {
      const file = path.join(CORPUS_DIR, meta.file);
      works.push(ingestWork(meta, await readFile(file), file));
    }
    const build = { works };
    return { build, corpus: new Corpus(build) };
  })();
  return cached;
}

export async function work(id: string): Promise<WorkBuild> {
  const { build } = await realCorpus();
  const w = build.works.find((x) => x.meta.id === id);
  if (!w) throw new Error(`no work ${id}`);
  return w;
}

/** A search engine of its own over the bundled corpus's in-memory index (the corpus is shared). */
export async function realEngine(): Promise<{ corpus: Corpus; engine: SearchEngine }> {
  const { corpus } = await realCorpus();
  return { corpus, engine: new SearchEngine(corpus, new MemoryCandidateSource(buildIndex(corpus))) };
}
