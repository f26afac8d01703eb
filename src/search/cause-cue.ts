/**
 * What a "why" question asks for beside its words: a reason. A passage that gives one says so in a
 * few words — "because", "in order to", "the reason", "accounts for" — which are stop words or
 * common ones, so BM25 and coverage never see them, and a passage that only repeats the question's
 * words ("Trotsky decided to deny everything") ranks with the one that answers it ("… to preserve
 * plausible deniability in order to …"). Read on the passage's own words (passage-reading.ts), so
 * rerank can ask whether a cue stands near the matched words.
 */

/**
 * A why-question (folded): "why …", "for what reason …", «почему …», «зачем …», «по какой причине …»
 * (\b knows only Latin letters: Russian words are bounded by lookarounds on \p{L}).
 */
export const CAUSE_QUESTION = /\bwhy\b|\bfor what (?:reason|purpose)\b|(?<!\p{L})(?:почему|зачем|по какой причине|с какой целью)(?!\p{L})/u;

/** One word that gives a reason by itself (folded: ё is е). */
const CUE_WORDS = new Set(
  'because reason reasons explanation explanations motive motives justification motivated explained explains therefore hence consequently потому поскольку поэтому чтобы причина причины причине причину причиной следовательно'.split(' '),
);
/**
 * Cues of two or three words, as typed: their first word stands for them. "Why" itself gives a
 * reason only after a verb of seeing or knowing ("it's easy to see why Trotsky liked this story",
 * "that is why"); opening a sentence it asks one ("Why does Trotsky remain silent …").
 */
const CUE_PHRASES = ['in order to', 'so that', 'so as to', 'due to', 'owing to', 'account for', 'accounts for', 'accounted for', 'as a result', 'intended to', 'in an attempt to', 'for the sake of', 'that is why', 'this is why', 'see why', 'explain why', 'know why', 'understand why', 'так как', 'из за'].map((p) => p.split(' '));

/** The positions (word numbers, ascending) of the cues of a reason among a passage's words (lower case, as term-positions.ts numbers them). */
export function causeCues(words: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (CUE_WORDS.has(words[i]!) || CUE_PHRASES.some((p) => p.every((w, j) => words[i + j] === w))) at.push(i);
  }
  return at;
}
