/**
 * A Russian adjective of a name stands for the name: «московский процесс» is the Moscow trial,
 * «ленинградские чекисты» the Leningrad NKVD, «ленинская гвардия» Lenin's guard. English says the
 * name itself, so the adjective reaches an English passage only through it. By rule, not a list:
 * the adjective's -ск- and ending are cut and the name guessed from what is left, in the ways
 * Russian forms these adjectives (ленинград-ский, сибир(ь)-ский, украин(а)-ский, герман(ия)-ский,
 * англи(я)-йский, том(ск)-ский, моск(ва)-овский, одес(са)-ский, барнаул-ьский, мексик(а)-анский);
 * a guess is kept only when it is a name: one of data/names (Москва → Moscow) or one the texts
 * spell in Latin letters (the index holds its transliteration: leningrad, kiev, petrograd), with
 * that name's other names (Leningrad → Petrograd). A common noun's adjective (городской, советский)
 * meets no English word spelled like it, so it is left to the glossary.
 */
import { crossScriptKey, transliterate } from '../analyse/key.ts';
import { stemEnglish } from '../analyse/stem.ts';
import { otherNames } from './names.ts';

/** An adjective in -ский or -ской in any case form, with at least three letters before the suffix. */
const ADJECTIVE = /^([а-яё]{3,})ск(?:ий|ой|ая|ое|ие|ого|ому|им|ом|ую|их|ими|ою)$/;
const LATIN_STEM = /^[a-z]{3,}$/;

/** The names an adjective's stem may come from (not all words: only those an index or list holds are kept). */
export function placeNameGuesses(word: string): string[] {
  const m = ADJECTIVE.exec(word.replace(/ё/g, 'е'));
  if (!m) return [];
  const x = m[1]!;
  const out = [x, `${x}ь`, `${x}а`, `${x}я`, `${x}ия`, `${x}ск`];
  if (x.endsWith('ь')) out.push(x.slice(0, -1));
  if (x.endsWith('й')) out.push(`${x.slice(0, -1)}я`);
  if (/[ое]в$/.test(x)) out.push(`${x.slice(0, -2)}ва`);
  if (x.endsWith('с')) out.push(`${x}са`);
  if (x.endsWith('ан')) out.push(`${x.slice(0, -2)}а`);
  return [...new Set(out)];
}

/**
 * The index terms of the name an adjective is of: the English name (data/names, or the
 * transliteration the index holds) and its other names. Not the name's cross-script key: it brings
 * the Russian passages that merely say «в Москве» ("состав московского центра": the answer 4th → 5th with it).
 * Empty when no guess is a name the list or the texts know.
 */
export function placeNameTerms(word: string, has: (term: string) => boolean): string[] {
  const out = new Set<string>();
  for (const guess of placeNameGuesses(word)) {
    const key = crossScriptKey(guess);
    const found: string[] = key ? otherNames([key]) : [];
    const latin = stemEnglish(transliterate(guess));
    if (LATIN_STEM.test(latin) && has(latin)) found.push(latin, ...otherNames([latin]));
    if (!found.length) continue;
    for (const t of found) out.add(t);
  }
  return [...out].filter(has);
}
