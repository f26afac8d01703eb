/**
 * A term tree's typo neighbours without walking the tree: what minisearch's `fuzzyGet` returns (every
 * term within the Levenshtein distance, its value and distance, in the tree's depth-first order), from
 * the terms listed once by length. The walk computed a row of edit distances at every node near the
 * query's letters and was a third of a sentence query's CPU; here a term is measured only if its
 * length is within the distance and it lacks at most that many of the query's letters and has at most
 * that many the query lacks (each edit adds or removes at most one letter), ~40 of ~8,000 per word.
 * Exact: the same terms, distances and order (test/typo-table.test.ts compares them with the walk's).
 * The same list answers exact lookups (`get`).
 */

/** minisearch's tree: each node a Map from a key fragment to a child node, '' to the term's value. */
type Node = Map<string, unknown>;
const LEAF = '';

/** A term's letters as bits: a letter maps to one of 32 (shared bits only weaken the filter). */
function letterMask(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) m |= 1 << (s.charCodeAt(i) & 31);
  return m;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

let above = new Int32Array(64);
let row = new Int32Array(64);

/** Levenshtein distance of a and b (UTF-16 units, as minisearch counts), or max + 1 once it is certainly more. */
function editDistance(a: string, b: string, max: number): number {
  const n = b.length;
  if (n + 1 > above.length) {
    above = new Int32Array(2 * n + 2);
    row = new Int32Array(2 * n + 2);
  }
  for (let j = 0; j <= n; j++) above[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const v = Math.min(above[j - 1]! + (c === b.charCodeAt(j - 1) ? 0 : 1), above[j]! + 1, row[j - 1]! + 1);
      row[j] = v;
      if (v < least) least = v;
    }
    if (least > max) return max + 1;
    const t = above;
    above = row;
    row = t;
  }
  return above[n]!;
}

export class TypoTable<T> {
  private readonly terms: string[] = [];
  private readonly values: T[] = [];
  /** Each term's value: a lookup here is one hash, where the tree is walked slicing the term at each node. */
  private readonly exact = new Map<string, T>();
  /** Positions in the tree's order, by term length. */
  private readonly byLength: Int32Array[];
  private readonly masks: Int32Array;

  constructor(tree: Node) {
    const walk = (node: Node, prefix: string) => {
      for (const [key, child] of node) {
        if (key === LEAF) {
          this.terms.push(prefix);
          this.values.push(child as T);
        } else walk(child as Node, prefix + key);
      }
    };
    walk(tree, '');
    const n = this.terms.length;
    for (let i = 0; i < n; i++) this.exact.set(this.terms[i]!, this.values[i]!);
    this.masks = new Int32Array(n);
    const counts: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = this.terms[i]!;
      this.masks[i] = letterMask(t);
      counts[t.length] = (counts[t.length] ?? 0) + 1;
    }
    this.byLength = Array.from(counts, (c) => new Int32Array(c ?? 0));
    const filled = counts.map(() => 0);
    for (let i = 0; i < n; i++) {
      const l = this.terms[i]!.length;
      this.byLength[l]![filled[l]!++] = i;
    }
  }

  get size(): number {
    return this.terms.length;
  }

  /** The term's value, as the tree's `get` gives it. */
  get(term: string): T | undefined {
    return this.exact.get(term);
  }

  /**
   * The terms within `maxDistance` edits of `query`, as `fuzzyGet` gives them. A value the index has
   * emptied since the table was made (minisearch drops such a term from its tree) is left out.
   */
  near(query: string, maxDistance: number, isEmpty: (value: T) => boolean): [string, T, number][] {
    const key = `${maxDistance}\u0000${query}`;
    let found = this.scanned.get(key);
    if (!found) {
      found = this.scan(query, maxDistance);
      if (this.scanned.size >= SCANS_KEPT) this.scanned.clear();
      this.scanned.set(key, found);
    }
    const out: [string, T, number][] = [];
    for (let k = 0; k < found.terms.length; k++) {
      const i = found.terms[k]!;
      if (!isEmpty(this.values[i]!)) out.push([this.terms[i]!, this.values[i]!, found.distances[k]!]);
    }
    return out;
  }

  /**
   * The scans of recent words, kept: the list never changes once made, so a word's neighbours are
   * the same until the index changes (and a new list is made), but for values emptied since, which
   * `near` leaves out on each call. A query's names recur across queries (trotsk, stalin, kirov:
   * ~10 scans of ~8,000 terms a query, 3,800 distinct words over 1,368 queries of the own cases).
   */
  private readonly scanned = new Map<string, { terms: Int32Array; distances: Uint8Array }>();

  /** The positions of the terms within `maxDistance` edits of `query`, in the tree's order, and their distances. */
  private scan(query: string, maxDistance: number): { terms: Int32Array; distances: Uint8Array } {
    const mask = letterMask(query);
    const hits: number[] = [];
    const distances = new Map<number, number>();
    const from = Math.max(0, query.length - maxDistance);
    const to = Math.min(this.byLength.length - 1, query.length + maxDistance);
    for (let l = from; l <= to; l++) {
      const list = this.byLength[l];
      if (!list) continue;
      for (let k = 0; k < list.length; k++) {
        const i = list[k]!;
        const m = this.masks[i]!;
        if (bitCount(mask & ~m) > maxDistance || bitCount(m & ~mask) > maxDistance) continue;
        const d = editDistance(query, this.terms[i]!, maxDistance);
        if (d > maxDistance) continue;
        hits.push(i);
        distances.set(i, d);
      }
    }
    hits.sort((a, b) => a - b);
    return { terms: Int32Array.from(hits), distances: Uint8Array.from(hits, (i) => distances.get(i)!) };
  }
}

/** Words whose scans a table keeps (then dropped whole): each a few dozen positions and distances (~300 bytes). */
const SCANS_KEPT = 4_096;
