/**
 * A name typed in lower case ("bakaev", "who was yagoda"): readers in a chat rarely reach for the
 * shift key, and a lower-case word is otherwise read as a common word — its form the reader's choice
 * (typed-form.ts), its glossary words followed, no "who was X" introduction. A lower-case Latin word
 * WordNet does not know whose cross-script key the index holds (the index keys only capitalised,
 * transliteration-like and Cyrillic words, so the corpus writes it as a name) is read as if typed
 * with a capital. A word WordNet knows ("purge", "beard") stays a common word however the corpus
 * writes it.
 */
import { isKey, type QueryWord } from './analyse/index.ts';
import { sentenceCase } from './typed-form.ts';

const LOWER_LATIN = /^[\p{Ll}'’-]+$/u;
const LATIN = /^[\p{Script=Latin}'’-]+$/u;

/** Marks the query's lower-case words that the corpus writes as names as capitalised. */
export function readLowerCaseNames(words: readonly QueryWord[], indexHas: (term: string) => boolean): void {
  for (const w of words) {
    if (w.capitalised || w.light || !LOWER_LATIN.test(w.text) || !LATIN.test(w.text)) continue;
    if (!w.terms.some((t) => isKey(t) && indexHas(t)) || sentenceCase(w)) continue;
    w.capitalised = true;
  }
}
