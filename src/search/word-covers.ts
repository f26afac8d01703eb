/**
 * How closely each term that stands for a query word stands for it, as the scorer weighs them
 * (lectern-index.ts): its own terms 1, a compound's part PART, an expansion its cover (its weight
 * when it has none). Rerank's second looks (context-cover.ts, paraphrased-pairs.ts) read a passage's
 * terms by these.
 */
import type { QueryWord } from './analyse/index.ts';

/** A compound's part stands for its word at half (lectern-index.ts PART_WEIGHT). */
export const PART = 0.5;

/** Term → how closely it stands for `w` (the best of its roles); `leave`: terms not to count. */
export function coversOf(w: QueryWord, leave?: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  const offer = (term: string, q: number) => {
    if (!leave?.has(term) && (out.get(term) ?? 0) < q) out.set(term, q);
  };
  for (const t of w.terms) offer(t, 1);
  for (const e of w.expansions ?? []) offer(e.term, e.cover ?? e.weight);
  for (const p of w.parts) for (const t of p.terms) offer(t, PART);
  return out;
}
