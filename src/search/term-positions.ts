/**
 * Where each index term occurs in a passage (token numbers, ascending): what rerank's proximity
 * reads of the best candidates. Made from the passage's plain text by `termPositions`; for the
 * bundled corpus made once for every passage and kept, packed, in the index snapshot
 * (index-snapshot.ts), because stemming every word of ~100 candidate passages was the largest part
 * of a one-shot answer to a long question (each process meets those words for the first time).
 */
import { analyseTerm, joinInitials, words } from './analyse/index.ts';
import { phraseTerms } from './passage-phrases.ts';

/** Term → its positions in the passage, ascending, each position once. */
export type TermPositions = Map<string, number[]>;

/**
 * Bump on any change to what `termPositions` returns (a change to analyseTerm, joinInitials or
 * folding bumps ANALYSIS_VERSION, which the snapshot records as well). Version 2: a passage's
 * WordNet phrases (passage-phrases.ts), at their first word. Version 3: a hyphenated compound's
 * joined form (frameup, rehabilitation from "re- habilitation"), at its first part.
 */
export const POSITIONS_VERSION = 3;

// The passage's plain text is already free of markup and markers: a split on letters is enough here.
export const PASSAGE_WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}]+)*/gu;

/** The positions of every index term of a passage's plain text. */
export function termPositions(plain: string): TermPositions {
  const text = joinInitials(plain);
  return termPositionsOfWords(text, text.match(PASSAGE_WORD) ?? []);
}

/** `termPositions` of a text (initials joined) already split into its words (`tokens`, as PASSAGE_WORD splits it: passage-reading.ts). */
export function termPositionsOfWords(text: string, tokens: readonly string[]): TermPositions {
  const at: TermPositions = new Map();
  const add = (term: string, i: number) => {
    const list = at.get(term);
    if (!list) at.set(term, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  for (let i = 0; i < tokens.length; i++) for (const term of analyseTerm(tokens[i]!)) add(term, i);
  for (const c of joinedCompounds(text, tokens.length)) for (const term of c.terms) add(term, c.at);
  // A WordNet phrase the index holds as a term ("_call off": passage-phrases.ts) is at its first word.
  for (const p of phraseTerms(text)) add(p.term, p.at);
  return at;
}

// The index reads a hyphenated compound as its parts and its joined form (tokenize.ts COMPOUND: a
// hyphen, or a hyphen and white space before a small letter, the residue of a line break; an
// invisible soft hyphen folds away). PASSAGE_WORD splits at the hyphen, so without these the joined
// form — what "frame-up", "re- habilitation" or a synonym spelt frameup matched in the index — was
// at no position: rerank's proximity and coverage, and the match report ("lacks setup" beside
// "frame-up"), read the passage as without it.
const JOINER = String.raw`(?:\p{Cf}|[-‐‑‒–—―−]\u00AD?|[-‐‑‒–—―−]\s+(?=\p{Ll}))`;
const COMPOUND_RUN = new RegExp(String.raw`[\p{L}\p{N}\p{M}]+(?:['’][\p{L}]+)*(?:${JOINER}[\p{L}\p{N}\p{M}]+(?:['’][\p{L}]+)*)+`, 'gu');
/** What lies between two words of one compound (the gap, then the next word's first letter). */
export const JOINS_WORDS = new RegExp(String.raw`^${JOINER}\p{L}?$`, 'u');

/** Each hyphenated compound of `text`: the index terms of its joined form, at its first word's number. */
function* joinedCompounds(text: string, count: number): Generator<{ at: number; terms: string[] }> {
  if (!/[-‐‑‒–—―−\u00AD\p{Cf}]/u.test(text)) return;
  // Word numbers as PASSAGE_WORD counts them: the words before a compound, counted once in order.
  let word = 0;
  let counted = 0;
  for (const m of text.matchAll(COMPOUND_RUN)) {
    for (const w of text.slice(counted, m.index).matchAll(PASSAGE_WORD)) if (w[0]) word++;
    counted = m.index + m[0].length;
    const at = word;
    word += m[0].match(PASSAGE_WORD)?.length ?? 0;
    if (at >= count) return;
    // One word to the index (a soft hyphen folded away leaves no parts): its forms are the joined ones.
    const [one, ...more] = words(m[0]);
    const terms = one && !more.length ? one.forms.flatMap((f) => analyseTerm(f)) : [];
    if (terms.length) yield { at, terms };
  }
}

/**
 * What packed positions were made with, recorded beside them: this module's version and its split
 * into words. The analysis of each word (analyseTerm) is fingerprinted beside it by the snapshot
 * (analysisOptions()); a probe run through termPositions here would cost each start the first,
 * slowest stemming of a few words.
 */
export const positionsFingerprint = (): string => `${POSITIONS_VERSION}:${PASSAGE_WORD.source}`;

/**
 * The positions of many passages in a few arrays (what V8 serialises and reads back fastest):
 * `terms`, every term once; for passage `ids[p]`, `data[offsets[p] .. offsets[p + 1])` holds, per
 * term of the passage, the term's number, how many positions follow, and the positions.
 */
export interface PackedPositions {
  ids: string[];
  terms: string[];
  offsets: Uint32Array;
  data: Uint16Array | Uint32Array;
}

export function packPositions(passages: Iterable<{ id: string; plain: string }>): PackedPositions {
  const ids: string[] = [];
  const terms: string[] = [];
  const termIds = new Map<string, number>();
  const offsets: number[] = [0];
  const data: number[] = [];
  for (const { id, plain } of passages) {
    for (const [term, list] of termPositions(plain)) {
      let t = termIds.get(term);
      if (t === undefined) {
        t = terms.length;
        termIds.set(term, t);
        terms.push(term);
      }
      data.push(t, list.length, ...list);
    }
    ids.push(id);
    offsets.push(data.length);
  }
  let max = 0;
  for (const v of data) if (v > max) max = v;
  return { ids, terms, offsets: Uint32Array.from(offsets), data: max < 0x10000 ? Uint16Array.from(data) : Uint32Array.from(data) };
}

/** Why `packed` (read from a file) is not a table of positions, or undefined when it is one. */
export function packedProblem(packed: unknown): string | undefined {
  const p = packed as Partial<PackedPositions> | undefined;
  if (!p || !Array.isArray(p.ids) || !Array.isArray(p.terms) || !(p.offsets instanceof Uint32Array) || !(p.data instanceof Uint16Array || p.data instanceof Uint32Array)) return 'the term positions are missing';
  if (p.offsets.length !== p.ids.length + 1 || p.offsets[0] !== 0 || p.offsets[p.ids.length] !== p.data.length) return 'the term positions do not fit their offsets';
  for (let i = 1; i < p.offsets.length; i++) if (p.offsets[i]! < p.offsets[i - 1]!) return 'the term positions do not fit their offsets';
  return undefined;
}

/** A packed table read back: a passage's positions by its id, unpacked when asked. */
export class PositionTable {
  private readonly at = new Map<string, number>();
  private readonly packed: PackedPositions;
  constructor(packed: PackedPositions) {
    this.packed = packed;
    packed.ids.forEach((id, i) => this.at.set(id, i));
  }

  get size(): number {
    return this.packed.ids.length;
  }

  /** The passage's positions, or undefined when the table does not hold it (or its entry does not decode). */
  get(id: string): TermPositions | undefined {
    const p = this.at.get(id);
    if (p === undefined) return undefined;
    const { terms, offsets, data } = this.packed;
    const end = offsets[p + 1]!;
    const out: TermPositions = new Map();
    for (let i = offsets[p]!; i < end; ) {
      const term = terms[data[i]!];
      const count = data[i + 1]!;
      if (term === undefined || i + 2 + count > end) return undefined;
      out.set(term, Array.from(data.subarray(i + 2, i + 2 + count)));
      i += 2 + count;
    }
    return out;
  }
}
