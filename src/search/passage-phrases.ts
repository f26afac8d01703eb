/**
 * WordNet's multi-word synonyms in a passage's text, as index terms: "called off" and "calls off"
 * hold the term "_call off", "taken into custody" the term "_take into custodi" (the phrase's words
 * as stems, an irregular form read as its base: the WordNet table's key, after PHRASE_MARKER). A query word's synonyms
 * may be such a phrase (cancel → call off: wordnet.ts, relatedStems), and a passage counts for it
 * only where it has the phrase's words in sequence, stop words included — not where it has one
 * of them ("custody", "addition"). Words make a phrase only with nothing but spaces between them:
 * "After all, in" is no "all in". Only the phrases a single word or another phrase can stand for
 * are read (members of a synset with single-word members, or of a verb's, adjective's or adverb's
 * synset with two phrases: "over and over again" for "again and again"), the longest starting at each word, and after a determiner
 * only those WordNet lists as nouns: "a kind of bravado" is no "kind of" (somewhat).
 */
import { stemEnglish } from './analyse/stem.ts';
import { splitObject } from './expand/split-phrasal.ts';
import { PHRASE_MARKER, passagePhrases } from './expand/wordnet.ts';

/**
 * What phrases a text holds, as the saved indexes record it (analysisOptions): bump on any change
 * to what `phraseTerms` returns for a text.
 */
export const PHRASE_TERMS = {
  version: 3,
  rule: 'multi-word members of synsets with single-word members, or of non-noun synsets with two phrase members; words in sequence, only spaces between; irregular forms as their base; the longest from each word; after a determiner nouns only; a verb and particle split by a short object (split-phrasal.ts) where no phrase starts at the verb',
};

/** Words in a phrase WordNet lists, at most ("take into custody"). */
const MAX_PHRASE = 4;
/** As PASSAGE_WORD (term-positions.ts): a phrase's position is its first word's token number there. */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}]+)*/gu;
const LATIN = /^[a-z]+$/;
/**
 * After a determiner (or "same", "other") a phrase is a noun's: "a kind of bravado", "the same kind
 * of research" (see phraseTerms). Not "that", "which", "what": as pronouns a verb follows them.
 */
const DETERMINERS = new Set('a an the this these those same other another such every each any some no his her its their our my your'.split(' '));

/** A phrase term ("_call off") and the token number of its first word. */
export interface PhraseTerm {
  term: string;
  at: number;
}

/** Only white space between `from` and `to` (and something: two words are not one). */
function spacesOnly(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 0xa0) return false;
  }
  return true;
}

/** The WordNet phrases of a text (none when WordNet cannot be read), in reading order. */
export function phraseTerms(text: string): PhraseTerm[] {
  const table = passagePhrases();
  if (!table) return [];
  const words: string[] = [];
  const stems: string[] = [];
  const bases: string[] = [];
  // joined[i]: word i follows word i - 1 with only spaces between them.
  const joined: boolean[] = [];
  let end = -1;
  for (const m of text.matchAll(WORD)) {
    const lower = m[0].toLowerCase();
    words.push(lower);
    const stem = LATIN.test(lower) ? stemEnglish(lower) : '';
    stems.push(stem);
    bases.push(table.irregular[stem] ?? stem);
    joined.push(end >= 0 && spacesOnly(text, end, m.index));
    end = m.index + m[0].length;
  }
  const out: PhraseTerm[] = [];
  for (let i = 0; i + 1 < stems.length; i++) {
    // The words as typed and as their base forms, extended while some phrase begins with them.
    let typed: string | undefined = table.prefixes.has(stems[i]!) ? stems[i] : undefined;
    let base: string | undefined = table.prefixes.has(bases[i]!) ? bases[i] : undefined;
    let found: string | undefined;
    for (let k = i + 1; (typed || base) && k < stems.length && k < i + MAX_PHRASE && joined[k] && stems[k]; k++) {
      typed = typed && `${typed} ${stems[k]}`;
      if (typed && !table.prefixes.has(typed)) typed = undefined;
      base = base && `${base} ${bases[k]}`;
      if (base && !table.prefixes.has(base)) base = undefined;
      const term = typed && table.phrases.has(typed) ? typed : base && table.phrases.has(base) ? base : undefined;
      // WordNet's "kind of", "sort of" are adverbs (somewhat); "a kind of bravado" is the noun's.
      if (term && !(i > 0 && joined[i] && DETERMINERS.has(words[i - 1]!) && !table.nouns.has(term))) found = term;
    }
    // "make stuff up", "kicked him out": the verb and its particle, the object between them left out.
    const object = found ? 0 : splitObject(words, i, (k) => joined[k] === true);
    // The particle goes with the word next to it when the two are a phrase: "the charges stand up" is no "charge up".
    const last = i + object;
    if (object && ![`${stems[last]} ${stems[last + 1]}`, `${bases[last]} ${stems[last + 1]}`].some((p) => table.phrases.has(p))) {
      const particle = stems[i + object + 1]!;
      found = [`${stems[i]} ${particle}`, `${bases[i]} ${particle}`].find((p) => table.phrases.has(p));
      if (found && i > 0 && joined[i] && DETERMINERS.has(words[i - 1]!) && !table.nouns.has(found)) found = undefined;
    }
    if (found) out.push({ term: PHRASE_MARKER + found, at: i });
  }
  return out;
}
