/**
 * The explicit context every command receives: configuration, logger, and the services built on
 * the corpus. Nothing is reached through globals; tests build the same context on the real corpus.
 */
import type { Logger } from 'pino';
import type { Scope, CitationStyleId } from './dispatch/types.ts';
import type { Config } from './config.ts';
import type { Corpus } from './corpus/corpus.ts';
import type { BibEntry, Block, Lang } from './corpus/model.ts';
import type { WorkBuild } from './corpus/work.ts';
import type { WordMatch } from './search/match-report.ts';

export interface SearchOptions {
  work?: string;
  author?: string;
  lang?: Lang;
  limit?: number;
  offset?: number;
  /** Only passages that are one side of a translation pair. */
  pairsOnly?: boolean;
}

export interface SearchHit {
  block: Block;
  work: WorkBuild;
  score: number;
  /** A short extract around the matched terms, matched words wrapped in `**`. */
  snippet: string;
  /** The passage after it that gives what the question asks for, shown with it (search/answer-after.ts). */
  after?: Block;
  /** The heading of the section the query named, shown above the passage that begins it (search/section-named.ts). */
  heading?: Block;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Hits before paging (after near-duplicates were folded). */
  total: number;
  /** Said to the user when the query was changed (truncated, phrase ignored…). */
  notices: string[];
  /** How the first hit meets each content word of the query (absent for phrases and stop words only). */
  match?: WordMatch[];
}

export interface SearchService {
  /** Throws UserError('query.empty' | 'query.unusable', …) for a query with nothing to search. */
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /** Up to `limit` completions for a partly typed query (autocomplete). */
  suggest(prefix: string, limit: number): Promise<string[]>;
}

export type ExportFormat = 'bibtex' | 'ris' | 'csl-json';

export interface Citer {
  /**
   * A passage's citation in a style, with its pinpoint (page where the text states one); `through`,
   * a later passage shown with it, makes the pinpoint a range when one can be stated.
   */
  passage(block: Block, work: WorkBuild, style: CitationStyleId, through?: Block): string;
  /** A work's full reference. */
  work(work: WorkBuild, style: CitationStyleId): string;
  /** A bibliography entry formatted in a style (from the entry's parsed parts; its own words are kept elsewhere). */
  entry(entry: BibEntry, style: CitationStyleId): string;
  export(items: { work: WorkBuild; entry?: BibEntry; block?: Block }[], format: ExportFormat): string;
  /** Items' full references, in the order the style's bibliography sorts them. */
  bibliography(items: { work: WorkBuild; entry?: BibEntry }[], style: CitationStyleId): { index: number; text: string }[];
  csl(item: { work: WorkBuild; entry?: BibEntry; block?: Block }): Record<string, unknown>;
}

/** What a collection sees: the bundled corpus, plus the group's own texts when it has any. */
export interface CorpusView {
  corpus: Corpus;
  search: SearchService;
}

export interface LecternContext {
  config: Config;
  log: Logger;
  cite: Citer;
  view(scope: Pick<Scope, 'collection'>): CorpusView;
  /**
   * `view` without holding other commands up while a group's library is loaded (its first command,
   * or after it was let go under LIBRARY_CACHE_MB); dispatch and autocomplete use this.
   */
  open?(scope: Pick<Scope, 'collection'>): Promise<CorpusView>;
  /** Groups' own texts (add, remove, list); absent where a context has no library. */
  library?: import('./library/index.ts').LibraryService;
  /** Threads: their work, last citation and notes (the conversation module). */
  conversations?: import('./conversation/store.ts').ConversationStore;
  /** Per-group defaults set with /settings. */
  settings?: import('./settings/group-settings.ts').SettingsStore;
}

export interface CommandContext extends LecternContext {
  scope: Scope;
  corpus: Corpus;
  search: SearchService;
}
