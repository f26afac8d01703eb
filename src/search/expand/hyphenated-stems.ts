/**
 * WordNet's hyphenated words as the index spells them. The index joins a hyphenated compound
 * ("frame-ups" → frameup, "cover-up" → coverup: analyse/tokenize.ts), while WordNet's table keeps
 * the hyphen in its stem (frame-up, cover-up, pre-empt, top-secret): so a reader's "frame-ups" found
 * no WordNet entry (no synonyms), and a synonym WordNet gives as a hyphenated word (falsehood →
 * frame-up, whitewash → cover-up) never met the passage that has it. Here each hyphenated stem is
 * known by its joined spelling too — unless that spelling is a WordNet word of its own ("re-form"
 * and reform, "lay-up" and layup): then the reader's joined word is that word, as before.
 */
import type { WordnetView } from './wordnet-packed.ts';

const HYPHEN = /-/g;

interface Joined {
  /** Joined spelling → the hyphenated stem's id. */
  ids: Map<string, number>;
  /** The hyphenated stem's id → its joined spelling. */
  joined: Map<number, string>;
}
const byTable = new WeakMap<WordnetView, Joined>();

/** Made once per table, on first use: ~5,000 of WordNet's ~64,000 stems have a hyphen. */
function tables(wn: WordnetView): Joined {
  let t = byTable.get(wn);
  if (t) return t;
  t = { ids: new Map(), joined: new Map() };
  for (let id = 0; id < wn.stemCount; id++) {
    const stem = wn.stem(id);
    if (!stem.includes('-')) continue;
    const joined = stem.replace(HYPHEN, '');
    if (joined === '' || wn.stemId(joined) !== undefined || t.ids.has(joined)) continue;
    t.ids.set(joined, id);
    t.joined.set(id, joined);
  }
  byTable.set(wn, t);
  return t;
}

/** The stem's id: its own, else that of the hyphenated word it joins (frameup → frame-up). */
export function stemIdJoined(wn: WordnetView, stem: string): number | undefined {
  return wn.stemId(stem) ?? (stem.includes('-') ? undefined : tables(wn).ids.get(stem));
}

/** A stem as the index holds it: a hyphenated word joined (frame-up → frameup), where that spelling is no other word. */
export function indexSpelling(wn: WordnetView, id: number): string {
  const stem = wn.stem(id);
  return stem.includes('-') ? (tables(wn).joined.get(id) ?? stem) : stem;
}
