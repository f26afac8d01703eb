/**
 * Lectern's core Russian–English glossary (data/glossary/ru-en.tsv, written for the project): the
 * everyday and political vocabulary a Russian question about an English passage uses (почта,
 * книга, расстрелять, сын, газета, грубый) and that the corpus's few translated pages never pair,
 * so the learned lexicon (lexicon.ts) cannot carry it. Read on the first query that needs it.
 *
 * Both sides are reduced to the index's terms: each Russian lemma, and for a verb the past and
 * present forms Snowball stems apart from the infinitive (glossary-forms.ts), by Snowball Russian;
 * each English word by Porter2. A Russian stem shared by lemmas that mean different things
 * (стать and сталь, дать and дата) is ambiguous and not used, nor is one shorter than MIN_STEM; a
 * query word is then recognised only as one of its lemma's guessed case forms (жену → жена), and
 * a word whose lemmas still disagree (вину: вина, вино) gives each reading at AMBIGUOUS.
 * A word that is neither a listed form nor a listed stem may be a listed verb with a prefix
 * (дописал: писать, glossary-prefixes.ts) or a Soviet compound of a clipping and a listed word
 * (партархив: party archive, compound-ru.ts), read below a listed word's weight.
 *
 * Stemming its ~10,000 forms and glosses costs ~0.2 s of a cold process, so the stems are kept beside the
 * glossary (ru-en.stems.json, sealed, written by `npm run glossary`) with the digest of what they
 * were computed from; when that no longer matches (the glossary was edited), they are computed again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { versionedTsvRows } from '../../versioned-tsv.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../hash.ts';
import { readSealedJson } from '../../sealed-json.ts';
import { ANALYSIS_VERSION, analysisOptions } from '../analyse/options.ts';
import { stemEnglish, stemRussian } from '../analyse/stem.ts';
import { EN_STOPWORDS, RU_STOPWORDS } from '../analyse/stopwords.ts';
import { compoundGlosses } from './compound-ru.ts';
import { declinedForms, hiddenForms, NUMBER_FORMS, participleForms, presentForms, verbForms } from './glossary-forms.ts';
import { adjectiveForms, irregularFormLemmas, irregularVerbForms, pastGerundForms } from './glossary-irregular.ts';
import { prefixedVerbTargets, VERB_LEMMA } from './glossary-prefixes.ts';

/** Each oblique form of a number (трёх, двумя, сорока) and its lemma. */
const NUMBER_LEMMA = new Map(Object.entries(NUMBER_FORMS).flatMap(([lemma, forms]) => forms.map((f) => [f, lemma] as const)));

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'glossary');
export const GLOSSARY_FILE = path.join(DATA, 'ru-en.tsv');
export const GLOSSARY_STEMS_FILE = path.join(DATA, 'ru-en.stems.json');
export const GLOSSARY_FORMAT = 'lectern.glossary.ru-en';
export const GLOSSARY_VERSION = 1;
export const STEMS_FORMAT = 'lectern.glossary-stems';
export const STEMS_VERSION = 2;
/** A Russian stem shorter than this meets too many unrelated words to be looked up by stem. */
export const MIN_STEM = 3;
/** A word whose lemmas disagree gives each one's English at this share of its weight. */
const AMBIGUOUS = 0.5;
/** Glosses after the first are less common senses. */
const SECONDARY = 0.8;
/** Russian lemmas one English word leads to, at most, in the file's order (most common first). */
const MAX_FROM_ENGLISH = 8;
const MAX_GLOSSES = 4;
const RUSSIAN_LEMMA = /^[а-яё]+$/;
const ENGLISH_WORD = /^[a-z]+$/;
const CYRILLIC = /\p{Script=Cyrillic}/u;

export interface GlossaryEntry {
  lemma: string;
  glosses: string[];
  line: number;
}

/**
 * Per entry, its lemma, the stems of its lemma and verb forms, the term of each gloss (null: a stop
 * word), and per gloss the word itself where its term is another word's (`own`, null elsewhere).
 */
export interface GlossaryStems {
  lemmas: string[];
  russian: string[][];
  english: (string | null)[][];
  own: (string | null)[][];
}

export interface Glossary {
  entries: number;
  /**
   * English terms for a Russian query word (folded, lower case) and its Russian stem; weights 0–1.
   * `surface`: the gloss's own word forms, where its term is also another, unrelated word's (see `ownForms`).
   */
  toEnglish(word: string, stem: string): { term: string; weight: number; surface?: string[] }[];
  /**
   * Does the glossary list the word (folded, lower case) as a lemma's form or stem, whatever its
   * English (свой: own, whose gloss is a stop word)? For the Russian reach (glossary-coverage.ts).
   */
  lists(word: string, stem: string): boolean;
  /** Russian stems for an English stem; weights 0–1. */
  fromEnglish(stem: string): { term: string; weight: number }[];
  /**
   * Is the word read by its own form as a lemma whose stem other, unrelated lemmas share (стоит:
   * стоить cost, whose stem сто is the number's)? Then what its stem stands for elsewhere (the
   * pairs' learned translations of сто) is not what the word means.
   */
  readApartFromStem(word: string, stem: string): boolean;
  /**
   * The English glosses that stand only for their own forms (see `ownForms`: evening, whose term
   * even is даже's word), so that another glossary's same gloss is read alike (glossary-fr.ts).
   */
  ownWords: ReadonlySet<string>;
}

export class GlossaryError extends Error {}

const RESTORE = 'restore it from the repository (git checkout -- data/glossary/ru-en.tsv)';

/** A glossary file: where it is, its first line's format and version, what its lemmas are, how to restore it. */
export interface GlossaryFile {
  file: string;
  format: string;
  version: number;
  /** The lemmas' language, for the errors ("Russian"). */
  language: string;
  lemma: RegExp;
  restore: string;
}

/** Parses a glossary file's text (the format above); throws GlossaryError naming the file, the line and the fix. */
export function parseGlossaryFile(text: string, spec: GlossaryFile): GlossaryEntry[] {
  const { file, format, version, language, restore } = spec;
  const entries: GlossaryEntry[] = [];
  const seen = new Map<string, number>();
  for (const { cells, lineNo, bad } of versionedTsvRows(text, { file, format, version, restore, error: GlossaryError })) {
    if (cells.length !== 2) throw bad(`expected a ${language} lemma, one tab, then its English words`);
    const lemma = cells[0]!.trim();
    const glosses = cells[1]!.split(',').map((g) => g.trim());
    if (!spec.lemma.test(lemma)) throw bad(`"${lemma}" is not one lower-case ${language} word`);
    if (glosses.length > MAX_GLOSSES || glosses.some((g) => !ENGLISH_WORD.test(g))) throw bad(`expected 1–${MAX_GLOSSES} lower-case English words separated by ", "`);
    const before = seen.get(lemma);
    if (before !== undefined) throw bad(`"${lemma}" is listed already on line ${before}`);
    seen.set(lemma, lineNo);
    entries.push({ lemma, glosses, line: lineNo });
  }
  if (entries.length === 0) throw new GlossaryError(`${file}: no entries: ${restore}`);
  return entries;
}

/** Parses the Russian glossary's text; throws GlossaryError naming the file, the line and the fix. */
export function parseGlossary(text: string, file = GLOSSARY_FILE): GlossaryEntry[] {
  return parseGlossaryFile(text, { file, format: GLOSSARY_FORMAT, version: GLOSSARY_VERSION, language: 'Russian', lemma: RUSSIAN_LEMMA, restore: RESTORE });
}

/** Lemma endings (glossary-forms.ts inflects from these), and the longest ending a form adds to what it keeps. */
const LEMMA_ENDINGS = ['', 'а', 'я', 'о', 'е', 'ь', 'й', 'ы', 'и', 'ый', 'ой', 'ий', 'ия', 'ие', 'ть', 'ться', 'ать', 'ять', 'ить', 'еть', 'овать', 'евать', 'авать', 'аваться', 'аться', 'яться', 'иться', 'еться', 'оваться', 'еваться', 'ти', 'сти', 'асти', 'стись', 'чь', 'чься', 'нуть', 'нуться'];
const MAX_FORM_ENDING = 6;

const foldRussian = (word: string) => (word.includes('ё') ? word.replace(/ё/g, 'е') : word);
/** The forms of a lemma that are stemmed: itself and, for a verb, the forms Snowball stems apart. */
const stemmedForms = (lemma: string) => [lemma, ...verbForms(lemma)].map(foldRussian).filter((f) => !RU_STOPWORDS.has(f));

/**
 * The costly part: every stemmed form and gloss through Snowball. A guessed participle's stem
 * (glossary-forms.ts participleForms), or a past's whose infinitive hides its stem (hiddenForms:
 * беречь → берёг, the stem of берег shore), is added only where no other lemma's own forms have it:
 * a wrong guess (родить → рожен) or a true homograph (рубить → рублен, рубль) would otherwise make
 * the other lemma's stem ambiguous, and compileGlossary would drop it (rye, rouble lost).
 */
export function stemGlossary(entries: GlossaryEntry[]): GlossaryStems {
  const own = entries.map((e) => [...new Set(stemmedForms(e.lemma).map(stemRussian))]);
  const owners = new Map<string, number>();
  for (const stems of own) for (const s of stems) owners.set(s, (owners.get(s) ?? 0) + 1);
  const russian = entries.map((e, i) => {
    const stems = own[i]!.slice();
    for (const f of [...participleForms(e.lemma), ...hiddenForms(e.lemma)]) {
      const s = stemRussian(foldRussian(f));
      if (!stems.includes(s) && !owners.has(s)) stems.push(s);
    }
    return stems;
  });
  const english = entries.map((e) => e.glosses.map((g) => (EN_STOPWORDS.has(g) ? null : stemEnglish(g))));
  return { lemmas: entries.map((e) => e.lemma), russian, english, own: ownForms(entries, english) };
}

/** Russian lemmas of one root begin alike (встреча, встретить; письмо, писать); unrelated ones mostly do not. */
const ROOT = 3;

/**
 * Glosses whose term is another English word of the glossary, of unrelated lemmas: Porter2 cuts
 * evening (вечер) to even, which is даже's word; procession (шествие) to process (процесс); building
 * (здание) to build (строить). A passage holding the term mostly says the other word ("even" is
 * everywhere in English prose), so such a gloss stands only for its own forms (evening, evenings),
 * which a passage's words are checked for (cross-language.ts). Lemmas of one root that share the
 * term are one family (встреча meeting, встретить meet; письмо writing, писать write) and keep it.
 */
function ownForms(entries: GlossaryEntry[], english: (string | null)[][]): (string | null)[][] {
  const roots = new Map<string, Set<string>>();
  entries.forEach((e, i) => e.glosses.forEach((g, k) => {
    if (english[i]![k] !== g) return;
    let set = roots.get(g);
    if (!set) roots.set(g, (set = new Set()));
    set.add(foldRussian(e.lemma).slice(0, ROOT));
  }));
  return entries.map((e, i) =>
    e.glosses.map((g, k) => {
      const term = english[i]![k];
      const other = term && term !== g ? roots.get(term) : undefined;
      return other && !other.has(foldRussian(e.lemma).slice(0, ROOT)) && !entries.some((x, j) => j !== i && x.glosses.includes(g) && other.has(foldRussian(x.lemma).slice(0, ROOT))) ? g : null;
    }),
  );
}

/**
 * A gloss's own forms, a noun's or a verb's (evening, evenings; witness, witnesses, witnessed;
 * fabricate, fabricated, fabricating): regular endings only, which is what these glosses take.
 */
export function surfaceForms(word: string): string[] {
  const consonantY = /[^aeiou]y$/.test(word);
  const silentE = /[^e]e$/.test(word);
  const stem = consonantY ? word.slice(0, -1) : word;
  return [
    word,
    /(s|x|z|ch|sh)$/.test(word) ? `${word}es` : consonantY ? `${stem}ies` : `${word}s`,
    silentE ? `${word}d` : consonantY ? `${stem}ied` : `${word}ed`,
    silentE ? `${word.slice(0, -1)}ing` : `${word}ing`,
  ];
}

/** What the stems depend on: the glossary's bytes, the analysis (stemmers, stop words) and the form rules. */
export function stemsFingerprint(glossaryBytes: Uint8Array | string): string {
  const forms = readFileSync(new URL('./glossary-forms.ts', import.meta.url), 'utf8');
  return sha256(JSON.stringify({ glossary: sha256(glossaryBytes), analysis: [ANALYSIS_VERSION, analysisOptions().stemmers, analysisOptions().stopWords], forms }));
}

/**
 * The kept stems when they were computed from exactly these glossary bytes and this analysis;
 * undefined otherwise. `npm run glossary` writes them only from a glossary that parsed, so a
 * current file stands for the glossary's lines: they are not parsed again.
 */
export function readGlossaryStems(bytes: Buffer, fingerprint: string): GlossaryStems | undefined {
  try {
    const { json, sealed } = readSealedJson(bytes);
    const s = json as { format?: unknown; version?: unknown; fingerprint?: unknown; lemmas?: unknown; russian?: unknown; english?: unknown; own?: unknown };
    if (s.format !== STEMS_FORMAT || s.version !== STEMS_VERSION || s.fingerprint !== fingerprint || !Array.isArray(s.lemmas) || !s.lemmas.length) return undefined;
    const n = s.lemmas.length;
    // Sealed (src/sealed-json.ts): written after it was made, so its shape need not be walked again.
    const rows = (v: unknown, item: (x: unknown) => boolean) => Array.isArray(v) && v.length === n && (sealed || v.every((row) => Array.isArray(row) && row.every(item)));
    if (!rows(s.russian, (x) => typeof x === 'string') || !rows(s.english, (x) => x === null || typeof x === 'string') || !rows(s.own, (x) => x === null || typeof x === 'string')) return undefined;
    if (!sealed && !s.lemmas.every((l) => typeof l === 'string' && RUSSIAN_LEMMA.test(l))) return undefined;
    return { lemmas: s.lemmas as string[], russian: s.russian as string[][], english: s.english as (string | null)[][], own: s.own as (string | null)[][] };
  } catch {
    return undefined;
  }
}

/**
 * English stems of one family: the same up to the shorter one's fourth letter (try and trial are
 * tri/trial, execute and execution both execut); a chance likeness that close is rare.
 */
const akin = (a: string, b: string) => {
  const n = Math.min(4, a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
};

export interface Target {
  term: string;
  weight: number;
  surface?: string[];
}

/**
 * Each entry's English terms (null glosses, stop words, left out), the first at 1, the others
 * SECONDARY; a gloss with its own word (`own`, see ownForms) stands only for that word's forms.
 */
export function glossTargets(english: (string | null)[][], own?: (string | null)[][]): Target[][] {
  return english.map((terms, i) => {
    const out: Target[] = [];
    terms.forEach((term, k) => {
      const word = own?.[i]?.[k];
      if (term !== null && !out.some((t) => t.term === term)) out.push(word ? { term, weight: k === 0 ? 1 : SECONDARY, surface: surfaceForms(word) } : { term, weight: k === 0 ? 1 : SECONDARY });
    });
    return out;
  });
}

/**
 * Whether lemmas sharing a stem or a form may stand for it together: only when they are linked by
 * English words of one family, directly or through a third (the two aspects of a verb, a noun and
 * its adjective: суд court, trial, судить try, judge, судья judge); otherwise the word is ambiguous
 * (стать become, сталь steel).
 */
export function agreeing(english: Target[][]): (ids: number[]) => boolean {
  const familyOf = (a: number, b: number) => english[a]!.some((t) => english[b]!.some((u) => akin(t.term, u.term)));
  return (ids) => {
    const linked = new Set([ids[0]!]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const a of ids) {
        if (linked.has(a) || !ids.some((b) => linked.has(b) && familyOf(a, b))) continue;
        linked.add(a);
        grew = true;
      }
    }
    return linked.size === ids.length;
  };
}

/** The English terms of several lemmas, each at the best weight any of them gives it. */
export function mergedTargets(english: Target[][], ids: number[]): Target[] {
  const out = new Map<string, Target>();
  for (const id of ids) {
    for (const t of english[id]!) {
      const before = out.get(t.term);
      // A lemma that has the term as its own word (not a gloss cut to it) lifts the restriction.
      const surface = !before ? t.surface : before.surface && t.surface ? [...new Set([...before.surface, ...t.surface])] : undefined;
      const weight = Math.max(before?.weight ?? 0, t.weight);
      out.set(t.term, surface ? { term: t.term, weight, surface } : { term: t.term, weight });
    }
  }
  return [...out.values()];
}

/** An -ереть verb (умереть, опереться): its past's stem is met only as its own forms (compileGlossary). */
const ERETH = /ереть(?:ся)?$/;

/** Words whose lemmas a glossary keeps (dropped whole when full). */
const LEMMA_CACHE = 5_000;

/**
 * Which lemmas a word is a guessed form of: its possible lemmas (the word less an ending, plus a
 * lemma's ending) that are listed and whose forms include it. Asked per query word rather than
 * made for all ~30,000 forms at once, which cost a Russian query ~30 ms in a fresh process.
 */
function lemmaFinder(lemmas: string[]): (word: string) => number[] {
  const lemmaIds = new Map(lemmas.map((lemma, id) => [foldRussian(lemma), id]));
  const formsOf = (lemma: string) => [...stemmedForms(lemma), ...participleForms(lemma).map(foldRussian), ...hiddenForms(lemma), ...presentForms(lemma), ...declinedForms(lemma), ...irregularVerbForms(lemma), ...adjectiveForms(lemma), ...pastGerundForms(lemma)];
  // The forms whose lemma no cut ending finds (дадут: дать, пьёт: пить, хуже: плохой), or not
  // alone (преданы: предать's, and преданный's on one н).
  const irregularLemmas = irregularFormLemmas(lemmas);
  return (word) => {
    // A word that is itself a listed lemma means it (вместе together, not a case of вместо instead).
    const itself = lemmaIds.get(word);
    if (itself !== undefined) return [itself];
    const ids: number[] = [];
    const offer = (lemma: string) => {
      const id = lemmaIds.get(lemma);
      if (id !== undefined && !ids.includes(id) && formsOf(foldRussian(lemmas[id]!)).includes(word)) ids.push(id);
    };
    const number = NUMBER_LEMMA.get(word);
    if (number) offer(number);
    for (let cut = 0; cut <= Math.min(MAX_FORM_ENDING, word.length - 1); cut++) {
      const base = word.slice(0, word.length - cut);
      for (const ending of LEMMA_ENDINGS) offer(base + ending);
      // The lemma may have a vowel its other forms drop (немцам → немец, подростком → подросток, дня → день).
      if (/[цкн]$/.test(base) && base.length > 1) for (const v of ['е', 'о']) for (const soft of ['', 'ь']) offer(base.slice(0, -1) + v + base.slice(-1) + soft);
      // An -ереть verb's present has lost its е's (умрёт: умереть).
      if (base.endsWith('р') && base.length > 1) for (const ending of ['ереть', 'ереться']) offer(base.slice(0, -1) + ending);
      // Or a genitive plural put a vowel before its к or н (бутылок, поездок, сотен, окон: бутылка, поездка, сотня, окно),
      // or before a plural-only noun's к or г, where a soft sign may have stood (денег, суток: деньги, сутки).
      if (/[бвгдзклмнпрстфхчшщ][оеё][кн]$/.test(base)) for (const end of ['а', 'я', 'о']) offer(base.slice(0, -2) + base.slice(-1) + end);
      if (/[бвгдзклмнпрстфхчшщ][оеё][кг]$/.test(base)) for (const soft of ['', 'ь']) for (const end of ['и', 'ы']) offer(base.slice(0, -2) + soft + base.slice(-1) + end);
    }
    for (const id of irregularLemmas(word)) if (!ids.includes(id)) ids.push(id);
    return ids;
  };
}

/** Builds the lookups from the entries' stems (see the module comment for what is dropped). */
export function compileGlossary(stems: GlossaryStems): Glossary {
  const english = glossTargets(stems.english, stems.own);
  const add = (map: Map<string, number[]>, key: string, id: number) => {
    const ids = map.get(key);
    if (!ids) map.set(key, [id]);
    else if (!ids.includes(id)) ids.push(id);
  };
  const byStem = new Map<string, number[]>();
  // An -ереть verb's past (умер, умерла) reads a query word as itself only: its stem is an -ить
  // verb's too (умерит, умерить moderate), which would read as die. An English word still reaches
  // the Russian passages by it (`pastOnly`).
  const pastOnly = new Set<string>();
  stems.russian.forEach((list, id) => {
    const lemma = stems.lemmas[id]!;
    const own = ERETH.test(lemma) ? new Set(stemmedForms(lemma).map(stemRussian)) : undefined;
    for (const stem of list) {
      if (own && !own.has(stem)) pastOnly.add(stem);
      else add(byStem, stem, id);
    }
  });
  const findLemmas = lemmaFinder(stems.lemmas);
  // Each word's lemmas, kept: a Russian query word is looked up for its English (toEnglish), again
  // for readApartFromStem and again by the fair merge, each making every form of each possible lemma.
  const lemmasKept = new Map<string, number[]>();
  const lemmasOfForm = (word: string): number[] => {
    let ids = lemmasKept.get(word);
    if (!ids) {
      ids = findLemmas(word);
      if (lemmasKept.size >= LEMMA_CACHE) lemmasKept.clear();
      lemmasKept.set(word, ids);
    }
    return ids;
  };
  // Lemmas sharing a stem or a form may stand for it together only when they agree (agreeing).
  const agree = agreeing(english);
  const usable = new Map<string, boolean>();
  const stemUsable = (stem: string) => {
    let ok = usable.get(stem);
    if (ok === undefined) usable.set(stem, (ok = stem.length >= MIN_STEM && byStem.has(stem) && agree(byStem.get(stem)!)));
    return ok;
  };
  const merged = (ids: number[]) => mergedTargets(english, ids);
  // Lemmas that disagree (вину: вина guilt, вино wine; преданы: предать betray, преданный devoted):
  // each reading at AMBIGUOUS, below a sure word's, rather than none (own o-x154 4th → 1st).
  const eachReading = (ids: number[]) => merged(ids).map((t) => ({ ...t, weight: t.weight * AMBIGUOUS }));
  // A form read by a lemma of another stem gets the stem's lemmas too where they are of its family
  // (осуждён: осуждённый's convict, and осудить's sentence by the participle's stem осужд).
  const stemKin = (exact: number[], stem: string): number[] => {
    const kin = stemUsable(stem) ? byStem.get(stem)! : [];
    return kin.some((id) => exact.includes(id)) || !agree([...exact, ...kin]) ? [] : kin;
  };
  // A form of listed verbs only, whose lemmas agree: the base of a prefixed verb the glossary lacks.
  const verbTargets = (form: string) => {
    const ids = lemmasOfForm(form);
    return ids.length && ids.every((id) => VERB_LEMMA.test(stems.lemmas[id]!)) && agree(ids) ? merged(ids) : undefined;
  };
  // A word's English: as a listed form, else a listed stem; a word that is neither may be a listed
  // verb with a prefix (glossary-prefixes.ts: дописал → писать) or a Soviet compound whose parts
  // are listed (compound-ru.ts: партархив → party archive), each read below a listed word.
  const englishOf = (folded: string, stem: string): Target[] => {
    const exact = lemmasOfForm(folded);
    if (exact.length) return agree(exact) ? merged([...exact, ...stemKin(exact, stem)]) : eachReading(exact);
    if (byStem.has(stem)) return stemUsable(stem) ? merged(byStem.get(stem)!) : stem.length >= MIN_STEM ? eachReading(byStem.get(stem)!) : [];
    const prefixed = prefixedVerbTargets(folded, verbTargets);
    return prefixed.length ? prefixed : compoundGlosses(folded, (part) => englishOf(part, stemRussian(part)));
  };
  // Each English word's lemmas: those it is the first gloss of, then the others, in the file's
  // order (most common first), at most MAX_FROM_ENGLISH of them. Built on first use of each word.
  const lemmasOf = new Map<string, { id: number; weight: number }[]>();
  english.forEach((targets, id) => {
    for (const t of targets) {
      const list = lemmasOf.get(t.term);
      if (list) list.push({ id, weight: t.weight });
      else lemmasOf.set(t.term, [{ id, weight: t.weight }]);
    }
  });
  const fromEnglish = new Map<string, Target[]>();
  return {
    entries: stems.lemmas.length,
    ownWords: new Set(stems.own.flat().filter((g): g is string => g !== null)),
    toEnglish: (word, stem) => englishOf(foldRussian(word), stem),
    lists: (word, stem) => lemmasOfForm(foldRussian(word)).length > 0 || byStem.has(stem),
    readApartFromStem(word, stem) {
      const exact = lemmasOfForm(foldRussian(word));
      return exact.length > 0 && agree(exact) && byStem.has(stem) && !agree(byStem.get(stem)!);
    },
    fromEnglish(term) {
      let out = fromEnglish.get(term);
      if (out) return out;
      const lemmas = lemmasOf.get(term) ?? [];
      const ordered = [...lemmas.filter((l) => l.weight === 1), ...lemmas.filter((l) => l.weight !== 1)].slice(0, MAX_FROM_ENGLISH);
      out = [];
      for (const { id, weight } of ordered) for (const s of stems.russian[id]!) if ((stemUsable(s) || (pastOnly.has(s) && !byStem.has(s))) && !out.some((r) => r.term === s)) out.push({ term: s, weight });
      fromEnglish.set(term, out);
      return out;
    },
  };
}

/** The glossary file's lookups, with its kept stems when they are current (stemmed again when not). */
export function loadGlossary(file = GLOSSARY_FILE, stemsFile = GLOSSARY_STEMS_FILE): Glossary {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new GlossaryError(`${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): ${RESTORE}`);
  }
  let kept: GlossaryStems | undefined;
  try {
    kept = readGlossaryStems(readFileSync(stemsFile), stemsFingerprint(bytes));
  } catch {
    kept = undefined;
  }
  return compileGlossary(kept ?? stemGlossary(parseGlossary(bytes.toString('utf8'), file)));
}

/**
 * A bundled glossary read on first use: `get` gives it, or undefined when it cannot be read, and
 * `unavailable` why (as a problem to report). Without reading (start-up), only whether the file is
 * missing: reading it costs its first query a few milliseconds anyway.
 */
export function readOnFirstUse<T>(spec: { name: string; file: string; without: string; restore: string; load: () => T }): {
  get(): T | undefined;
  unavailable(options?: { read: boolean; file?: string }): string | undefined;
} {
  let loaded: T | undefined;
  let problem: string | undefined;
  const get = () => {
    if (loaded !== undefined || problem !== undefined) return loaded;
    try {
      loaded = spec.load();
    } catch (err) {
      problem = `search: the ${spec.name} glossary is off: ${(err as Error).message}`;
    }
    return loaded;
  };
  return {
    get,
    unavailable(options = { read: true }) {
      if (options.read) return get() === undefined ? problem : undefined;
      const file = options.file ?? spec.file;
      return existsSync(file) ? undefined : `search: ${file} is missing: ${spec.without}; ${spec.restore}`;
    },
  };
}

const bundled = readOnFirstUse({ name: 'Russian–English', file: GLOSSARY_FILE, without: 'Russian ↔ English search only where the corpus pairs words', restore: RESTORE, load: () => loadGlossary() });

/** The bundled glossary, read on first use; undefined (the reason in glossaryUnavailable) when it cannot be read. */
export const glossary = (): Glossary | undefined => bundled.get();

/** Why the glossary cannot be used (Russian ↔ English then only where the corpus pairs words), or undefined when it can. */
export const glossaryUnavailable = (options?: { read: boolean; file?: string }): string | undefined => bundled.unavailable(options);

/**
 * What the glossary gives a query word (its folded text and its index terms): English terms for a
 * Russian word, Russian stems for an English one; weights 0–1.
 */
export function glossaryTerms(text: string, terms: string[]): { term: string; weight: number; surface?: string[] }[] {
  const decade = decadeTerms(text);
  if (decade.length) return decade;
  const russian = CYRILLIC.test(text);
  // A Russian word's Latin term is its transliteration, not an English word (see expand/index.ts).
  const stem = terms.find((t) => CYRILLIC.test(t) === russian && /^\p{L}/u.test(t));
  if (!stem) return [];
  const g = glossary();
  if (!g) return [];
  return russian ? g.toEnglish(text, stem) : g.fromEnglish(stem);
}

/**
 * Is a Russian query word (its folded text and its index terms) read by the glossary as a lemma of
 * its own while its stem is shared with unrelated lemmas (Glossary.readApartFromStem)? Its stem's
 * learned translations then belong to another word (стоит's stem сто: the number's).
 */
export function readApartFromStem(text: string, terms: string[]): boolean {
  if (!CYRILLIC.test(text)) return false;
  const stem = terms.find((t) => CYRILLIC.test(t));
  const g = stem ? glossary() : undefined;
  return g !== undefined && g.readApartFromStem(text, stem!);
}

/** The tens of a decade's Russian plural adjective (тридцатые годы, в тридцатых): its stem without the ending. */
const DECADES: Record<string, number> = { двадцат: 2, тридцат: 3, сороков: 4, пятидесят: 5, шестидесят: 6, семидесят: 7, восьмидесят: 8, девяност: 9 };
const DECADE = /^(\p{L}+?)(?:ые|ых|ыми)$/u;

/**
 * A decade named in Russian words (тридцатые годы, в сороковых) is written in digits in English
 * (the 1930s, the 1940s): the word's English term, in the 20th century first, the 19th after. Only
 * the plural forms: тридцать (thirty) and тридцатый (thirtieth) share the stem and are not decades.
 */
function decadeTerms(text: string): { term: string; weight: number }[] {
  const m = DECADE.exec(text.toLowerCase());
  const tens = m ? DECADES[m[1]!] : undefined;
  return tens === undefined ? [] : [{ term: `19${tens}0s`, weight: 1 }, { term: `18${tens}0s`, weight: SECONDARY }];
}
