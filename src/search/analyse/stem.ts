/**
 * Snowball stemmers from snowball-stemmers (a port generated from the Snowball sources): "english"
 * is Porter2 (generously → generous, dying → die), "russian" is Snowball Russian, "french" Snowball
 * French (only for the French glossary's lookups, expand/glossary-fr.ts: the index stems French
 * text as English). @orama/stemmers' English is the original Porter algorithm (generously → gener, dying → dy), so it is not used.
 */
import snowball from 'snowball-stemmers';
import { americanSpelling } from './spelling.ts';
import { splitStem } from './stem-split.ts';

export const STEMMER_PACKAGE = { name: 'snowball-stemmers', version: '0.6.0', english: 'english (Porter2)', russian: 'russian' };

const english = snowball.newStemmer('english');
const russian = snowball.newStemmer('russian');
const french = snowball.newStemmer('french');

// Stemmers are written for words; anything longer is not one, and their cost grows with length.
const MAX = 64;

/**
 * Each stemmer's answers, kept: a query stems its words again every time it is asked (the index's
 * words are cached in analyseTerm), and stemming was a tenth of a short query's time. Dropped
 * whole when full, which keeps it simple and bounded.
 */
const CACHE_LIMIT = 20_000;
function cached(stemmer: { stem(word: string): string }): (word: string) => string {
  const known = new Map<string, string>();
  return (word) => {
    let stem = known.get(word);
    if (stem === undefined) {
      stem = stemmer.stem(word) || word;
      if (known.size >= CACHE_LIMIT) known.clear();
      known.set(word, stem);
    }
    return stem;
  };
}
const englishStem = cached(english);
const russianStem = cached(russian);
const frenchStem = cached(french);

/** Porter2 alone, false friends merged (stem-split-compile.ts reads WordNet's words by it). */
export function porter2(word: string): string {
  if (word.length > MAX) return word;
  return englishStem(word);
}

/**
 * Stems a lower-case Latin word, British spellings read as American (spelling.ts) so both meet in
 * the index, WordNet and the lexicons alike, and a false friend Porter2 merges with another word
 * given its own stem (stem-split.ts); falls back to the word itself should the stemmer empty it.
 */
export function stemEnglish(word: string): string {
  if (word.length > MAX) return word;
  const american = americanSpelling(word);
  return splitStem(american, englishStem(american));
}

/** Stems a lower-case Cyrillic word with ё already folded to е (Snowball Russian ignores ё). */
export function stemRussian(word: string): string {
  if (word.length > MAX) return word;
  return russianStem(word);
}

/** Stems a folded French word (accents kept: Snowball French reads them, procès → proces, proces → proc). */
export function stemFrench(word: string): string {
  if (word.length > MAX) return word;
  return frenchStem(word);
}
