/**
 * Footnotes that only cite (author, title, pages, an archive reference, a web address, "See …")
 * against footnotes that state something in prose ("This is the common acronym for …", "It was
 * completed by Charles Malamuth", "They are absent from the Russian original"). A citing note
 * names titles, and its title words would outrank the passages on the subject, so it weighs less;
 * a note that states a fact is often the only place the fact is, so it competes with the text.
 *
 * Told by its sentences: one sentence of English prose makes a note a statement. Titles are
 * written in title case or quoted, transliterated Russian titles have no English function words,
 * and a "see …" sentence points elsewhere, so none of them reads as prose here. Three things a
 * citation holds that read like prose by those tests are told apart too: a title in sentence case
 * ("Commission of inquiry into the charges made against Leon Trotsky in the Moscow trials.") in a
 * note that gives an imprint (Place: Publisher, Year) has no verb, where the note's own statement
 * has one; a title in French, Spanish, German or transliterated Russian ("Au pays du grand
 * mensonge") has that language's function words, not English ones; and a sentence that only says
 * where a text is ("… is in Lenoe, The Kirov Murder …", "My critique … is in Furr Kirov 210-217")
 * points to a source. A web address ends a sentence: the words after it are the note's next one.
 */
import { FINITE_WORDS } from './analyse/clause.ts';

/** English function words as prose uses them in lower case (a title capitalises its content words). */
const FUNCTION = new Set(
  'a an the of to in on at by for with from into as and or but not no nor is was were are be been being has have had do does did will would can could may might must should shall it its this that these those which who whom whose he she they we his her their our them him there here than then also only'.split(' '),
);
const URL = /(?:https?:\/\/|www\.)\S+/g;
/** A publisher's imprint, "New York: Harper & Brothers, 1937", "(Paris: Gallimard, 1938)": the note cites a book. */
const IMPRINT = /(?:^|[\s(.;])\p{Lu}[\p{L}.]*(?:[ ,]+\p{Lu}[\p{L}.]*){0,3}\s*:\s*[^:;]{2,80}?,\s*(?:1[5-9]|20)\d\d\b/u;
/** A finite verb a statement needs, where a title has none: an auxiliary, a copula, or a pronoun as its subject. */
const FINITE = new RegExp(`\\b(?:${FINITE_WORDS.join('|')})\\b`);
/** A sentence that says where a text is: "… is in Lenoe, The Kirov Murder", "is in Furr Kirov 210", "is on pp. 3-7". */
const LOCATES = /\b(?:is|are)\s+(?:in|on)\s+(?:pp?\.\s*\d|\p{Lu}[\p{L}'’.-]*(?:,|\s+\d|\s+\p{Lu}))/u;
/**
 * Function words of the other languages a cited title is in (French, Spanish, German, transliterated
 * Russian), none of them an English word: a stretch of a sentence with more of them than of English
 * ones is a title in that language, and its lower-case words are not English content words.
 */
const FOREIGN = new Set(
  'au aux du des le la les et dans sur avec une chez sous del los las el y por con und der das dem den von zur zum mit ist v na po ot iz dlia pri ob'.split(' '),
);
/** Text in quotation marks is a title or a quotation, not the note's own statement. */
const QUOTED = /"[^"]*"|“[^”]*”|«[^»]*»/g;
/** A sentence that sends the reader elsewhere: "See Furr, Kirov.", "For a sample … see Furr …", "Cf. …". */
const POINTER = /(?:^|[\s(;,])(?:[Ss]ee\s+also\b|[Ss]ee\s+(?=[\p{Lu}\d]|pp?\.|chapter|below|above)|[Cc]f\.)/u;
/**
 * A sentence about the citing itself ("all quotations attributed to Trotsky here are to this
 * article", "It is online at", "Egge … quotes these passages") belongs to the reference.
 */
const ABOUT_SOURCES = /\b(?:quot(?:e|es|ed|ing|ations?)|cite[sd]?|attributed|online|reprinted|available at)\b/i;
const WORD = /[\p{L}][\p{L}'’-]*/gu;
/**
 * Lower-case English words a sentence needs to be prose: some function words, some content words,
 * and this many of both ("Trotsky is referring to the Moscow Center trial", not "Reprinted in book
 * form in R-PP 149").
 */
const MIN_FUNCTION = 2;
const MIN_CONTENT = 2;
const MIN_WORDS = 5;
/** Content words are Latin: a transliterated or Cyrillic title's lower-case words are no English prose. */
const LATIN_WORD = /^[a-z][a-z'’-]{2,}$/;

/** The sentence without its stretches (between commas, colons, brackets) in another language. */
function englishPart(sentence: string): string {
  return sentence
    .split(/[,;:()[\]]/)
    .filter((stretch) => {
      let foreign = 0;
      let english = 0;
      for (const w of stretch.match(WORD) ?? []) {
        if (FOREIGN.has(w.toLowerCase())) foreign++;
        else if (FUNCTION.has(w)) english++;
      }
      return foreign === 0 || foreign < english;
    })
    .join(',');
}

/**
 * A sentence giving a work's title in another language ("Published in English as The Russian
 * Enigma", "translated into English as The Red Book") states what only the note may say, the
 * question "what is X called in English" asks; it reads as prose whatever its form.
 */
const TITLE_IN_ANOTHER_LANGUAGE = /\b(?:published|translated|issued|appeared)\s+(?:in|into)\s+(?:English|French|German|Russian|Spanish)\s+as\b/i;

function isProse(sentence: string, cites: boolean): boolean {
  if (TITLE_IN_ANOTHER_LANGUAGE.test(sentence)) return true;
  if (POINTER.test(sentence) || ABOUT_SOURCES.test(sentence) || LOCATES.test(sentence)) return false;
  // A note that gives an imprint is a reference: its sentences without a verb are its titles.
  if (cites && !FINITE.test(sentence)) return false;
  let fn = 0;
  let content = 0;
  // "I" is the only capitalised word counted: the author speaking ("I use the word …").
  for (const w of englishPart(sentence).match(WORD) ?? []) {
    if (w === 'I' || FUNCTION.has(w)) fn++;
    else if (LATIN_WORD.test(w)) content++;
  }
  return fn >= MIN_FUNCTION && content >= MIN_CONTENT && fn + content >= MIN_WORDS;
}

/** Sentences of a note, cut at a full stop, question or exclamation mark followed by a capital (not after an initial: "A. Ciliga"). */
const sentences = (text: string) => text.split(/(?<=(?<![\s.]\p{Lu})[.?!])\s+(?=[\p{Lu}"“(])/u);

/** Does this note only cite (no sentence of prose of its own)? */
export function isCitingNote(plain: string): boolean {
  const text = plain.replace(URL, ' . ').replace(QUOTED, ' "" ');
  const cites = IMPRINT.test(text);
  return !sentences(text).some((s) => isProse(s, cites));
}
