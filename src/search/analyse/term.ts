/**
 * Per-term analysis: one token (as tokenize gives it) → its index terms. The language is told by
 * script: Cyrillic is Russian, Latin is English (French words get the English stemmer, which is
 * crude but consistent on both sides). A stop word gives no term; a single letter neither.
 */
import { foldKeepCase } from './fold.ts';
import { crossScriptKey, KEY_MARKER, plainLatin, transliterate } from './key.ts';
import { scriptOf } from './script.ts';
import { americanSpelling } from './spelling.ts';
import { stemEnglish, stemRussian } from './stem.ts';
import { EN_STOPWORDS, RU_STOPWORDS } from './stopwords.ts';
import { MAX_TOKEN_LENGTH, tokenize } from './tokenize.ts';

export interface AnalyseOptions {
  /** Return stop words (folded, unstemmed) instead of dropping them: for a query of stop words only. */
  keepStopWords?: boolean;
  /**
   * Query side: always add the cross-script key (a query costs nothing to expand) and, for a
   * Cyrillic word, the English stem of its transliteration, which finds transliterated titles
   * in English footnotes ("очных ставок" → "ochnykh stavok").
   */
  query?: boolean;
}

const CLEAN_TOKEN = /^[\p{L}\p{N}\p{M}]+$/u;
const CAPITALISED = /^[\p{Lu}\p{Lt}]/u;
const SINGLE_LETTER = /^\p{L}\p{M}*$/u;
// Spellings that only transliterations of Russian have, for the lower-case words of transliterated
// titles in English footnotes ("Stenogramma ochnykh stavok"): kh, zh, shch, -ykh, -iia, -ii/-iy/-yi.
const TRANSLITERATION_LOOK = /kh|zh|shch|ykh$|iia$|ii$|iy$|yi$/;

/**
 * Which Latin words get a key in the index. Every one would double the postings of English text;
 * the key only helps for names and transliterated Russian, and those are capitalised in English
 * prose (Zinoviev, Biulleten', Pravda) or spelled like transliterations. Sentence-initial words
 * get one too: one extra term per sentence is the price of not needing a dictionary.
 */
const wantsKey = (original: string, lower: string) => !ROMAN_NUMERAL.test(original) && (CAPITALISED.test(original) || TRANSLITERATION_LOOK.test(lower));
/**
 * A Roman numeral in capitals (a volume "XXXVIII", a congress "XXII") is no name: its key, a skeleton
 * of x, v and i, met gibberish ("zzqqxxvv") two edits away once the bibliography was indexed.
 */
const ROMAN_NUMERAL = /^[IVXLCDM]{2,}$/u;

function analyseClean(token: string, options: AnalyseOptions): string[] {
  const lower = token.toLowerCase();
  const script = scriptOf(lower);
  const isStop = (script === 'latin' && EN_STOPWORDS.has(lower)) || (script === 'cyrillic' && RU_STOPWORDS.has(lower));
  if (isStop || SINGLE_LETTER.test(lower)) return options.keepStopWords ? [lower] : [];
  const terms: string[] = [];
  const add = (t: string | null) => {
    if (t && !terms.includes(t)) terms.push(t);
  };
  switch (script) {
    case 'latin': {
      const plain = plainLatin(lower);
      add(stemEnglish(plain));
      // The key too is made of the American spelling, as the stem is: "Centre" meets "Center".
      if (!/\p{N}/u.test(plain) && (options.query || wantsKey(token, plain))) add(crossScriptKey(americanSpelling(plain)));
      break;
    }
    case 'cyrillic': {
      add(stemRussian(lower));
      if (!/\p{N}/u.test(lower)) {
        add(crossScriptKey(lower));
        // Russian spells a French "ou" у (Бруэ for Broué; Бухарин is Boukharine in French): the
        // query meets the French spelling too. (A Latin "ou" needs no rule: Boukharine is one
        // typo from Bukharin's key.)
        if (options.query && lower.includes('у')) add(crossScriptKey(lower.replace(/у/g, 'оу')));
        if (options.query) add(stemEnglish(plainLatin(transliterate(lower))));
      }
      break;
    }
    default:
      add(lower);
  }
  return terms;
}

const MIXED = /\p{Script=Latin}.*\p{Script=Cyrillic}|\p{Script=Cyrillic}.*\p{Script=Latin}/su;
const isSingleWord = (s: string) => CLEAN_TOKEN.test(s) && s.length <= MAX_TOKEN_LENGTH && !MIXED.test(s);

/** An English ordinal in digits: a day of a date ("25th December") or a congress ("22nd"). */
const ORDINAL = /^(\d{1,3})(?:st|nd|rd|th)$/i;

/** A token as tokenize gives it: a clean word, or a contraction the stop list knows ("don't"). */
function analyseToken(token: string, options: AnalyseOptions): string[] {
  if (CLEAN_TOKEN.test(token)) {
    const terms = analyseClean(token, options);
    // The ordinal is also its number: a reader types "25 December", "December 25" or «25 декабря»
    // where the text writes "25th December", and the day met nothing (the text's "25th" is a term
    // of its own). Both ways: "22nd Congress" typed meets "the 22 Congress" too.
    const first = token.charCodeAt(0);
    const ordinal = first >= 48 && first <= 57 ? ORDINAL.exec(token) : null;
    if (ordinal && !terms.includes(ordinal[1]!)) terms.push(ordinal[1]!);
    return terms;
  }
  const lower = token.toLowerCase();
  return options.keepStopWords && EN_STOPWORDS.has(lower) ? [lower] : [];
}

// Index building asks for the same few thousand words again and again, and queries their few words
// on every search; stemming them once is most of the cost. One cache per combination of options
// (the index's, a query's, with stop words kept or not); each is dropped whole when it grows, which
// keeps it simple and bounded.
const caches = [new Map<string, string[]>(), new Map<string, string[]>(), new Map<string, string[]>(), new Map<string, string[]>()];
const CACHE_LIMIT = 50_000;

/**
 * The index terms of one token: its stem, and its cross-script key where that can help. Any
 * string is accepted: one that is not a clean token is tokenized first, so this never throws.
 */
export function analyseTerm(term: string, options: AnalyseOptions = {}): string[] {
  if (typeof term !== 'string' || term === '') return [];
  const cache = term.length <= MAX_TOKEN_LENGTH ? caches[(options.query ? 1 : 0) + (options.keepStopWords ? 2 : 0)]! : undefined;
  const hit = cache?.get(term);
  if (hit) return hit.slice();
  const folded = foldKeepCase(term);
  const tokens = isSingleWord(folded) ? [folded] : tokenize(folded);
  const terms = [...new Set(tokens.flatMap((t) => analyseToken(t, options)))];
  if (cache) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(term, terms);
    return terms.slice();
  }
  return terms;
}

/** Is this a cross-script key rather than a stem? */
export const isKey = (term: string) => term.startsWith(KEY_MARKER);

/**
 * How many typos to allow for one query term (a stem or a key), as a maximum Damerau edit count
 * (a swap of two neighbouring letters is one typo: totalitarain). Off under 5 letters for a word the
 * index knows: short stems are mostly common words ("stat", "part"), one edit away from other common
 * words. One edit for 5–6 letters (Snider → Snyder), two from 7 (Bazanov → Bazhanov, Heijenort →
 * Heijenoort); longer words have few neighbours that close. A word the index does not hold at all
 * is a typo or another spelling, so it gets one edit from 3 letters (Kan → Khan). Numbers are never
 * fuzzy: 1936 is not 1937.
 */
export function fuzzyFor(term: string, options: { unknown?: boolean } = {}): number | false {
  if (typeof term !== 'string') return false;
  const core = isKey(term) ? term.slice(KEY_MARKER.length) : term;
  if (/\p{N}/u.test(core)) return false;
  const length = [...core].length;
  // A key is already a lossy skeleton (vowels and doubled letters folded), so a short key one edit
  // away is no evidence at all: gibberish like "wwkkjj" (key "vki") would meet any three-letter key.
  if (length < 5) return options.unknown && length >= 3 && !isKey(term) ? 1 : false;
  return length < 7 ? 1 : 2;
}

let typoRows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * The Damerau (optimal string alignment) distance between two words, or max + 1 once it is
 * certainly above max: insertions, deletions, substitutions and swaps of neighbours each count one.
 */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  // Three rows reused from call to call: the fair merge measures a query's unknown name against
  // every name of its best passages, and a row allocated per letter was most of that cost.
  if (typoRows[0]!.length < n + 1) typoRows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [prev2, prev, row] = typoRows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    const done = prev2;
    prev2 = prev;
    prev = row;
    row = done;
  }
  return Math.min(prev[n]!, max + 1);
}
