/**
 * How a collection's corpus gets its search: the index is built in the library's worker thread
 * (the module named by `indexModule` runs there) and opened here from its serialised form, which
 * is also what is saved next to the collection's build. A backend without `indexModule` builds on
 * the calling thread (tests with a stand-in search).
 */
import type { SearchService } from '../context.ts';
import type { Corpus } from '../corpus/corpus.ts';

export interface SearchBackend {
  /** URL of a module exporting `serializeCorpusIndex(works: WorkBuild[], inputs: string): string`. */
  indexModule?: string;
  /** The search over `corpus`, from a serialised index when one is given and current (built here otherwise). */
  open(corpus: Corpus, serialized: string | undefined, inputs: string): SearchService;
}

/** The real engine (src/search): minisearch built in the worker, loaded with the saved-index code. */
export async function realSearchBackend(): Promise<SearchBackend> {
  const [{ SearchEngine }, { parseIndex }, { buildIndex }] = await Promise.all([
    import('../search/engine.ts'),
    import('../search/store.ts'),
    import('../search/index-build.ts'),
  ]);
  return {
    indexModule: new URL('./search-index.ts', import.meta.url).href,
    open(corpus, serialized, inputs) {
      const parsed = serialized === undefined ? undefined : parseIndex(serialized, inputs);
      return new SearchEngine(corpus, parsed?.index ?? buildIndex(corpus));
    },
  };
}
