/**
 * A question that names a work's author ("why does Furr call these lies", "what does Mukherjee say
 * about …") asks for the author's own words, which rarely name him: the name reaches his running
 * text only through the second field, for first-person passages (speaker.ts), at 0.3. A note that
 * cites him ("Furr, Khrushchev Lied, p. 12") has the name in its text at full weight, so it
 * outranked the passage asked for (a teammate's case: the author's own note 35th, past the
 * candidates the rerank reads). So the name is optional — a passage need not have it, and one
 * that has it (his "I found …" read under his name, a note citing him) still scores it — and the
 * passages that may answer are his works' own text and notes and any passage that names him: a
 * passage of another work that does not is no answer to what he says.
 * A reference lookup (a siglum, "Furr, Khrushchev Lied", an author and a year, who published …,
 * "who is Furr") and a short topic ("Furr Trotsky") keep the name as a word to find.
 */
import { fold, type QueryWord } from './analyse/index.ts';
import type { QueryReading } from './query-reading.ts';
import { readsAsCitation } from './siglum.ts';
import { escapeRegExp } from '../regexp.ts';

/** The question words a reader opens a question about what an author says with. */
const QUESTION_OPENING = /^(?:why|what|how|does|did|do|is|was|where|when|which|according)(?!\p{L})/u;

/** The authors' surnames of a library's works, folded: the names that count as met. */
export function authorSurnames(works: Iterable<{ meta: { authors: readonly { family?: string }[] } }>): Set<string> {
  const names = new Set<string>();
  for (const w of works) for (const a of w.meta.authors) if (a.family) names.add(fold(a.family));
  return names;
}

/**
 * The query's words with the author's name it asks about made optional (a passage need not have it), or undefined when it names no author
 * or is a reference lookup. At least two words of substance stay, so the question still has a subject.
 */
export function withoutAuthorName(text: string, words: readonly QueryWord[], reading: QueryReading, surnames: ReadonlySet<string>): { names: Set<string>; words: QueryWord[] } | undefined {
  if (reading.siglum !== undefined && readsAsCitation(text)) return undefined;
  if (reading.publisher || reading.whoIs || /\d/u.test(text) || !QUESTION_OPENING.test(fold(text).trim())) return undefined;
  const names = new Set(words.filter((w) => !w.light && surnames.has(w.text)).map((w) => w.text));
  if (!names.size || words.filter((w) => !w.light && !surnames.has(w.text)).length < 2) return undefined;
  return { names, words: words.map((w) => (names.has(w.text) ? { ...w, optional: true } : w)) };
}

/**
 * Who meets the name: a passage of a work the named author wrote (its text and its notes), or one
 * whose own text names him; a passage of another work that does not is no answer to what he says.
 * Asked of every passage that has the query's other words (thousands in a large library), so the
 * name is looked for in the passage's folded text, kept per passage, by a pattern made once per
 * query: reading each passage's words for it (passage-reading.ts) made a question naming an author
 * ~15x slower than any other on an 8 MB library (bench, "naming an author") and emptied the bounded
 * cache of readings the rerank keeps.
 */
export function nameMeeter(names: ReadonlySet<string>): (authors: readonly { family?: string }[], folded: () => string) => boolean {
  // A whole word as the passage's words are split (term-positions.ts PASSAGE_WORD): no letter, digit
  // or mark either side, and no apostrophe joining a letter ("d'Artagnan" is one word).
  const word = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}]|[\\p{L}\\p{N}\\p{M}]['’])(?:${[...names].map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}\\p{M}]|['’]\\p{L})`, 'u');
  const byAuthors = new WeakMap<readonly { family?: string }[], boolean>();
  return (authors, folded) => {
    let his = byAuthors.get(authors);
    if (his === undefined) byAuthors.set(authors, (his = authors.some((a) => a.family !== undefined && names.has(fold(a.family)))));
    return his || word.test(folded());
  };
}
