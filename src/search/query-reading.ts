/**
 * What a query asks beside its words, read once per query: each stage, the other-language pass,
 * the plain net, the answers shown after a hit and the match report take it from one object, made
 * when the query is parsed, instead of testing the query's text again per stage (a stage's rerank
 * asked five tests of the text, and the question's focus was read four times a query). Everything
 * here depends on the query's text and words as parsed, which expansion does not change.
 */
import type { ParsedQuery } from './analyse/index.ts';
import { asksForYears } from './analyse/light.ts';
import { negatedStem } from './expand/negated.ts';
import { queryNegates } from './negation.ts';
import { asksYesNo } from './polar-question.ts';
import { asksWhoPublished, isPublishingWord, isWorkKind } from './publisher-query.ts';
import { asksWhoIs, questionFocus, wordPairs, type QuestionFocus } from './rerank.ts';
import { querySiglum } from './siglum.ts';
import { typedRun } from './typed-form.ts';

export interface QueryReading {
  /** What the question asks for beside its words: a number, a date, a reason (rerank's questionFocus). */
  readonly focus: QuestionFocus | undefined;
  /** Its neighbouring words as typed, when it is phrased as a clause (rerank's wordPairs). */
  readonly pairs: readonly string[];
  /** It negates with a word of its own (not, never) or one negated by its prefix (unpublished: expand/negated.ts). */
  readonly negated: boolean;
  /** A short topic's words as typed (typed-form.ts typedRun); none for a question with a focus. */
  readonly run: string | undefined;
  /**
   * Asked who published a work, or where (publisher-query.ts): the words that ask it (published,
   * book, article), which the entry or imprint answering need not hold. Undefined when not asked.
   */
  readonly publisher: ReadonlySet<string> | undefined;
  /** Its words of substance as one siglum key ("R PP": rpp: siglum.ts querySiglum). */
  readonly siglum: string | undefined;
  /** It asks who or what someone or something is or was (rerank's asksWhoIs). */
  readonly whoIs: boolean;
  /** It is a yes/no question (polar-question.ts). */
  readonly polar: boolean;
  /** It asks for a person's years (its light words: analyse/light.ts asksForYears). */
  readonly years: boolean;
}

/** The reading of a parsed query (its folded text and its words). */
export function readQuery(parsed: Pick<ParsedQuery, 'text' | 'words'>): QueryReading {
  const { text, words } = parsed;
  const focus = questionFocus(text);
  return Object.freeze({
    focus,
    pairs: Object.freeze(wordPairs(text)),
    negated: queryNegates(text) || words.some((w) => negatedStem(w.text) !== undefined),
    run: focus ? undefined : typedRun(text),
    publisher: asksWhoPublished(text) ? new Set(words.filter((w) => isPublishingWord(w.text) || isWorkKind(w.text)).map((w) => w.text)) : undefined,
    siglum: querySiglum(text),
    whoIs: asksWhoIs(text),
    polar: asksYesNo(text),
    years: asksForYears(words.filter((w) => w.light).map((w) => w.text)),
  });
}
