/** Runs in the library's worker: the search index of a work (or works), serialised as the saved index is (its lines). */
import { Corpus } from '../corpus/corpus.ts';
import type { WorkBuild } from '../corpus/work.ts';
import { buildIndex } from '../search/index-build.ts';
import { serializeIndex } from '../search/saved-index.ts';

export function serializeCorpusIndex(works: WorkBuild[], inputs: string): string[] {
  return serializeIndex(buildIndex(new Corpus({ works })), inputs);
}
