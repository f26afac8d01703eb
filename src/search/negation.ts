/**
 * A negated query is answered by a negated passage: "nothing shows the NKVD wrote the
 * confessions" is "there is no evidence that the confessions … had been scripted by the NKVD",
 * "nobody had looked at these books again" is "neither of these works has been re-examined".
 * The negating words are stop words or words of little weight, and a reader rarely keeps the
 * text's own (never for not, nobody for no one), so BM25 and coverage read the negated statement
 * and its opposite alike. Rerank reads the polarity instead: a passage with a negation in a
 * sentence holding the query words it has says what a negated query says more likely than one
 * without. A negation scopes over its sentence: a window of eight tokens around the words missed
 * "the indictment does not so much as let out a peep concerning a single one of the Zinovievists".
 */
import { PASSAGE_WORD } from './term-positions.ts';

const NEGATIONS = new Set([
  ...'not no never nobody nothing none neither nor without cannot nowhere noone'.split(' '),
  // Russian and French: a question in either is asked of English passages too (cross-language.ts).
  ...'не нет ни никогда никто ничего ничто никого никому никем нигде без'.split(' '),
  ...'pas jamais rien aucun aucune sans'.split(' '),
]);
const CONTRACTED = /n['’]t$/u;

/** Is a token (any case) a negation: not, never, nobody, none, without, and contractions (didn't, can't)? */
export const negates = (token: string): boolean => {
  const t = token.toLowerCase();
  return NEGATIONS.has(t) || CONTRACTED.test(t);
};

/** Does the query (folded) negate? */
export const queryNegates = (folded: string): boolean => (folded.match(PASSAGE_WORD) ?? []).some(negates);

/** A passage's negations and sentences, numbered as its term positions are (term-positions.ts). */
export interface PassageNegations {
  /** Sentence number of each token. */
  sentenceOf: Uint16Array;
  /** The sentences that hold a negation. */
  negated: ReadonlySet<number>;
}

/**
 * Does a sentence of the passage that holds a negation hold two of the query words the passage has
 * (`matched`: each word's positions), or the only one it has? A negation scopes over its sentence.
 */
export function negatesMatched(passage: PassageNegations, matched: readonly (readonly number[])[]): boolean {
  if (passage.negated.size === 0) return false;
  const held = matched.filter((m) => m.length > 0);
  const need = Math.min(2, held.length);
  if (need === 0) return false;
  for (const s of passage.negated) {
    let near = 0;
    for (const m of held) if (m.some((p) => passage.sentenceOf[p] === s)) near++;
    if (near >= need) return true;
  }
  return false;
}
