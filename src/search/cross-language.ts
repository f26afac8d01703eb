/**
 * A Russian query for an English passage, and an English query for a passage only in Russian. The staged ranking compares passages by how much of the
 * query each covers; a Russian passage meets the query's own Russian words, an English one only
 * the words that have an English form here — a name through its cross-script key, a word through
 * the lexicon learned from the corpus's pairs or as a cognate (expand/). So an English passage
 * that says all the query says in English loses to Russian passages sharing a few common words.
 * This pass asks again for the other language only, with each Russian word reduced to its English
 * forms, so those passages are compared among themselves on what can be compared, and merged with
 * the staged results by score. An English query is asked again the same way of the Russian passages
 * that have no English translation in the texts (a translated one is found through its translation),
 * each English word by its Russian words from the core glossary (expand/glossary.ts).
 *
 * A sentence is asked across when most of its words are in the other script. A single word is
 * asked across only when it is specific (in few passages of the index: its idf is high) and its
 * translation confident (few senses, a main one): "riddles" finds "Загадки смерти Сталина", where
 * "murder", which the English text says everywhere, or "information", which has six Russian words,
 * stay in their own language.
 */
import type { QueryWord } from './analyse/index.ts';
import { fuzzyFor, isKey, typoDistance } from './analyse/index.ts';
import { FUZZY_WEIGHT } from './lectern-index.ts';
import { GLOSSARY_WEIGHT, TRANSLATED } from './expand/index.ts';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN_TERM = /^[a-z]/;

/** A single word is specific enough to be asked across when at most this share of the passages has it. */
export const SPECIFIC_SHARE = 0.005;
/** A translation is confident with at most this many senses… */
export const MAX_SENSES = 3;
/** …one of them weighed at least this (a glossary's first or second gloss, a learned pair of p ≥ 0.6). */
export const CONFIDENT_WEIGHT = 0.4;

type Translation = { term: string; weight: number };
const confident = (translations: Translation[]) =>
  translations.length > 0 && translations.length <= MAX_SENSES && translations.some((t) => t.weight >= CONFIDENT_WEIGHT);

/** The query's one word of substance, when it has one and it is specific (its own terms, keys aside, in few passages). */
function specificWord(words: QueryWord[], share: (term: string) => number): QueryWord | undefined {
  const heavy = words.filter((w) => !w.light);
  if (heavy.length !== 1) return undefined;
  const own = heavy[0]!.terms.filter((t) => !isKey(t));
  return own.length > 0 && own.every((t) => share(t) <= SPECIFIC_SHARE) ? heavy[0] : undefined;
}

/**
 * Which other language to ask the query of, if any: `english` for a Russian query (its words by
 * their English forms), `russian` for an English one (by their Russian words).
 */
export function languageToAsk(words: QueryWord[], share: (term: string) => number, russianTerms: (w: QueryWord) => Translation[]): 'english' | 'russian' | undefined {
  if (isRussianQuery(words)) return 'english';
  if (isEnglishQuery(words)) return 'russian';
  const one = specificWord(words, share);
  if (!one) return undefined;
  if (CYRILLIC.test(one.text)) return confident((one.expansions ?? []).filter((e) => LATIN_TERM.test(e.term))) ? 'english' : undefined;
  return LATIN_TERM.test(one.text) && confident(russianTerms(one)) ? 'russian' : undefined;
}

/**
 * Is the query a Russian sentence (two words of substance or more, most of them in Cyrillic)? A
 * single Russian word is mostly a name, which its cross-script key already finds in every script.
 */
export function isRussianQuery(words: QueryWord[]): boolean {
  const heavy = words.filter((w) => !w.light);
  return heavy.length > 1 && heavy.filter((w) => CYRILLIC.test(w.text)).length * 2 > heavy.length;
}

/**
 * The query as the English side can meet it: each Cyrillic word by its cross-script key (names) and
 * its English expansions (translations, cognates); other words as they are. Null when no Cyrillic
 * word has an English form beyond its key: the pass would only repeat the key matches.
 */
export function englishSide(words: QueryWord[]): QueryWord[] | null {
  let translated = 0;
  const out = words.map((w) => {
    if (!CYRILLIC.test(w.text)) return w;
    const expansions = (w.expansions ?? []).filter((e) => LATIN_TERM.test(e.term));
    if (expansions.length) translated++;
    return { ...w, terms: w.terms.filter((t) => isKey(t) || LATIN_TERM.test(t)), expansions, parts: [] };
  });
  return translated > 0 ? out : null;
}

/** Is the query English (two words of substance or more, most of them in Latin letters)? */
export function isEnglishQuery(words: QueryWord[]): boolean {
  const heavy = words.filter((w) => !w.light);
  return heavy.length > 1 && heavy.filter((w) => LATIN_TERM.test(w.text)).length * 2 > heavy.length;
}

/**
 * The query as a Russian passage can meet it: each Latin word by its cross-script key (names), its
 * Russian expansions and the Russian words the glossary gives it (`russianTerms`); other words as
 * they are. Null when no Latin word has a Russian word: the pass would only repeat the key matches.
 */
export function russianSide(words: QueryWord[], russianTerms: (w: QueryWord) => { term: string; weight: number }[]): QueryWord[] | null {
  let translated = 0;
  const out = words.map((w) => {
    if (!LATIN_TERM.test(w.text)) return w;
    // A glossary word covers the English word as a synonym does (its gloss's weight before the
    // scale its score is read at: the first gloss 1, a later one 0.8), not as a fraction of it.
    const glossed = w.light ? [] : russianTerms(w).map((t) => ({ ...t, cover: Math.min(1, t.weight / GLOSSARY_WEIGHT) }));
    const expansions = [...(w.expansions ?? []).filter((e) => CYRILLIC.test(e.term)), ...glossed];
    if (expansions.length) translated++;
    // A word the glossary translates keeps only its Russian words: its cross-script key would match
    // the English passages that spell it (all of them rejected here) and no Russian word of its sense,
    // and reading those postings made this pass most of a query's cost on a large English library.
    // A word it does not translate (a name: Kirov, ~kirov) keeps its key, which finds the Russian spelling.
    return { ...w, terms: glossed.length ? [] : w.terms.filter(isKey), expansions, parts: [] };
  });
  return translated > 0 ? out : null;
}

/**
 * The fair merge of a query asked in both languages. A passage's score counts the share of the
 * query it covers, each word by its idf over the whole library; but Russian words are rare in a
 * library mostly in English, so a common Russian word (вместе, книга) weighs as much there as the
 * English passage's specific word, and a Russian passage sharing two such words with the question
 * beat the English passage that says all of it through translations. Here each word of substance
 * weighs by its idf among the passages of its own language (`ownIdf`), the same for a passage in
 * either language, and a passage covers a word with one of its own terms (1), with a translation
 * as surely as the translation stands for it (its gloss's weight: a first gloss, a name's other
 * spelling or a cognate fully, a later gloss or a learned pair of p < 0.7 less), a little below the
 * word itself (TRANSLATED), or by its cross-script key when the word has no translation (a name).
 * A passage's coverage factor is then that share instead of the one it was ranked with.
 */
export interface FairWord {
  /** How specific the word is in its own language (idf among that language's passages). */
  importance: number;
  /** Its own terms' idf over the whole library, which BM25 scored a passage holding them by (idfFairness). */
  libraryImportance?: number;
  /** Its own terms in its own script (stems, not keys). */
  ownTerms?: ReadonlySet<string>;
  /** Each term that stands for the word, with how much of it a passage holding that term covers. */
  covers: Map<string, number>;
  /**
   * A term that is also another English word's (a gloss's: evening's even): the words a passage
   * must spell it as to cover the word with it (expand/glossary.ts ownForms).
   */
  surfaces?: Map<string, ReadonlySet<string>>;
  /**
   * A word the index lacks (a name spelt as no text spells it): its cross-script keys, met by the
   * passages' keys within a typo's reach, and how much each key it met covers (looked at once per query).
   */
  typos?: { keys: string[]; seen: Map<string, number> };
}

/** A translation covers its word this much at most: the word itself is surer (expand/index.ts). */
export { TRANSLATED };

/** In how many of the passages of its language a term is (`df`), and how many there are (`n`); a term '' is in none. */
export type LanguageFrequency = (term: string, cyrillic: boolean) => { df: number; n: number; all?: number };

export function fairWords(words: QueryWord[], frequency: LanguageFrequency, russianTerms: (w: QueryWord) => Translation[]): FairWord[] {
  const ownIdf = (term: string, cyrillic: boolean) => {
    const { df, n } = frequency(term, cyrillic);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  const libraryIdf = (term: string, cyrillic: boolean) => {
    const { df, n, all } = frequency(term, cyrillic);
    const size = all ?? n;
    return Math.log(1 + (size - df + 0.5) / (df + 0.5));
  };
  const out: FairWord[] = [];
  for (const w of words) {
    if (w.light) continue;
    const cyrillic = CYRILLIC.test(w.text);
    const ownScript = (t: string) => (cyrillic ? CYRILLIC.test(t) : LATIN_TERM.test(t));
    const stems = w.terms.filter((t) => !isKey(t));
    const own = stems.filter(ownScript);
    const importance = own.length ? Math.max(...own.map((t) => ownIdf(t, cyrillic))) : ownIdf('', cyrillic);
    const libraryImportance = own.length ? Math.max(...own.map((t) => libraryIdf(t, cyrillic))) : importance;
    const covers = new Map<string, number>();
    const surfaces = new Map<string, ReadonlySet<string>>();
    const offer = (term: string, q: number) => {
      if ((covers.get(term) ?? 0) < q) covers.set(term, q);
    };
    for (const t of own) offer(t, 1);
    const across: { term: string; weight: number; cover?: number; surface?: string[] }[] = [...(w.expansions ?? []), ...(cyrillic ? [] : russianTerms(w))];
    let translated = false;
    for (const e of across) {
      if (e.surface) surfaces.set(e.term, new Set(e.surface));
      if (ownScript(e.term)) {
        offer(e.term, e.cover ?? e.weight);
        continue;
      }
      translated = true;
      offer(e.term, TRANSLATED * Math.min(1, e.cover ?? e.weight / GLOSSARY_WEIGHT));
    }
    // Its spelling in the other script (the key, a Russian word's transliteration: ochnykh stavok in
    // an English footnote) stands for it only when nothing translates it; else a likeness is chance
    // (сайт's "sait" is French for "knows", партии's key meets "Party" as a sentence's first word).
    if (!translated) for (const t of w.terms) if (!own.includes(t)) offer(t, cyrillic ? TRANSLATED : 1);
    const keys = w.unknown ? w.terms.filter(isKey) : [];
    const fair: FairWord = keys.length ? { importance, libraryImportance, ownTerms: new Set(own), covers, typos: { keys, seen: new Map() } } : { importance, libraryImportance, ownTerms: new Set(own), covers };
    if (surfaces.size) fair.surfaces = surfaces;
    out.push(fair);
  }
  return out;
}

/**
 * How much of a word the index lacks a passage's term covers as its typo neighbour (Снайдер, key
 * ~snaider, meets Snyder, ~snider): as the scorer weighs it (lectern-index.ts), 0 beyond its reach.
 */
/** A passage's cross-script keys (its names), kept by its terms' map. */
const passageKeys = new WeakMap<ReadonlyMap<string, unknown>, string[]>();
function keysOf(terms: ReadonlyMap<string, unknown>): string[] {
  let keys = passageKeys.get(terms);
  if (!keys) passageKeys.set(terms, (keys = [...terms.keys()].filter(isKey)));
  return keys;
}

function typoCover(typos: NonNullable<FairWord['typos']>, term: string): number {
  let best = typos.seen.get(term);
  if (best !== undefined) return best;
  best = 0;
  for (const t of typos.keys) {
    const max = fuzzyFor(t, { unknown: true });
    if (!max || Math.abs(t.length - term.length) > max) continue;
    const edits = typoDistance(t, term, max);
    if (edits > 0 && edits <= max) best = Math.max(best, (FUZZY_WEIGHT * term.length) / (term.length + edits));
  }
  typos.seen.set(term, best);
  return best;
}

/**
 * The share of the query (0–1) a passage covers, each word by its importance: `shown`, the terms of
 * each text the reply shows as the passage (one side of a translation pair is shown with the other);
 * `spells`, whether the i-th of those texts has one of these words (lower case), for a term that
 * covers its word only as some words (FairWord.surfaces). Without it such a term covers nothing.
 */
export function fairCoverage(words: FairWord[], shown: readonly ReadonlyMap<string, unknown>[], spells?: (i: number, words: ReadonlySet<string>) => boolean): number {
  let total = 0;
  let covered = 0;
  for (const w of words) {
    total += w.importance;
    let best = 0;
    for (const [term, q] of w.covers) {
      if (q <= best) continue;
      const forms = w.surfaces?.get(term);
      if (shown.some((terms, i) => terms.has(term) && (!forms || (spells?.(i, forms) ?? false)))) best = q;
    }
    if (best === 0 && w.typos) for (const terms of shown) for (const key of keysOf(terms)) best = Math.max(best, typoCover(w.typos, key));
    covered += w.importance * best;
  }
  return total > 0 ? covered / total : 0;
}

/**
 * How much a passage's BM25 overweighed the query's words it holds as themselves, read by the
 * library's idf: a Russian word is rare in a library mostly in English, so a Russian passage holding
 * one common Russian word of the question (простым, войны) scored ten times an English passage
 * that says the question's rarest word through its translation (own o-x119: 2.4 against 0.23), and the
 * fair coverage could not make that up. The words' idf among their own language's passages over
 * their library idf, 1 when it holds none of them (a translation's term was scored by its own idf,
 * English in an English library), and never above 1. `terms`: the passage's own index terms.
 */
export function idfFairness(words: FairWord[], terms: ReadonlyMap<string, unknown>): number {
  let fair = 0;
  let scored = 0;
  for (const w of words) {
    if (!w.ownTerms || w.libraryImportance === undefined) continue;
    let own = false;
    for (const t of w.ownTerms) if (terms.has(t)) own = true;
    if (!own) continue;
    fair += w.importance;
    scored += w.libraryImportance;
  }
  return scored > 0 ? Math.min(1, fair / scored) : 1;
}
