/**
 * Query analysis: what a user typed → the words to look up, the phrases to check, and flags.
 * Nothing here builds a regular expression from the query, so metacharacters are plain text.
 */
import type { Query } from 'minisearch';
import { fold, foldKeepCase } from './fold.ts';
import { analyseTerm, fuzzyFor } from './term.ts';
import { asksForName, asksForReference, asksForRole, asksForYears, asksWhere, isFrenchFunctionWord, isFrenchInversion, isLightWord, isNameWord, isReferenceWord, isRoleWord, isWhereWord, isYearsWord, readsAsFrench } from './light.ts';
import { words, type WordToken } from './tokenize.ts';

/** Longer queries are cut at a word boundary, not refused: pasted paragraphs are common. */
export const MAX_QUERY_LENGTH = 500;
// A last word shorter than this is not expanded as a prefix: "a*" would be most of the index.
const MIN_PREFIX_LENGTH = 3;

/** One word of the query: it matches a passage with any of its terms, or with all of its parts. */
export interface QueryWord {
  /** The word as typed, folded. */
  text: string;
  terms: string[];
  /** A hyphenated compound's parts ("Trot-sky" also finds Trot … sky); empty otherwise. */
  parts: QueryWord[];
  /** A question word or light verb (light.ts): it weighs little and a passage need not have it. */
  light?: boolean;
  /** A passage need not have it, and one that has it scores it in full (author-named.ts: an author's name). */
  optional?: boolean;
  /**
   * Other terms that stand for the word, each with a weight below 1: synonyms, translations,
   * typo neighbours. Filled in by the search engine, which knows the index and the lexicons.
   * `cover`: how much of the word's meaning it covers in a passage's coverage (the weight when absent).
   * `surface`: the words (lower case) a passage must spell it as to have it, where the term is also
   * another word's (a gloss's own forms: evening, evenings, not even; expand/glossary.ts).
   */
  expansions?: { term: string; weight: number; cover?: number; surface?: string[] }[];
  /** None of the word's terms is in the index: it is typo-tolerant from the strictest stage on. */
  unknown?: boolean;
  /**
   * Set when the query reads as French (light.ts readsAsFrench): the word as a French word, folded,
   * an elided article dropped (d'argent → argent), for the French glossary (expand/glossary-fr.ts).
   */
  french?: string;
  /** Typed with a capital (a name, or a sentence's first word): expand/index.ts reads it as a possible name. */
  capitalised?: boolean;
  /** The query's first word as typed, whose capital may be only a sentence's (typed-form.ts sentenceCase). */
  opens?: boolean;
}

export interface ParsedQuery {
  /** The folded query, after any truncation. */
  text: string;
  /** Every index term of the query, without duplicates. */
  terms: string[];
  /** The query's words in order, for an AND of words each of which is an OR of its terms. */
  words: QueryWord[];
  /** The folded text of each double-quoted phrase, for containsPhrase. */
  phrases: string[];
  /** The query ends in a word still being typed: search the last word as a prefix too. */
  lastTermPrefix: boolean;
  /** Nothing to search for: empty, white space, punctuation or emoji only. */
  empty: boolean;
  /** The query was longer than MAX_QUERY_LENGTH and was cut at a word boundary. */
  tooLong: boolean;
  /**
   * Every word is a stop word ("to be or not to be"), which the index does not hold: the terms
   * are the stop words themselves, and the caller answers by scanning with containsPhrase.
   */
  stopWordsOnly: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const ENDS_IN_WORD = /[\p{L}\p{N}\p{M}]$/u;
/**
 * A question mark, a full stop and the like after the last word, a space before them or not
 * ("… Trotsky?", "… Trotsky ?"): punctuation, which does not change what the words match.
 */
const CLOSING_STOPS = /(?:\s*[.?!…,;:])+$/u;

function truncate(raw: string): { text: string; tooLong: boolean } {
  if (raw.length <= MAX_QUERY_LENGTH) return { text: raw, tooLong: false };
  const chars = Array.from(raw.slice(0, MAX_QUERY_LENGTH + 2)).slice(0, MAX_QUERY_LENGTH);
  let text = chars.join('');
  const next = raw.slice(text.length, text.length + 2);
  // Cut inside a word: go back to the white space before it, unless the whole text is one word.
  if (WORD_CHAR.test(chars.at(-1) ?? '') && WORD_CHAR.test(Array.from(next)[0] ?? '')) {
    const space = text.search(/\s\S*$/u);
    if (space > 0) text = text.slice(0, space);
  }
  return { text: text.trimEnd(), tooLong: true };
}

/** Pairs the double quotes; an unpaired last one is plain punctuation. */
function quotedPhrases(folded: string): string[] {
  const phrases: string[] = [];
  const parts = folded.split('"');
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const phrase = fold(parts[i] as string);
    if (WORD_CHAR.test(phrase)) phrases.push(phrase);
  }
  return phrases;
}

function queryWord(token: WordToken, keepStopWords: boolean): QueryWord | null {
  const options = { query: true, keepStopWords };
  const analyse = (forms: string[]) => [...new Set(forms.flatMap((f) => analyseTerm(f, options)))];
  const parts = token.parts
    .map((forms) => ({ text: fold(forms[forms.length - 1] as string), terms: analyse(forms), parts: [] }))
    .filter((p) => p.terms.length > 0);
  const terms = analyse(token.forms);
  if (terms.length === 0 && parts.length === 0) return null;
  const text = fold(token.forms.at(-1) ?? token.parts.map((p) => p.at(-1)).join('-'));
  return { text, terms, parts };
}

const CHOICE = new Set(['which', 'what']);
const COUNT = new Set(['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', '2', '3', '4', '5', '6', '7', '8', '9', '10']);

/**
 * "how quickly", "how long", "how often": the word after "how" names the kind of quantity the answer
 * gives (a time, a length, a count), not its topic; "what share of", "what proportion of" likewise.
 * The passage that answers rarely says it ("within a few days", "about two-thirds of this issue").
 */
const DEGREE = new Set(['quickly', 'fast', 'soon', 'rapidly', 'swiftly', 'long', 'often', 'frequently', 'old', 'far', 'early', 'late', 'big', 'large']);
const SHARE = new Set(['share', 'percentage', 'proportion', 'fraction', 'number', 'amount']);

/**
 * "will" is kept from the stop list for the noun ("Lenin's Will", "the will of the Party"). Opening
 * a question, or straight after its question word ("when will the next volume come out", "will Furr
 * examine…", "what will happen"), it is the auxiliary, which asks about the future and names nothing
 * a passage must hold: light. In a statement ("my connections will be cut off") it stays a word,
 * which the passage saying it in the future ("My departure … will in reality mean…") matches.
 */
const QUESTION_WORDS = new Set(['when', 'what', 'how', 'where', 'who', 'whom', 'why', 'which', 'whose']);
/** For each "will" of a folded query in turn: is it a question's auxiliary? (The text is read: tokens lose a possessive's 's.) */
function modalWills(text: string): boolean[] {
  return [...text.matchAll(/(?:^|([\p{L}\p{N}'’]+)[^\p{L}\p{N}'’]+)will\b/gu)].map((m) => m[1] === undefined || QUESTION_WORDS.has(m[1]));
}

const allTerms = (ws: QueryWord[]): string[] => ws.flatMap((w) => [...w.terms, ...allTerms(w.parts)]);

export function parseQuery(raw: string): ParsedQuery {
  const { text: cut, tooLong } = truncate(typeof raw === 'string' ? raw : '');
  const kept = foldKeepCase(cut);
  const text = fold(kept);
  const tokens = words(kept);
  let analysed = tokens.map((t) => queryWord(t, false));
  let stopWordsOnly = false;
  if (tokens.length > 0 && analysed.every((w) => w === null)) {
    analysed = tokens.map((t) => queryWord(t, true));
    stopWordsOnly = analysed.some((w) => w !== null);
  }
  // "which two Bolsheviks", "what three demands": the number is how many the answer names, which
  // the passage that names them rarely says.
  const chosenCount = new Set(analysed.filter((w, i) => w !== null && i > 0 && CHOICE.has(fold(tokens[i - 1]!.forms.at(-1) ?? '')) && COUNT.has(w.text)));
  const before = (i: number) => fold(tokens[i - 1]?.forms.at(-1) ?? '');
  const after = (i: number) => fold(tokens[i + 1]?.forms.at(-1) ?? '');
  const wills = modalWills(text);
  let will = 0;
  // "Will Podmore": a first name, capitalised before another capitalised word.
  const capital = (i: number) => /^\p{Lu}/u.test(tokens[i]?.forms.at(-1) ?? '');
  const modal = new Set(analysed.filter((w, i) => fold(tokens[i]!.forms.at(-1) ?? '') === 'will' && wills[will++] === true && !(capital(i) && capital(i + 1))));
  const degree = new Set(analysed.filter((w, i) => w !== null && ((before(i) === 'how' && DEGREE.has(w.text)) || (CHOICE.has(before(i)) && after(i) === 'of' && SHARE.has(w.text)))));
  const ws = analysed.filter((w): w is QueryWord => w !== null);
  // Light words only count as light beside a word of substance: "said" alone is the query.
  const years = asksForYears(ws.map((w) => w.text));
  const name = asksForName(ws.map((w) => w.text));
  const reference = asksForReference(ws.map((w) => w.text));
  const role = asksForRole(ws.map((w) => w.text));
  const where = asksWhere(tokens.map((t) => fold(t.forms.at(-1) ?? '')));
  const french = readsAsFrench(ws.map((w) => w.text), tokens.map((t) => t.forms.at(-1) ?? ''));
  // An elided word's first form is the word without its article (tokenize.ts apostropheForms).
  if (french) analysed.forEach((w, i) => w && (w.french = fold(tokens[i]!.forms[0] ?? w.text)));
  analysed.forEach((w, i) => w && /^\p{Lu}/u.test(tokens[i]!.forms.at(-1) ?? '') && (w.capitalised = true));
  if (analysed[0]) analysed[0].opens = true;
  const inversions = new Set(french ? analysed.filter((w, i) => w !== null && isFrenchInversion(tokens[i]!.parts.map((p) => fold(p.at(-1) ?? '')))) : []);
  const light = (w: QueryWord) => isLightWord(w.text) || (years && isYearsWord(w.text)) || (name && isNameWord(w.text)) || (reference && isReferenceWord(w.text)) || (role && w === ws[ws.length - 1] && isRoleWord(w.text)) || (where && isWhereWord(w.text)) || (french && (isFrenchFunctionWord(w.text) || inversions.has(w))) || chosenCount.has(w) || degree.has(w) || modal.has(w);
  if (!stopWordsOnly && ws.some((w) => !light(w))) for (const w of ws) if (light(w)) w.light = true;
  const phrases = quotedPhrases(text);
  const last = analysed.at(-1);
  // Prefix only when the last word typed is kept (not a dropped stop word) and nothing after it (a
  // space, a closing quote) says it is finished. A closing question mark or full stop is read past:
  // "… Trotsky?" matched other words than "… Trotsky" (no Trotskyist) when it turned prefix off.
  const lastTermPrefix = !stopWordsOnly && !tooLong && last != null && !/\s$/u.test(cut.replace(CLOSING_STOPS, '')) && ENDS_IN_WORD.test(kept.replace(CLOSING_STOPS, '')) && Array.from(last.text).length >= MIN_PREFIX_LENGTH;
  return {
    text,
    terms: [...new Set(allTerms(ws))],
    words: ws,
    phrases,
    lastTermPrefix,
    empty: ws.length === 0 && phrases.length === 0,
    tooLong,
    stopWordsOnly,
  };
}

export interface MiniSearchQueryOptions {
  /** How the words combine: AND (the default) is what people expect of a few words typed. */
  combineWith?: 'AND' | 'OR';
  /** Per-term fuzziness from fuzzyFor; on by default. */
  fuzzy?: boolean;
  /** Search the last word as a prefix; defaults to parsed.lastTermPrefix. */
  prefix?: boolean;
}

/**
 * The minisearch query for a parsed query: the words combined with AND, each word an OR of its
 * terms (stem, key, …) with its own fuzziness, and a compound's parts as an AND inside that OR.
 * The index must be searched with identity tokenize/processTerm in its searchOptions (as
 * index-build.ts sets them), since these terms are already analysed. Phrases are not in it: filter
 * the results with containsPhrase. On no result, a caller may retry with combineWith 'OR'.
 */
export function toMiniSearchQuery(parsed: ParsedQuery, options: MiniSearchQueryOptions = {}): Query {
  const fuzzy = options.fuzzy ?? true;
  const prefix = options.prefix ?? parsed.lastTermPrefix;
  const wordQuery = (w: QueryWord, isLast: boolean): Query => ({
    combineWith: 'OR',
    queries: [
      ...w.terms.map((term) => ({ queries: [term], fuzzy: fuzzy ? fuzzyFor(term) : false, prefix: isLast && prefix })),
      ...(w.parts.length > 0 ? [{ combineWith: 'AND' as const, queries: w.parts.map((p, i) => wordQuery(p, isLast && i === w.parts.length - 1)) }] : []),
    ],
  });
  const last = parsed.words.length - 1;
  return { combineWith: options.combineWith ?? 'AND', queries: parsed.words.map((w, i) => wordQuery(w, i === last)) };
}
