/**
 * A negating prefix read against its stem: "unpublished" is "not published", "untranslated" "never
 * translated", "nonexistent" "did not exist". A reader writes one word where the text negates the
 * stem with a separate word (or the reverse), and WordNet lists few such words and links none to the
 * stem's own senses. Read by rule, not from a list: un- or non- before a rest that WordNet knows as an
 * adjective (unfair: fair, unusual: usual) or that is a verb's participle (unpublished: publish,
 * unknown: know). A rest that is only a noun or a plain verb is no negation of it (unearth, nonsense,
 * unravel); in-, im-, dis- are left out: their rests are too often another word (intense, infamous,
 * indifferent, dismiss).
 */
import { stemEnglish } from '../analyse/stem.ts';
import { isAdjectiveParticiple, partsOfSpeech } from './wordnet.ts';

const NEGATED = /^(?:un|non)-?([a-z]{4,})$/;
/** A past participle's ending (published, written, known: the irregular ones WordNet lists as forms of a verb). */
const PARTICIPLE = /(?:ed|en|wn)$/;

/** The index stem of the word a negated word negates, or undefined when it reads as no negation. */
export function negatedStem(word: string): string | undefined {
  const rest = NEGATED.exec(word)?.[1];
  if (rest === undefined) return undefined;
  // A verb's un- undoes it (uncover, unmask, unearth): not "not covered".
  if (partsOfSpeech(stemEnglish(word)).has('v')) return undefined;
  const stem = stemEnglish(rest);
  const pos = partsOfSpeech(stem);
  if (isAdjectiveParticiple(rest) || (PARTICIPLE.test(rest) && pos.has('v'))) return stem;
  // An adjective (fair, usual, reliable) stemmed to itself or nearly: a stem that cuts more is
  // another word's (unanimous: animous → anim, animal's).
  return pos.has('a') && rest.length - stem.length <= 1 ? stem : undefined;
}
