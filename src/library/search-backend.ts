/**
 * How a collection's corpus gets its search: the collection's own index (its texts only) is built
 * in the library's worker thread (the module named by `indexModule` runs there) and opened here
 * from its serialised form, which is also what is saved next to the collection's build; a search
 * asks it together with the bundled corpus's index, which is held once and shared by every
 * collection. `src/app.ts` picks the backend; a backend without `indexModule` builds on the
 * calling thread.
 */
import type { SearchService } from '../services.ts';
import type { Corpus } from '../corpus/corpus.ts';
import type { WorkBuild } from '../corpus/work.ts';
import { SearchEngine } from '../search/engine.ts';
import { buildIndex } from '../search/index-build.ts';
import { LayeredCandidateSource } from '../search/layered-source.ts';
import { MemoryCandidateSource } from '../search/memory-source.ts';
import { parseIndex } from '../search/saved-index.ts';

export interface SearchBackend {
  /** URL of a module exporting `serializeCorpusIndex(works: WorkBuild[], inputs: string): string`. */
  indexModule?: string;
  /**
   * The search over `corpus` (the bundled works and `own`), from a serialised index of `own` when
   * one is given and current (built here otherwise).
   */
  open(corpus: Corpus, own: WorkBuild[], serialized: string | undefined, inputs: string): SearchService;
}

/** The embedded backend: the group's minisearch index built in the worker, beside the bundled one, ranked by `SearchEngine`. */
export function memorySearchBackend(base: SearchEngine): SearchBackend {
  if (!(base.source instanceof MemoryCandidateSource)) throw new Error('library/search-backend: the memory backend needs the bundled corpus in a MemoryCandidateSource');
  const bundled = base.source;
  return {
    indexModule: new URL('./search-index.ts', import.meta.url).href,
    open(corpus, own, serialized, inputs) {
      const parsed = serialized === undefined ? undefined : parseIndex(serialized, inputs);
      const index = parsed?.index ?? buildIndex(corpus, own);
      return new SearchEngine(corpus, new LayeredCandidateSource([bundled, new MemoryCandidateSource(index)]), { shared: base });
    },
  };
}
