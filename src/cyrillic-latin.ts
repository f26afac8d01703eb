/**
 * The one Russian → Latin letter table (Library of Congress without diacritics: х kh, ц ts, ж zh,
 * щ shch, ю iu, я ia, й i, ы y, ь and ъ dropped). Search keys, name alignment, slugs and BibTeX keys
 * all transliterate with it, so a name reads the same in each; each user adds the letters of other
 * Cyrillic alphabets it needs (search keys and BibTeX keys do, and differ on є by purpose).
 */
export const RUSSIAN_TO_LATIN: Readonly<Record<string, string>> = Object.freeze({
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
});

/** Each lower-case Russian letter of `text` in Latin letters; every other character passes unchanged. */
export function russianToLatin(text: string): string {
  let out = '';
  for (const ch of text) out += RUSSIAN_TO_LATIN[ch] ?? ch;
  return out;
}
