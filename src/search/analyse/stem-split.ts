/**
 * A false friend's own stem (stem-split-compile.ts): Porter2 gives department "depart", so a
 * reader's "leave" (WordNet: depart) met "the English Department", and "apart from" met an
 * apartment. The table lists, for each Porter2 stem WordNet's word families split, its words and
 * their stems; a word is looked up as typed, then as the base forms its
 * inflection may stand for (departments → department, universities → university). A word the
 * table does not list keeps Porter2's stem, so a table that is missing (no data/wordnet) gives
 * plain Porter2, which the analysis fingerprint's probe words tell apart.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const STEM_SPLIT_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'wordnet', 'stem-split.json');

export const STEM_SPLIT_FORMAT = 'lectern.stem-split';
export const STEM_SPLIT_VERSION = 1;

const StemSplitSchema = z.object({
  format: z.literal(STEM_SPLIT_FORMAT),
  version: z.literal(STEM_SPLIT_VERSION),
  stems: z.array(z.string()),
  words: z.record(z.string(), z.string()),
});

export interface StemSplitData {
  format: string;
  version: number;
  /** Porter2 stems that WordNet's families split. */
  stems: string[];
  /** The WordNet words of those stems → their stem: a false friend's own, the others Porter2's. */
  words: Record<string, string>;
}

/** The table read and checked; a table of another format or version is refused, naming the fix. */
export function parseStemSplit(text: string, file = STEM_SPLIT_FILE): { stems: ReadonlySet<string>; words: ReadonlyMap<string, string> } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`stem-split: ${file} is not JSON (${(err as Error).message}): run npm run stem-split`);
  }
  const parsed = StemSplitSchema.safeParse(raw);
  if (!parsed.success) {
    const head = raw as { format?: unknown; version?: unknown } | null;
    throw new Error(`stem-split: ${file} has format ${String(head?.format)} v${String(head?.version)} or a malformed table; this Lectern reads ${STEM_SPLIT_FORMAT} v${STEM_SPLIT_VERSION}: run npm run stem-split`);
  }
  return { stems: new Set(parsed.data.stems), words: new Map(Object.entries(parsed.data.words)) };
}

function load(): { stems: ReadonlySet<string>; words: ReadonlyMap<string, string> } {
  if (!existsSync(STEM_SPLIT_FILE)) return { stems: new Set(), words: new Map() };
  return parseStemSplit(readFileSync(STEM_SPLIT_FILE, 'utf8'));
}

const TABLE = load();

/** The base forms an English inflection may stand for, the word itself first (WordNet's morphy, by rule). */
export function baseForms(word: string): string[] {
  const out = [word];
  const cut = (suffix: string, ...ends: string[]) => {
    if (!word.endsWith(suffix)) return;
    const root = word.slice(0, -suffix.length);
    for (const end of ends) if (root.length + end.length >= 3) out.push(root + end);
    // committed → commit, planning → plan
    if (suffix !== 's' && /([b-df-hj-np-tv-z])\1$/.test(root)) out.push(root.slice(0, -1));
  };
  cut('ies', 'y');
  // masses → mass, changes → change
  if (/(?:s|x|z|ch|sh)es$/.test(word)) cut('es', '', 'e');
  else cut('es', 'e', '');
  cut('s', '');
  cut('ied', 'y');
  cut('ed', '', 'e');
  cut('ing', '', 'e');
  cut('er', '', 'e');
  cut('est', '', 'e');
  return out;
}

/** The stem of a lower-case American-spelled word whose Porter2 stem is given. */
export function splitStem(word: string, stem: string): string {
  if (!TABLE.stems.has(stem)) return stem;
  for (const form of baseForms(word)) {
    const own = TABLE.words.get(form);
    if (own !== undefined) return own;
  }
  return stem;
}
