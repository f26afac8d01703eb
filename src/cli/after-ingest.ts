/**
 * After a corpus build the search index is rebuilt with it, so nothing is built at start-up; and its
 * fast-loading copy (index-snapshot.ts) is made here too, of the index as index.json reads back, with
 * the passages' term positions: stemming is warm after the build, and the first start does not pay.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { Corpus } from '../corpus/corpus.ts';
import type { CorpusBuild } from '../corpus/work.ts';
import { buildIndex } from '../search/index-build.ts';
import { INDEX_FILE, keepSnapshot, parseIndex, serializeIndex } from '../search/saved-index.ts';
import { writeAtomic } from '../atomic-write.ts';
import path from 'node:path';

export async function afterIngest(config: Config, log: Logger, build: CorpusBuild): Promise<void> {
  const started = performance.now();
  const corpus = new Corpus(build);
  const index = buildIndex(corpus);
  const lines = serializeIndex(index, build.inputs);
  await writeAtomic(path.join(config.buildDir, INDEX_FILE), lines);
  const { index: read } = parseIndex(lines, build.inputs);
  if (read) await keepSnapshot(config.buildDir, read, build.inputs, corpus, log);
  log.debug({ ms: Math.round(performance.now() - started), documents: index.documentCount }, 'search index built');
}
