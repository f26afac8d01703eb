/**
 * A paraphrase keeps the reader's phrases while changing their words: "a seasoned plotter" is "an
 * experienced conspirator", "competitive voting" "contested elections". Each word's synonym alone
 * is weak evidence (WordNet links many words loosely), but two neighbouring words of the query met
 * side by side, in the query's order, at least one of them in other words, are a phrase said again.
 * The literal case is left to proximity and the reader's phrasing (rerank.ts); a term that stands
 * for two words at once ("Trotsky's son" → Sedov) is no pair.
 */

import type { QueryWord } from './analyse/index.ts';
import type { TermPositions } from './term-positions.ts';

/** At most this many tokens from the first word to the second (stop words count: "accusations of Khrushchev" is 2). */
const PAIR_GAP = 2;

/** A word's positions in a passage, each with how closely the term there stands for it: its own term 1, an expansion its cover. */
function closenessAt(at: TermPositions, w: QueryWord, shared: ReadonlySet<string>): Map<number, number> {
  const out = new Map<number, number>();
  const put = (term: string, closeness: number) => {
    for (const p of at.get(term) ?? []) if ((out.get(p) ?? 0) < closeness) out.set(p, closeness);
  };
  for (const t of w.terms) put(t, 1);
  for (const part of w.parts) for (const t of part.terms) put(t, 1);
  for (const e of w.expansions ?? []) if (!shared.has(e.term)) put(e.term, e.cover ?? e.weight);
  return out;
}

/** The terms that stand for more than one of `words`. */
export function sharedTerms(words: readonly QueryWord[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const w of words) {
    const terms = new Set([...w.terms, ...w.parts.flatMap((p) => p.terms), ...(w.expansions ?? []).map((e) => e.term)]);
    for (const t of terms) (seen.has(t) ? shared : seen).add(t);
  }
  return shared;
}

/**
 * The share of the query's neighbouring words of substance (`words`, in query order) that the
 * passage has side by side in other words, each pair counted by its closeness (the geometric mean
 * of its two words' closeness where they stand closest): 0 to 1.
 */
export function paraphrasedPairShare(at: TermPositions, words: readonly QueryWord[], shared: ReadonlySet<string>): number {
  if (words.length < 2) return 0;
  const closeness = words.map((w) => closenessAt(at, w, shared));
  let sum = 0;
  for (let i = 0; i + 1 < closeness.length; i++) {
    let best = 0;
    for (const [p, first] of closeness[i]!) {
      for (const [q, second] of closeness[i + 1]!) {
        if (q <= p || q - p > PAIR_GAP || (first >= 1 && second >= 1)) continue;
        best = Math.max(best, Math.sqrt(first * second));
      }
    }
    sum += best;
  }
  return sum / (closeness.length - 1);
}

