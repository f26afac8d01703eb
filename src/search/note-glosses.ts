/**
 * A footnote's titles in another language, read in English. Notes cite Russian works in
 * transliteration ("Obvinitelnye materialy po delu podpol'noi … gruppy", "Pis'mo Trotskogo Zhene")
 * and French ones as printed ("L'historien devant la vie. Charles A. Beard et les procès de
 * Moscou"), and a reader asks for them in English ("the indictment materials against the
 * underground group", "Broué's article about the historian Charles Beard and the Moscow trials"):
 * the note is the only place that names the work, and none of its words met the query's.
 *
 * A Latin word is read back into Cyrillic (the Library of Congress scheme the texts use, without
 * diacritics: kh х, zh ж, ts ц, ch ч, sh ш, shch щ, iu ю, ia я, ' ь, a final -oi/-yi/-ii/-ei
 * ой/ый/ий/ей) and looked up in the core Russian glossary; a word of a French stretch (one with a
 * French function word and no more English ones) in the core French glossary. The English terms
 * they give are indexed with the note (index-build.ts), as its own words translated. A word the
 * glossaries do not know gives nothing, so a name or an English word stays as it is; an English
 * word that reads as a Russian one would need to be in a stretch with a Russian function word or a
 * sign of transliteration (an apostrophe, kh, zh, iu, ia, a final -ii/-oi/-yi/-ogo/-ykh).
 */
import { readFileSync } from 'node:fs';
import { analyseTerm } from './analyse/index.ts';
import { fold } from './analyse/fold.ts';
import { stemEnglish } from './analyse/stem.ts';
import { GLOSSARY_FILE, GLOSSARY_STEMS_FILE, glossaryTerms } from './expand/glossary.ts';
import { FRENCH_GLOSSARY_FILE, frenchGlossaryTerms } from './expand/glossary-fr.ts';
import { partsOfSpeech } from './expand/wordnet.ts';
import { sha256 } from '../hash.ts';

/**
 * What a note's English terms are read with: this file's rules, the French glossary's reading, and
 * the glossaries' data (the Russian one's kept stems stand for how its lemmas are analysed). The
 * terms are in the saved index, so a glossary grown by a later release must rebuild it, as a
 * change of analysis does (saved-index.ts, index-snapshot.ts). A file that cannot be read (a
 * bundle without sources) counts by its name only.
 */
const GLOSS_INPUTS = [new URL(import.meta.url), new URL('./expand/glossary-fr.ts', import.meta.url), GLOSSARY_FILE, GLOSSARY_STEMS_FILE, FRENCH_GLOSSARY_FILE];
let fingerprint: string | undefined;
export function noteGlossesFingerprint(): string {
  fingerprint ??= sha256(
    GLOSS_INPUTS.map((file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return `unreadable ${String(file)}`;
      }
    }).join('\u0000'),
  );
  return fingerprint;
}

const DIGRAPHS: [string, string][] = [
  ['shch', 'щ'], ['kh', 'х'], ['zh', 'ж'], ['ts', 'ц'], ['ch', 'ч'], ['sh', 'ш'], ['iu', 'ю'], ['ia', 'я'], ['yu', 'ю'], ['ya', 'я'],
];
const LETTERS: Record<string, string> = {
  a: 'а', b: 'б', v: 'в', g: 'г', d: 'д', e: 'е', z: 'з', i: 'и', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', f: 'ф', h: 'х', y: 'ы', c: 'ц', j: 'й', w: 'в', x: 'кс', q: 'к', "'": 'ь', '’': 'ь',
};
const FINAL: [RegExp, string][] = [[/oi$/, 'ой'], [/yi$/, 'ый'], [/ii$/, 'ий'], [/ei$/, 'ей']];

/** A Latin word (lower case) read back into Cyrillic: with ia, iu as я, ю and, where it has them, as two letters (materialy). */
export function cyrillicOf(word: string): string[] {
  const out = [spell(word, DIGRAPHS)];
  if (/i[au]/.test(word)) out.push(spell(word, DIGRAPHS.filter(([lat]) => lat !== 'ia' && lat !== 'iu')));
  return out;
}

function spell(word: string, digraphs: [string, string][]): string {
  let w = word;
  let end = '';
  for (const [re, cyr] of FINAL) {
    if (re.test(w) && w.length > 3) {
      w = w.replace(re, '');
      end = cyr;
      break;
    }
  }
  let out = '';
  for (let i = 0; i < w.length; ) {
    const d = digraphs.find(([lat]) => w.startsWith(lat, i));
    if (d) {
      out += d[1];
      i += d[0].length;
      continue;
    }
    out += LETTERS[w[i]!] ?? '';
    i++;
  }
  return out + end;
}

/** Transliterated Russian function words and signs of transliteration in a word. */
const RUSSIAN_FUNCTION = new Set(['v', 'na', 'po', 'ot', 'iz', 'dlia', 'pri', 'ob', 'o', 'i', 's', 'k', 'ne', 'za', 'do', 'bez', 'mezhdu']);
const TRANSLITERATED = /['’]|kh|zh|iu|ia|shch|(?:ii|oi|yi|ogo|ykh|ikh|omu)$/;
const FRENCH_FUNCTION = new Set(['au', 'aux', 'du', 'des', 'le', 'la', 'les', 'et', 'dans', 'sur', 'avec', 'une', 'chez', 'sous', 'un', 'pour', 'par', 'contre', 'de']);
const ENGLISH_FUNCTION = new Set('a an the of to in on at by for with from into as and or but not is was were are be been has have had it its this that which who his her their'.split(' '));
const WORD = /[\p{L}][\p{L}'’]*/gu;

const LATIN_WORD = /^[a-z'’]+$/;
const FRENCH_WORD = /^[a-zàâæçéèêëîïôœùûüÿ'’]+$/;
const MIN_LETTERS = 4;

/**
 * A word marked as transliterated, unless it is an English word WordNet knows: "Media" in
 * "Erythrós Press & Media" has the ia of Zakliataia and Osnovania, and read as медиа it gave the
 * publisher's entries "copper" (медь). A word of two or three letters stays a sign: the initials of
 * "Protokol Doprosa IA.A. Iakovleva" (WordNet knows IA as Iowa).
 */
const transliterated = (w: string) => TRANSLITERATED.test(w) && (w.length < MIN_LETTERS || partsOfSpeech(stemEnglish(w)).size === 0);

/** The English terms a note's titles in Russian (transliterated) or French give, each once. */
export function foreignTitleTerms(plain: string): string[] {
  return [...foreignTitleGlosses(plain).keys()];
}

/**
 * Each English term a note's or entry's foreign titles give, with the word it was read from as the
 * text spells it (druzhba for friendship): the match report names it, so a reader sees which word
 * of the title met the query's rather than being told the passage lacks it.
 */
export function foreignTitleGlosses(plain: string): Map<string, string> {
  const out = new Map<string, string>();
  const give = (term: string, word: string) => {
    if (!out.has(term)) out.set(term, word);
  };
  for (const stretch of plain.split(/[,;:()[\]."“”«»]|https?:\/\/\S+/u)) {
    const spelt = stretch.match(WORD) ?? [];
    const words = spelt.map((w) => fold(w).toLowerCase());
    let russian = 0;
    let french = 0;
    let english = 0;
    for (const w of words) {
      if (ENGLISH_FUNCTION.has(w)) english++;
      else if (RUSSIAN_FUNCTION.has(w) || transliterated(w)) russian++;
      if (FRENCH_FUNCTION.has(w) && !ENGLISH_FUNCTION.has(w)) french++;
    }
    const frenchStretch = french > english;
    const russianStretch = !frenchStretch && russian > english;
    words.forEach((w, i) => {
      if (w.replace(/['’]/g, '').length < MIN_LETTERS) return;
      if (frenchStretch && FRENCH_WORD.test(w)) {
        for (const t of frenchGlossaryTerms(w.replace(/^[a-z]['’]/, ''))) give(t.term, spelt[i]!);
      } else if (russianStretch && LATIN_WORD.test(w)) {
        for (const cyr of cyrillicOf(w)) for (const t of glossaryTerms(cyr, analyseTerm(cyr))) if (/^[a-z]/.test(t.term)) give(t.term, spelt[i]!);
      }
    });
  }
  return out;
}
