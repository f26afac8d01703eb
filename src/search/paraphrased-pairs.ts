/**
 * A paraphrase keeps the reader's phrases while changing their words: "a seasoned plotter" is "an
 * experienced conspirator", "competitive voting" "contested elections". Each word's synonym alone
 * is weak evidence (WordNet links many words loosely), but two neighbouring words of the query met
 * side by side, in the query's order, at least one of them in other words, are a phrase said again.
 * The literal case is left to proximity and the reader's phrasing (rerank.ts), but for a short
 * query (one or two words of substance), which the reader's phrasing does not read: its words side
 * by side are its topic ("Snyder's sources" in "Snyder's main sources", "Jagoda's confessions" in
 * "Iagoda's important pretrial and trial confessions"), its words apart a passage that repeats them.
 * A longer query shaped as a title ("call number of Trotsky's Lies") is not read so: the notes and
 * passages citing the title would outrank the catalogue line that answers it. From three words of
 * substance, though, a query not phrased as a clause is mostly a topic or the passage's own words
 * recalled in a run ("Lenoe's Kirov book", "Trotsky's lies discovered first by Broué, Getty and
 * Holmström"), which the reader's phrasing does not read and proximity, one window for all the
 * words, barely tells from a longer passage holding the same words apart and more often: its own
 * pairs count too, at half (`readsOwnPairs`, OWN_PAIRS). A term that stands for two words at once
 * ("Trotsky's son" → Sedov) is no pair.
 */
import type { QueryWord } from './analyse/index.ts';
import type { TermPositions } from './term-positions.ts';
import { coversOf } from './word-covers.ts';

/**
 * From this many words of substance a query not phrased as a clause counts its own pairs
 * (`readsOwnPairs`). Three: a three-word topic got neither a short query's pairs (two words) nor a
 * run's; on 200 three-word runs drawn at random from the corpus, each in one passage, its words in
 * three or more, typed as queries, R@1 0.82 → 0.865, R@3 0.955 → 0.97, none down.
 */
const OWN_PAIRS_FROM = 3;
/**
 * What its own pairs weigh against pairs said in other words: at the same weight a paraphrase's
 * passage lost its place to passages repeating two or three of the query's phrases as typed (own
 * o-p65 2 → 3, o-p69 3 → 4); at half none did.
 */
export const OWN_PAIRS = 0.5;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/**
 * Does a query (its words of substance; `unphrased`: not phrased as a clause, rerank's wordPairs
 * found none) count its neighbouring words side by side in its own words? Only an English one:
 * the clause test reads English words, so a Russian or French sentence always looks unphrased
 * (d-h06, «Ленин: Сталин слишком груб для генсека», fell 2 → 4 when it was read so).
 */
export function readsOwnPairs(words: readonly QueryWord[], unphrased: boolean): boolean {
  return unphrased && words.length >= OWN_PAIRS_FROM && words.every((w) => w.french === undefined && !CYRILLIC.test(w.text));
}

/** At most this many tokens from the first word to the second (stop words count: "accusations of Khrushchev" is 2). */
const PAIR_GAP = 2;

/**
 * What the pairs read of each word of substance (in query order), once per query: its terms and how
 * closely each stands for it (word-covers.ts), less a term that stands for two words at once.
 */
export function pairCovers(words: readonly QueryWord[]): Map<string, number>[] {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const w of words) for (const t of coversOf(w).keys()) (seen.has(t) ? shared : seen).add(t);
  return words.map((w) => coversOf(w, shared));
}

/** A word's positions in a passage, each with how closely the term there stands for it. */
function closenessAt(at: TermPositions, covers: ReadonlyMap<string, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [term, closeness] of covers) {
    for (const p of at.get(term) ?? []) if ((out.get(p) ?? 0) < closeness) out.set(p, closeness);
  }
  return out;
}

/**
 * The share of the query's neighbouring words of substance (`words`, in query order) that the
 * passage has side by side in other words (`literal`: or in the query's own), each pair counted by
 * its closeness (the geometric mean of its two words' closeness where they stand closest): 0 to 1.
 */
export function paraphrasedPairShare(at: TermPositions, covers: readonly ReadonlyMap<string, number>[], literal = false): number {
  if (covers.length < 2) return 0;
  const closeness = covers.map((c) => closenessAt(at, c));
  let sum = 0;
  for (let i = 0; i + 1 < closeness.length; i++) {
    let best = 0;
    for (const [p, first] of closeness[i]!) {
      for (const [q, second] of closeness[i + 1]!) {
        if (q <= p || q - p > PAIR_GAP || (!literal && first >= 1 && second >= 1)) continue;
        best = Math.max(best, Math.sqrt(first * second));
      }
    }
    sum += best;
  }
  return sum / (closeness.length - 1);
}

