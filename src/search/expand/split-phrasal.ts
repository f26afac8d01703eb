/**
 * A phrasal verb split by its object: "I can make stuff up", "kicked Trotsky out", "took the
 * offer back", "dug them up". English puts a short object between the verb and its particle as
 * often as after both, and WordNet lists the phrase only whole ("make up" → invent, fabricate), so
 * a passage or query that splits it met none of its synonyms. Read here, for both sides, as the
 * verb and particle without the object, when the object is short enough that the particle is
 * still the verb's: a pronoun, one word of substance (a noun or a name), or a determiner and one.
 * Only adverb particles: after an object, "in", "on", "into" mostly start a phrase of their own
 * ("put the book on the table").
 */
import { EN_STOPWORDS } from '../analyse/stopwords.ts';

/** The particles read after an object ("make it up", "kick him out", "take it back"). */
export const SPLIT_PARTICLES: ReadonlySet<string> = new Set(['up', 'out', 'off', 'back', 'down', 'away', 'aside', 'over', 'apart', 'together', 'forward']);

/** Object pronouns, and the indefinite ones a reader puts there ("give everything up"). */
const PRONOUNS: ReadonlySet<string> = new Set(['it', 'them', 'him', 'her', 'me', 'us', 'you', 'this', 'that', 'these', 'those', 'everything', 'something', 'anything', 'one']);
/** A determiner or possessive before the object's noun ("took the offer back", "turn that job over"). */
const DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'this', 'that', 'these', 'those', 'some', 'any', 'every', 'each', 'no']);

/** A word of substance that can be an object: Latin letters, no stop word, no particle. */
const substance = (word: string | undefined): boolean => word !== undefined && /^[a-z]{2,}$/.test(word) && !EN_STOPWORDS.has(word) && !SPLIT_PARTICLES.has(word);

/**
 * How many words after the verb at `verb` are its object before a particle (1 or 2), or 0 when
 * they are not one. `words`: lower-case words (or their stems: pronouns, determiners and particles
 * stem to themselves); `joined(i)`: word i follows word i - 1 with nothing but spaces between.
 */
export function splitObject(words: readonly (string | undefined)[], verb: number, joined: (i: number) => boolean = () => true): number {
  const first = words[verb + 1];
  if (first === undefined || !joined(verb + 1)) return 0;
  if ((PRONOUNS.has(first) || substance(first)) && SPLIT_PARTICLES.has(words[verb + 2] ?? '') && joined(verb + 2)) return 1;
  if (DETERMINERS.has(first) && substance(words[verb + 2]) && joined(verb + 2) && SPLIT_PARTICLES.has(words[verb + 3] ?? '') && joined(verb + 3)) return 2;
  return 0;
}
