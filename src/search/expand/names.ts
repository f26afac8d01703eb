/**
 * Other names of one place or person, so that a query meets the name the text uses: an exonym
 * (Arkhangelsk, Arkhangel'sk → Archangel; Moskva → Moscow), a renamed city (Leningrad → Petrograd),
 * a first name in its English form (Lev → Leon). Two sources, both read on the first query with a
 * name in it:
 * - WordNet's proper-noun synsets that list several one-word names (data/wordnet/names.json, made
 *   by `npm run wordnet`: wordnet-compile.ts);
 * - data/names/ru-en.tsv, written for the project: Russian names and the English names the
 *   literature gives them where those are no transliteration. A Russian name is matched by its
 *   cross-script key (key.ts), so every romanisation of it finds the English name, and the English
 *   name finds every spelling of the Russian one, Cyrillic included.
 * A variant names the same referent: the engine weighs it nearly as the reader's own word.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { versionedTsvRows } from '../../versioned-tsv.ts';
import { stampedValueSync } from '../../stamp-cache.ts';
import { crossScriptKey } from '../analyse/key.ts';
import { ANALYSIS_VERSION, analysisOptions } from '../analyse/options.ts';
import { stemEnglish } from '../analyse/stem.ts';
import { NAMES_FORMAT, NAMES_VERSION, type WordnetNames } from './wordnet-compile.ts';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data');
export const WORDNET_NAMES_FILE = path.join(DATA, 'wordnet', 'names.json');
export const NAMES_FILE = path.join(DATA, 'names', 'ru-en.tsv');
/** The Russian–English names' variants, kept beside the other caches of this checkout (see `russianVariants`). */
export const VARIANTS_CACHE = path.join(DATA, '..', '.cache', 'names', 'ru-en.variants.json');
export const RU_EN_NAMES_FORMAT = 'lectern.names.ru-en';
export const RU_EN_NAMES_VERSION = 1;
const MAX_ENGLISH = 4;
const RUSSIAN_NAME = /^[А-ЯЁ][а-яё]+$/u;
const ENGLISH_NAME = /^[A-Z][a-z]+$/;

export class NamesError extends Error {}

/** The Russian–English names file's entries; throws NamesError naming the file, the line and the fix. */
export function parseNames(text: string, file = NAMES_FILE): { russian: string; english: string[] }[] {
  const restore = 'restore it from the repository (git checkout -- data/names/ru-en.tsv)';
  return versionedTsvRows(text, { file, format: RU_EN_NAMES_FORMAT, version: RU_EN_NAMES_VERSION, restore, error: NamesError }).map(({ cells, bad }) => {
    const english = (cells[1] ?? '').split(',').map((e) => e.trim());
    if (cells.length !== 2 || !RUSSIAN_NAME.test(cells[0]!.trim()) || english.length > MAX_ENGLISH || !english.every((e) => ENGLISH_NAME.test(e))) {
      throw bad(`expected a capitalised Russian name, one tab, then 1–${MAX_ENGLISH} capitalised English names separated by ", "`);
    }
    return { russian: cells[0]!.trim(), english };
  });
}

/** WordNet's names file; throws naming the file and the fix when it is not a names file of this version. */
function readWordnetNamesFile(file: string): Pick<WordnetNames, 'names' | 'adjectives'> {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<WordnetNames>;
  const isMap = (v: unknown) => typeof v === 'object' && v !== null;
  if (json.format !== NAMES_FORMAT || json.version !== NAMES_VERSION || !isMap(json.names) || !isMap(json.adjectives)) {
    throw new NamesError(`${file} has format ${String(json.format)} v${String(json.version)}, this Lectern reads ${NAMES_FORMAT} v${NAMES_VERSION}: run npm run wordnet`);
  }
  return { names: json.names!, adjectives: json.adjectives! };
}

/** WordNet's other names; throws naming the file and the fix when it is not a names file of this version. */
export function readWordnetNames(file = WORDNET_NAMES_FILE): Record<string, string[]> {
  return readWordnetNamesFile(file).names;
}

/**
 * Index term → the terms of its other names, for the Russian–English names: the Russian name by its
 * cross-script key (every spelling of it, Cyrillic included, has that key), the English names by
 * their stems. (WordNet's names are looked up as they are read: a stem → the other stems.)
 */
export function buildVariants(entries: { russian: string; english: string[] }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const list = out.get(from);
    if (from === to || list?.includes(to)) return;
    if (list) list.push(to);
    else out.set(from, [to]);
  };
  for (const { russian, english } of entries) {
    const key = crossScriptKey(russian.toLowerCase().replace(/ё/g, 'е'));
    const en = english.map((e) => stemEnglish(e.toLowerCase()));
    for (const e of en) {
      if (key) link(key, e);
      if (key) link(e, key);
      for (const f of en) link(e, f);
    }
  }
  return out;
}

const isVariants = (v: unknown): v is [string, string[]][] =>
  Array.isArray(v) && v.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && Array.isArray(e[1]) && e[1].every((t) => typeof t === 'string'));

/**
 * `buildVariants` of the names file, kept (stamp-cache.ts) while the file keeps its stamp and the
 * analysis (stemmers, cross-script keys) is the same: stemming and keying its names cost the first
 * query with a name in it ~5 ms of CPU in every process. A cache that cannot be read is made again.
 */
export function russianVariants(file = NAMES_FILE, cache = VARIANTS_CACHE): Map<string, string[]> {
  const make = () => [...buildVariants(parseNames(readFileSync(file, 'utf8'), file))];
  const key = `lectern.names-variants:${path.resolve(file)}:${JSON.stringify([ANALYSIS_VERSION, analysisOptions()])}`;
  let kept: unknown;
  try {
    kept = JSON.parse(stampedValueSync(cache, key, () => ({ value: JSON.stringify(make()), files: [file] })));
  } catch (err) {
    if (err instanceof NamesError) throw err;
  }
  return new Map(isVariants(kept) ? kept : make());
}

let names: { wordnet: Record<string, string[]>; adjectives: Record<string, string[]>; russian: Map<string, string[]> } | undefined;
let problem: string | undefined;

function load() {
  if (!names && !problem) {
    try {
      const wordnet = readWordnetNamesFile(WORDNET_NAMES_FILE);
      names = { wordnet: wordnet.names, adjectives: wordnet.adjectives, russian: russianVariants() };
    } catch (err) {
      problem = `search: other names of places and people are off: ${(err as Error).message}`;
    }
  }
  return names;
}

/** Why the names cannot be read, or undefined when they can (`doctor`). */
export function namesUnavailable(): string | undefined {
  load();
  return problem;
}

/** The other names' terms for a query word's terms (its stem and its cross-script key). */
export function otherNames(terms: readonly string[]): string[] {
  const names = load();
  if (!names) return [];
  const out = new Set<string>();
  for (const t of terms) {
    for (const v of Object.hasOwn(names.wordnet, t) ? names.wordnet[t]! : []) if (!terms.includes(v)) out.add(v);
    for (const v of names.russian.get(t) ?? []) if (!terms.includes(v)) out.add(v);
  }
  return [...out];
}

/**
 * A place's adjective for the place's terms and the place for its adjective's (Japan ↔ Japanese,
 * Poland ↔ Polish: WordnetNames.adjectives). Not another name of it: a derivation, which the
 * engine weighs as it weighs a Russian place adjective's name.
 */
export function placeAdjectiveLinks(terms: readonly string[]): string[] {
  const names = load();
  if (!names) return [];
  const out = new Set<string>();
  for (const t of terms) for (const v of Object.hasOwn(names.adjectives, t) ? names.adjectives[t]! : []) if (!terms.includes(v)) out.add(v);
  return [...out];
}
