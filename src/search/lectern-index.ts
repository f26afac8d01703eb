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
import { fuzzyFor } from './analyse/index.ts';
import type { QueryWord } from './analyse/index.ts';

export interface IndexedPassage {
  id: string;
  text: string;
  heading: string;
}

/** minisearch's defaults, so the scores match its own search. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
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
}

export interface Scored {
  id: string;
  score: number;
}

type FieldTermData = Map<number, Map<number, number>>;

/** The protected fields of MiniSearch this scorer reads. */
interface MiniSearchInternals {
  _index: SearchableMap<FieldTermData>;
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
}

export class FastScorer {
  private readonly ms: MiniSearchInternals;
  private lengths: Float32Array[] | undefined;
  private ids: string[] | undefined;
  private scratch: { score: Float64Array; count: Uint8Array; stamp: Uint16Array; terms: Uint16Array; termStamp: Uint16Array } | undefined;

  constructor(index: MiniSearch<IndexedPassage>) {
    this.ms = index as unknown as MiniSearchInternals;
  }

  /** Field lengths and external ids as dense arrays, built once (the index is not modified after). */
  private dense() {
    if (!this.lengths || !this.ids) {
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
      this.scratch = { score: new Float64Array(n), count: new Uint8Array(n), stamp: new Uint16Array(n), terms: new Uint16Array(n), termStamp: new Uint16Array(n) };
    }
    return this.scratch;
  }

  idOf(shortId: number): string | undefined {
    return this.dense().ids[shortId];
  }

  topK(words: QueryWord[], options: TopKOptions): Scored[] {
    const n = this.ms._nextId;
    if (n === 0 || words.length === 0) return [];
    const { lengths, ids } = this.dense();
    // `terms`: minisearch multiplies a document's score by how many distinct query terms it matched.
    const { score, count, stamp, terms, termStamp } = this.scratchFor(n);
    let termNo = 0;
    const touched: number[] = [];
    try {
      const fieldEntries = Object.entries(options.boost)
        .map(([field, boost]) => ({ fieldId: this.ms._fieldIds[field], boost }))
        .filter((f): f is { fieldId: number; boost: number } => f.fieldId !== undefined && f.boost > 0);

      const addTerm = (data: FieldTermData | undefined, weight: number, word: number) => {
        if (!data) return;
        for (const { fieldId, boost } of fieldEntries) {
          const freqs = data.get(fieldId);
          if (!freqs) continue;
          const idf = Math.log(1 + (this.ms._documentCount - freqs.size + 0.5) / (freqs.size + 0.5));
          const avg = this.ms._avgFieldLength[fieldId] || 1;
          const lens = lengths[fieldId]!;
          const w = weight * boost * idf;
          for (const [doc, tf] of freqs) {
            const s = w * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * lens[doc]!) / avg)));
            score[doc] = score[doc]! + s;
            if (termStamp[doc] !== termNo) {
              termStamp[doc] = termNo;
              terms[doc] = terms[doc]! + 1;
            }
            if (stamp[doc] !== word) {
              if (count[doc] === 0) touched.push(doc);
              stamp[doc] = word;
              count[doc] = count[doc]! + 1;
            }
          }
        }
      };

      const addWord = (w: QueryWord, word: number, isLast: boolean, weight: number) => {
        for (const term of w.terms) {
          termNo++;
          addTerm(this.ms._index.get(term) as FieldTermData | undefined, weight, word);
          if (isLast && options.prefix) {
            for (const [derived, data] of this.ms._index.atPrefix(term)) {
              const distance = derived.length - term.length;
              if (distance > 0) addTerm(data as FieldTermData, (weight * PREFIX_WEIGHT * derived.length) / (derived.length + 0.3 * distance), word);
            }
          }
          const maxDistance = options.fuzzy ? fuzzyFor(term) : false;
          if (maxDistance) {
            for (const [derived, [data, distance]] of this.ms._index.fuzzyGet(term, maxDistance)) {
              if (distance > 0 && !(isLast && options.prefix && derived.startsWith(term))) {
                addTerm(data as FieldTermData, (weight * FUZZY_WEIGHT * derived.length) / (derived.length + distance), word);
              }
            }
          }
        }
        w.parts.forEach((p, i) => addWord(p, word, isLast && i === w.parts.length - 1, weight * PART_WEIGHT));
      };

      words.forEach((w, i) => addWord(w, i + 1, i === words.length - 1, 1));

      // The k best by score among the documents that matched (all words for AND), via a min-heap.
      const need = options.combineWith === 'AND' ? words.length : 1;
      const heapDocs: number[] = [];
      const heapScores: number[] = [];
      const siftDown = (i: number) => {
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heapDocs.length && heapScores[l]! < heapScores[m]!) m = l;
          if (r < heapDocs.length && heapScores[r]! < heapScores[m]!) m = r;
          if (m === i) return;
          [heapDocs[i], heapDocs[m]] = [heapDocs[m]!, heapDocs[i]!];
          [heapScores[i], heapScores[m]] = [heapScores[m]!, heapScores[i]!];
          i = m;
        }
      };
      for (const doc of touched) {
        if (count[doc]! < need) continue;
        const s = score[doc]! * terms[doc]!;
        if (heapDocs.length >= options.k && s <= heapScores[0]!) continue;
        if (options.accept && !options.accept(doc)) continue;
        if (heapDocs.length < options.k) {
          heapDocs.push(doc);
          heapScores.push(s);
          for (let i = heapDocs.length - 1; i > 0; ) {
            const p = (i - 1) >> 1;
            if (heapScores[p]! <= heapScores[i]!) break;
            [heapDocs[i], heapDocs[p]] = [heapDocs[p]!, heapDocs[i]!];
            [heapScores[i], heapScores[p]] = [heapScores[p]!, heapScores[i]!];
            i = p;
          }
        } else {
          heapDocs[0] = doc;
          heapScores[0] = s;
          siftDown(0);
        }
      }
      return heapDocs
        .map((doc, i) => ({ id: ids[doc]!, score: heapScores[i]! }))
        .sort((a, b) => b.score - a.score);
    } finally {
      // Only the documents this query reached were written: zero them for the next query.
      for (const doc of touched) {
        score[doc] = 0;
        count[doc] = 0;
        stamp[doc] = 0;
        terms[doc] = 0;
        termStamp[doc] = 0;
      }
    }
  }
}
