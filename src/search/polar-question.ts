/**
 * A yes/no question ("did Radek agree with …", "is there any reason to think … was faked", "can we
 * believe anything Trotsky wrote after 1934") is answered by the passage that takes a side on its
 * claim: one that denies it ("there is no indication that this evidence was faked", "nothing he
 * wrote … can be trusted") or asserts it outright ("Trotsky did indeed sanction …", "Indeed, the
 * Latvian consul may have already initiated contact with Trotsky"). The auxiliary that makes it a
 * question is a stop word, so BM25 and coverage read it as its bare words, and a passage that only
 * names them ranks alike. Rerank reads the side taken: a negation (negation.ts) or an affirming
 * adverb in a sentence that holds the question's claim.
 */
import { wordAt, type PassageReading } from './passage-reading.ts';

/** Auxiliaries and modals that open an English yes/no question. */
const POLAR_OPENING = /^\s*(?:(?:and|but|so|then|well),?\s+)?(?:did|does|do|is|was|were|are|am|can|could|has|have|had|should|would|will|may|might|must|shall)\b/u;

/** Is the (folded) query a yes/no question: opened by an auxiliary or a modal? */
export const asksYesNo = (folded: string): boolean => POLAR_OPENING.test(folded);

/** Adverbs by which a sentence asserts what it says against doubt. */
const AFFIRMING = new Set('indeed actually really certainly undoubtedly definitely truly'.split(' '));

/**
 * Share of the question's words of substance the sentence taking a side must hold: its claim, not
 * two of its words. At two words, "Sonny would bring a bottle … without any hesitation" took a side
 * on "did Sedov say that killing Stalin would bring down the regime" (own o-quest17-19 1 → 2).
 */
const CLAIM_SHARE = 0.5;

/**
 * Does a sentence of the passage that negates or affirms hold the question's claim: at least
 * CLAIM_SHARE of its words of substance (`matched`: each word's positions in the passage), two at least?
 */
export function takesSide(passage: PassageReading, matched: readonly (readonly number[])[]): boolean {
  const need = Math.max(2, Math.ceil(CLAIM_SHARE * matched.length));
  if (matched.filter((m) => m.length > 0).length < need) return false;
  const sides = new Set(passage.negated);
  for (let i = 0; i < passage.starts.length; i++) if (AFFIRMING.has(wordAt(passage, i).toLowerCase())) sides.add(passage.sentenceOf[i]!);
  for (const s of sides) {
    let near = 0;
    for (const m of matched) if (m.some((p) => passage.sentenceOf[p] === s)) near++;
    if (near >= need) return true;
  }
  return false;
}
