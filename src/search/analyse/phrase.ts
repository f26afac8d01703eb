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
  const phrase = letters(phraseFolded);
  // Nothing to match (punctuation only) excludes nothing.
  if (phrase.text === '') return true;
  const passage = letters(passageFolded);
  const edge = (i: number) => i >= passage.text.length || (passage.before[i] as number) !== NONE;
  for (let at = passage.text.indexOf(phrase.text); at !== -1; at = passage.text.indexOf(phrase.text, at + 1)) {
    if (!edge(at) || !edge(at + phrase.text.length)) continue;
    let ok = true;
    for (let i = 1; i < phrase.text.length && ok; i++) {
      const want = phrase.before[i] as number;
      const have = passage.before[at + i] as number;
      // A break in the phrase needs one in the passage; inside a phrase word, the passage may
      // only have a hyphen or apostrophe (a word split by a line break or a soft sign); a hyphen
      // or apostrophe in the phrase matches anything.
      ok = want === NONE ? have !== HARD : want === HARD ? have !== NONE : true;
    }
    if (ok) return true;
  }
  return false;
}
