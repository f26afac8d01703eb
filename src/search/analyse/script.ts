/** Which writing system a word is in: the analysis picks stemmer, stop words and key by it. */
export type Script = 'latin' | 'cyrillic' | 'number' | 'other';

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const NUMBER = /^[\p{N}\p{M}]+$/u;

export function scriptOf(word: string): Script {
  if (CYRILLIC.test(word)) return 'cyrillic';
  if (LATIN.test(word)) return 'latin';
  if (NUMBER.test(word)) return 'number';
  return 'other';
}

/** The script of one letter, for splitting "XIсъезд"; null for digits and marks, which join either side. */
export function letterScript(ch: string): 'latin' | 'cyrillic' | 'other' | null {
  if (CYRILLIC.test(ch)) return 'cyrillic';
  if (LATIN.test(ch)) return 'latin';
  return /\p{L}/u.test(ch) ? 'other' : null;
}
