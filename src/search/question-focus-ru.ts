/**
 * The question focus of a Russian question (rerank's `questionFocus` reads English question words
 * only): «сколько …», «как много …», «как долго …» ask for a number, «когда …», «в каком году …»,
 * «какого числа …» for a date. Read on the folded query (lower case, ё as е); the question words
 * are inflected (скольких, сколькими; в котором году), so each is matched in its forms.
 * JavaScript's \b knows only Latin letters: words are bounded by lookarounds on \p{L}.
 */
import { analyseTerm } from './analyse/index.ts';
import { RU_STOPWORDS } from './analyse/stopwords.ts';

/** «сколько франков», «у скольких человек», «как много книг»: the word after is what is counted. */
const RU_COUNT = /(?<![\p{L}\p{N}])(?:скольк(?:о|их|им|ими)|как много)\s+(?:(?:из|его|ее|их)\s+)?([\p{L}\p{N}-]+)/u;
const RU_NUMBER = /(?<![\p{L}\p{N}])(?:скольк(?:о|их|им|ими)|как (?:долго|часто|далеко|давно|много)|(?:какой|каков) процент|(?:какая|какова) доля)(?![\p{L}\p{N}])/u;
/**
 * «Когда» opens a question («когда казнили …», «а когда …»); inside a sentence it is a conjunction
 * («амальгамы возникают, когда бюрократия …»), which asks for no date. The year, day and month
 * questions are questions wherever they stand.
 */
const RU_DATE = /^(?:а |и |так )?когда(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(?:в (?:каком|котором) (?:году|месяце)|в (?:какой|который) день|(?:какого|которого) (?:числа|года|месяца)|в (?:каких|какие) годы)(?![\p{L}\p{N}])/u;
/**
 * A word after «сколько» that reads as a verb («сколько стоила», «сколько было»): past -л/-ла/-ло/-ли,
 * present -ет/-ит/-ут/-ют/-ат/-ят, infinitive -ть, reflexive -ся/-сь, in a word of five letters or more
 * (лет, раз are nouns). Then nothing is counted; a genitive noun («франков», «человек», «книг») is.
 */
const RU_VERB = /^[\p{L}-]{2,}(?:л|ла|ло|ли|ет|ит|ут|ют|ат|ят|ть|ся|сь)$/u;

export interface RussianFocus {
  kind: 'number' | 'date';
  counted?: string;
}

/** The focus of a folded Russian question, or undefined when it asks for neither. */
export function russianQuestionFocus(folded: string): RussianFocus | undefined {
  const count = RU_COUNT.exec(folded);
  if (count) {
    const word = count[1]!;
    const counts = !RU_STOPWORDS.has(word) && !(word.length >= 5 && RU_VERB.test(word));
    return counts ? { kind: 'number', counted: word } : { kind: 'number' };
  }
  if (RU_NUMBER.test(folded)) return { kind: 'number' };
  if (RU_DATE.test(folded)) return { kind: 'date' };
  return undefined;
}

const stems = (words: string) => words.split(' ').flatMap((w) => analyseTerm(w).filter((t) => !t.startsWith('~')));

/**
 * Russian number words, as the index stems them (a Russian passage's count is as often a word as
 * digits: «о двух вариантах»). Left out: сто (stemmed as стоит is), семь (as семья).
 */
export const RU_NUMBER_STEMS: ReadonlySet<string> = new Set(
  stems(
    'два двух двум двумя две три трех трем тремя четыре четырех четырем пять пяти шесть шести восемь восьми девять девяти десять десяти одиннадцать двенадцать пятнадцать двадцать двадцати тридцать тридцати сорок сорока пятьдесят шестьдесят семьдесят восемьдесят девяносто двести триста тысяча тысяч тысячи миллион миллиона миллионов десяток десятки десятков сотни сотен двое трое четверо пятеро',
  ),
);

/** Russian month names in the cases a date puts them in («22 января», «в августе 1932 г.»). */
export const RU_MONTH_STEMS: ReadonlySet<string> = new Set(
  stems('январь января январе февраль февраля феврале март марта марте апрель апреля апреле мая мае июнь июня июне июль июля июле август августа августе сентябрь сентября сентябре октябрь октября октябре ноябрь ноября ноябре декабрь декабря декабре'),
);
