/**
 * The reader's own words come first. A passage that holds the query's words of substance itself
 * (any form of them, their other names, a relation the texts state: what the scorer counts as
 * `literal`, lectern-index.ts) is not outranked by one that meets the query mostly through
 * expansions (WordNet's synonyms and relations, translations, the glossary), unless that one covers
 * clearly more of the query. BM25 times coverage alone lets the expansions of several words — each
 * covering its word by its closeness, and a rare or unknown word weighing much — outweigh two of
 * the reader's own words, though a synonym may be another sense than the reader's.
 *
 * Done as a reordering of the best candidates, not as one more factor in the score: the rule is
 * about a pair of passages (what each holds of the query), and a factor that demoted every
 * passage found through expansions cost the paraphrases it exists for (npm run eval: a lower
 * cover for synonyms lost cases of every hard kind).
 */
import { RERANK_DEPTH } from './rerank.ts';

export interface LiteralScored {
  score: number;
  /** Share of the query's weight matched by the words themselves (the scorer's `literal`). */
  literal?: number;
  /** Share matched in all, expansions included (the scorer's `coverage`). */
  coverage?: number;
}

/** The literal passage must hold this much more of the query itself than the one above it. */
export const LITERAL_MARGIN = 0.15;
/** The one above keeps its place when it covers this much more of the query in all. */
export const CLEARLY_MORE = 0.15;
/** A moved passage's score is set this fraction below the one now above it, so scores stay in order. */
const STEP = 1e-9;

/** Does `below` (literal) go above `above` (mostly expansions, not covering clearly more)? */
function protects(below: LiteralScored, above: LiteralScored): boolean {
  const aboveLiteral = above.literal ?? 0;
  const aboveAll = above.coverage ?? 0;
  const mostlyExpansions = aboveAll - aboveLiteral > aboveLiteral;
  return mostlyExpansions && (below.literal ?? 0) > aboveLiteral + LITERAL_MARGIN && aboveAll < (below.coverage ?? 0) + CLEARLY_MORE;
}

/**
 * Reorders the first `depth` of the candidates (sorted best first) in place: each passage moves up
 * past the ones just above it that match mostly through expansions and hold clearly less of the
 * query itself. The scores of those it passes are then set just below it, so that the list stays
 * sorted by score (pages, folding and merging read scores).
 */
export function protectLiterals<T extends LiteralScored>(sorted: T[], depth = RERANK_DEPTH): void {
  const head = Math.min(depth, sorted.length);
  let moved = false;
  for (let j = 1; j < head; j++) {
    for (let k = j; k > 0 && protects(sorted[k]!, sorted[k - 1]!); k--) {
      [sorted[k - 1], sorted[k]] = [sorted[k]!, sorted[k - 1]!];
      moved = true;
    }
  }
  if (!moved) return;
  let lowered = false;
  for (let i = 1; i < sorted.length; i++) {
    const limit = sorted[i - 1]!.score;
    const s = sorted[i]!.score;
    if (s > limit || (lowered && s >= limit)) {
      sorted[i]!.score = limit * (1 - STEP);
      lowered = true;
    } else if (i >= head) break;
    else lowered = false;
  }
}
