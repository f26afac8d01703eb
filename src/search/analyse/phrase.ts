/**
 * Exact phrase containment, after folding both sides. Words are compared letter for letter;
 * what lies between them may differ in the ways text gets mangled: any run of spaces, line
 * breaks, punctuation or markup stands for a word break, and a hyphen or apostrophe (optionally
 * followed by a line break: "re- habilitation", "Trot-sky", "Zinov'ev") may also join two pieces
 * of one word. The phrase must start and end at word edges of the passage.
 */
import { fold } from './fold.ts';

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const NONE = 0;
const SOFT = 1;
const HARD = 2;

interface Letters {
  text: string;
  /** What separates code unit i from the one before it: NONE, SOFT or HARD. */
  before: number[];
}

function letters(folded: string): Letters {
  let text = '';
  const before: number[] = [];
  let gap = '';
  let started = false;
  for (const ch of folded) {
    if (!WORD_CHAR.test(ch)) {
      gap += ch;
      continue;
    }
    const kind = !started ? HARD : gap === '' ? NONE : /^['-]\s?$/u.test(gap) ? SOFT : HARD;
    text += ch;
    before.push(kind);
    for (let k = 1; k < ch.length; k++) before.push(NONE);
    gap = '';
    started = true;
  }
  return { text, before };
}

/** Does the passage contain the phrase (both are folded here; folding twice changes nothing)? */
export function containsPhrase(passagePlain: string, phraseFolded: string): boolean {
  if (typeof passagePlain !== 'string' || typeof phraseFolded !== 'string') return false;
  return containsFoldedPhrase(fold(passagePlain), fold(phraseFolded));
}

/** The same for text already folded with `fold` (callers that cache folded passages). */
export function containsFoldedPhrase(passageFolded: string, phraseFolded: string): boolean {
  return phraseMatcher(phraseFolded)(passageFolded);
}

const LETTERLESS = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * Per BMP code unit: 0 not yet asked, 1 a word character, 2 not one. Filled as characters are
 * first met (a scan reads every passage, and a regular expression per character was most of it).
 */
const wordChar = new Uint8Array(0x10000);
const isWordChar = (cp: number): boolean => {
  if (cp > 0xffff) return WORD_CHAR.test(String.fromCodePoint(cp));
  let known = wordChar[cp]!;
  if (known === 0) wordChar[cp] = known = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
  return known === 1;
};
const SPACE = /^\s$/u;
const QUOTE = 0x27;
const HYPHEN = 0x2d;

/**
 * What separates each letter of a passage from the one before (NONE, SOFT or HARD, as `letters`
 * says), written into one buffer reused by every check, and only as far as a check reads: a scan
 * for a common phrase checks thousands of passages, and building their letters anew made most of
 * a query's garbage.
 */
let gaps = new Uint8Array(4096);

/**
 * The check for one phrase (folded), made once and run on many passages (folded; `passageLetters`:
 * the passage's letters and digits alone, `passageFolded` with every other character removed, where
 * the caller keeps it). The same answer as checking `letters` of both, without building the passage's.
 */
export function phraseMatcher(phraseFolded: string): (passageFolded: string, passageLetters?: string) => boolean {
  const phrase = letters(phraseFolded);
  // Nothing to match (punctuation only) excludes nothing.
  if (phrase.text === '') return () => true;
  const want = phrase.before;
  const length = phrase.text.length;
  return (passageFolded, passageLetters) => {
    const text = passageLetters ?? passageFolded.replace(LETTERLESS, '');
    let at = text.indexOf(phrase.text);
    if (at === -1) return false;
    // The passage's gaps, filled up to letter `filled` (exclusive) by a walk that stopped at `pos`.
    if (gaps.length < text.length + 1) gaps = new Uint8Array(Math.max(text.length + 1, gaps.length * 2));
    let filled = 0;
    let pos = 0;
    let started = false;
    let gapLength = 0;
    let gapFirst = 0;
    let gapSecondSpace = false;
    const fillTo = (upTo: number) => {
      while (filled <= upTo && pos < passageFolded.length) {
        const cp = passageFolded.codePointAt(pos)!;
        const units = cp > 0xffff ? 2 : 1;
        pos += units;
        if (!isWordChar(cp)) {
          if (gapLength === 0) gapFirst = cp;
          else if (gapLength === 1) gapSecondSpace = cp <= 0xffff && SPACE.test(String.fromCharCode(cp));
          gapLength++;
          continue;
        }
        // /^['-]\s?$/u over the gap: a hyphen or apostrophe, and at most one white space after it.
        const soft = (gapFirst === QUOTE || gapFirst === HYPHEN) && (gapLength === 1 || (gapLength === 2 && gapSecondSpace));
        gaps[filled++] = !started ? HARD : gapLength === 0 ? NONE : soft ? SOFT : HARD;
        if (units === 2) gaps[filled++] = NONE;
        gapLength = 0;
        started = true;
      }
    };
    const edge = (i: number) => i >= text.length || gaps[i] !== NONE;
    for (; at !== -1; at = text.indexOf(phrase.text, at + 1)) {
      fillTo(at + length);
      if (!edge(at) || !edge(at + length)) continue;
      let ok = true;
      for (let i = 1; i < length && ok; i++) {
        const w = want[i] as number;
        const have = gaps[at + i] as number;
        // A break in the phrase needs one in the passage; inside a phrase word, the passage may
        // only have a hyphen or apostrophe (a word split by a line break or a soft sign); a hyphen
        // or apostrophe in the phrase matches anything.
        ok = w === NONE ? have !== HARD : w === HARD ? have !== NONE : true;
      }
      if (ok) return true;
    }
    return false;
  };
}
