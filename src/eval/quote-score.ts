/**
 * Scoring of the `/quote` evaluation sets (../shared/eval/README.md): the rank of the first returned
 * passage that contains every `must_contain` snippet, then R@1, R@3 and MRR (cut-off: the top
 * RANK_CUTOFF) per kind and overall. A ranker is anything that returns passage texts best first, so
 * Lectern and the plain-minisearch baseline are scored by the same code.
 */
import { snippetMatches } from './normalize.ts';

export const RANK_CUTOFF = 10;

export interface QuoteCase {
  id: string;
  query: string;
  file: string;
  must_contain: string | string[];
  kind: string;
}

/** Ranked passage texts for a query (each passage may be given as several texts, e.g. marked up and plain). */
export type Ranker = (query: string) => string[][];

export interface Tally {
  n: number;
  r1: number;
  r3: number;
  mrr: number;
}

export interface CaseResult {
  case: QuoteCase;
  /** 1-based rank of the first matching passage; 0 when none in the top RANK_CUTOFF. */
  rank: number;
}

export const emptyTally = (): Tally => ({ n: 0, r1: 0, r3: 0, mrr: 0 });

export function rankOf(ranked: string[][], c: QuoteCase): number {
  const snippets = Array.isArray(c.must_contain) ? c.must_contain : [c.must_contain];
  const at = ranked.slice(0, RANK_CUTOFF).findIndex((texts) => snippets.every((s) => texts.some((t) => snippetMatches(t, s))));
  return at + 1;
}

function add(t: Tally, rank: number) {
  t.n++;
  if (rank === 1) t.r1++;
  if (rank >= 1 && rank <= 3) t.r3++;
  if (rank >= 1) t.mrr += 1 / rank;
}

/** Per kind (sorted) and `all`, from per-case ranks. */
export function tally(results: CaseResult[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  const all = emptyTally();
  for (const r of [...results].sort((a, b) => a.case.kind.localeCompare(b.case.kind))) {
    const k = out.get(r.case.kind) ?? emptyTally();
    add(k, r.rank);
    add(all, r.rank);
    out.set(r.case.kind, k);
  }
  out.set('all', all);
  return out;
}

export function scoreCases(cases: QuoteCase[], ranker: Ranker): CaseResult[] {
  return cases.map((c) => ({ case: c, rank: rankOf(ranker(c.query), c) }));
}

export const ratios = (t: Tally) => ({ r1: t.r1 / t.n, r3: t.r3 / t.n, mrr: t.mrr / t.n });
