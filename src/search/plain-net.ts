/**
 * The lexical safety net: the ranking plain minisearch would give the query, read on Lectern's own
 * candidates, and a fusion that keeps its best passages from being buried.
 *
 * Lectern's analysis reads a query as its words of substance (stemmed, stop words dropped, light
 * words at a quarter) and their expansions. A reader who paraphrases a passage from memory keeps
 * many of its plain words, function words included ("the more … the more", "again and again",
 * "until … after"), which that analysis drops; plain minisearch counts every word typed, as typed,
 * and multiplies a passage's BM25 by how many of them it has, so it can rank such a passage first
 * where Lectern ranked it below passages sharing the query's words of substance through synonyms.
 *
 * `plainScorer` scores a passage as minisearch does with its default options (its tokenizer: split
 * at spaces and punctuation, lower case; BM25 k 1.2, b 0.7, d 0.5; the sum times the number of
 * query words matched; a field's length is its distinct words), on the passage's folded text. The document frequencies are those of the
 * library's surface words (`SurfaceStatistics`): counted over all its passages when they are few,
 * else over a sample for the words the index does not hold (stop words: common, so a sample tells
 * their share well) and taken from the index for the others.
 */
import type { Block } from '../corpus/model.ts';
import { americanSpelling } from './analyse/spelling.ts';

/** minisearch's default tokenizer: spaces and punctuation (Unicode) separate words. */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * The words of a folded text as minisearch's default tokenizer splits them (lower case: folded
 * text is), a British spelling read as the American one, as the analysis reads it (a query spelt
 * the other way than the text is answered alike: analyse/spelling.ts).
 */
export function surfaceWords(folded: string): string[] {
  return folded
    .split(SPACE_OR_PUNCTUATION)
    .filter((t) => t !== '')
    .map(americanSpelling);
}

/** A passage's surface words, counted: what the plain score reads of it. */
export interface SurfaceCounts {
  counts: Map<string, number>;
  /** Its length as minisearch counts a field's: its distinct words. */
  length: number;
}

export function surfaceCounts(folded: string): SurfaceCounts {
  const counts = new Map<string, number>();
  for (const w of surfaceWords(folded)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return { counts, length: counts.size };
}

/** In how many passages a surface word occurs (estimated where `SurfaceStatistics` says), and the passage count and mean length. */
export interface SurfaceFrequency {
  df(word: string): number;
  readonly documentCount: number;
  readonly averageLength: number;
}

/** Passages counted for the surface words' statistics at most (a sample of a large library). */
export const SURFACE_SAMPLE = 4_000;

/**
 * The surface words' frequencies of a library. Counted on first need over its passages, or over
 * SURFACE_SAMPLE of them spread through it: for a word the index holds (`indexed` gives its
 * document frequency there) a sample is not trusted, the index's count of its stem is taken; for a
 * stop word the sample's share is scaled to the library.
 */
export class SurfaceStatistics implements SurfaceFrequency {
  private counted: { df: Map<string, number>; n: number; total: number; sampled: boolean } | undefined;
  private readonly passages: () => Iterable<{ block: Block }>;
  private readonly count: () => number;
  private readonly foldedOf: (block: Block) => string;
  private readonly indexed: (word: string) => number | undefined;
  constructor(passages: () => Iterable<{ block: Block }>, count: () => number, foldedOf: (block: Block) => string, indexed: (word: string) => number | undefined) {
    this.passages = passages;
    this.count = count;
    this.foldedOf = foldedOf;
    this.indexed = indexed;
  }

  private stats() {
    if (this.counted) return this.counted;
    const all = this.count();
    const step = Math.max(1, Math.ceil(all / SURFACE_SAMPLE));
    const df = new Map<string, number>();
    let n = 0;
    let total = 0;
    let i = 0;
    for (const { block } of this.passages()) {
      if (i++ % step !== 0) continue;
      const words = new Set(surfaceWords(this.foldedOf(block)));
      total += words.size;
      n++;
      for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
    }
    return (this.counted = { df, n: Math.max(1, n), total, sampled: step > 1 });
  }

  get documentCount(): number {
    const s = this.stats();
    return s.sampled ? Math.max(1, this.count()) : s.n;
  }

  get averageLength(): number {
    const s = this.stats();
    return s.total / s.n || 1;
  }

  df(word: string): number {
    const s = this.stats();
    if (!s.sampled) return s.df.get(word) ?? 0;
    const fromIndex = this.indexed(word);
    if (fromIndex !== undefined) return fromIndex;
    return Math.round(((s.df.get(word) ?? 0) / s.n) * this.documentCount);
  }
}

/**
 * The plain score of a passage for the query (its folded text): minisearch's BM25 summed over the
 * query's words as typed (a word typed twice counts twice, as minisearch's OR of its words adds
 * them), times how many distinct words of the query it has. `share`: the part of the query's words
 * (each by its idf) the passage has, what the fusion weighs the plain ranking by.
 */
export function plainScorer(foldedQuery: string, stats: SurfaceFrequency): (passage: SurfaceCounts) => { score: number; share: number } {
  const typed = surfaceWords(foldedQuery);
  const n = stats.documentCount;
  const idf = new Map<string, number>();
  for (const w of typed) {
    if (idf.has(w)) continue;
    const df = Math.min(n, stats.df(w));
    idf.set(w, Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }
  let whole = 0;
  for (const v of idf.values()) whole += v;
  const avg = stats.averageLength;
  // Each distinct word is looked up in a passage once (the net reads hundreds of candidates a
  // query), its count kept by its slot; the sums run in the same order as over the words typed.
  const distinct = [...idf.keys()];
  const weights = [...idf.values()];
  const slots = typed.map((w) => distinct.indexOf(w));
  const tfs = new Float64Array(distinct.length);
  return ({ counts, length }) => {
    let matched = 0;
    let held = 0;
    for (let j = 0; j < distinct.length; j++) {
      const tf = counts.get(distinct[j]!) ?? 0;
      tfs[j] = tf;
      if (tf === 0) continue;
      matched++;
      held += weights[j]!;
    }
    if (matched === 0) return { score: 0, share: 0 };
    const norm = BM25.k * (1 - BM25.b + (BM25.b * length) / avg);
    let score = 0;
    for (const j of slots) {
      const tf = tfs[j]!;
      if (tf === 0) continue;
      score += weights[j]! * (BM25.d + (tf * (BM25.k + 1)) / (tf + norm));
    }
    return { score: score * matched, share: whole > 0 ? held / whole : 0 };
  };
}

/**
 * Does the net read a query (folded; `substance`: its words of substance)? Four words as typed or
 * more, four of substance: a shorter query is a name or a term, which the definitions read, and
 * shares too few words with any passage for the plain ranking to tell. Three words of substance
 * are a topic and what is asked of it ("who did the cover of Trotsky's Lies", "why did Trotsky
 * deny the bloc"): the plain words they add are function words every long passage has, so the
 * plain ranking's best is a long passage that repeats a word or two of the topic ("Trotsky's …
 * more "cover" for his machinations"), lifted over the answer. Of the 71 such queries of the three
 * sets the net moved two, both down (own o-s19, o-s23); every case it lifted had four or more.
 */
export const netReads = (folded: string, substance: number): boolean => substance >= 4 && surfaceWords(folded).length >= 4;

/**
 * The share of the query's words (by idf) a passage must hold for a query the net does not read
 * (`netReads` false: one to three words of substance) to be led or lifted by the plain ranking: all
 * of them, as typed. On two or three words the plain ranking's favourite is a passage holding the
 * rarest word or two and missing a form the reader typed ("Tukhachevsky started confessing" led by
 * a passage without "confessing"); one holding every word as typed, Lectern's scores close or
 * nearly so, is the one plain minisearch ranks first and the reader meant ("gorbachev historians
 * lied", "Evdokimov quotation": own o-lower18-15, o-short19-24 2nd → 1st). Without the gate, clear
 * favourites of short queries lifted 3 cases and lowered o-s20, o-wa01 (1st → 2nd); near ties
 * lifted 5 and lowered d-h25, d-h30, o-wb05 (1st → 2nd), o-s19.
 */
export const WHOLE = 1;

/** What the fusion reads of a candidate. */
export interface Fusible {
  block: Block;
  score: number;
}

/** How many of the plain ranking's best passages the net holds up. */
export const NET = 2;
/**
 * The place (0-based) the plain ranking's r-th best passage (0-based) is lifted to at least:
 * its first to the 3rd, its second to the 5th. Not the first place: Lectern's own first two
 * stay, as on most queries they are the better answer (a floor at the 1st or 2nd place lost
 * dozens of cases of every kind; at the 3rd, three).
 */
export const netPlace = (r: number) => 2 + 2 * r;
/**
 * The share of the query's words (each by its idf) a passage must hold for the net to lift it: a
 * passage that shares many of the query's own words. Below 0.4 the net lifted passages that
 * share a title or two names with the query over the answer (own and development cases lost).
 */
export const NET_SHARE = 0.4;

/**
 * Lifts the plain ranking's best NET passages (holding NET_SHARE of the query) to `netPlace` when
 * Lectern ranked them below it, in `sorted` (best first, in place); the places keep their scores,
 * so the list stays sorted by score (pages, folding and merging read scores). Returns how many moved.
 */
export function fusePlain<T extends Fusible>(sorted: T[], plainOf: (c: T) => { score: number; share: number }): number {
  if (sorted.length < 2) return 0;
  const plain = sorted.map((c) => plainOf(c));
  const byPlain = sorted
    .map((_, i) => i)
    .filter((i) => plain[i]!.score > 0)
    .sort((a, b) => plain[b]!.score - plain[a]!.score || a - b)
    .slice(0, NET);
  const order = sorted.map((_, i) => i);
  let moved = 0;
  byPlain.forEach((i, r) => {
    if (plain[i]!.share < NET_SHARE) return;
    const at = order.indexOf(i);
    const place = netPlace(r);
    if (at <= place) return;
    order.splice(at, 1);
    order.splice(place, 0, i);
    moved++;
  });
  if (moved === 0) return 0;
  const scores = sorted.map((c) => c.score);
  const items = order.map((i) => sorted[i]!);
  for (let i = 0; i < items.length; i++) {
    const s = scores[i]!;
    // Two places of equal score would leave the order to the next sort: one just below.
    items[i]!.score = i > 0 && s >= items[i - 1]!.score ? items[i - 1]!.score * (1 - 1e-9) : s;
    sorted[i] = items[i]!;
  }
  return moved;
}

/**
 * Passages whose Lectern scores are this close (a share of the higher) are a near tie, which the
 * plain ranking breaks (`breakNearTies`).
 */
export const NEAR_TIE = 0.04;
/** How much higher the plain score must be to break a near tie: clearly, not by a word's weight. */
export const PLAIN_LEAD = 0.5;
/** The best passages read for near ties. */
const TIE_DEPTH = 15;

/**
 * Near ties broken by the plain ranking: of two neighbours in `sorted` (best first) whose scores
 * are within NEAR_TIE, the lower one goes first when its plain score is PLAIN_LEAD higher. Where
 * Lectern cannot tell two passages apart, the one keeping more of the reader's words as typed —
 * function words and forms included, which its analysis drops or stems — is the one a reader
 * half-remembering a sentence typed (own o-p43, o-p56, o-p65 2nd → 1st). Each place keeps its
 * score, so the list stays sorted; returns how many moved. A passage holding less than `minShare` of
 * the query's words counts as no plain score (WHOLE for a query the net does not read).
 */
export function breakNearTies<T extends Fusible>(sorted: T[], plainOf: (c: T) => { score: number; share?: number }, minShare = 0): number {
  const n = Math.min(sorted.length, TIE_DEPTH);
  if (n < 2) return 0;
  const items = sorted.slice(0, n);
  const own = items.map((c) => c.score);
  const plain = items.map((c) => { const p = plainOf(c); return (p.share ?? 1) < minShare - 1e-9 ? 0 : p.score; });
  const order = items.map((_, i) => i);
  let moved = 0;
  // A passage may pass several near ties; a few passes from the bottom let it.
  for (let pass = 0; pass < 3; pass++) {
    for (let i = n - 1; i > 0; i--) {
      const above = order[i - 1]!;
      const below = order[i]!;
      if (own[below]! >= own[above]! * (1 - NEAR_TIE) && plain[below]! > plain[above]! * (1 + PLAIN_LEAD)) {
        order[i - 1] = below;
        order[i] = above;
        moved++;
      }
    }
  }
  if (moved === 0) return 0;
  const scores = sorted.slice(0, n).map((c) => c.score);
  for (let i = 0; i < n; i++) {
    sorted[i] = items[order[i]!]!;
    sorted[i]!.score = scores[i]!;
  }
  return moved;
}

/** Lectern's best passages the plain ranking's clear favourite may pass (`leadByPlain`). */
export const LEAD_DEPTH = 5;
/** How far the plain ranking's favourite must lead every other of LEAD_DEPTH for it to be clear. */
export const PLAIN_CLEAR = 1.4;
/** How much higher its plain score must be than a passage's for it to pass that passage. */
export const PLAIN_OVER = 1.8;
/** The share of a passage's Lectern score it must have to pass it: a clear second, not a distant one. */
export const OWN_BAND = 0.7;

/**
 * The plain ranking's clear favourite among Lectern's best LEAD_DEPTH (its plain score PLAIN_CLEAR
 * times every other's) passes those above it whose plain score it has PLAIN_OVER times and whose
 * Lectern score it has OWN_BAND of. A reader who keeps several of a passage's words as typed
 * ("his denial can be disregarded": "we can ignore his denial since he'd have denied it either
 * way") has told which passage is meant; Lectern, reading stems and their synonyms, scores
 * another that says the same words of substance in other ways up to a third higher, where plain
 * minisearch ranks the passage first. A near tie (breakNearTies) is too narrow for these. Only a
 * passage the plain ranking reads as the reply shows it is passed (`comparable`): one in another
 * language scores nothing, and a side of a translation pair has the score of the better side.
 * Each place keeps its score; returns how many places the favourite rose. `minShare`: the share of
 * the query's words the favourite must hold (WHOLE for a query the net does not read).
 */
export function leadByPlain<T extends Fusible>(sorted: T[], plainOf: (c: T) => { score: number; share?: number }, comparable: (c: T) => boolean, minShare = 0): number {
  const n = Math.min(sorted.length, LEAD_DEPTH);
  if (n < 2) return 0;
  const read = sorted.slice(0, n).map((c) => plainOf(c));
  const plain = read.map((p) => p.score);
  let best = 0;
  for (let i = 1; i < n; i++) if (plain[i]! > plain[best]!) best = i;
  if (best === 0) return 0;
  if ((read[best]!.share ?? 1) < minShare - 1e-9) return 0;
  for (let i = 0; i < n; i++) if (i !== best && plain[best]! < PLAIN_CLEAR * plain[i]!) return 0;
  const favourite = sorted[best]!;
  let to = best;
  while (to > 0) {
    const above = sorted[to - 1]!;
    if (plain[best]! < PLAIN_OVER * plain[to - 1]! || favourite.score < OWN_BAND * above.score || !comparable(above)) break;
    to--;
  }
  if (to === best) return 0;
  const scores = sorted.slice(0, n).map((c) => c.score);
  sorted.splice(best, 1);
  sorted.splice(to, 0, favourite);
  for (let i = 0; i < n; i++) sorted[i]!.score = scores[i]!;
  return best - to;
}
