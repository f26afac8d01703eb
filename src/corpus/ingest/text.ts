/** Small text facts the ingestion rules are built from. */
import type { Lang } from '../model.ts';
import { russianToLatin } from '../../cyrillic-latin.ts';

export const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUPERSCRIPT_VALUE = new Map([...SUPERSCRIPT_DIGITS].map((c, i) => [c, String(i)]));

export const superscriptToNumber = (s: string): number =>
  Number([...s].map((c) => SUPERSCRIPT_VALUE.get(c) ?? '').join(''));

export const isCyrillicChar = (c: string) => /[\u0400-\u04FF]/.test(c);
export const startsLowercase = (s: string) => /^[\s"“«(]*[a-zа-яё]/.test(s);
export const isUrlStart = (s: string) => /^(https?:\/\/|www\.)/i.test(s.trim());

/** Does a passage end where a sentence can end? Trailing footnote markers and quotes do not count. */
export function endsSentence(text: string): boolean {
  const t = text
    .trimEnd()
    .replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/u, '')
    .replace(/(?<=[.!?…"”»)\]])\s?\d{1,2}$/u, '')
    .replace(/\*+$/u, '')
    .trimEnd();
  return /[.!?…:;"”»)\]]$/u.test(t);
}

const EN_WORDS = new Set('the of and to in is that was for it with as his by on not be he this are had from which at but have were they an or their has been who would one all there we'.split(' '));
const FR_WORDS = new Set("le la les de des du et à est que qui dans pour une un sur au aux avec ne pas il elle ce cette son sa ses leur été était par en l d qu n s c j m ont sont".split(' '));
const DE_WORDS = new Set('der die das und ist nicht den dem des ein eine zu mit sich auf für von im auch es als wie bei'.split(' '));

/** Language of a block: Russian by script, then English / French / German by their commonest words. */
export function detectLang(text: string): Lang {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 'und';
  const cyr = letters.filter(isCyrillicChar).length;
  if (cyr / letters.length > 0.4) return 'ru';
  const words = text
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .flatMap((w) => w.split("'"))
    .filter(Boolean);
  let en = 0;
  let fr = 0;
  let de = 0;
  for (const w of words) {
    if (EN_WORDS.has(w)) en++;
    if (FR_WORDS.has(w)) fr++;
    if (DE_WORDS.has(w)) de++;
  }
  const accented = (text.match(/[éèêàùçôîûœ]/g) ?? []).length;
  fr += accented * 0.25;
  if (words.length >= 3) {
    if (fr > en * 1.5 && fr >= 2) return 'fr';
    if (de > en * 1.2 && de >= 2) return 'de';
  }
  // A signature or a name alone ("M Zborowski") says nothing about the language around it.
  if (en === 0 && words.length < 4) return 'und';
  return 'en';
}

// Letters that look the same in both scripts; OCR mixes them inside words.
const LATIN_TO_CYR: Record<string, string> = {
  a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М',
  H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х', k: 'к', m: 'м', n: 'п', u: 'и',
};
const CYR_TO_LATIN: Record<string, string> = Object.fromEntries(
  Object.entries(LATIN_TO_CYR)
    .filter(([lat]) => !'nu'.includes(lat))
    .map(([lat, cyr]) => [cyr, lat]),
);
const DIGIT_IN_CYR: Record<string, string> = { '3': 'з', '0': 'о', '6': 'б' };

/**
 * Homoglyph repair: a Cyrillic word with a Latin letter (or a digit) inside it, or a Latin word with
 * a Cyrillic letter, is mapped to its majority script. Digits that are not letter look-alikes (the
 * OCR's "пре1дприятия") are dropped from the word. Whole words are only switched when every letter
 * has a look-alike and the surrounding block is in the other script.
 */
export function repairHomoglyphs(text: string, blockLang: Lang): string {
  return text.replace(/[\p{L}\d]+/gu, (word) => {
    const letters = [...word];
    const cyr = letters.filter(isCyrillicChar).length;
    const lat = letters.filter((c) => /[A-Za-z]/.test(c)).length;
    const digits = letters.filter((c) => /\d/.test(c)).length;
    if (cyr > 0 && (lat > 0 || digits > 0) && cyr >= lat) {
      if (/^\d+$/.test(word.replace(/[^\d]/g, '')) && cyr === 0) return word;
      // Word-final digits on a Cyrillic word are footnote markers, not letters: leave them.
      const core = word.replace(/\d+$/u, '');
      const tail = word.slice(core.length);
      const fixed = [...core]
        .map((c) => LATIN_TO_CYR[c] ?? (/\d/.test(c) ? (DIGIT_IN_CYR[c] ?? '') : c))
        .join('');
      return fixed + tail;
    }
    if (lat > 0 && cyr > 0 && lat > cyr) {
      return letters.map((c) => CYR_TO_LATIN[c] ?? c).join('');
    }
    if (cyr > 0 && lat === 0 && blockLang !== 'ru' && letters.every((c) => CYR_TO_LATIN[c])) {
      return letters.map((c) => CYR_TO_LATIN[c]).join('');
    }
    return word;
  });
}

/** Text for the index: light markup removed, white space folded. Markers are removed by the caller. */
export function stripMarkup(text: string): string {
  return text
    .replace(/<\/?u>/g, '')
    .replace(/\*\*(.+?)\*\*/gs, '$1')
    .replace(/(^|[\s(["“«])\*(?!\s)(.+?)(?<!\s)\*(?=$|[\s.,;:!?)\]"”»])/gsu, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

export const wordCount = (s: string) => (s.match(/[\p{L}\d]+/gu) ?? []).length;

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
export const DATE_LINE = new RegExp(`^(?:(?:${MONTHS}) \\d{1,2},? \\d{4}|\\d{1,2} (?:${MONTHS}) \\d{4}|[IVX\\d]+\\.[IVX]+\\.? ?\\d{4})\\.?$`);

/** A rough Latin key for a capitalised name in either script, for aligning a text with its translation. */
export function nameKey(word: string): string {
  const lat = russianToLatin(word.toLowerCase());
  return lat
    .replace(/[^a-z]/g, '')
    .replace(/kh/g, 'h')
    .replace(/[yij]/g, 'i')
    .replace(/(.)\1/g, '$1')
    .slice(0, 5);
}
