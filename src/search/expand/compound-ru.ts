/**
 * A Russian compound the glossary does not list, read by its parts: «госбезопасность» is state
 * security, «партархив» the party archive, «политзаключённые» political prisoners, «профсоюзный»
 * trade-union, «генштаб» the General Staff. Soviet prose makes such words freely from a clipped first word (гос-, парт-,
 * сельхоз-, полит-), so no list of the words can hold them all; the clippings are few and standard,
 * listed here with their English (`CLIPPED`), and the rest is an ordinary word the glossary knows.
 * A part stands for a share of the word's meaning only, so its English weighs below a gloss of the
 * whole word (`PART_WEIGHT`). A split needs a known word after the clipping, which keeps ordinary
 * words that merely begin like one (госпиталь, гораздо, районе) whole.
 *
 * Not split: two stems joined by a linking о/е (хлеб-о-заготовки, сам-о-убийство). Such words are
 * lexicalised, their meaning often not the sum of the parts (самоубийца is no "self murderer" to a
 * search, первостепенный no "first degree"): the glossary lists them as words of their own.
 */
import { stemEnglish } from '../analyse/stem.ts';

/**
 * Standard Soviet clippings that begin compounds, with their English words (written for Lectern).
 * Longest first where one begins another (сельхоз before хоз).
 */
const CLIPPED: readonly (readonly [string, readonly string[]])[] = [
  ['сельхоз', ['agricultural', 'agriculture']],
  ['нарком', ['commissar', 'commissariat']],
  ['гос', ['state']],
  ['парт', ['party']],
  ['полит', ['political']],
  ['воен', ['military']],
  ['проф', ['trade']],
  ['пром', ['industrial', 'industry']],
  ['соц', ['social', 'socialist']],
  ['спец', ['special']],
  ['хоз', ['economic', 'economy']],
  ['контр', ['counter']],
  ['обл', ['regional']],
  ['рай', ['district']],
  ['гор', ['city']],
  ['рев', ['revolutionary']],
  ['агит', ['agitation']],
  ['орг', ['organisational', 'organization']],
  ['ген', ['general']],
];
/** A part of a compound stands for this share of a gloss of the whole word. */
export const PART_WEIGHT = 0.7;
/** The remainder after a clipping has at least this many letters. */
const MIN_REST = 4;

export type Gloss = { term: string; weight: number };
/** The glossary's English for a Russian word (folded, lower case), or none. */
export type Lookup = (word: string) => readonly Gloss[];

/** The best weight per English term over the parts' glosses, each scaled by PART_WEIGHT. */
function merge(parts: readonly (readonly Gloss[])[]): Gloss[] {
  const best = new Map<string, number>();
  for (const part of parts) for (const g of part) best.set(g.term, Math.max(best.get(g.term) ?? 0, g.weight * PART_WEIGHT));
  return [...best].map(([term, weight]) => ({ term, weight }));
}

/**
 * English for an unknown Russian compound by its parts: a standard clipping and the known word
 * after it. Empty when the word begins with no clipping or the rest is no word the glossary knows.
 */
export function compoundGlosses(word: string, lookup: Lookup): Gloss[] {
  const w = word.toLowerCase().replace(/ё/g, 'е');
  for (const [clip, english] of CLIPPED) {
    if (!w.startsWith(clip) || w.length - clip.length < MIN_REST) continue;
    const rest = lookup(w.slice(clip.length));
    if (rest.length) return merge([english.map((e) => ({ term: stemEnglish(e), weight: 1 })), rest]);
  }
  return [];
}
