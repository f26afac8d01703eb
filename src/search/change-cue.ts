/**
 * What "how did X change" asks for beside its words: the before and the after. A passage that
 * gives them says so in words of turning ("became", "was revised", "replaced", "no longer",
 * "instead", "a complete revision"), which are common or stop words, so BM25 and coverage read a
 * passage that only names X beside one telling how it changed alike. "How did …" otherwise asks
 * for a means and has no focus (rerank.ts). Read on the passage's own words (passage-reading.ts),
 * so rerank can ask whether a cue stands near the matched words.
 */

/**
 * A question for a change (folded): "how did/has/would … change", "how was it revised", "what changed".
 * Its verb of change may stand anywhere after "how" ("how did Broué think the finds would change the view").
 */
export const CHANGE_QUESTION = /\bhow (?:did|does|do|has|have|had|was|were|is|are|would|could|will|might)\b.*\b(?:chang(?:e|es|ed|ing)|alter(?:ed|s)?|evolve[ds]?|revise[ds]?|shift(?:ed|s)?|transform(?:ed|s)?)\b|\bwhat (?:changed|has changed|had changed)\b/u;

/** One word that tells a change by itself (lower case, as the passage's reading splits them). */
const CUE_WORDS = new Set(
  'changed changes changing became become becomes becoming transformed transformation revised revision revisions replaced replacement reversed reversal altered alteration shifted abandoned abandonment instead turned evolved degenerated'.split(' '),
);
/** Cues of two words, as typed: their first word stands for them. */
const CUE_PHRASES = ['no longer', 'was later', 'were later', 'gave way'].map((p) => p.split(' '));

/** The positions (word numbers, ascending) of the cues of a change among a passage's words (lower case, as term-positions.ts numbers them). */
export function changeCues(words: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (CUE_WORDS.has(words[i]!) || CUE_PHRASES.some((p) => p.every((w, j) => words[i + j] === w))) at.push(i);
  }
  return at;
}
