/**
 * A query that asks for a source: which article, book, issue or page a thing is in, where it was
 * published or printed, where to read it, a link to it or whether it is online ("which article are
 * the unattributed quotations from", "where can I read Trotsky's letter to his wife online"). Its
 * answer is a note that cites or the entry that lists the work, which otherwise weigh below the text
 * (engine.ts kindWeight: their title words would outrank the passages about the subject); asked
 * for the source, they weigh as the text does. "link" alone is a verb as often ("doesn't link the
 * tale to …"): only "link to" asks. Up to two words may stand between "which"/"what" and the kind
 * of source, and the kind may be plural ("which French newspapers", "which Pravda article", "in
 * which of his books", "which chapters"), but not an article or a possessive ("what his sources
 * say", "what the Kirov articles said" ask for no source); "who edited" asks for the reference.
 */
import type { Block } from '../corpus/model.ts';

const SOURCE_QUESTION =
  /\b(?:which|what)(?: of (?:his|her|their|its|the|these|those)| (?!(?:the|a|an|his|her|their|its|my|our|your|is|was|are|were|did|does|do|has|had|have)\b)[\p{L}'’-]+){0,2} (?:articles?|books?|issues?|sources?|editions?|journals?|pages?|volumes?|chapters?|newspapers?|columns?)\b|\bwhere\b.*\b(?:published|printed|read|online|appear|appeared|find)\b|\bonline\b|\blink to\b|\burl\b|\bwho edited\b/iu;

/**
 * Asked when a work was written or came out ("when did Trotsky write The Stalinist Bureaucracy and
 * the Kirov assassination", "what year is Sedov's Red Book from"): a date question naming a kind of
 * work or its writing. The date is the citing note's or the entry's ("(1936)", "December 28, 1934.
 * WLT …"), which the text seldom repeats.
 */
const WORK_DATE = /\b(?:when|(?:what|which) year)\b.*\b(?:articles?|books?|essays?|papers?|stud(?:y|ies)|pamphlets?|volumes?|memoirs?|diary|speech|reports?|write|wrote|written|publish|published|appear|appeared|printed)\b/iu;
/**
 * Asked for a work in another language: its English translation or edition, its Russian original,
 * who translated it ("is there an English translation of the Kirov indictment"). A note says where
 * ("Lenoe's partial text of the Indictment, in English translation, is in …").
 */
const IN_TRANSLATION = /\b(?:english|french|russian|german) (?:translations?|editions?|versions?)\b|\btranslated into\b|\b(?:published|appeared) in (?:english|french|russian|german)\b|\b(?:russian|french|german) original\b|\boriginal (?:russian|french|german)\b|\bwho translated\b/iu;
/**
 * Asked where a text is summarised, quoted, cited, reprinted or discussed ("where did Humanité
 * summarise the indictment", "where does Furr discuss Yagoda's confessions"): the answer is a
 * reference, which a note gives (pages, an issue, a chapter).
 */
const WHERE_IN_TEXT = /\bwhere\b.*\b(?:summari[sz]e[sd]?|quote[sd]?|quoting|cite[sd]?|citing|reprinted|discuss(?:es|ed)?|examine[sd]?|criticise[sd]?|criticize[sd]?)\b/iu;

export const asksForSource = (query: string): boolean => SOURCE_QUESTION.test(query) || WORK_DATE.test(query) || IN_TRANSLATION.test(query) || WHERE_IN_TEXT.test(query);

/** Asked for a source, a note or an entry weighs as a paragraph; else as `kindWeight` has it. */
export function sourceWeight(kindWeight: (block: Block) => number): (block: Block) => number {
  return (block) => (block.kind === 'footnote' || block.kind === 'bibliography' ? 1 : kindWeight(block));
}
