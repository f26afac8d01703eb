/**
 * Russian fixed expressions (data/glossary/ru-en-phrases.tsv, written for Lectern): a Russian query
 * whose meaning sits in a multi-word expression — обвинительное заключение (indictment), на самом
 * деле (in reality), тем не менее, ставить под сомнение (question) — was read word by word by the
 * core glossary (glossary.ts): "accusatory conclusion", "self case". The corpus's translation pairs
 * are too few to learn such units (~30,000 characters of Russian: на самом деле twice, тем не менее
 * and по крайней мере never), so the expressions are listed, as the core glossary's words are.
 *
 * An expression is found among the query's words in sequence, its function words included (the
 * parsed words have lost them). A term or set verb phrase matches any inflected form of its nouns,
 * adjectives and verbs (обвинительного заключения, предъявили обвинение); a linking phrase
 * ("light", на самом деле, в том числе) is frozen and matches as written, so в связях с (in ties with)
 * is not в связи с (in connection with). The words it covers then stand for its English instead of
 * their own English readings (a Russian passage still meets them by their own terms); a linking
 * phrase's words become light — a passage need not say it — and one of stop words alone (так и не:
 * never) is added as a light word of its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedQuery } from '../analyse/index.ts';
import { fold } from '../analyse/fold.ts';
import { stemEnglish, stemRussian } from '../analyse/stem.ts';
import { EN_STOPWORDS } from '../analyse/stopwords.ts';
import { versionedTsvRows } from '../../versioned-tsv.ts';
import { declinedForms, presentForms, verbForms } from './glossary-forms.ts';
import { VERB_LEMMA } from './glossary-prefixes.ts';
import { GLOSSARY_WEIGHT, type ExpansionIndex } from './index.ts';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'glossary');
export const PHRASES_FILE = path.join(DATA, 'ru-en-phrases.tsv');
export const PHRASES_FORMAT = 'lectern.glossary.ru-en-phrases';
export const PHRASES_VERSION = 1;
const RESTORE = 'restore it from the repository (git checkout -- data/glossary/ru-en-phrases.tsv)';
const MAX_GLOSSES = 4;
/** Glosses after the first are less common senses (as in glossary.ts). */
const SECONDARY = 0.8;
/** An expansion held by more of the passages than this, and by more than ALWAYS_AFFORDABLE, costs more than it says (expand/index.ts). */
const MAX_SHARE = 0.1;
const ALWAYS_AFFORDABLE = 300;
const RUSSIAN_WORDS = /^[а-яё]+(?: [а-яё]+)+$/;
const ENGLISH_WORD = /^[a-z]+$/;
const TOKEN = /[\p{L}\p{N}]+/gu;
const ADJECTIVE = /(?:ый|ий|ой)$/;

export class PhraseGlossaryError extends Error {}

export interface PhraseEntry {
  words: string[];
  glosses: string[];
  light: boolean;
  line: number;
}

/** Parses the expressions file (format in its header); throws PhraseGlossaryError naming the line and the fix. */
export function parsePhrases(text: string, file = PHRASES_FILE): PhraseEntry[] {
  const out: PhraseEntry[] = [];
  const seen = new Map<string, number>();
  for (const { cells, lineNo, bad } of versionedTsvRows(text, { file, format: PHRASES_FORMAT, version: PHRASES_VERSION, restore: RESTORE, error: PhraseGlossaryError })) {
    if (cells.length < 2 || cells.length > 3 || (cells.length === 3 && cells[2]!.trim() !== 'light')) throw bad('expected a Russian expression, one tab, its English words, and optionally one tab and "light"');
    const phrase = fold(cells[0]!.trim());
    const glosses = cells[1]!.split(',').map((g) => g.trim());
    if (!RUSSIAN_WORDS.test(phrase)) throw bad(`"${phrase}" is not two or more lower-case Russian words`);
    if (glosses.length > MAX_GLOSSES || glosses.some((g) => !ENGLISH_WORD.test(g))) throw bad(`expected 1–${MAX_GLOSSES} lower-case English words separated by ", "`);
    const before = seen.get(phrase);
    if (before !== undefined) throw bad(`"${phrase}" is listed already on line ${before}`);
    seen.set(phrase, lineNo);
    out.push({ words: phrase.split(' '), glosses, light: cells.length === 3, line: lineNo });
  }
  if (out.length === 0) throw new PhraseGlossaryError(`${file}: no entries: ${RESTORE}`);
  return out;
}

interface Compiled {
  /** Per word, the folded forms a query token may have. */
  forms: Set<string>[];
  /** Per word, the Russian stems of those forms (terms and verb phrases only; empty for a frozen phrase). */
  stems: Set<string>[];
  english: { term: string; weight: number }[];
  light: boolean;
  /** Its first word is a verb (a word may stand after it: VERB_GAP). */
  verb: boolean;
  text: string;
}

/** A word's forms: as written, and for a term or verb phrase its case forms and verb forms; a frozen phrase's adjective (так называемый) declines still. */
function wordForms(word: string, frozen: boolean): string[] {
  if (frozen) return ADJECTIVE.test(word) ? [word, ...declinedForms(word)] : [word];
  return [word, ...declinedForms(word), ...verbForms(word), ...presentForms(word)].map(fold);
}

export function compilePhrases(entries: PhraseEntry[]): Map<string, Compiled[]> {
  const byFirst = new Map<string, Compiled[]>();
  for (const e of entries) {
    const forms = e.words.map((w) => new Set(wordForms(w, e.light)));
    const stems = forms.map((f) => (e.light ? new Set<string>() : new Set([...f].map(stemRussian))));
    const english: { term: string; weight: number }[] = [];
    e.glosses.forEach((g, k) => {
      const term = EN_STOPWORDS.has(g) ? undefined : stemEnglish(g);
      if (term && !english.some((x) => x.term === term)) english.push({ term, weight: k === 0 ? 1 : SECONDARY });
    });
    const c: Compiled = { forms, stems, english, light: e.light, verb: !e.light && VERB_LEMMA.test(e.words[0]!), text: e.words.join(' ') };
    // Indexed by every form and stem of the first word.
    for (const key of new Set([...forms[0]!, ...stems[0]!])) {
      const list = byFirst.get(key);
      if (list) list.push(c);
      else byFirst.set(key, [c]);
    }
  }
  // The longest expression first (в то же время before в то время).
  for (const list of byFirst.values()) list.sort((a, b) => b.forms.length - a.forms.length);
  return byFirst;
}

let compiled: Map<string, Compiled[]> | undefined;
/** The bundled expressions, read on first use (~300 lines: a few ms). */
function bundled(): Map<string, Compiled[]> {
  compiled ??= compilePhrases(parsePhrases(readFileSync(PHRASES_FILE, 'utf8')));
  return compiled;
}

export interface RussianPhrase {
  /** The expression as listed (dictionary forms). */
  text: string;
  /** The places of the query's tokens that say it (a verb's object may stand between: see VERB_GAP). */
  at: number[];
  english: { term: string; weight: number }[];
  light: boolean;
}

/**
 * A set verb phrase may have a short word between its verb and the rest: предъявили им обвинение,
 * дал ложные показания, поставил это под сомнение. One word, and only after a verb.
 */
const VERB_GAP = 1;

/** The listed expressions among a query's tokens, left to right, the longest at each place, none overlapping. */
export function russianPhrasesIn(tokens: string[], table = bundled()): RussianPhrase[] {
  const out: RussianPhrase[] = [];
  const stems = tokens.map((t) => (/[а-я]/.test(t) ? stemRussian(t) : ''));
  const matches = (c: Compiled, at: number, k: number) => at < tokens.length && (c.forms[k]!.has(tokens[at]!) || c.stems[k]!.has(stems[at]!));
  // The places the expression's words are said at, starting at i with `gap` words after its first; undefined if it is not said there.
  const placesOf = (c: Compiled, i: number, gap: number): number[] | undefined => {
    const at = c.forms.map((_, k) => (k === 0 ? i : i + k + gap));
    return at.every((p, k) => matches(c, p, k)) ? at : undefined;
  };
  for (let i = 0; i < tokens.length; i++) {
    if (!/[а-я]/.test(tokens[i]!)) continue;
    const candidates = [...(table.get(tokens[i]!) ?? []), ...(stems[i] !== tokens[i] ? (table.get(stems[i]!) ?? []) : [])].sort((a, b) => b.forms.length - a.forms.length);
    let found: RussianPhrase | undefined;
    for (const gap of [0, VERB_GAP]) {
      for (const c of candidates) {
        if (gap > 0 && !c.verb) continue;
        const at = placesOf(c, i, gap);
        if (at) {
          found = { text: c.text, at, english: c.english, light: c.light };
          break;
        }
      }
      if (found) break;
    }
    if (!found) continue;
    out.push(found);
    i = found.at.at(-1)!;
  }
  return out;
}

const LATIN = /^[a-z]/;

/**
 * Gives the words a listed expression covers its English in place of their own English readings
 * (see the module comment). Runs after the words' own expansions (engine.ts expand).
 */
export function expandRussianPhrases(parsed: ParsedQuery, index: ExpansionIndex): void {
  if (!/[а-я]/.test(parsed.text)) return;
  const tokens = (parsed.text.match(TOKEN) ?? []).map((t) => fold(t));
  for (const phrase of russianPhrasesIn(tokens)) {
    const english = phrase.english
      .filter((e) => index.has(e.term) && (index.frequency(e.term) <= MAX_SHARE || index.count(e.term) <= ALWAYS_AFFORDABLE))
      .map((e) => ({ term: e.term, weight: e.weight * GLOSSARY_WEIGHT }));
    if (english.length === 0) continue;
    const typed = new Set(phrase.at.map((k) => tokens[k]!));
    const covered = parsed.words.filter((w) => typed.has(w.text));
    if (covered.length === 0) {
      // Stop words alone (так и не: never): a light word of its own.
      parsed.words.push({ text: phrase.at.map((k) => tokens[k]!).join(' '), terms: [], parts: [], light: true, expansions: english });
      continue;
    }
    for (const w of covered) {
      if (phrase.light) w.light = true;
      w.expansions = [...(w.expansions ?? []).filter((e) => !LATIN.test(e.term)), ...english];
    }
  }
}
