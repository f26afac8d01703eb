/**
 * How a reply's passage meets the query's words: each content word found as itself (any form,
 * spelling or script of it), through a related word (a synonym, a translation, a typo's neighbour:
 * the passage's own word is given), or not at all. The search ranks by all of these; a reader
 * deserves to know which, so a passage that answers only loosely is not presented as an exact hit.
 *
 * Read from the texts the reply shows for the passage (the passage, its footnotes, the other side
 * of its translation pair), because that is what the reader checks the claim against.
 */
import { analyseTerm, fold, fuzzyFor, joinInitials, KEY_MARKER, typoDistance, type QueryWord } from './analyse/index.ts';
import { PASSAGE_WORD } from './term-positions.ts';

export type WordMatch =
  | { word: string; found: 'itself' }
  | { word: string; found: 'related'; as: string }
  | { word: string; found: 'no' };

/** The words a report speaks of: what the query asks about, not its question words and light verbs. */
const contentWords = (words: readonly QueryWord[]): QueryWord[] => words.filter((w) => !w.light && w.terms.length > 0);

/** Each token of the texts with the index terms it stands for, first spelling of each term kept. */
function spellings(texts: readonly string[]): Map<string, string> {
  const byTerm = new Map<string, string>();
  const seen = new Set<string>();
  for (const text of texts) {
    for (const token of joinInitials(text).match(PASSAGE_WORD) ?? []) {
      const folded = fold(token);
      if (seen.has(folded)) continue;
      seen.add(folded);
      for (const term of analyseTerm(token)) if (!byTerm.has(term)) byTerm.set(term, token);
    }
  }
  return byTerm;
}

const ownTerms = (w: QueryWord): string[] => [...w.terms, ...w.parts.flatMap((p) => p.terms)];

/**
 * One entry per content word of the query, in the query's order. A word the typo-tolerant stages
 * matched is not in its expansions: a token within the word's typo distance counts as related.
 */
export function matchReport(words: readonly QueryWord[], texts: readonly string[]): WordMatch[] {
  const content = contentWords(words);
  if (!content.length) return [];
  const byTerm = spellings(texts);
  return content.map((w): WordMatch => {
    if (ownTerms(w).some((t) => byTerm.has(t))) return { word: w.text, found: 'itself' };
    const related = [...(w.expansions ?? [])].sort((a, b) => b.weight - a.weight).find((e) => byTerm.has(e.term));
    if (related) return { word: w.text, found: 'related', as: byTerm.get(related.term)! };
    const max = fuzzyFor(w.text, { unknown: w.unknown ?? false });
    if (max !== false) {
      for (const [term, token] of byTerm) {
        if (term.startsWith(KEY_MARKER)) continue;
        if (typoDistance(w.text, fold(token), max) <= max) return { word: w.text, found: 'related', as: token };
      }
    }
    return { word: w.text, found: 'no' };
  });
}

/** The report says something worth a line only when a word was missing or met by another word. */
export const isLoose = (report: readonly WordMatch[]): boolean => report.some((m) => m.found !== 'itself');
