/**
 * Folding: the one canonical form of text that indexing, querying and phrase checks agree on.
 * The same text typed, pasted from a PDF, OCR'd or copied out of chat markdown must fold alike.
 */

// The corpus uses superscript digits only as footnote markers; NFKC would turn "Estrina¹⁰" into
// "Estrina10", a word nobody searches for, so they go before NFKC. "^{12 &}quot;" is the OCR'd
// book's garbled marker-plus-quote; "[&]quot;" its garbled quote alone.
const SUPERSCRIPT_MARKERS = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu;
const OCR_MARKER_QUOTE = /\^\{\s*\d{1,4}\s*&\s*\}quot;/g;
const OCR_MARKER = /\^\{\s*\d{1,4}\s*&?\s*\}/g;
const OCR_QUOTE = /\[?&\]?quot;|&#34;/g;
const OCR_APOSTROPHE = /&apos;|&#39;/g;
const UNDERLINE = /<\/?u>/gi;
const EMPHASIS = /[*_]/g;

// Invisible formatting (soft hyphen, zero-width spaces and joiners, bidi marks, BOM) carries no
// letters: removing it keeps "cen\u00adsorship" one word. Controls become spaces.
const FORMAT_CHARS = /\p{Cf}/gu;
const CONTROL_CHARS = /\p{Cc}/gu;
const SINGLE_QUOTES = /[‘’‚‛′‵‹›`´ʹʺʼˈ＇]/gu;
const DOUBLE_QUOTES = /[“”„‟″‶«»〝〞〟＂❝❞]/gu;
const DASHES = /[‐‑‒–—―−⁃﹘﹣－⸺⸻]/gu;
const WHITESPACE = /\s+/gu;

function mapCharacters(s: string): string {
  return s
    .replace(FORMAT_CHARS, '')
    .replace(CONTROL_CHARS, ' ')
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/ё/g, 'е')
    .replace(/Ё/g, 'Е')
    .replace(/[ßẞ]/g, 'ss');
}

function removeRepeatedly(s: string, re: RegExp, by: string): string {
  // "<<u>u>" hides a second tag behind the first: remove until none is left, or folding is not idempotent.
  let prev: string;
  do {
    prev = s;
    s = s.replace(re, by);
  } while (s !== prev);
  return s;
}

function pass(s: string, lower: boolean): string {
  s = s.replace(SUPERSCRIPT_MARKERS, '');
  // Quotes and primes first: NFKC turns ″ into two primes and ´ into a space with an accent.
  s = mapCharacters(s).normalize('NFKC');
  if (lower) s = s.toLowerCase();
  s = mapCharacters(s);
  s = removeRepeatedly(s, UNDERLINE, '');
  s = s.replace(EMPHASIS, '');
  s = s.replace(OCR_MARKER_QUOTE, '"');
  s = removeRepeatedly(s, OCR_MARKER, '');
  s = s.replace(OCR_QUOTE, '"').replace(OCR_APOSTROPHE, "'");
  return s.replace(WHITESPACE, ' ').trim();
}

/**
 * Printable ASCII, the accented letters of Latin-1 (not ß), Russian's letters (not ё), curly and
 * angle quotes, en and em dashes, without the characters that markup and markers are made of (`*`,
 * `_`, `<`, `^`, `&`, the backquote): four passages in five and nearly every word. NFKC leaves such
 * text as it is and no removal applies, so a pass only maps the quotes and dashes, lower-cases and
 * folds white space, and the second pass changes nothing; doing just that is a sixth of the regular
 * expressions (test/analyse.property.test.ts holds the two equal).
 */
const PLAIN_TEXT = /^[\t\n\r\x20-\x25\x27-\x29\x2B-\x3B\x3D-\x5D\x61-\x7E\u00C0-\u00D6\u00D8-\u00DE\u00E0-\u00F6\u00F8-\u00FF\u0410-\u044F‘’“”«»–—]*$/;
function plainFold(text: string, lower: boolean): string {
  const s = text.replace(/[‘’]/g, "'").replace(/[“”«»]/g, '"').replace(/[–—]/g, '-');
  return (lower ? s.toLowerCase() : s).replace(WHITESPACE, ' ').trim();
}

function fixedPoint(text: unknown, lower: boolean): string {
  if (typeof text !== 'string' || text === '') return '';
  return PLAIN_TEXT.test(text) ? plainFold(text, lower) : byPasses(text, lower);
}

/**
 * Repeats the pass until nothing changes: a removal can make a new composition for NFKC
 * ("e*\u0301" → "é"), and only a fixed point is idempotent for every input. After the first pass
 * each pass only shortens the text, so this ends; the second pass is the usual last one. Exported
 * as the reference the plain-text shortcut is tested against.
 */
export function byPasses(text: string, lower: boolean): string {
  let s = pass(text.toWellFormed(), lower);
  for (let i = 0; i < 64; i++) {
    const next = pass(s, lower);
    if (next === s) break;
    s = next;
  }
  return s;
}

/** The folded text: NFKC, lower case, quotes/dashes/spaces unified, ё → е, markup and markers gone. */
export const fold = (text: string): string => fixedPoint(text, true);

/** Like fold but keeps letter case, which the tokenizer and the name heuristics still need. */
export const foldKeepCase = (text: string): string => fixedPoint(text, false);

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * The first `count` letters and digits of `fold(text)`, folding only the head of a long text.
 * Folding works on the pieces between plain spaces separately: NFKC composes nothing across a
 * space, lower-casing looks no further than the neighbouring letters, and of everything folding
 * removes only an OCR marker (`^{12 &}`) can hold a space, which, cut short, leaves its `^` in the
 * folded head. So `fold(text)` is the folded head, a space, the folded rest, and when the head
 * alone has enough letters and no `^`, they are the answer; otherwise the whole text is folded.
 * (A passage's duplicate key: folding every candidate's whole text was a tenth of a first query.)
 */
export function foldedLetters(text: string, count: number, from = Math.max(2 * count, 256)): string {
  const cut = text.length > from ? text.indexOf(' ', from) : -1;
  if (cut > 0) {
    const head = fold(text.slice(0, cut));
    if (!head.includes('^')) {
      const letters = head.replace(NOT_LETTER_OR_DIGIT, '');
      if (letters.length >= count) return letters.slice(0, count);
    }
  }
  return fold(text).replace(NOT_LETTER_OR_DIGIT, '').slice(0, count);
}
