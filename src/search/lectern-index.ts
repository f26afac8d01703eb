/**
 * A faster scorer over a minisearch index. minisearch builds, stores and serialises the index
 * (terms in a radix tree, per-field term frequencies, field lengths); `topK` scores the same BM25
 * as minisearch's search but into typed arrays and keeps only the best candidates. minisearch's own
 * search builds a result object with match details for every matching document and sorts them
 * all: for a common word on a 35 MB corpus that is tens of thousands of objects per query.
 *
 * It reads minisearch's protected fields (its API for subclasses) through a typed view, since
 * minisearch's loader always instantiates the base class. minisearch is pinned in package.json and
 * test/search-scorer.test.ts checks that these scores equal minisearch's own, so a change of those
 * internals fails the tests instead of ranking silently wrong.
 */
import type MiniSearch from 'minisearch';
import type SearchableMap from 'minisearch/SearchableMap';
import { EN_STOPWORDS, fuzzyFor, LIGHT_WEIGHT, typoDistance } from './analyse/index.ts';
import { TypoTable } from './typo-table.ts';
import type { QueryWord } from './analyse/index.ts';

export interface IndexedPassage {
  id: string;
  text: string;
  heading: string;
}

/** minisearch's defaults, so the scores match its own search. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
export const FUZZY_WEIGHT = 0.45;
/** How coverage (0–1) scales BM25: covering the whole query counts several times covering half of it. */
export const coverageFactor = (c: number) => (0.15 + c) ** 3;
/**
 * Above any factor a passage can get: coverage is at most 1 (each word counts once, at its best
 * match quality of at most 1), give or take the rounding of its single-precision sum.
 */
const MAX_COVERAGE = 1.01;
const MAX_COVERAGE_FACTOR = coverageFactor(MAX_COVERAGE);
/**
 * A bound of a score is raised this much before it is compared: a document's score is summed in
 * another order than the bound, and its coverage in single precision.
 */
const BOUND_MARGIN = 1e-4;
/** An expansion this strong (a close synonym, a likely translation) can stand for its word in AND. */
const AND_EXPANSION = 0.25;
/**
 * A passage's WordNet phrase ("_call off": passage-phrases.ts) is an index term with a space, which
 * no word's term has. It stands for a query word only as its synonym (an expansion), never as a
 * completion or a typo of another word (its leading marker keeps it from both, and this says so).
 */
const isPhraseTerm = (term: string) => term.includes(' ');
/** A compound's parts ("Trot-sky") count for the word, at half weight. */
const PART_WEIGHT = 0.5;

export interface TopKOptions {
  combineWith: 'AND' | 'OR';
  fuzzy: boolean;
  prefix: boolean;
  /** Boost per field, e.g. { text: 1, heading: 0.3 }. */
  boost: Record<string, number>;
  /** How many of the best documents to return. */
  k: number;
  /** Documents (by minisearch short id) that may be returned. */
  accept?: (shortId: number) => boolean;
  /**
   * When given, only these documents (short ids, ascending) may be returned, and no other
   * document's postings are scored (`accept` must reject the others too, or leave them to this).
   */
  only?: Int32Array;
  /**
   * When given, only documents scoring above this may be returned: a search over several indexes
   * passes the k-th best score of the indexes it has already asked (see layered-source.ts). With
   * rank 'coverage' it also spares the postings of the query's common terms: a document that has
   * only terms whose highest scores add up to no more than this is never read (see `essential`).
   */
  above?: number;
  /**
   * With `above`: a document scoring exactly `above` may be returned too when its passage id sorts
   * before this one (the k-th best's so far: in `rankOrder` it would come before it).
   */
  aboveTie?: string;
  /**
   * 'bm25' (the default): minisearch's score, BM25 times the number of query terms matched.
   * 'coverage': BM25 times how much of the query the passage covers, each word counted by its
   * rarity (idf) and how well it matched (its own term 1, a typo or synonym less), so a passage
   * with the query's rare words, or their synonyms, beats one with only its common words.
   */
  rank?: 'bm25' | 'coverage';
  /**
   * What stands for the query this stage is one of (the engine gives its parsed words): the stages
   * asked with the same object share the typo neighbours and the prefix and typo variants looked
   * up for their terms, as the stages of one query's words do (the default: `words` itself). The
   * other-language pass asks with words of its own, and walked the tree again for a word the
   * index lacks, which the first stage had looked up already.
   */
  queryKey?: object;
}

/**
 * The collection statistics BM25 needs: how many passages, in how many of them a term occurs (per
 * field), the average field length. A search over several indexes (the bundled corpus and a group's
 * texts) scores every index with the statistics of all of them, so its scores are exactly those of
 * one index holding every passage, and the indexes' candidates can be merged by score.
 */
export interface IndexStatistics {
  readonly documentCount: number;
  fieldFrequency(term: string, fieldId: number): number;
  averageFieldLength(fieldId: number): number;
}

/** The statistics of several indexes taken as one (their passages are disjoint). */
export function combinedStatistics(parts: IndexStatistics[]): IndexStatistics {
  const documentCount = parts.reduce((n, p) => n + p.documentCount, 0);
  return {
    documentCount,
    fieldFrequency: (term, fieldId) => parts.reduce((n, p) => n + p.fieldFrequency(term, fieldId), 0),
    averageFieldLength: (fieldId) => parts.reduce((sum, p) => sum + p.averageFieldLength(fieldId) * p.documentCount, 0) / Math.max(1, documentCount),
  };
}

/**
 * The prefix completions and typo neighbours of a query's terms, looked up once in the terms of
 * several indexes (a group's search: the bundled corpus and each of its works) instead of walking
 * each index's tree: the typo search walks much of a tree, and a library of many works walked
 * each of them for every term. Each index then scores those of the variants it holds, so the
 * scores are those of one index holding every passage.
 */
export interface TermVariants {
  /** The terms that start with `term`, itself included. */
  withPrefix(term: string): readonly string[];
  /** The terms within `maxDistance` edits (Levenshtein) of `term`, with their distance. */
  near(term: string, maxDistance: number): readonly (readonly [string, number])[];
  /** Does any of the indexes hold `term`? */
  holds(term: string): boolean;
}

/**
 * A farther spelling is not worth more for being rarer: "Trotksy" is one swap from "Trotsky" (in
 * half the passages) and two edits from the abbreviation "Trotsk." (in two), whose rarity alone
 * would put it first. A typo's neighbour farther than the nearest spellings (the word itself when
 * the library has it) weighs at most as much as the most common of them: `cap` is their lowest idf.
 * `dfIn` gives the whole searched library's frequencies (its statistics), so every index caps alike.
 */
export function typoCap(term: string, neighbours: readonly { derived: string; edits: number }[], fieldIds: readonly number[], dfIn: (term: string, fieldId: number) => number, idfOf: (df: number) => number): { nearest: number; cap: number } {
  let cap = Number.POSITIVE_INFINITY;
  const capBy = (t: string) => {
    for (const fieldId of fieldIds) {
      const df = dfIn(t, fieldId);
      if (df > 0) cap = Math.min(cap, idfOf(df));
    }
  };
  capBy(term);
  const nearest = Number.isFinite(cap) ? 0 : Math.min(...neighbours.map((t) => t.edits));
  for (const t of neighbours) if (t.edits === nearest) capBy(t.derived);
  return { nearest, cap };
}

/**
 * The typo neighbours of `term` that only the other indexes of a layered search hold (this one
 * lacks them: not in `seen`): the nearest spellings are the library's, not one index's, or a
 * farther spelling is capped in one index and not in another (Bazanov: Bazhanov in one, Buranov in
 * another) and the layers score apart from one index holding all.
 */
function elsewhere(term: string, maxDistance: number, seen: ReadonlySet<string>, prefix: boolean, variants: TermVariants | undefined, fields: readonly { fieldId: number }[], dfIn: (term: string, fieldId: number) => number): { derived: string; edits: number }[] {
  const out: { derived: string; edits: number }[] = [];
  const held = (t: string) => fields.some((f) => dfIn(t, f.fieldId) > 0);
  for (const [derived, distance] of variants?.near(term, maxDistance) ?? []) {
    if (distance === 0 || seen.has(derived) || (prefix && derived.startsWith(term)) || isPhraseTerm(derived) || !held(derived)) continue;
    out.push({ derived, edits: distance < 2 ? distance : typoDistance(term, derived, distance) });
  }
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] === term[i + 1]) continue;
    const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
    if (!seen.has(swapped) && held(swapped)) out.push({ derived: swapped, edits: 1 });
  }
  return out;
}

/**
 * Is `derived` the term joined to another term of the library or a stop word, as tokenizing a
 * hyphenated compound joins its parts ("cover-up": coverup)? `holds` asks the whole library, so
 * every index of a layered search reads a completion alike.
 */
function joins(term: string, derived: string, holds: (term: string) => boolean): boolean {
  const rest = derived.slice(term.length);
  return rest.length >= 2 && derived.startsWith(term) && (EN_STOPWORDS.has(rest) || holds(rest));
}

/** A tree of terms (minisearch's SearchableMap) to find variants in. */
export interface TermTree {
  atPrefix(prefix: string): Iterable<[string, unknown]>;
  fuzzyGet(term: string, maxDistance: number): Map<string, [unknown, number]>;
}

/**
 * The variants of terms in several trees, each term's looked up once (memoised: one query stage).
 * The first tree's variants come in its order, then those only the others hold, sorted: the order
 * each document's score is summed in, so it must not depend on how the other trees were built (the
 * group's works in memory, one tree per work merged; the same terms read from PostgreSQL).
 */
export function termVariants(trees: readonly TermTree[]): TermVariants {
  const prefixed = new Map<string, string[]>();
  const nearby = new Map<string, [string, number][]>();
  const held = new Map<string, boolean>();
  const [first, ...rest] = trees;
  return {
    holds(term) {
      let yes = held.get(term);
      if (yes === undefined) held.set(term, (yes = trees.some((tree) => tree.fuzzyGet(term, 0).has(term))));
      return yes;
    },
    withPrefix(term) {
      let out = prefixed.get(term);
      if (!out) {
        const all = new Set<string>();
        if (first) for (const [derived] of first.atPrefix(term)) all.add(derived);
        const others = new Set<string>();
        for (const tree of rest) for (const [derived] of tree.atPrefix(term)) if (!all.has(derived)) others.add(derived);
        prefixed.set(term, (out = [...all, ...[...others].sort()]));
      }
      return out;
    },
    near(term, maxDistance) {
      const key = `${maxDistance}\u0000${term}`;
      let out = nearby.get(key);
      if (!out) {
        const all = new Map<string, number>();
        if (first) for (const [derived, [, distance]] of first.fuzzyGet(term, maxDistance)) all.set(derived, distance);
        const others = new Map<string, number>();
        for (const tree of rest) for (const [derived, [, distance]] of tree.fuzzyGet(term, maxDistance)) if (!all.has(derived)) others.set(derived, distance);
        nearby.set(key, (out = [...all, ...[...others].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))]));
      }
      return out;
    },
  };
}

export interface Scored {
  id: string;
  score: number;
  /** Share of the query's weight the passage matched, 0–1 (with rank 'coverage'). */
  coverage?: number;
}

type FieldTermData = Map<number, Map<number, number>>;

/** One term's postings in one field: documents (minisearch short ids) and term frequencies. */
interface Postings {
  docs: Int32Array;
  tfs: Float64Array;
  length: number;
}
/**
 * The first `count` of `docs` looked up in a term's list, in their order (ascending, as a list is
 * read), into `into`'s arrays; returns how many have the term. A long list is read this way when
 * the query is about few of its documents (see LOOKUP_RATIO).
 */
function lookUp(freqs: Map<number, number>, docs: Int32Array, count: number, into: Postings): number {
  let k = 0;
  for (let i = 0; i < count; i++) {
    const doc = docs[i]!;
    const tf = freqs.get(doc);
    if (tf === undefined) continue;
    into.docs[k] = doc;
    into.tfs[k++] = tf;
  }
  return k;
}

/** A query's per-document accumulators (see `FastScorer.scratchFor`). */
interface Scratch {
  score: Float64Array;
  count: Uint8Array;
  stamp: Uint16Array;
  terms: Uint16Array;
  termStamp: Uint16Array;
  best: Float32Array;
  cover: Float32Array;
  touched: Int32Array;
  /** The documents a query is narrowed to (see `FastScorer.narrowed`): marks, and their ids. */
  inSet: Uint8Array;
  setDocs: Int32Array;
  /** A long list's postings of those documents, looked up one by one. */
  looked: Postings;
  /** The documents of one chunk a query scores (see `FastScorer.chunked`): marks, and their ids. */
  mark: Uint8Array;
  chunkDocs: Int32Array;
}

/**
 * One term's postings in one field as a query scores them: its weight (query weight, boost, idf),
 * the field's average length, and what it counts for (see `accumulate`).
 */
interface Unit {
  freqs: Map<number, number>;
  fieldId: number;
  w: number;
  avg: number;
  termNo: number;
  countTerm: boolean;
  word: number;
  countWord: boolean;
  importance: number;
  quality: number;
}

/**
 * Adds one term's postings (in one field, weighted `w`) to the accumulators, only those of the
 * documents marked in `among` when it is given; returns how many documents the query has reached.
 * The loop every posting of a query goes through: a function of its own over typed arrays and
 * plain numbers, so the engine keeps it tight.
 * `countTerm`: a term of the word itself (minisearch's matched-terms factor); `countWord`: it counts
 * for AND; `quality`: how well it stands for its word (coverage).
 */
function accumulate(p: Postings, from: number, to: number, w: number, lens: Float32Array, avg: number, s: Scratch, reached: number, termNo: number, countTerm: boolean, word: number, countWord: boolean, importance: number, quality: number, among: Uint8Array | null): number {
  const { score, count, stamp, terms, termStamp, best, cover, touched } = s;
  const { docs, tfs } = p;
  for (let i = from; i < to; i++) {
    const doc = docs[i]!;
    if (among !== null && among[doc] !== 1) continue;
    const tf = tfs[i]!;
    const add = w * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * lens[doc]!) / avg)));
    if (score[doc] === 0) touched[reached++] = doc;
    score[doc] = score[doc]! + add;
    if (countTerm && termStamp[doc] !== termNo) {
      termStamp[doc] = termNo;
      terms[doc] = terms[doc]! + 1;
    }
    if (stamp[doc] !== word) {
      stamp[doc] = word;
      if (countWord) count[doc] = count[doc]! + 1;
      best[doc] = quality;
      cover[doc] = cover[doc]! + importance * quality;
    } else if (quality > best[doc]!) {
      cover[doc] = cover[doc]! + importance * (quality - best[doc]!);
      best[doc] = quality;
    }
  }
  return reached;
}

/**
 * A list this many times longer than the documents a query is narrowed to is read by looking each
 * of them up in it (a hash lookup costs about as much as reading this many postings of a packed list).
 * Measured on the 151 MB library: a lookup in a list of tens of thousands of passages (minisearch's
 * Map, out of the cache between queries) costs ~30 postings read in order, not 8; at 8, `Trotsky`'s
 * AND stage looked every passage up in its heading list (CPU median 27 -> 21 ms at 32; 96 no better).
 */
const LOOKUP_RATIO = 32;
/** Narrow an AND query to the documents of its rarest word unless that word holds this share of its postings. */
const NARROW_SHARE = 0.9;

/**
 * Documents (by short id) per chunk of a large index: a query of the coverage rank scores one chunk
 * after another, so the best found so far set the score to beat in the next (see `chunked`).
 */
const CHUNK = 2048;
/** A chunk's units that may be left out are left out only when they hold this share of its postings. */
const LEFT_OUT_SHARE = 0.5;
/** The share of the postings (by unit, `sizes`) the units marked in `out` hold. */
function spared(out: Uint8Array, sizes: Int32Array): number {
  let left = 0;
  let all = 0;
  for (let i = 0; i < sizes.length; i++) {
    all += sizes[i]!;
    if (out[i] === 1) left += sizes[i]!;
  }
  return all === 0 ? 0 : left / all;
}
/** A query narrowed to fewer than this share of an index's documents is scored as narrowed, not by chunk. */
const CHUNKED_SHARE = 0.25;

/** Terms whose lookups an index keeps (see `FastScorer.termData`): a long question looks up a few hundred. */
const TERM_CACHE = 10_000;
/**
 * Above this many terms a word's typo neighbours are found by walking the tree, not by scanning a list
 * of its terms (typo-table.ts): the scan grows with the terms, the walk more slowly, and the list holds
 * each term as a string of its own (the bundled corpus has ~8,400 terms, ~0.3 MB listed).
 */
const TYPO_TABLE_TERMS = 100_000;
const TYPO_TABLE_AFTER = 32;
const LOOKUPS_AFTER = 4_000;
/** Lists at least this long are packed and kept (see `FastScorer.postings`). */
const PACK_MIN = 64;
/** Packed lists an index keeps: this many bytes per passage (12 per posting: ~5 lists as long as the index). */
const PACKED_BYTES_PER_DOCUMENT = 256;

/** A list's postings (arrays of its own), where each chunk's begin (`starts[c]`, and `starts[c + 1]` its end), and each chunk's highest BM25 part. */
interface Chunks {
  list: Postings;
  starts: Int32Array;
  maxima: Float64Array;
}

/** The protected fields of MiniSearch this scorer reads. */
interface MiniSearchInternals {
  _index: SearchableMap<FieldTermData>;
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _idToShortId: Map<unknown, number>;
}

/**
 * Which units a document may be in none of but those marked here and still reach `above` (1: it
 * cannot on their lists alone, see `FastScorer.essential`); null when none may be left out.
 * `bounds`: each unit's highest score (0: it has no postings where the bound is taken, and counts
 * for nothing); `sizes`: its postings there.
 *
 * Any such set will do; the more postings it holds, the fewer documents are read. The longest
 * lists are tried first (a common word's: a low weight, and little of the query's coverage), each
 * kept in the set while the bound stays below `above`: a long question's expansions of its rare
 * words have the lowest bounds one by one, but taken first they filled the bound before the common
 * word's lists of half the passages could be left out.
 */
function leftOut(units: readonly Unit[], bounds: ArrayLike<number>, sizes: ArrayLike<number>, above: number, totalImportance: number): Uint8Array | null {
  const order: number[] = [];
  for (let i = 0; i < units.length; i++) if (bounds[i]! > 0) order.push(i);
  order.sort((a, b) => sizes[b]! - sizes[a]! || bounds[a]! - bounds[b]!);
  const quality = new Map<number, number>();
  const out = new Uint8Array(units.length);
  let sum = 0;
  let covered = 0;
  let any = false;
  for (const i of order) {
    const u = units[i]!;
    const q = quality.get(u.word) ?? 0;
    const more = u.quality > q ? covered + u.importance * (u.quality - q) : covered;
    // Reaching `above` is enough to be needed: a document equal to it may get in by its id (`aboveTie`).
    if ((sum + bounds[i]!) * coverageFactor(Math.min(more / totalImportance, MAX_COVERAGE)) * (1 + BOUND_MARGIN) >= above) continue;
    sum += bounds[i]!;
    covered = more;
    if (u.quality > q) quality.set(u.word, u.quality);
    out[i] = 1;
    any = true;
  }
  return any ? out : null;
}

/**
 * Passage ids in their natural order: runs of digits compared as numbers, other characters by code
 * unit (not by locale), so `work.p8` comes before `work.p16` as it does in the text.
 */
export function idOrder(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (x >= 48 && x <= 57 && y >= 48 && y <= 57) {
      // Two runs of digits: the longer (leading zeros aside) is the larger, else the first digit that differs.
      while (i < n - 1 && a.charCodeAt(i) === 48 && isDigit(a.charCodeAt(i + 1))) i++;
      while (j < m - 1 && b.charCodeAt(j) === 48 && isDigit(b.charCodeAt(j + 1))) j++;
      let ei = i;
      let ej = j;
      while (ei < n && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < m && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - i !== ej - j) return ei - i - (ej - j);
      for (; i < ei; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d;
      }
      continue;
    }
    if (x !== y) return x - y;
    i++;
    j++;
  }
  if (n - i !== m - j) return n - i - (m - j);
  // The same but for leading zeros ("p08", "p8"): any fixed order will do.
  return a < b ? -1 : a > b ? 1 : 0;
}
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The order of a ranked list: score descending, an exact tie by passage id (`idOrder`). Which of
 * two equally scored passages is kept at the k-th place, and which comes first, then depends on
 * the passages alone, not on the order they were added or scored in, nor on the index (or
 * database) they come from: a search over several indexes cuts and merges alike.
 */
export function rankOrder(a: { id: string; score: number }, b: { id: string; score: number }): number {
  return b.score - a.score || idOrder(a.id, b.id);
}

/**
 * The k best documents seen so far in `rankOrder` (score, then id): a min-heap, the weakest of them
 * at the root. `ranksOf`: each document's place in the natural order of the index's passage ids
 * (`FastScorer.idRanks`), which decides exact ties (copies of a text tie by the hundred); asked for
 * at the first tie only.
 */
class TopHeap {
  readonly docs: number[] = [];
  readonly scores: number[] = [];
  private readonly k: number;
  private readonly ranksOf: () => Int32Array;
  private known: Int32Array | undefined;
  constructor(k: number, ranksOf: () => Int32Array) {
    this.k = k;
    this.ranksOf = ranksOf;
  }

  private get ranks(): Int32Array {
    return (this.known ??= this.ranksOf());
  }

  /** Would a document with this score get in? */
  wouldTake(score: number, doc: number): boolean {
    if (this.docs.length < this.k) return true;
    const floor = this.scores[0]!;
    return score > floor || (score === floor && this.ranks[doc]! < this.ranks[this.docs[0]!]!);
  }

  /** The score a document must reach to get in (one equal to it gets in by its id): -Infinity while there is room. */
  get floor(): number {
    return this.docs.length < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  /** Is the entry at i weaker (ranks after) the one at j? */
  private weaker(i: number, j: number): boolean {
    const { scores } = this;
    return scores[i]! < scores[j]! || (scores[i] === scores[j] && this.ranks[this.docs[i]!]! > this.ranks[this.docs[j]!]!);
  }

  /**
   * The documents best first (and their scores), in `rankOrder`: the heap's copy sorted by taking
   * its weakest off the root, one at a time, to the end. The order is total (ranks are distinct),
   * so this is the order any sort gives; Array.prototype.sort with a comparator over the 400 of a
   * stage cost twice as much (the comparator's calls), a sixteenth of a Russian query's time.
   */
  sorted(): { docs: number[]; scores: number[] } {
    const docs = this.docs.slice();
    const scores = this.scores.slice();
    const weaker = (i: number, j: number) => scores[i]! < scores[j]! || (scores[i] === scores[j] && this.ranks[docs[i]!]! > this.ranks[docs[j]!]!);
    for (let end = docs.length - 1; end > 0; end--) {
      swapIn(docs, scores, 0, end);
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < end && weaker(l, m)) m = l;
        if (r < end && weaker(r, m)) m = r;
        if (m === i) break;
        swapIn(docs, scores, i, m);
        i = m;
      }
    }
    return { docs, scores };
  }

  offer(doc: number, score: number): void {
    const { docs, scores } = this;
    if (docs.length < this.k) {
      docs.push(doc);
      scores.push(score);
      for (let i = docs.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!this.weaker(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    docs[0] = doc;
    scores[0] = score;
    this.siftDown(0);
  }

  private siftDown(i: number): void {
    const { docs } = this;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < docs.length && this.weaker(l, m)) m = l;
      if (r < docs.length && this.weaker(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    swapIn(this.docs, this.scores, i, j);
  }
}

/** Through temporaries, not destructuring: that made two arrays per swap until optimised. */
function swapIn(docs: number[], scores: number[], i: number, j: number): void {
  const d = docs[i]!;
  docs[i] = docs[j]!;
  docs[j] = d;
  const sc = scores[i]!;
  scores[i] = scores[j]!;
  scores[j] = sc;
}

export class FastScorer {
  private readonly ms: MiniSearchInternals;
  private lengths: Float32Array[] | undefined;
  private ids: string[] | undefined;
  private scratch: Scratch | undefined;
  /** Long posting lists as typed arrays, most recently used last (see `postings`). */
  private readonly packed = new Map<Map<number, number>, Postings>();
  private packedBytes = 0;
  private packedAt = -1;
  /** A short list's postings, copied here for the one loop that scores both kinds. */
  private small: Postings = { docs: new Int32Array(PACK_MIN), tfs: new Float64Array(PACK_MIN), length: 0 };

  /** Score every posting of a query (the reference the narrowed scoring is tested against). */
  private readonly exhaustive: boolean;

  /** Documents per chunk of a large index (CHUNK; smaller in tests, so small indexes are chunked too). */
  private readonly chunk: number;

  /** When a list is looked up by document rather than read (LOOKUP_RATIO; others in tests, so both ways are checked). */
  private readonly lookupRatio: number;

  constructor(index: MiniSearch<IndexedPassage>, options: { exhaustive?: boolean; chunk?: number; lookupRatio?: number } = {}) {
    const ms = index as unknown as MiniSearchInternals;
    this.ms = ms;
    this.exhaustive = options.exhaustive === true;
    this.chunk = options.chunk ?? CHUNK;
    this.lookupRatio = options.lookupRatio ?? LOOKUP_RATIO;
    this.statistics = {
      get documentCount() {
        return ms._documentCount;
      },
      fieldFrequency: (term, fieldId) => this.termData(term)?.get(fieldId)?.size ?? 0,
      averageFieldLength: (fieldId) => ms._avgFieldLength[fieldId] ?? 0,
    };
  }

  private denseAt = -1;
  private ranks: Int32Array | undefined;
  /** The documents in the natural order of their ids (the inverse of `ranks`). */
  private byId: Int32Array | undefined;
  private ranksAt = -1;

  /**
   * Each document's place in the natural order of the passage ids (`idOrder`), by short id, made
   * once per index version: an exact tie is then decided by comparing two numbers. A document
   * without an id (discarded) comes last.
   */
  private idRanks(): Int32Array {
    const { ids } = this.dense();
    if (!this.ranks || this.ranksAt !== this.denseAt) {
      const docs: number[] = [];
      for (let doc = 0; doc < ids.length; doc++) if (ids[doc] !== undefined) docs.push(doc);
      docs.sort((a, b) => idOrder(ids[a]!, ids[b]!));
      const ranks = new Int32Array(ids.length).fill(ids.length);
      docs.forEach((doc, i) => (ranks[doc] = i));
      this.ranks = ranks;
      this.byId = Int32Array.from(docs);
      this.ranksAt = this.denseAt;
    }
    return this.ranks;
  }

  /** How many of the index's documents have an id before `id` in natural order: a rank below this is before it. */
  private rankBefore(id: string): number {
    this.idRanks();
    const { ids } = this.dense();
    const byId = this.byId!;
    let lo = 0;
    let hi = byId.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (idOrder(ids[byId[mid]!]!, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Field lengths and external ids as dense arrays, built once and again only after documents were
   * added (a group's index grows in place when a text is added).
   */
  private dense() {
    if (!this.lengths || !this.ids || this.denseAt !== this.ms._nextId) {
      this.denseAt = this.ms._nextId;
      const fields = Object.keys(this.ms._fieldIds).length;
      const lengths = Array.from({ length: fields }, () => new Float32Array(this.ms._nextId));
      const ids: string[] = new Array(this.ms._nextId);
      for (const [shortId, lens] of this.ms._fieldLength) lens.forEach((l, f) => (lengths[f]![shortId] = l));
      for (const [shortId, id] of this.ms._documentIds) ids[shortId] = String(id);
      this.lengths = lengths;
      this.ids = ids;
    }
    return { lengths: this.lengths, ids: this.ids };
  }

  /**
   * Per-document accumulators, allocated once per index and zeroed after each query where it wrote:
   * fresh arrays per query cost megabytes on a large corpus, and the collections they force were
   * the slowest queries' tail. (Queries are synchronous, so one set is never shared by two.)
   */
  private scratchFor(n: number) {
    if (!this.scratch || this.scratch.score.length < n) {
      this.scratch = {
        score: new Float64Array(n),
        count: new Uint8Array(n),
        stamp: new Uint16Array(n),
        terms: new Uint16Array(n),
        termStamp: new Uint16Array(n),
        best: new Float32Array(n),
        cover: new Float32Array(n),
        // The documents a query wrote, in the order it first reached them.
        touched: new Int32Array(n),
        inSet: new Uint8Array(n),
        setDocs: new Int32Array(n),
        looked: { docs: new Int32Array(n), tfs: new Float64Array(n), length: 0 },
        mark: new Uint8Array(n),
        chunkDocs: new Int32Array(n),
      };
    }
    return this.scratch;
  }

  /**
   * A term's postings in one field as typed arrays, in minisearch's order (so sums, and so scores,
   * are the same to the last bit). Iterating minisearch's Map costs several times more per posting
   * than an array, and a common word on a large library has hundreds of thousands: lists of
   * PACK_MIN postings or more are packed once and kept, least recently used dropped first beyond a
   * budget proportional to the index (PACKED_BYTES_PER_DOCUMENT); shorter ones are copied per use.
   */
  private postings(freqs: Map<number, number>): Postings {
    if (freqs.size < PACK_MIN) {
      // Keys and values side by side: iterating entries makes a [doc, tf] pair per posting.
      const small = this.small;
      let i = 0;
      for (const doc of freqs.keys()) small.docs[i++] = doc;
      i = 0;
      for (const tf of freqs.values()) small.tfs[i++] = tf;
      small.length = i;
      return small;
    }
    // Documents added in place change posting lists: start afresh.
    const at = this.version;
    if (at !== this.packedAt) {
      this.packed.clear();
      this.packedBytes = 0;
      this.packedAt = at;
    }
    let list = this.packed.get(freqs);
    if (list) {
      this.packed.delete(freqs);
      this.packed.set(freqs, list);
      return list;
    }
    const docs = new Int32Array(freqs.size);
    const tfs = new Float64Array(freqs.size);
    let i = 0;
    for (const doc of freqs.keys()) docs[i++] = doc;
    i = 0;
    for (const tf of freqs.values()) tfs[i++] = tf;
    list = { docs, tfs, length: i };
    const budget = Math.max(PACK_MIN * 12 * 64, this.ms._documentCount * PACKED_BYTES_PER_DOCUMENT);
    this.packed.set(freqs, list);
    this.packedBytes += i * 12;
    for (const [key, old] of this.packed) {
      if (this.packedBytes <= budget || old === list) break;
      this.packed.delete(key);
      this.packedBytes -= old.length * 12;
    }
    return list;
  }

  /**
   * A query's typo neighbours in this index, kept for its later stages: a word the index lacks is
   * typo-tolerant from the first stage on, and the typo-tolerant AND and OR stages ask again for the
   * same terms; the walk of the tree was most of such a query's time. Kept by the query's words
   * (the stages of one query share them), so they go with the query; the same as asking the tree
   * each time, in its order, while the index is unchanged.
   */
  private readonly neighbours = new WeakMap<object, { at: number; near: Map<string, [string, FieldTermData, number][]> }>();

  private typoNeighbours(query: object, term: string, maxDistance: number): [string, FieldTermData, number][] {
    let kept = this.neighbours.get(query);
    if (!kept || kept.at !== this.version) this.neighbours.set(query, (kept = { at: this.version, near: new Map() }));
    const key = `${maxDistance}\u0000${term}`;
    let list = kept.near.get(key);
    if (!list) {
      const table = this.typoTable('walk');
      if (table) list = table.near(term, maxDistance, (data) => data.size === 0);
      else {
        list = [];
        for (const [derived, [data, distance]] of this.ms._index.fuzzyGet(term, maxDistance)) list.push([derived, data as FieldTermData, distance]);
      }
      kept.near.set(key, list);
    }
    return list;
  }

  /**
   * The index's terms listed for typo and exact lookups (typo-table.ts) while it is unchanged, once
   * it has been walked TYPO_TABLE_AFTER times for typos or LOOKUPS_AFTER times for terms not kept by
   * `termData`: listing them costs ~10 ms, which a one-shot command's question would not win back.
   * None for a tree of more than TYPO_TABLE_TERMS.
   */
  private typos: { at: number; walks: number; lookups: number; table: TypoTable<FieldTermData> | undefined } = { at: -1, walks: 0, lookups: 0, table: undefined };

  /** The list if it is made and still holds; `use`: a walk or a lookup of the tree it would have spared. */
  private typoTable(use?: 'walk' | 'lookup'): TypoTable<FieldTermData> | undefined {
    const at = this.version;
    // Any change to the tree unsets its count (read here, and by nothing else of Lectern): a term
    // deleted without a document count changing (minisearch's vacuum) may merge nodes, which reorders them.
    const tree = this.ms._index as unknown as { _size: number | undefined; _tree: Map<string, unknown>; size: number };
    let typos = this.typos;
    if (typos.at !== at || (typos.table && tree._size === undefined)) this.typos = typos = { at, walks: 0, lookups: 0, table: undefined };
    if (typos.table || !use) return typos.table;
    if (use === 'walk') typos.walks++;
    else typos.lookups++;
    if ((typos.walks >= TYPO_TABLE_AFTER || typos.lookups >= LOOKUPS_AFTER) && tree.size <= TYPO_TABLE_TERMS) {
      typos.table = new TypoTable<FieldTermData>(tree._tree);
      // What `termData` kept is the list's now.
      this.terms.clear();
    }
    return typos.table;
  }

  /** Terms' postings by field as minisearch's tree holds them, by term, while the index is unchanged (see `termData`). */
  private readonly terms = new Map<string, FieldTermData | undefined>();
  private termsAt = -1;

  /**
   * A term's postings by field (minisearch's own objects, which it updates in place). A lookup walks
   * minisearch's tree, slicing the term at each node: a group's library asks each of its works for
   * every term of every stage (a long question's expansions and typo variants, and their document
   * frequencies), and those walks cost more than the scoring. Kept per term until the index changes
   * (or TERM_CACHE terms are kept); a term removed by a vacuum leaves an emptied object, which holds
   * no postings, as its absence would.
   */
  private termData(term: string): FieldTermData | undefined {
    const table = this.typoTable();
    if (table) return table.get(term);
    const at = this.version;
    if (at !== this.termsAt || this.terms.size >= TERM_CACHE) {
      this.terms.clear();
      this.termsAt = at;
    }
    let data = this.terms.get(term);
    if (data === undefined && !this.terms.has(term)) {
      const listed = this.typoTable('lookup');
      data = listed ? listed.get(term) : (this.ms._index.get(term) as FieldTermData | undefined);
      this.terms.set(term, data);
    }
    return data;
  }

  /** This index's own statistics (what scoring uses when no others are given). */
  readonly statistics: IndexStatistics;

  /** Does the index hold this term (in any field)? */
  has(term: string): boolean {
    return (this.termData(term)?.size ?? 0) > 0;
  }

  /** In how many passages the term occurs (in the text field), 0 when not at all. */
  documentFrequency(term: string): number {
    const data = this.termData(term);
    const text = this.ms._fieldIds['text'];
    return (text !== undefined && data?.get(text)?.size) || 0;
  }

  /** The index's terms (to look variants up in with other indexes' terms). */
  get termTree(): TermTree {
    return this.ms._index as unknown as TermTree;
  }

  /** Changes when documents are added or removed in place. */
  get version(): number {
    return this.ms._nextId * 2 + this.ms._documentCount;
  }

  idOf(shortId: number): string | undefined {
    return this.dense().ids[shortId];
  }

  /** Every short id is below this. */
  get shortIdBound(): number {
    return this.ms._nextId;
  }

  shortIdOf(id: string): number | undefined {
    return this.ms._idToShortId.get(id);
  }

  /**
   * Each word's share of the query: the idf of its rarest own term; a word the index lacks counts
   * as the rarest (it is what the reader means, and only its typos or synonyms can stand in).
   */
  private importances(words: QueryWord[], stats: IndexStatistics): number[] {
    const textField = this.ms._fieldIds['text'];
    const idfOf = (df: number) => Math.log(1 + (stats.documentCount - df + 0.5) / (df + 0.5));
    return words.map((w) => {
      let df = 1;
      for (const t of w.terms) {
        const d = textField === undefined ? 0 : stats.fieldFrequency(t, textField);
        if (d > 0 && (df === 1 || d < df)) df = d;
      }
      return idfOf(df) * (w.light ? LIGHT_WEIGHT : 1);
    });
  }

  /** The fields a query scores, by minisearch's field id, with their boosts. */
  private boostedFields(boost: Record<string, number>): { fieldId: number; boost: number }[] {
    return Object.entries(boost)
      .map(([field, b]) => ({ fieldId: this.ms._fieldIds[field], boost: b }))
      .filter((f): f is { fieldId: number; boost: number } => f.fieldId !== undefined && f.boost > 0);
  }

  /**
   * The only documents a query can return, when they are fewer than its postings reach: those of
   * `only`; for AND those with a term that counts for each word of substance; and with a score to
   * beat (`above`), those in one of the lists that could reach it (`essential`). Each is a set of
   * lists a document must be in one of: the one with the fewest postings is read whole, and the
   * documents found are checked against the others' lists (or looked up in them when few).
   * Left in `scratch.setDocs` in ascending order and marked in `scratch.inSet`; returns how many,
   * 0 for none (the query returns nothing) or -1 for no narrowing (score every posting; nothing
   * is marked).
   */
  private narrowed(units: Unit[], query: { words: QueryWord[]; options: TopKOptions; totalImportance: number }, scratch: Scratch): number {
    const { inSet, setDocs } = scratch;
    const { options } = query;
    // A score to beat bounds only the coverage rank (the bounds are of its factor).
    const how = { andWords: options.combineWith === 'AND' ? query.words : undefined, only: options.only, above: options.rank === 'coverage' ? options.above : undefined, totalImportance: query.totalImportance };
    const sets: { units: Unit[]; postings: number }[] = [];
    const setOf = (list: Unit[]) => ({ units: list, postings: list.reduce((n, u) => n + u.freqs.size, 0) });
    if (how.andWords) {
      for (const [i, w] of how.andWords.entries()) if (!w.light && !w.optional) sets.push(setOf(units.filter((u) => u.word === i + 1 && u.countWord)));
      // A word of substance none of whose terms is here (or none at all): no document has every word.
      if (sets.length === 0 || sets.some((h) => h.units.length === 0)) return 0;
    }
    if (how.above !== undefined) {
      const essential = this.essential(units, how.above, how.totalImportance);
      if (essential?.length === 0) return 0;
      if (essential) sets.push(setOf(essential));
    }
    sets.sort((a, b) => a.postings - b.postings);
    let m = 0;
    let from = 0;
    if (how.only) {
      for (let i = 0; i < how.only.length; i++) {
        const doc = how.only[i]!;
        if (doc >= inSet.length) break;
        if (inSet[doc] === 1) continue;
        inSet[doc] = 1;
        setDocs[m++] = doc;
      }
    } else {
      const total = units.reduce((n, u) => n + u.freqs.size, 0);
      const first = sets[0];
      if (!first || first.postings >= NARROW_SHARE * total) return -1;
      for (const u of first.units) {
        const { docs, length } = this.postings(u.freqs);
        for (let i = 0; i < length; i++) {
          const doc = docs[i]!;
          if (inSet[doc] === 1) continue;
          inSet[doc] = 1;
          setDocs[m++] = doc;
        }
      }
      if (first.units.length > 1) setDocs.subarray(0, m).sort();
      from = 1;
    }
    for (let h = from; h < sets.length && m > 0; h++) m = this.keepWith(sets[h]!.units, m, scratch);
    return m;
  }

  /**
   * The units a document must have one of to score above `above` (max-score): each unit's highest
   * score (its weight times its list's highest BM25 part, see `ceiling`) is an upper bound of what
   * it adds; a set of units whose bounds add up, times the coverage factor of all the query they
   * could cover, to less than `above` cannot lift a document to it on their own, so a document in
   * none of the other units' lists is never read. Undefined when every unit is needed.
   */
  private essential(units: Unit[], above: number, totalImportance: number): Unit[] | undefined {
    const { lengths } = this.dense();
    // A term in more postings than there are documents (those of removed documents not yet cleaned
    // up) has a negative idf: no bound holds, so every unit is read.
    if (units.some((u) => u.w <= 0)) return undefined;
    const bounds = units.map((u) => u.w * this.ceiling(u, lengths[u.fieldId]!));
    const out = leftOut(units, bounds, units.map((u) => u.freqs.size), above, totalImportance);
    return out ? units.filter((_, i) => out[i] === 0) : undefined;
  }

  /** Lists' highest BM25 parts (before the weight), by list, for the average field length and index version they were read at. */
  private readonly ceilings = new WeakMap<Map<number, number>, { at: number; avg: number; g: number }>();

  /** The highest BM25 part of any posting of the unit's list (what `accumulate` multiplies by the weight). */
  private ceiling(u: Unit, lens: Float32Array): number {
    const kept = this.ceilings.get(u.freqs);
    if (kept && kept.at === this.version && kept.avg === u.avg) return kept.g;
    const { docs, tfs, length } = this.postings(u.freqs);
    let g = 0;
    for (let i = 0; i < length; i++) {
      const tf = tfs[i]!;
      // The very expression `accumulate` computes, so no posting's part exceeds this.
      const part = BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * lens[docs[i]!]!) / u.avg));
      if (part > g) g = part;
    }
    this.ceilings.set(u.freqs, { at: this.version, avg: u.avg, g });
    return g;
  }

  /** Of the `m` documents in `scratch.setDocs`, keeps those in one of the units' lists (in order); returns how many. */
  private keepWith(units: Unit[], m: number, scratch: Scratch): number {
    const { inSet, setDocs } = scratch;
    const postings = units.reduce((n, u) => n + u.freqs.size, 0);
    let kept = 0;
    if (m * units.length * this.lookupRatio < postings) {
      for (let i = 0; i < m; i++) {
        const doc = setDocs[i]!;
        if (units.some((u) => u.freqs.has(doc))) setDocs[kept++] = doc;
        else inSet[doc] = 0;
      }
      return kept;
    }
    for (const u of units) {
      const { docs, length } = this.postings(u.freqs);
      for (let i = 0; i < length; i++) if (inSet[docs[i]!] === 1) inSet[docs[i]!] = 2;
    }
    for (let i = 0; i < m; i++) {
      const doc = setDocs[i]!;
      if (inSet[doc] === 2) {
        inSet[doc] = 1;
        setDocs[kept++] = doc;
      } else inSet[doc] = 0;
    }
    return kept;
  }

  /**
   * Adds one unit's postings: all of them (`among` -1), or those of the `among` documents the query
   * was narrowed to (see `narrowed`), read from the list or, from a long one, looked up one by one
   * in ascending order as the list has them. Returns how many documents the query has reached.
   */
  private add(u: Unit, lens: Float32Array, among: number, scratch: Scratch, reached: number): number {
    let list: Postings;
    let filter: Uint8Array | null = null;
    if (among < 0) list = this.postings(u.freqs);
    else if (u.freqs.size > among * this.lookupRatio) {
      scratch.looked.length = lookUp(u.freqs, scratch.setDocs, among, scratch.looked);
      list = scratch.looked;
    } else {
      list = this.postings(u.freqs);
      filter = scratch.inSet;
    }
    return accumulate(list, 0, list.length, u.w, lens, u.avg, scratch, reached, u.termNo, u.countTerm, u.word, u.countWord, u.importance, u.quality, filter);
  }

  /** The k best by score among the documents that matched (`need` words: all of them for AND), via a min-heap. */
  private best(touched: Int32Array, reached: number, need: number, totalImportance: number, options: TopKOptions): Scored[] {
    const top = this.topOf(need, totalImportance, options);
    for (let i = 0; i < reached; i++) top.offer(touched[i]!);
    return top.result();
  }

  /**
   * A heap of the k best documents of one query, offered the documents it reached (once each,
   * after their postings were all added), and the answer it makes.
   */
  private topOf(need: number, totalImportance: number, options: TopKOptions) {
    const { score, count, terms, cover } = this.scratch!;
    const ids = this.dense().ids;
    const heap = new TopHeap(options.k, () => this.idRanks());
    const coverage = options.rank === 'coverage';
    const above = options.above ?? Number.NEGATIVE_INFINITY;
    // A document equal to `above` must have an id before `aboveTie`: a rank below this (found at the first such document).
    const aboveTie = options.aboveTie;
    let tieRank = -1;
    const offer = (doc: number) => {
      if (count[doc]! < need) return;
      // Most documents of a common word cannot beat the heap even with all of the query covered:
      // skip the coverage factor for them (the result is the same).
      if (coverage && score[doc]! * MAX_COVERAGE_FACTOR <= Math.max(heap.floor, above)) return;
      const s = coverage ? score[doc]! * coverageFactor(cover[doc]! / totalImportance) : score[doc]! * Math.max(1, terms[doc]!);
      const id = ids[doc];
      // A discarded document (its postings stay until minisearch vacuums) has no id: minisearch's own search skips it too.
      if (id === undefined || s < above || !heap.wouldTake(s, doc)) return;
      if (s === above) {
        if (aboveTie === undefined) return;
        if (tieRank < 0) tieRank = this.rankBefore(aboveTie);
        if (this.idRanks()[doc]! >= tieRank) return;
      }
      if (options.accept && !options.accept(doc)) return;
      heap.offer(doc, s);
    };
    const result = (): Scored[] => {
      const { docs, scores } = heap.sorted();
      const out: Scored[] = new Array(docs.length);
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        out[i] = coverage ? { id: ids[doc]!, score: scores[i]!, coverage: cover[doc]! / totalImportance } : { id: ids[doc]!, score: scores[i]! };
      }
      return out;
    };
    // What a document must reach to get in (one equal to it may, by its id).
    const floor = () => Math.max(heap.floor, above);
    return { offer, result, floor };
  }

  /** Lists' postings by chunk, and their highest BM25 part in each, by list, for the average field length and index version they were read at. */
  private readonly chunkLists = new WeakMap<Map<number, number>, { at: number; avg: number; chunks: Chunks }>();

  /**
   * A list's postings as arrays of its own and where each chunk's begin, with each chunk's highest
   * BM25 part (what `accumulate` multiplies by the weight); undefined for a list whose documents
   * are not in ascending order (none are: minisearch adds a document's terms when it adds it).
   */
  private chunksOf(u: Unit, lens: Float32Array): Chunks | undefined {
    const kept = this.chunkLists.get(u.freqs);
    if (kept && kept.at === this.version && kept.avg === u.avg) return kept.chunks;
    const shared = this.postings(u.freqs);
    // A short list is copied into one buffer for every list: a copy of its own, per query.
    const list = shared === this.small ? { docs: shared.docs.slice(0, shared.length), tfs: shared.tfs.slice(0, shared.length), length: shared.length } : shared;
    const size = this.chunk;
    const n = Math.ceil(this.ms._nextId / size);
    const starts = new Int32Array(n + 1);
    const maxima = new Float64Array(n);
    const { docs, tfs, length } = list;
    let c = 0;
    let prev = -1;
    for (let i = 0; i < length; i++) {
      const doc = docs[i]!;
      if (doc <= prev) return undefined;
      prev = doc;
      const at = Math.floor(doc / size);
      while (c <= at) starts[c++] = i;
      const tf = tfs[i]!;
      // The very expression `accumulate` computes, so no posting's part exceeds this.
      const part = BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * lens[doc]!) / u.avg));
      if (part > maxima[at]!) maxima[at] = part;
    }
    while (c <= n) starts[c++] = length;
    const chunks = { list, starts, maxima };
    if (shared !== this.small) this.chunkLists.set(u.freqs, { at: this.version, avg: u.avg, chunks });
    return chunks;
  }

  /**
   * The k best of a large index chunk by chunk (CHUNK documents by short id), for the coverage rank:
   * in each chunk, the units a document must have one of to reach the best found so far (or
   * `above`) are found by the highest BM25 part each list has in that chunk (block-max: a chunk
   * without a query's rare words, or with only low parts of them, is not read at all), and only
   * the documents of their lists are scored, with every unit, in the query's order (so each sum
   * is the same to the last bit). `among`: the documents the query was narrowed to (`narrowed`),
   * or -1. Undefined when a list is not in ascending order (the caller scores every posting).
   */
  private chunked(units: Unit[], among: number, need: number, totalImportance: number, options: TopKOptions, scratch: Scratch, touched: { reached: number }): Scored[] | undefined {
    const { lengths } = this.dense();
    const chunks: Chunks[] = [];
    for (const u of units) {
      const c = this.chunksOf(u, lengths[u.fieldId]!);
      if (!c) return undefined;
      chunks.push(c);
    }
    const top = this.topOf(need, totalImportance, options);
    const { mark, chunkDocs, inSet } = scratch;
    const bounds = new Float64Array(units.length);
    const sizes = new Int32Array(units.length);
    const count = Math.ceil(this.ms._nextId / this.chunk);
    for (let c = 0; c < count; c++) {
      let any = false;
      for (let i = 0; i < units.length; i++) {
        const { starts, maxima } = chunks[i]!;
        sizes[i] = starts[c + 1]! - starts[c]!;
        bounds[i] = sizes[i]! > 0 ? units[i]!.w * maxima[c]! : 0;
        if (sizes[i]! > 0) any = true;
      }
      if (!any) continue;
      const floor = top.floor();
      const out = Number.isFinite(floor) ? leftOut(units, bounds, sizes, floor, totalImportance) : null;
      if (!out || spared(out, sizes) < LEFT_OUT_SHARE) {
        // Every unit is needed, or those that are not hold few of the chunk's postings (marking the
        // others' documents would cost more): the chunk's postings are all added (of the narrowed
        // documents), and the documents first reached now are the chunk's (each is in one chunk).
        const from = touched.reached;
        for (let i = 0; i < units.length; i++) {
          if (sizes[i] === 0) continue;
          const u = units[i]!;
          touched.reached = accumulate(chunks[i]!.list, chunks[i]!.starts[c]!, chunks[i]!.starts[c + 1]!, u.w, lengths[u.fieldId]!, u.avg, scratch, touched.reached, u.termNo, u.countTerm, u.word, u.countWord, u.importance, u.quality, among >= 0 ? inSet : null);
        }
        for (let j = from; j < touched.reached; j++) top.offer(scratch.touched[j]!);
        continue;
      }
      let m = 0;
      for (let i = 0; i < units.length; i++) {
        if (sizes[i] === 0 || out[i] === 1) continue;
        const { list, starts } = chunks[i]!;
        for (let p = starts[c]!; p < starts[c + 1]!; p++) {
          const doc = list.docs[p]!;
          if (mark[doc] === 1 || (among >= 0 && inSet[doc] !== 1)) continue;
          mark[doc] = 1;
          chunkDocs[m++] = doc;
        }
      }
      if (m === 0) continue;
      for (let i = 0; i < units.length; i++) if (sizes[i]! > 0) touched.reached = this.addChunk(units[i]!, chunks[i]!, c, m, lengths[units[i]!.fieldId]!, scratch, touched.reached);
      for (let j = 0; j < m; j++) {
        top.offer(chunkDocs[j]!);
        mark[chunkDocs[j]!] = 0;
      }
    }
    return top.result();
  }

  /** Adds one unit's postings in chunk `c` of the `m` documents marked for it: read from the chunk's part of the list, or looked up one by one when that part is long. */
  private addChunk(u: Unit, chunks: Chunks, c: number, m: number, lens: Float32Array, scratch: Scratch, reached: number): number {
    const from = chunks.starts[c]!;
    const to = chunks.starts[c + 1]!;
    if (to - from > m * this.lookupRatio) {
      const k = lookUp(u.freqs, scratch.chunkDocs, m, scratch.looked);
      return accumulate(scratch.looked, 0, k, u.w, lens, u.avg, scratch, reached, u.termNo, u.countTerm, u.word, u.countWord, u.importance, u.quality, null);
    }
    return accumulate(chunks.list, from, to, u.w, lens, u.avg, scratch, reached, u.termNo, u.countTerm, u.word, u.countWord, u.importance, u.quality, scratch.mark);
  }

  /** Scores a query's units (see `topK`): narrowed, chunk by chunk on a large index, or every posting; `state` counts what to zero again. */
  private scoreUnits(units: Unit[], words: QueryWord[], options: TopKOptions, totalImportance: number, scratch: Scratch, state: { reached: number; narrowed: number }): Scored[] {
    const need = options.combineWith === 'AND' ? Math.max(1, words.filter((w) => !w.light && !w.optional).length) : 1;
    const among = this.exhaustive ? -1 : this.narrowed(units, { words, options, totalImportance }, scratch);
    if (among === 0) return [];
    state.narrowed = Math.max(0, among);
    // A large index the query could not narrow to a small part of is scored chunk by chunk, each
    // chunk against the best found before it (see `chunked`). Not a stage with a filter that may
    // cost (a phrase checked inside it): it is asked about the documents that would get in, and in
    // the order of the lists it is asked about fewer.
    const n = this.ms._nextId;
    if (!this.exhaustive && options.rank === 'coverage' && (among < 0 || among >= n * CHUNKED_SHARE) && (!options.accept || options.only !== undefined) && n >= 2 * this.chunk && units.every((u) => u.w > 0)) {
      const out = this.chunked(units, among, need, totalImportance, options, scratch, state);
      if (out) return out;
    }
    const { lengths } = this.dense();
    for (const u of units) state.reached = this.add(u, lengths[u.fieldId]!, among, scratch, state.reached);
    return this.best(scratch.touched, state.reached, need, totalImportance, options);
  }

  /**
   * The k best documents for the words. `stats`: the statistics to score with, when this index is
   * one part of a larger searched whole (see IndexStatistics); its own by default. `variants`: where
   * the prefix and typo variants of the query's terms are found, when that whole looks them up
   * once for all its indexes (see TermVariants); this index's own terms by default.
   */
  topK(words: QueryWord[], options: TopKOptions, stats: IndexStatistics = this.statistics, variants?: TermVariants): Scored[] {
    const n = this.ms._nextId;
    if (n === 0 || words.length === 0) return [];
    // `terms`: minisearch multiplies a document's score by how many distinct query terms it matched.
    const scratch = this.scratchFor(n);
    const { score, count, stamp, terms, termStamp, best, cover, touched, inSet, setDocs } = scratch;
    let termNo = 0;
    // How many documents the query reached and was narrowed to: zeroed again whatever happens.
    const state = { reached: 0, narrowed: 0 };
    try {
      const fieldEntries = this.boostedFields(options.boost);
      // Scoring with this index's own statistics needs no second lookup of each term.
      const own = stats === this.statistics;

      // `counts`: a light word or an expansion adds score, but only a word of substance counts for
      // AND, and only the word's own terms for minisearch's matched-terms factor.
      const idfOf = (df: number) => Math.log(1 + (stats.documentCount - df + 0.5) / (df + 0.5));
      // `maxIdf`: a typo's neighbour is weighed at most as rare as the nearest spellings (see addWord).
      const addTerm = (term: string, data: FieldTermData | undefined, weight: number, word: number, counts: { word: boolean; term: boolean }, quality: number, maxIdf = Number.POSITIVE_INFINITY) => {
        if (!data) return;
        const importance = importances[word - 1]!;
        for (const { fieldId, boost } of fieldEntries) {
          const freqs = data.get(fieldId);
          if (!freqs) continue;
          const df = own ? freqs.size : stats.fieldFrequency(term, fieldId);
          const idf = Math.min(idfOf(df), maxIdf);
          const avg = stats.averageFieldLength(fieldId) || 1;
          units.push({ freqs, fieldId, w: weight * boost * idf, avg, termNo, countTerm: counts.term, word, countWord: counts.word, importance, quality });
        }
      };

      const addWord = (w: QueryWord, word: number, isLast: boolean, weight: number, quality: number) => {
        const counts = { word: !w.light && !w.optional, term: true };
        const fuzzy = options.fuzzy || w.unknown === true;
        for (const term of w.terms) {
          termNo++;
          addTerm(term, this.termData(term), weight, word, counts, quality);
          if (isLast && options.prefix) {
            const completion = (derived: string, data: FieldTermData) => {
              const distance = derived.length - term.length;
              // A hyphenated compound's joined form ("cover-up": coverup, "letter-instructions":
              // letterinstruct) is no word being typed: its part is the word itself, met already.
              if (joins(term, derived, variants ? (t) => variants.holds(t) : (t) => this.termData(t) !== undefined)) return;
              const factor = (PREFIX_WEIGHT * derived.length) / (derived.length + 0.3 * distance);
              if (distance > 0 && !isPhraseTerm(derived)) addTerm(derived, data, weight * factor, word, counts, quality * factor);
            };
            if (variants) {
              for (const derived of variants.withPrefix(term)) {
                const data = this.termData(derived);
                if (data) completion(derived, data);
              }
            } else for (const [derived, data] of this.ms._index.atPrefix(term)) completion(derived, data as FieldTermData);
          }
          const maxDistance = fuzzy ? fuzzyFor(term, { unknown: w.unknown === true }) : false;
          if (maxDistance) {
            const neighbours: { derived: string; data: FieldTermData; edits: number }[] = [];
            const seen = new Set<string>();
            const near = (derived: string, data: FieldTermData, distance: number) => {
              if (distance === 0 || (isLast && options.prefix && derived.startsWith(term)) || isPhraseTerm(derived)) return;
              seen.add(derived);
              // Two Levenshtein edits may be one swap: weigh it as the one typo it is.
              neighbours.push({ derived, data, edits: distance < 2 ? distance : typoDistance(term, derived, distance) });
            };
            if (variants) {
              for (const [derived, distance] of variants.near(term, maxDistance)) {
                const data = this.termData(derived);
                if (data) near(derived, data, distance);
              }
            } else for (const [derived, data, distance] of this.typoNeighbours(options.queryKey ?? words, term, maxDistance)) near(derived, data, distance);
            // minisearch counts Levenshtein edits, in which a swap of two neighbouring letters is two;
            // a typist makes it as one (Damerau): look the swaps up directly, which costs a lookup
            // per letter where a wider fuzzy search would walk much of the tree.
            for (let i = 0; i + 1 < term.length; i++) {
              if (term[i] === term[i + 1]) continue;
              const swapped = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
              const data = seen.has(swapped) ? undefined : this.termData(swapped);
              if (data) neighbours.push({ derived: swapped, data, edits: 1 });
            }
            const dfIn = (t: string, fieldId: number) => (own ? (this.termData(t)?.get(fieldId)?.size ?? 0) : stats.fieldFrequency(t, fieldId));
            const { nearest, cap } = typoCap(term, own ? neighbours : [...neighbours, ...elsewhere(term, maxDistance, seen, isLast && options.prefix, variants, fieldEntries, dfIn)], fieldEntries.map((f) => f.fieldId), dfIn, idfOf);
            for (const t of neighbours) {
              const factor = (FUZZY_WEIGHT * t.derived.length) / (t.derived.length + t.edits);
              addTerm(t.derived, t.data, weight * factor, word, counts, quality * factor, t.edits > nearest ? cap : Number.POSITIVE_INFINITY);
            }
          }
        }
        for (const e of w.expansions ?? []) {
          addTerm(e.term, this.termData(e.term), weight * e.weight, word, { word: counts.word && e.weight >= AND_EXPANSION, term: false }, quality * (e.cover ?? e.weight));
        }
        w.parts.forEach((p, i) => addWord(p, word, isLast && i === w.parts.length - 1, weight * PART_WEIGHT, quality * PART_WEIGHT));
      };

      const importances = this.importances(words, stats);
      const totalImportance = importances.reduce((a, b) => a + b, 0) || 1;

      // The query's postings to score, in the order minisearch would add them (so each document's
      // sums, and so its score, are the same to the last bit however many documents are skipped).
      const units: Unit[] = [];
      words.forEach((w, i) => addWord(w, i + 1, i === words.length - 1, w.light ? LIGHT_WEIGHT : 1, 1));

      return this.scoreUnits(units, words, options, totalImportance, scratch, state);
    } finally {
      // Only the documents this query reached were written: zero them for the next query.
      for (let i = 0; i < state.reached; i++) {
        const doc = touched[i]!;
        score[doc] = 0;
        count[doc] = 0;
        stamp[doc] = 0;
        terms[doc] = 0;
        termStamp[doc] = 0;
        best[doc] = 0;
        cover[doc] = 0;
      }
      for (let i = 0; i < state.narrowed; i++) inSet[setDocs[i]!] = 0;
    }
  }
}
