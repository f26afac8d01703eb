/**
 * How a collection's corpus gets its search. Each work a group added has its own index (built in
 * the library's worker thread — the module named by `indexModule` runs there — and saved beside the
 * collection's build); a group's search asks the bundled corpus's index, held once and shared by
 * every group, together with its works' indexes. So adding a text indexes that text only, removing
 * one drops its index, and nothing is rebuilt. `src/app.ts` picks the backend; a backend without
 * `indexModule` builds on the calling thread.
 */
import type { SearchService } from '../services.ts';
import type { Corpus } from '../corpus/corpus.ts';
import type { WorkBuild } from '../corpus/work.ts';
import { SearchEngine } from '../search/engine.ts';
import { buildIndex } from '../search/index-build.ts';
import { LayeredCandidateSource, type ScoringLayer } from '../search/layered-source.ts';
import { MemoryCandidateSource } from '../search/memory-source.ts';
import { parseIndex, parseIndexAsync, serializeIndex } from '../search/saved-index.ts';

/** One work's index, opened. */
export type WorkIndex = MemoryCandidateSource;

export interface SearchBackend {
  /** URL of a module exporting `serializeCorpusIndex(works: WorkBuild[], inputs: string): string[]` (the saved index's lines). */
  indexModule?: string;
  /**
   * One work's index from its serialised form when it is given and current; otherwise built here
   * (`rebuilt` says so, with why, so the caller can save it).
   */
  openWork(corpus: Corpus, work: WorkBuild, serialized: readonly string[] | undefined, inputs: string): { index: WorkIndex; rebuilt?: string };
  /** The search over `corpus` (the bundled works and the group's): the bundled index and these (works' indexes, or the group's texts in PostgreSQL). */
  search(corpus: Corpus, works: ScoringLayer[]): SearchService;
  /** `openWork` of a current saved index without holding the thread for all of it; undefined when it cannot be used. */
  loadWork?(serialized: readonly string[], inputs: string): Promise<WorkIndex | undefined>;
  /** A work's index in the form `indexModule` makes (to save one built by `openWork`). */
  serialize(index: WorkIndex, inputs: string): string[];
}

/** The embedded backend: minisearch indexes in memory beside the bundled one, ranked by `SearchEngine`. */
export function memorySearchBackend(base: SearchEngine): SearchBackend {
  if (!(base.source instanceof MemoryCandidateSource)) throw new Error('library/search-backend: the memory backend needs the bundled corpus in a MemoryCandidateSource');
  const bundled = base.source;
  return {
    indexModule: new URL('./search-index.ts', import.meta.url).href,
    openWork(corpus, work, serialized, inputs) {
      const parsed = serialized === undefined ? { problem: 'no saved index' } : parseIndex(serialized, inputs);
      if (parsed.index) return { index: new MemoryCandidateSource(parsed.index) };
      return { index: new MemoryCandidateSource(buildIndex(corpus, [work])), rebuilt: parsed.problem ?? 'unreadable' };
    },
    search(corpus, works) {
      return new SearchEngine(corpus, new LayeredCandidateSource<ScoringLayer>([bundled, ...works]), { shared: base });
    },
    async loadWork(serialized, inputs) {
      const { index } = await parseIndexAsync(serialized, inputs);
      return index && new MemoryCandidateSource(index);
    },
    serialize: (index, inputs) => serializeIndex(index.index, inputs),
  };
}
