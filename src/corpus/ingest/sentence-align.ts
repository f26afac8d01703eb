/**
 * Aligning an original with its translation sentence by sentence, across paragraph boundaries: a
 * dynamic programme in the manner of Gale and Church (1993) over the sentences of the whole run, so
 * that paragraphs which are not 1:1 (the Appendix letters) still line up. Its cost is the length
 * mismatch (the pair's own ratio of lengths as the mean), plus a prior per kind of match (1–1 is
 * cheapest; 1–2, 2–1, 2–2, 3–1, 1–3 for sentences split or joined; 1–0 / 0–1 for a sentence one
 * side does not carry), lowered by names and numbers both sides share and raised by numbers only
 * one side has. The paragraph segments are the groups of paragraphs that the sentence matches join.
 */
import { sentenceSpans } from '../../reply/sentences.ts';
import type { Lang } from '../model.ts';
import { confidence, namesOf, numbersOf } from './pair-evidence.ts';

export interface Side {
  id: string;
  text: string;
}

export interface SentenceRef {
  block: string;
  start: number;
  end: number;
}

export interface Bead {
  original: SentenceRef[];
  translation: SentenceRef[];
  confidence: number;
}

interface Sentence extends SentenceRef {
  text: string;
  names: Set<string>;
  numbers: Set<string>;
}

function sentencesOf(side: Side[]): Sentence[] {
  return side.flatMap((b) =>
    sentenceSpans(b.text).map((s) => {
      const text = b.text.slice(s.start, s.end);
      return { block: b.id, start: s.start, end: s.end, text, names: namesOf(text), numbers: numbersOf(text) };
    }),
  );
}

const MOVES: [number, number, number][] = [
  [1, 1, 0],
  [1, 2, 1.8],
  [2, 1, 1.8],
  [2, 2, 3],
  [1, 3, 3],
  [3, 1, 3],
  [1, 0, 3.5],
  [0, 1, 3.5],
];
/** Gale and Church's variance of translation length per character. */
const VARIANCE = 6.8;

function union(xs: Sentence[], key: 'names' | 'numbers'): Set<string> {
  const out = new Set<string>();
  for (const x of xs) for (const k of x[key]) out.add(k);
  return out;
}

function beadCost(a: Sentence[], b: Sentence[], ratio: number, prior: number): number {
  const la = a.reduce((s, x) => s + x.text.length, 0);
  const lb = b.reduce((s, x) => s + x.text.length, 0);
  if (a.length === 0 || b.length === 0) return prior + (la + lb) / 200;
  const delta = (lb - la * ratio) / Math.sqrt(Math.max(la, 1) * VARIANCE);
  let cost = prior + (delta * delta) / 2;
  let shared = 0;
  const names = union(b, 'names');
  for (const k of union(a, 'names')) if (names.has(k)) shared++;
  const na = union(a, 'numbers');
  const nb = union(b, 'numbers');
  let missing = 0;
  for (const k of na) if (nb.has(k)) shared++;
  else missing++;
  for (const k of nb) if (!na.has(k)) missing++;
  cost -= Math.min(3, shared) * 0.8;
  cost += Math.min(2, missing) * 0.5;
  return cost;
}

export function alignSentences(orig: Side[], trans: Side[], lang: Lang): Bead[] {
  const A = sentencesOf(orig);
  const B = sentencesOf(trans);
  const la = A.reduce((s, x) => s + x.text.length, 0);
  const lb = B.reduce((s, x) => s + x.text.length, 0);
  const ratio = la > 0 && lb > 0 ? lb / la : 1;
  const n = A.length;
  const m = B.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Number.POSITIVE_INFINITY));
  const back: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(-1));
  dp[0]![0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = dp[i]![j]!;
      if (!Number.isFinite(here)) continue;
      MOVES.forEach(([di, dj, prior], k) => {
        if (i + di > n || j + dj > m) return;
        const c = here + beadCost(A.slice(i, i + di), B.slice(j, j + dj), ratio, prior);
        if (c < dp[i + di]![j + dj]!) {
          dp[i + di]![j + dj] = c;
          back[i + di]![j + dj] = k;
        }
      });
    }
  }
  const beads: Bead[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const [di, dj] = MOVES[back[i]![j]!]!;
    const a = A.slice(i - di, i);
    const b = B.slice(j - dj, j);
    const ref = (s: Sentence): SentenceRef => ({ block: s.block, start: s.start, end: s.end });
    const conf = a.length && b.length ? confidence(a.map((s) => s.text).join(' '), b.map((s) => s.text).join(' '), lang) : 0;
    beads.push({ original: a.map(ref), translation: b.map(ref), confidence: conf });
    i -= di;
    j -= dj;
  }
  return beads.reverse();
}

/**
 * Paragraph segments from sentence beads: consecutive beads that share a paragraph on either side
 * belong to one segment, so a Russian paragraph whose sentences went to two English paragraphs
 * makes one 1–2 segment.
 */
export function segmentsFromBeads(beads: Bead[]): { original: string[]; translation: string[]; beads: Bead[] }[] {
  const out: { original: string[]; translation: string[]; beads: Bead[] }[] = [];
  for (const bead of beads) {
    const o = [...new Set(bead.original.map((s) => s.block))];
    const t = [...new Set(bead.translation.map((s) => s.block))];
    const last = out.at(-1);
    const joins = last && (o.some((x) => last.original.includes(x)) || t.some((x) => last.translation.includes(x)));
    if (last && joins) {
      for (const x of o) if (!last.original.includes(x)) last.original.push(x);
      for (const x of t) if (!last.translation.includes(x)) last.translation.push(x);
      last.beads.push(bead);
    } else {
      out.push({ original: o, translation: t, beads: [bead] });
    }
  }
  return out;
}

/** The length-weighted mean confidence of some beads (a sentence one side lacks counts as 0). */
export function beadsConfidence(beads: Bead[]): number {
  let sum = 0;
  let weight = 0;
  for (const b of beads) {
    const len = [...b.original, ...b.translation].reduce((s, r) => s + r.end - r.start, 0);
    sum += b.confidence * len;
    weight += len;
  }
  return weight > 0 ? Math.round((sum / weight) * 100) / 100 : 0;
}
