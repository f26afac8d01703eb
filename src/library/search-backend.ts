/**
 * How a collection's corpus gets its search: the index is built in the library's worker thread
 * (the module named by `indexModule` runs there) and opened here from its serialised form, which
 * is also what is saved next to the collection's build. `src/app.ts` picks the backend; a backend
 * without `indexModule` builds on the calling thread.
 */
import type { SearchService } from '../services.ts';
import type { Corpus } from '../corpus/corpus.ts';
import { SearchEngine } from '../search/engine.ts';
import { buildIndex } from '../search/index-build.ts';
import { MemoryCandidateSource } from '../search/memory-source.ts';
import { parseIndex } from '../search/saved-index.ts';

export interface SearchBackend {
  /** URL of a module exporting `serializeCorpusIndex(works: WorkBuild[], inputs: string): string`. */
  indexModule?: string;
  /** The search over `corpus`, from a serialised index when one is given and current (built here otherwise). */
  open(corpus: Corpus, serialized: string | undefined, inputs: string): SearchService;
}

/** The embedded backend: minisearch built in the worker, loaded in memory, ranked by `SearchEngine`. */
export function memorySearchBackend(): SearchBackend {
  return {
    indexModule: new URL('./search-index.ts', import.meta.url).href,
    open(corpus, serialized, inputs) {
      const parsed = serialized === undefined ? undefined : parseIndex(serialized, inputs);
      return new SearchEngine(corpus, new MemoryCandidateSource(parsed?.index ?? buildIndex(corpus)));
    },
  };
}
