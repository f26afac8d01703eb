/** Where a query's expected passage ranks among the engine's best ten: 1-based, 0 when it is not there. */
import type { Corpus } from '../../src/corpus/corpus.ts';
import { snippetMatches } from '../../src/eval/normalize.ts';
import type { SearchEngine } from '../../src/search/engine.ts';
import type { SearchHit, SearchOptions } from '../../src/services.ts';
import { shownHitTexts, shownTexts } from '../../src/search/shown.ts';

type Matches = (hit: SearchHit) => boolean;

export async function rankWhere(engine: SearchEngine, query: string, matches: Matches, options: SearchOptions = {}): Promise<number> {
  return (await engine.search(query, { limit: 10, ...options })).hits.findIndex(matches) + 1;
}

/** The hit's own passage holds the snippet. */
export const inPassage = (snippet: string): Matches => (hit) => snippetMatches(hit.block.plain, snippet);
/** What the reply shows for the hit's passage (its note or translation beside it) holds the snippet. */
export const inShown = (corpus: Corpus, snippet: string): Matches => (hit) => shownTexts(corpus, hit.block).some((t) => snippetMatches(t, snippet));
/** The same, with the passage the hit carries after it (a lead-in's quotation). */
export const inShownHit = (corpus: Corpus, snippet: string): Matches => (hit) => shownHitTexts(corpus, hit).some((t) => snippetMatches(t, snippet));
