/** Work done after a corpus build: the search index is rebuilt with it (filled in by the search module). */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { CorpusBuild } from '../corpus/work.ts';

export async function afterIngest(_config: Config, _log: Logger, _build: CorpusBuild): Promise<void> {}
