/** The real bundled corpus, ingested in memory once per test file (no data/build needed). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Corpus } from '../../src/corpus/corpus.ts';
import { ingestWork } from '../../src/corpus/ingest/work.ts';
import { loadManifest } from '../../src/corpus/manifest.ts';
import type { CorpusBuild, WorkBuild } from '../../src/corpus/work.ts';
import type { Block } from '../../src/corpus/model.ts';
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

/**
 * A corpus of one made-up work whose passages are English paragraphs (`texts`, one passage each),
 * its metadata the first bundled work's under another id and title: for a search rule seen alone.
 */
export async function paragraphsCorpus(work: { id: string; title: string; part: string }, texts: readonly string[]): Promise<Corpus> {
  const template = (await realCorpus()).build.works[0]!;
  const blocks: Block[] = texts.map((plain, i) => ({
    id: `${work.id}.p${i + 1}`,
    kind: 'paragraph',
    text: plain,
    plain,
    lang: 'en',
    locator: { work: work.id, part: work.part, chapterTitle: work.part, paragraph: i + 1 },
    markers: [],
    citations: [],
    lines: [i + 1, i + 1],
  }));
  const build: WorkBuild = { ...template, meta: { ...template.meta, id: work.id, title: work.title }, blocks, pairs: [], citations: [], bibliography: [] };
  return new Corpus({ works: [build] });
}

/** A search engine of its own over the bundled corpus's in-memory index (the corpus is shared). */
export async function realEngine(): Promise<{ corpus: Corpus; engine: SearchEngine }> {
  const { corpus } = await realCorpus();
  return { corpus, engine: new SearchEngine(corpus, new MemoryCandidateSource(buildIndex(corpus))) };
}
