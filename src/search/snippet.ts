/**
 * A short extract around the words that matched, matched words wrapped in `**`. Matching is on
 * folded, stemmed-prefix forms so "dishes" highlights "dish" and "Zinovievists".
 */
import type { ParsedQuery } from './analyse/index.ts';
import { fold } from './analyse/index.ts';
import { americanSpelling, FIRST_LETTER_CHANGED } from './analyse/spelling.ts';

const WINDOW = 220;
/**
 * A word is a run of these code points. Matching /[\p{L}\p{N}'’-]+/gu over a passage cost ~20 µs
 * (a snippet ~60 µs with its marking: a fifth of a short query's time on the bundled corpus,
 * bench/README.md): the passage's words are found by a scan (`eachWord`) that asks the pattern about
 * each code point once per process (`isWordPoint`) and reads the answer from a table after that.
 */
const WORD_POINT = /^[\p{L}\p{N}'’-]$/u;
/** Answers for the Basic Multilingual Plane: 0 not asked yet, 1 a word's, 2 not (64 KB, bounded). */
const BMP_ANSWERS = new Uint8Array(0x10000);
function isWordPoint(cp: number): boolean {
  if (cp > 0xffff) return WORD_POINT.test(String.fromCodePoint(cp));
  let a = BMP_ANSWERS[cp]!;
  if (a === 0) BMP_ANSWERS[cp] = a = WORD_POINT.test(String.fromCharCode(cp)) ? 1 : 2;
  return a === 1;
}

/**
 * Each word of `text` (a maximal run of word code points, as the pattern above matches them) by
 * where it begins and ends, in order; stops when `visit` returns true.
 */
function eachWord(text: string, visit: (at: number, end: number) => boolean | void): void {
  let start = -1;
  let i = 0;
  while (i < text.length) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (isWordPoint(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (visit(start, i) === true) return;
      start = -1;
    }
    i += width;
  }
  if (start >= 0) visit(start, text.length);
}

/**
 * The first letter of a word beginning with this code unit, lower case as `isHit` reads it (ё as е),
 * for a Latin or a basic Cyrillic letter or an ASCII character; undefined for others.
 */
function firstLower(code: number): string | undefined {
  if (code < 0x80) return String.fromCharCode(code >= 0x41 && code <= 0x5a ? code + 0x20 : code);
  if (code >= 0x410 && code <= 0x42f) return String.fromCharCode(code + 0x20);
  if (code >= 0x430 && code <= 0x44f) return String.fromCharCode(code);
  if (code === 0x401 || code === 0x451) return 'е';
  return undefined;
}

/**
 * The snippet maker for one query: what it needs of the query (its words' stems, its phrases
 * folded) is made once, not once per hit. `folded`: the passage's folded text where the caller
 * keeps it (it is read only for a query with a phrase).
 */
export function snippetsFor(parsed: ParsedQuery): (plain: string, folded?: string) => string {
  const stems = parsed.words
    .map((w) => americanSpelling(fold(w.text ?? '')))
    .filter((w) => w.length >= 3)
    .map((w) => w.slice(0, Math.max(3, Math.min(w.length, w.length > 5 ? w.length - 2 : w.length))));
  const phrases = parsed.phrases.map((p) => fold(p));
  // A word is a hit only if it begins as a stem does, or is a British spelling whose American one
  // may (aesthetic: esthetic): most words of a passage are told apart by their first letter alone,
  // without being cut out of the passage and looked up (a reply whose passages hold none of the
  // query's words, found by their translations or synonyms, read every word of each).
  const firsts = new Set(stems.map((s) => s[0]!));
  const mayHit = (text: string, at: number) => {
    const first = firstLower(text.charCodeAt(at));
    return first === undefined || firsts.has(first) || FIRST_LETTER_CHANGED.has(first);
  };
  // Per word as written, for this query's few snippets: most words recur (the, of, the names).
  const hits = new Map<string, boolean>();
  const isHit = (w: string) => {
    let yes = hits.get(w);
    if (yes === undefined) {
      const lower = w.toLowerCase();
      const f = americanSpelling(lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower);
      yes = stems.some((s) => f.startsWith(s));
      hits.set(w, yes);
    }
    return yes;
  };
  return (plain, folded) => {
    let start = 0;
    let phraseAt: number | undefined;
    if (phrases.length) {
      const lower = folded ?? fold(plain);
      phraseAt = phrases.map((p) => lower.indexOf(p)).find((i) => i >= 0);
    }
    if (phraseAt !== undefined) start = Math.max(0, phraseAt - 40);
    else {
      eachWord(plain, (at, end) => {
        if (!mayHit(plain, at) || !isHit(plain.slice(at, end))) return false;
        start = Math.max(0, at - 60);
        return true;
      });
    }
    if (start > 0) {
      const space = plain.indexOf(' ', start);
      start = space >= 0 && space - start < 20 ? space + 1 : start;
    }
    let end = Math.min(plain.length, start + WINDOW);
    if (end < plain.length) {
      const space = plain.lastIndexOf(' ', end);
      if (space > start + WINDOW / 2) end = space;
    }
    const slice = plain.slice(start, end);
    let marked = '';
    let copied = 0;
    eachWord(slice, (at, end) => {
      if (!mayHit(slice, at)) return;
      const w = slice.slice(at, end);
      if (!isHit(w)) return;
      marked += `${slice.slice(copied, at)}**${w}**`;
      copied = at + w.length;
    });
    marked += slice.slice(copied);
    return `${start > 0 ? '…' : ''}${marked}${end < plain.length ? '…' : ''}`;
  };
}
