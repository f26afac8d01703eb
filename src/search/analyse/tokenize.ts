/**
 * Tokenizing: folded text (letter case kept, see analyseTerm) into words of letters, digits and
 * marks in any script. A word keeps its internal apostrophes and hyphens as decided here:
 *
 * - Zinov'ev, Biulleten' → zinovev-like single words (the apostrophe is a transliterated soft sign);
 * - Trotsky's → Trotsky (English possessive); don't, it's stay whole so the stop list can drop them;
 * - l'acte, d'accusation → acte and lacte (French elision: both, so either spelling of a query finds it);
 * - Zinoviev-Kamenev, devil-knows-what-it-is → the parts and the joined form: the joined form is
 *   what heals hyphenation residue ("Trot-sky", "re- habilitation" → Trotsky, rehabilitation);
 * - Latin and Cyrillic letters in one run ("XIсъезд") and "Biulleten'Oppozitsii" are two words;
 * - initials with full stops are one word: B.O. → BO, U.S.S.R. → USSR.
 */
import { EN_STOPWORDS } from './stopwords.ts';
import { foldKeepCase } from './fold.ts';
import { letterScript } from './script.ts';

/** One word of the text: the forms that stand for all of it, and the parts of a hyphenated compound. */
export interface WordToken {
  forms: string[];
  /** One list of forms per part; empty unless the word is a hyphenated compound. */
  parts: string[][];
}

// A hyphen followed by white space joins only before a small letter: "Trot- sky" is residue of a
// line break, "Moscow- Berlin" is not. Folded (lower-case) text joins both, which only adds a term.
const COMPOUND = /[\p{L}\p{N}\p{M}]+(?:(?:['-]|-\s+(?=\p{Ll}))[\p{L}\p{N}\p{M}]+)*/gu;
const TRAILING_JOINERS = /['\-\s]+$/u;
const LOWER = /\p{Ll}/u;
const UPPER = /[\p{Lu}\p{Lt}]/u;
const DIGITS = /^\p{N}+$/u;
const LATIN = /\p{Script=Latin}/u;
const ELISION = /^(?:[ldjmnstc]|qu)'(?=[aeiouyhàâäéèêëîïôöûüœæ])/iu;

/** Longer "words" are URLs or junk squashed together; capping them bounds every later step. */
export const MAX_TOKEN_LENGTH = 64;

function cap(word: string): string {
  if (word.length <= MAX_TOKEN_LENGTH) return word;
  return Array.from(word).slice(0, MAX_TOKEN_LENGTH).join('');
}

// Letters of two scripts, or an apostrophe before a capital: only then is a run worth cutting.
const APOSTROPHE_CAPITAL = /'[\p{Lu}\p{Lt}]/u;
const TWO_SCRIPTS = /^(?=.*\p{Script=Latin})(?=.*\p{Script=Cyrillic})/su;
const OTHER_LETTER = /[^\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]/u;
const mayCut = (run: string) => APOSTROPHE_CAPITAL.test(run) || TWO_SCRIPTS.test(run) || OTHER_LETTER.test(run);

/** Cuts a run where the script changes between letters, and at "lower'Upper". */
function pieces(run: string): string[] {
  if (!mayCut(run)) return [run];
  const out: string[] = [];
  let start = 0;
  let last: string | null = null;
  let prev = '';
  let prevPrev = '';
  let i = 0;
  for (const ch of run) {
    const script = letterScript(ch);
    const scriptChange = script !== null && last !== null && script !== last;
    const glued = prev === "'" && LOWER.test(prevPrev) && UPPER.test(ch);
    if ((scriptChange || glued) && i > start) {
      out.push(run.slice(start, i).replace(TRAILING_JOINERS, ''));
      start = i;
    }
    if (script !== null) last = script;
    prevPrev = prev;
    prev = ch;
    i += ch.length;
  }
  out.push(run.slice(start));
  return out.filter(Boolean);
}

function apostropheForms(part: string): string[] {
  if (!part.includes("'")) return [cap(part)];
  if (EN_STOPWORDS.has(part.toLowerCase())) return [part];
  const p = LATIN.test(part) ? part.replace(/'s$/iu, '') : part;
  const whole = cap(p.replaceAll("'", ''));
  const elision = ELISION.exec(p);
  if (elision) {
    const rest = cap(p.slice(elision[0].length).replaceAll("'", ''));
    return rest === whole ? [whole] : [rest, whole];
  }
  return [whole];
}

function wordOf(piece: string): WordToken | null {
  const parts = piece
    .split(/-\s*/u)
    .filter(Boolean)
    .map(apostropheForms)
    .filter((forms) => forms.length > 0 && forms.every(Boolean));
  const [first] = parts;
  if (!first) return null;
  if (parts.length === 1) return { forms: first, parts: [] };
  const full = parts.map((forms) => (forms[forms.length - 1] as string).replaceAll("'", ''));
  // "1934-1935" joined is no number anyone types.
  const forms = full.every((p) => DIGITS.test(p)) ? [] : [cap(full.join(''))];
  return { forms, parts };
}

// Initials written with full stops ("B.O.", "U.S.S.R.") are one word, as typed without them (BO,
// USSR): single letters are no index terms, so split they could not be found at all.
const DOTTED_INITIALS = /(?<![\p{L}\p{N}\p{M}.])(?:\p{L}\.){2,}/gu;
export const joinInitials = (s: string) => s.replace(DOTTED_INITIALS, (m) => m.replaceAll('.', ''));

/** The words of a text, with their structure (the query needs it; the index needs tokenize). */
export function words(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of joinInitials(foldKeepCase(text)).matchAll(COMPOUND)) {
    for (const piece of pieces(m[0])) {
      const w = wordOf(piece);
      if (w) out.push(w);
    }
  }
  return out;
}

/**
 * The tokens of a text for the index: every word's forms, a compound's parts before its joined
 * form. Tokens are folded except for letter case, which analyseTerm uses to tell names and then drops.
 */
export function tokenize(text: string): string[] {
  return words(text).flatMap((w) => [...w.parts.flat(), ...w.forms]);
}
