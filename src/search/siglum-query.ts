/**
 * A short citation typed as the text prints it ("Broué 1980", "Furr Khrushchev Lied", "Sedov,
 * Livre rouge"): the query is the siglum a bibliography entry ends with, which the text's "(Broué
 * 1980)" stands for, and the entry's full reference is what was asked. Without this the passages
 * repeating the two words ("Since Broué's 1980 article …") and the notes citing the siglum ranked
 * above the entry, which weighs half as a passage does (engine.ts BIBLIOGRAPHY_WEIGHT). Only a
 * siglum that reads as a citation counts: an author and a year, or an author, a comma and a title.
 * A title alone ("Kirov", "Genrikh Iagoda", "1937 Trial") is what a reader types for the topic.
 */
import { analyseTerm, fold, type QueryWord } from './analyse/index.ts';
import { PASSAGE_WORD } from './term-positions.ts';

/** "Broué 1980", "Rogovin 1937", "Lubianka 1937-1938": a name first, a year (or a span of years) last. */
const AUTHOR_YEAR = /^\p{L}[^,]*\s(?:1[5-9]|20)\d\d(?:\s*[-–]\s*\d{2,4})?$/u;
/** "Furr, Khrushchev Lied", "Sedov, Livre rouge", "Broué, POS": a surname, a comma, a title. */
const AUTHOR_TITLE = /^\p{Lu}[\p{L}'’-]+,\s+\p{L}/u;

export const readsAsCitation = (siglum: string): boolean => AUTHOR_YEAR.test(siglum.trim()) || AUTHOR_TITLE.test(siglum.trim());

/**
 * Are the query's words the siglum's words, each met by the other by an index term (so "Broue" and
 * "Broué", or "Khrushchev Lied" and its stems, are alike), none left over on either side?
 */
export function typesSiglum(words: readonly QueryWord[], siglum: string): boolean {
  if (!readsAsCitation(siglum)) return false;
  const tokens = (fold(siglum).match(PASSAGE_WORD) ?? []).map((t) => new Set(analyseTerm(t))).filter((s) => s.size > 0);
  if (tokens.length < 2 || words.length < 2) return false;
  const query = words.map((w) => new Set([...w.terms, ...w.parts.flatMap((p) => p.terms)]));
  const meets = (a: Set<string>, b: Set<string>) => [...a].some((t) => b.has(t));
  return tokens.every((t) => query.some((q) => meets(t, q))) && query.every((q) => tokens.some((t) => meets(t, q)));
}
