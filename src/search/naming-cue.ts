/**
 * What "what did X call Y" asks for beside its words: the words X used for Y. A passage that gives
 * them says that it names ("what Trotsky termed the …", "the so-called Ryutin platform", "known
 * as", "the word"), and those words are stop words, light ("called" is, so "what was X called" is
 * about X) or common, so BM25 and coverage never see them: a passage that only repeats the
 * question's words ranks with the one giving the name. Read on the passage's own words
 * (passage-reading.ts), so rerank can ask whether a cue stands near the matched words.
 */

/**
 * A question for a name or a term (folded): opened by what, which or how, with a verb of naming —
 * "what did Kamenev call Stalin", "what was the program … called", "how did Trotsky term it".
 * Not "called off", "call number", "called for", "called on": a phrase of its own, no naming.
 */
const NOT_NAMING = String.raw`(?!.*\bcall(?:s|ed|ing)? (?:off|up|for|on|out|back|in|number|upon|to account)\b)`;
const VERB = String.raw`\b(?:call|calls|called|calling|term|termed|dub|dubbed|nickname|nicknamed|label|labelled|labeled)\b`;
export const NAMING_QUESTION = new RegExp(`^(?:what|which|how)\\b${NOT_NAMING}.*${VERB}`, 'u');
/** A verb of naming in a question (folded): "why does Furr call them lies" asks a reason for a name. */
export const NAMING_VERB = new RegExp(`^${NOT_NAMING}.*${VERB}`, 'u');

/** One word that names by itself (lower case, as the passage's reading splits them: "so-called" is so, called). */
const CUE_WORDS = new Set('called calls calling termed dubbed nicknamed labelled labeled christened'.split(' '));
/** Cues of two or three words, as typed: their first word stands for them. */
const CUE_PHRASES = ['known as', 'referred to as', 'refer to as', 'refers to', 'the term', 'the word', 'the words', 'the name', 'we call', 'i call', 'they call', 'he calls'].map((p) => p.split(' '));

/** The positions (word numbers, ascending) of the cues of a naming among a passage's words (lower case, as term-positions.ts numbers them). */
export function namingCues(words: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (CUE_WORDS.has(words[i]!) || CUE_PHRASES.some((p) => p.every((w, j) => words[i + j] === w))) at.push(i);
  }
  return at;
}
