/** After a corpus build the search index is rebuilt with it, so nothing is built at start-up. */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { Corpus } from '../corpus/corpus.ts';
import type { CorpusBuild } from '../corpus/work.ts';
import { buildIndex } from '../search/index-build.ts';
import { INDEX_FILE, serializeIndex } from '../search/saved-index.ts';
import { writeAtomic } from '../atomic-write.ts';
import path from 'node:path';

export async function afterIngest(config: Config, log: Logger, build: CorpusBuild): Promise<void> {
  const started = performance.now();
  const index = buildIndex(new Corpus(build));
  await writeAtomic(path.join(config.buildDir, INDEX_FILE), serializeIndex(index, build.inputs));
  log.debug({ ms: Math.round(performance.now() - started), documents: index.documentCount }, 'search index built');
}
