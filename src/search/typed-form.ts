/**
 * A short query as the reader typed it: the forms of its words and, for a topic of a few words,
 * the words in their order. The index reads stems and drops stop words, so "organize" meets
 * "Organization", "logically" meets "logical" and "Trotsky was guilty" meets "Trotsky … Not
 * Guilty"; with one to three words nothing else in the query tells those passages from the one
 * saying what was typed, which plain minisearch, matching the words as typed, ranks first.
 */
import type { Block } from '../corpus/model.ts';
import { EN_STOPWORDS, fold, isKey, type QueryWord } from './analyse/index.ts';
import { americanSpelling } from './analyse/spelling.ts';
import { readingOf, wordAt } from './passage-reading.ts';
import { PASSAGE_WORD, type TermPositions } from './term-positions.ts';
import { negates } from './negation.ts';
import { isCitingNote } from './note-kind.ts';
import { partsOfSpeech } from './expand/wordnet.ts';
import { stemEnglish } from './analyse/stem.ts';

/** Occurrences of a word read for its form, at most: the first few say how the passage spells it. */
const TYPED_FORM_READS = 8;
const POSSESSIVE = /['’]s$/u;
const PLAIN_LATIN = /^[a-z]+$/;
const LATIN_WORD = /^[\p{Script=Latin}'’-]+$/u;
/** A plural's ending, read off either form where only a definition's or a first mention's form is asked (amalgams, amalgam). */
const PLURAL = /(?:e?s)$/u;

/**
 * For each word of substance: does the passage spell it as typed (any case, a possessive's 's
 * aside, a British spelling as the American one)? Undefined where the passage holds no form of it
 * (it meets it through another word) or the form is not the reader's choice: a name (its spellings are the transliterator's: "Ryutin" typed, "Riutin Platform" the
 * answer) or a Russian word (its case ending is the query's own syntax). `plural`: a plural and
 * its singular count as one form.
 */
export function typedWords(block: Block, heavy: readonly QueryWord[], at: TermPositions, plural = false): (boolean | undefined)[] {
  const reading = readingOf(block);
  return heavy.map((w) => {
    const sentence = w.capitalised === true && w.opens === true && sentenceCase(w);
    if ((w.capitalised && !sentence) || !LATIN_WORD.test(w.text)) return undefined;
    const typed = americanSpelling(w.text.toLowerCase());
    const same = (spelled: string) => spelled === typed || americanSpelling(spelled) === typed || (plural && spelled.replace(PLURAL, '') === typed.replace(PLURAL, ''));
    let held = false;
    for (const term of w.terms) {
      // A capitalised word's cross-script key reaches other scripts' and transliterators' spellings, not forms of the word.
      if (sentence && isKey(term)) continue;
      const list = at.get(term);
      if (!list) continue;
      held = true;
      for (let k = 0; k < list.length && k < TYPED_FORM_READS; k++) {
        const raw = wordAt(reading, list[k]!).toLowerCase().replace(POSSESSIVE, '');
        if (same(PLAIN_LATIN.test(raw) ? raw : fold(raw).replace(POSSESSIVE, ''))) return true;
      }
    }
    // Met only through another word (a synonym, a translation: "riddles" in «Загадки»), the
    // passage has no form of the reader's word to compare.
    return held ? false : undefined;
  });
}

const commonWords = new Map<string, boolean>();
const COMMON_WORDS_LIMIT = 10_000;
/**
 * A query's first word typed with a capital whose stem WordNet knows ("Internationalism",
 * "Provocations") is a sentence's first word, typed as the reader starts one, not a name: its form
 * is the reader's choice as a lower-case word's is. A name whose stem WordNet lacks (Trotsky,
 * Lominadze: its table drops names) keeps its spellings' freedom; one sharing a common word's stem
 * (Stalin: staling) is spelled as typed by the passages naming it, so it loses nothing.
 */
export function sentenceCase(w: QueryWord): boolean {
  const lower = w.text.toLowerCase();
  let known = commonWords.get(lower);
  if (known === undefined) {
    if (commonWords.size >= COMMON_WORDS_LIMIT) commonWords.clear();
    commonWords.set(lower, (known = partsOfSpeech(stemEnglish(lower)).size > 0));
  }
  return known;
}

/**
 * A short topic's words as typed, in order, stop and light words included (folded, spaced as
 * `spacedWords` spaces a passage: " defeat of the ussr ", " trotsky also stated "), or undefined
 * for a query of one word or of more than `MAX_RUN` words. A question's words ("who is Yezhov")
 * are seldom a passage's, and one asking for a date, a number or a reason is not read (engine.ts).
 */
export function typedRun(folded: string): string | undefined {
  const tokens = folded.match(PASSAGE_WORD) ?? [];
  if (tokens.length < 2 || tokens.length > MAX_RUN) return undefined;
  return ` ${tokens.map(americanSpelling).join(' ')} `;
}
/**
 * Stop words a reader leaves out of a topic and a passage has between its words; a negation is
 * kept, on both sides: "Trotsky guilty" is not said by Trotsky "Not Guilty".
 */
const skipped = (t: string): boolean => EN_STOPWORDS.has(t) && !negates(t);

/** The run's words of substance alone (" trotsky known zinoviev "), when it has two (stop words skipped: `skipped`). */
export function substanceRun(run: string | undefined): string | undefined {
  if (!run) return undefined;
  const kept = run.trim().split(' ').filter((t) => !skipped(t));
  return kept.length >= 2 ? ` ${kept.join(' ')} ` : undefined;
}
const runTexts = new WeakMap<Block, { all: string; substance: string }>();
/**
 * A passage's words as a run is read in them (`spaced`: spacedWords; a British spelling as the
 * American one, as the query's: analyse/spelling.ts), all of them and without its stop words, kept
 * per passage.
 */
export function runText(block: Block, spaced: (b: Block) => string): { all: string; substance: string } {
  let s = runTexts.get(block);
  if (s === undefined) {
    const words = spaced(block).trim().split(' ').map(americanSpelling);
    runTexts.set(block, (s = { all: ` ${words.join(' ')} `, substance: ` ${words.filter((t) => !skipped(t)).join(' ')} ` }));
  }
  return s;
}

const citing = new WeakMap<Block, boolean>();
/**
 * Is a passage running text, where a run said as typed is the topic said? Not a line naming a
 * title — a catalogue line, an entry, a note that only cites: "Soviet Union history" and
 * "Khrushchev's lies about Stalin" are such titles' words side by side.
 */
export function readsRuns(block: Block): boolean {
  if (block.kind === 'front-matter' || block.kind === 'page-text' || block.kind === 'bibliography' || block.kind === 'heading') return false;
  if (block.kind !== 'footnote') return true;
  let c = citing.get(block);
  if (c === undefined) citing.set(block, (c = isCitingNote(block.plain)));
  return !c;
}
/** Words a typed run has at most: a longer query is a clause or a title, which the phrasing and the pairs read (rerank.ts). */
const MAX_RUN = 4;
