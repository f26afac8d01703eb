/**
 * Aligning an original with its translation paragraph by paragraph: a small dynamic programme in
 * the manner of Gale and Church (1993), whose cost is the mismatch of lengths, lowered when the two
 * sides share anchors (numbers, names). It allows 1–1, 1–2, 2–1, 2–2, and 1–0 / 0–1 for a
 * paragraph that one side does not carry (a signature, a date line).
 */
import { nameKey } from './text.ts';

export interface Side {
  id: string;
  text: string;
}

function anchors(text: string): Set<string> {
  const out = new Set<string>();
  for (const n of text.match(/\d+/g) ?? []) if (n.length >= 1 && n.length <= 4) out.add(`#${n}`);
  for (const w of text.match(/\p{Lu}\p{Ll}{3,}/gu) ?? []) out.add(nameKey(w));
  return out;
}

function cost(a: Side[], b: Side[]): number {
  const la = a.reduce((s, x) => s + x.text.length, 0);
  const lb = b.reduce((s, x) => s + x.text.length, 0);
  if (la === 0 || lb === 0) return 2.5 + Math.min(3, (la + lb) / 400);
  const ratio = Math.log((lb + 20) / (la + 20));
  let c = ratio * ratio * 4;
  const A = anchors(a.map((x) => x.text).join(' '));
  const B = anchors(b.map((x) => x.text).join(' '));
  let shared = 0;
  for (const k of A) if (B.has(k)) shared++;
  c -= Math.min(1.5, shared * 0.4);
  if (a.length + b.length > 2) c += 0.6;
  return c;
}

export function alignSegments(orig: Side[], trans: Side[]): [string[], string[]][] {
  const n = orig.length;
  const m = trans.length;
  const INF = Number.POSITIVE_INFINITY;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(INF));
  const back: [number, number][][] = Array.from({ length: n + 1 }, () => new Array<[number, number]>(m + 1).fill([0, 0]));
  dp[0]![0] = 0;
  const moves: [number, number][] = [[1, 1], [1, 0], [0, 1], [2, 1], [1, 2], [2, 2], [3, 1], [1, 3]];
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const here = dp[i]![j]!;
      if (here === INF) continue;
      for (const [di, dj] of moves) {
        const ni = i + di;
        const nj = j + dj;
        if (ni > n || nj > m) continue;
        const c = here + cost(orig.slice(i, ni), trans.slice(j, nj));
        if (c < dp[ni]![nj]!) {
          dp[ni]![nj] = c;
          back[ni]![nj] = [di, dj];
        }
      }
    }
  }
  const out: [string[], string[]][] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const [di, dj] = back[i]![j]!;
    out.push([orig.slice(i - di, i).map((x) => x.id), trans.slice(j - dj, j).map((x) => x.id)]);
    i -= di;
    j -= dj;
  }
  return out.reverse();
}
