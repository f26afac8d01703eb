/**
 * A minisearch index over the paragraphs of the bundled texts (data/corpus/*.txt split on blank
 * lines, 40 characters or more), analysed exactly as src/search/index-build.ts wires it, and the
 * search the analysis recommends: the parsed query as an AND of words, phrases checked after.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { PROJECT_ROOT } from '../../src/config.ts';
import { analyseTerm, containsPhrase, parseQuery, tokenize, toMiniSearchQuery } from '../../src/search/analyse/index.ts';

export interface Paragraph {
  id: string;
  text: string;
}

const CORPUS = path.join(PROJECT_ROOT, 'data', 'corpus');

export function corpusParagraphs(): Paragraph[] {
  const out: Paragraph[] = [];
  for (const file of readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort()) {
    const paragraphs = readFileSync(path.join(CORPUS, file), 'utf8')
      .split(/\n[ \t]*\n/)
      .map((p) => p.trim())
      .filter((p) => p.length >= 40);
    paragraphs.forEach((text, i) => out.push({ id: `${file}#${i}`, text }));
  }
  return out;
}

let cached: { paragraphs: Paragraph[]; index: MiniSearch<Paragraph> } | undefined;

export function corpusIndex() {
  if (!cached) {
    const paragraphs = corpusParagraphs();
    const index = new MiniSearch<Paragraph>({
      fields: ['text'],
      tokenize: (text: string) => tokenize(text),
      processTerm: (term: string) => {
        const terms = analyseTerm(term);
        return terms.length ? terms : null;
      },
      searchOptions: { tokenize: (t: string) => [t], processTerm: (t: string) => t },
    });
    index.addAll(paragraphs);
    cached = { paragraphs, index };
  }
  return cached;
}

/**
 * Ids of the paragraphs found for a query, best first, phrases checked with containsPhrase. A
 * query of stop words only, which the index does not hold, is answered by scanning for it.
 */
export function search(query: string): string[] {
  const { index, paragraphs } = corpusIndex();
  const parsed = parseQuery(query);
  if (parsed.empty) return [];
  if (parsed.stopWordsOnly) {
    const wanted = parsed.phrases.length > 0 ? parsed.phrases : [parsed.text];
    return paragraphs.filter((p) => wanted.every((w) => containsPhrase(p.text, w))).map((p) => p.id);
  }
  const byId = new Map(paragraphs.map((p) => [p.id, p.text]));
  return index
    .search(toMiniSearchQuery(parsed))
    .map((r) => String(r.id))
    .filter((id) => parsed.phrases.every((ph) => containsPhrase(byId.get(id) ?? '', ph)));
}

export const textOf = (id: string) => corpusIndex().paragraphs.find((p) => p.id === id)?.text ?? '';
