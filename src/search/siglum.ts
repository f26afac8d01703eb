/**
 * A bibliography entry's siglum as an abbreviation a reader may type ("TIE", "PiLT2", "R-PP",
 * "RKEB 2", "Izv TsK KPSS", "Sots. Vest."), and the key it is compared by: folded, its spaces,
 * stops and hyphens left out, since a reader types "RPP", "R PP" or "R-PP" for one siglum; and a
 * query that is a siglum: an abbreviation typed as several words (`querySiglum`), or a short
 * citation as the text prints it ("Broué 1980": `typesSiglum`).
 */
import { EN_STOPWORDS, analyseTerm, fold, isLightWord, type QueryWord } from './analyse/index.ts';
import { PASSAGE_WORD } from './term-positions.ts';

/** Letters and digits only, folded: "Sots. Vest." and "SotsVest" are one key. */
export const siglumKey = (s: string): string => fold(s).replace(/[^\p{L}\p{N}]/gu, '');

/** One word of two capitals at least ("TIE", "CahLT", "R-PP", "Byull.-Opp."), not a name ("Lenoe"). */
const ONE_WORD = /^(?=(?:[^\p{Lu}]*\p{Lu}){2})[\p{L}\p{N}.-]+$/u;
/** A word of a siglum of several: capitalised and short ("Izv", "TsK"), in capitals or digits ("RKEB", "2"), or cut with a stop ("Sots."). */
const PART = /^(?:\p{Lu}[\p{L}]{0,3}|[\p{Lu}\p{N}-]+|\p{Lu}[\p{L}-]*\.)$/u;
const CAPITALS = /\p{Lu}/gu;

/** The siglum's key when it is an abbreviation, else undefined ("Kantor Voina", "Furr and Bobrov Cohen" are an author's). */
export function abbreviatedSiglum(siglum: string | undefined): string | undefined {
  if (!siglum) return undefined;
  const parts = siglum.trim().split(/\s+/u);
  const abbreviation = parts.length === 1 ? ONE_WORD.test(parts[0]!) : parts.every((p) => PART.test(p)) && (siglum.match(CAPITALS) ?? []).length >= 2;
  return abbreviation ? siglumKey(siglum) : undefined;
}

/** A siglum of several words, or with hyphens or stops, as one word: what a reader types without them. */
export function joinedSiglum(siglum: string | undefined): string | undefined {
  if (!siglum || !/[\s.-]/u.test(siglum.trim())) return undefined;
  const key = abbreviatedSiglum(siglum);
  return key && siglum.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The query as one siglum key (`siglumKey`), its stop words and light words left out, when it is
 * several words ("R PP", "what is R PP", "Sots. Vest."): single words are read as words already.
 */
export function querySiglum(text: string): string | undefined {
  const kept = text.split(/\s+/u).filter((t) => {
    const k = siglumKey(t);
    return k && !EN_STOPWORDS.has(k) && !isLightWord(k);
  });
  return kept.length >= 2 && kept.length <= MAX_SIGLUM_WORDS ? siglumKey(kept.join('')) : undefined;
}
/** More words than this are a question about a title, not a siglum typed. */
const MAX_SIGLUM_WORDS = 4;

/**
 * A short citation typed as the text prints it ("Broué 1980", "Furr Khrushchev Lied", "Sedov,
 * Livre rouge"): the query is the siglum a bibliography entry ends with, which the text's "(Broué
 * 1980)" stands for, and the entry's full reference is what was asked. Without this the passages
 * repeating the two words ("Since Broué's 1980 article …") and the notes citing the siglum ranked
 * above the entry, which weighs half as a passage does (engine.ts BIBLIOGRAPHY_WEIGHT). Only a
 * siglum that reads as a citation counts: an author and a year, or an author, a comma and a title.
 * A title alone ("Kirov", "Genrikh Iagoda", "1937 Trial") is what a reader types for the topic.
 */

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
  return siglumTyped(words)(siglum);
}

/** `typesSiglum` with the query's part made once, for the many entries a stage reads. */
export function siglumTyped(words: readonly QueryWord[]): (siglum: string) => boolean {
  const typed = wordsTyped(words);
  return (siglum) => readsAsCitation(siglum) && typed(siglum);
}

/**
 * An entry's authors' surnames and its title ("Costello Tsarev Deadly Illusions", "Lenoe The Kirov
 * Murder and Soviet History"): typed whole (`typesWords`), the query is the reference itself, which
 * the text's citations ("Costello & Tsarev, Deadly Illusions p. 283") and the notes quoting the
 * title repeat in passages outranking the entry, weighed half (engine.ts BIBLIOGRAPHY_WEIGHT).
 * A reader also types the title without its subtitle ("Rokovye illiuzii" for "Rokovye illiuzii: iz
 * arkhivov KGB: …") and a surname as the entry's other spelling of it ("John Costello (Kostello)"),
 * so each is one way of typing it.
 */
export function referenceWords(entry: { names?: { family?: string }[]; title?: string; text?: string } | undefined): string[] {
  const families = (entry?.names ?? []).flatMap((n) => (n.family ? [n.family] : []));
  const title = entry?.title;
  if (!families.length || !title) return [];
  const main = mainTitle(title);
  const titles = main && main !== title ? [title, main] : [title];
  const spellings = [families];
  const other = entry?.text ? otherSpellings(entry.text.slice(0, Math.max(0, entry.text.indexOf(title))), families) : undefined;
  if (other) spellings.push(other);
  return spellings.flatMap((names) => titles.map((t) => `${names.join(' ')} ${t}`));
}

/** A title's words before its subtitle (after ": ", ". ", "? ", "! "), when some are left. */
function mainTitle(title: string): string | undefined {
  const cut = title.search(/[:.?!]\s/u);
  return cut > 0 ? title.slice(0, cut).trim() || undefined : undefined;
}

/** The surnames with a spelling the entry gives in parentheses after one ("Costello (Kostello)") put in its place. */
function otherSpellings(names: string, families: readonly string[]): string[] | undefined {
  let changed = false;
  const spelled = families.map((family) => {
    const at = names.indexOf(family);
    const alias = at < 0 ? undefined : /^\s*\((\p{Lu}[\p{L}'’-]+)\)/u.exec(names.slice(at + family.length))?.[1];
    if (alias) changed = true;
    return alias ?? family;
  });
  return changed ? spelled : undefined;
}

/** Are the query's words the text's words, each met by the other by an index term, none left over on either side? */
export function typesWords(words: readonly QueryWord[], text: string): boolean {
  return wordsTyped(words)(text);
}

/** Texts whose words' terms are kept (entries' references and sigla: few per library), at most; then dropped whole. */
const TEXT_TERMS_LIMIT = 4_000;
const textTerms = new Map<string, readonly ReadonlySet<string>[]>();
/** Each word of the text by its index terms (words without one left out): the same for every query, so made once per text. */
function termsOfText(text: string): readonly ReadonlySet<string>[] {
  let tokens = textTerms.get(text);
  if (!tokens) {
    tokens = (fold(text).match(PASSAGE_WORD) ?? []).map((t) => new Set(analyseTerm(t))).filter((s) => s.size > 0);
    if (textTerms.size >= TEXT_TERMS_LIMIT) textTerms.clear();
    textTerms.set(text, tokens);
  }
  return tokens;
}

const meets = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].some((t) => b.has(t));

/**
 * `typesWords` with the query's part made once: a stage asks it of every entry among its
 * candidates, and each entry's words are analysed once per text (`termsOfText`), not once per query.
 */
export function wordsTyped(words: readonly QueryWord[]): (text: string) => boolean {
  if (words.length < 2) return () => false;
  const query = words.map((w) => new Set([...w.terms, ...w.parts.flatMap((p) => p.terms)]));
  return (text) => {
    const tokens = termsOfText(text);
    if (tokens.length < 2) return false;
    return tokens.every((t) => query.some((q) => meets(t, q))) && query.every((q) => tokens.some((t) => meets(t, q)));
  };
}
