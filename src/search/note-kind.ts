/**
 * Footnotes that only cite (author, title, pages, an archive reference, a web address, "See …")
 * against footnotes that state something in prose ("This is the common acronym for …", "It was
 * completed by Charles Malamuth", "They are absent from the Russian original"). A citing note
 * names titles, and its title words would outrank the passages on the subject, so it weighs less;
 * a note that states a fact is often the only place the fact is, so it competes with the text.
 *
 * Told by its sentences: one sentence of English prose makes a note a statement. Titles are
 * written in title case or quoted, transliterated Russian titles have no English function words,
 * and a "see …" sentence points elsewhere, so none of them reads as prose here.
 */

/** English function words as prose uses them in lower case (a title capitalises its content words). */
const FUNCTION = new Set(
  'a an the of to in on at by for with from into as and or but not no nor is was were are be been being has have had do does did will would can could may might must should shall it its this that these those which who whom whose he she they we his her their our them him there here than then also only'.split(' '),
);
const URL = /(?:https?:\/\/|www\.)\S+/g;
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

function isProse(sentence: string): boolean {
  if (POINTER.test(sentence) || ABOUT_SOURCES.test(sentence)) return false;
  let fn = 0;
  let content = 0;
  // "I" is the only capitalised word counted: the author speaking ("I use the word …").
  for (const w of sentence.match(WORD) ?? []) {
    if (w === 'I' || FUNCTION.has(w)) fn++;
    else if (LATIN_WORD.test(w)) content++;
  }
  return fn >= MIN_FUNCTION && content >= MIN_CONTENT && fn + content >= MIN_WORDS;
}

/** Sentences of a note, cut at a full stop, question or exclamation mark followed by a capital (not after an initial: "A. Ciliga"). */
const sentences = (text: string) => text.split(/(?<=(?<![\s.]\p{Lu})[.?!])\s+(?=[\p{Lu}"“(])/u);

/** Does this note only cite (no sentence of prose of its own)? */
export function isCitingNote(plain: string): boolean {
  const text = plain.replace(URL, ' ').replace(QUOTED, ' "" ');
  return !sentences(text).some(isProse);
}
