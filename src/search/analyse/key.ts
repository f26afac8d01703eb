/**
 * The cross-script key: one extra index term per name-like word, so that Зиновьев, Zinoviev,
 * Zinov'ev and Zinovev meet. It is derived by rule, never from a list of names:
 *
 * 1. Cyrillic is transliterated with one scheme (Library of Congress without diacritics:
 *    х kh, ц ts, ж zh, щ shch, ю iu, я ia, й i, ы y, ь and ъ dropped).
 * 2. That, or a Latin word, is reduced to a phonetic skeleton in which the usual variants of
 *    the same Russian sound coincide: diacritics and soft signs dropped; x → ks, w → v,
 *    tz → ts, dzh → dj, tch → ch (French/German/English habits); kh → h; the glides y and j → i
 *    (ya/ia/ja, yu/iu/ju, -iy/-ii/-yi/-y); ie and io → e (Zinoviev/Zinov'ev, Yezhov/Ezhov,
 *    Budyonny/Budennyi, Dostoyevsky/Dostoevsky); doubled letters once (Biulleten/Byulleten).
 * 3. One Russian case or adjective ending is cut, so that the declined forms in Russian text
 *    (Троцкого, Каменевым, Ягоды) meet the English nominative (Trotsky, Kamenev, Yagoda).
 *
 * The key is lossy on purpose and is prefixed with "~" so it never equals an ordinary term. What it
 * does not cover: spellings that differ in a consonant (Moscow/Москва, Jeschow), and fuzzy
 * misspellings, which fuzzyFor handles on the stem.
 */

import { RUSSIAN_TO_LATIN } from '../../cyrillic-latin.ts';

const CYRILLIC_TO_LATIN: Record<string, string> = {
  ...RUSSIAN_TO_LATIN,
  // Ukrainian, Belarusian and Serbian letters, so their names get a key too.
  і: 'i', ї: 'i', є: 'e', ґ: 'g', ў: 'u', ј: 'j', љ: 'lj', њ: 'nj', ђ: 'dj', ћ: 'c', џ: 'dzh', ѕ: 'dz',
};

export const KEY_MARKER = '~';

/** Transliterates a lower-case Cyrillic word (LC scheme, no diacritics); other characters pass. */
export function transliterate(word: string): string {
  let out = '';
  for (const ch of word) out += CYRILLIC_TO_LATIN[ch] ?? ch;
  return out;
}

/** A Latin word without diacritics and ligatures, as people type it: Broué → broue, œuvre → oeuvre. */
export function plainLatin(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/ı/g, 'i');
}

// Longest first; one is cut, and only when three letters remain.
const ENDINGS = ['iami', 'ami', 'ogo', 'ego', 'omu', 'emu', 'imi', 'aia', 'uiu', 'iah', 'ah', 'ih', 'im', 'om', 'em', 'oi', 'ei', 'ia', 'iu', 'a', 'u', 'i', 'e', 'o'];
const MIN_KEY = 3;

function skeleton(latin: string): string {
  let s = plainLatin(latin)
    .replace(/['ʹʺ]/g, '')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/tz/g, 'ts')
    .replace(/dzh/g, 'dj')
    .replace(/tch/g, 'ch')
    .replace(/kh/g, 'h')
    .replace(/[yj]/g, 'i')
    .replace(/i[eo]/g, 'e')
    .replace(/(.)\1+/g, '$1');
  for (const ending of ENDINGS) {
    if (s.endsWith(ending) && s.length - ending.length >= MIN_KEY) {
      s = s.slice(0, -ending.length);
      break;
    }
  }
  return s;
}

/**
 * The key of one lower-case word in Latin or Cyrillic letters, or null when it has none (too
 * short, digits, letters of another script).
 */
export function crossScriptKey(word: string): string | null {
  const s = skeleton(transliterate(word));
  if (s.length < MIN_KEY || !/^[a-z]+$/.test(s)) return null;
  return KEY_MARKER + s;
}
