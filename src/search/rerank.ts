/**
 * The second look at the best candidates of a stage, on their text (BM25 sees only bags of terms):
 *
 * - Proximity: the query's words close together in a passage rank it above the same words far
 *   apart. The factor grows as the smallest window holding one of each matched word shrinks, in
 *   proportion to the share of the query's words that window holds.
 * - Definitions: for a short query (one or two words of substance: `who is X`, `what does X stand
 *   for`, `X`), a passage that introduces X — "X (…)", "(henceforth X)", "X was the NKVD code name
 *   for…", "X is a…", "known as X" — ranks first, and for a one-word query the first passage
 *   of each work to name it gains a little.
 * - Question focus: "how many …" prefers a passage with a number near its matched words, "when …"
 *   one with a date, "why …" one with a reason's cue (`questionFocus`; «сколько …», «когда …» likewise:
 *   question-focus-ru.ts; «почему …» and the cues: cause-cue.ts), "what did X call Y" one with a
 *   naming's (naming-cue.ts), "how did X change" one with a change's (change-cue.ts), and
 *   such a passage borrows, at half, the query words it lacks from the passage before it in its
 *   section (context-cover.ts).
 * - The reader's phrasing: for a query of three words of substance or more phrased as a clause, a
 *   passage that has its neighbouring words side by side as typed, stop words included (`wordPairs`).
 * - Phrases said again in other words: neighbouring words of the query side by side in the passage,
 *   at least one of them a synonym or translation (paraphrased-pairs.ts).
 * - The reader's forms: a short query's words spelled in the passage as typed, not only by their
 *   stem ("Kirov's assassins", not the Kirov assassination).
 * - Polarity: a negated query ("nothing shows …", "nobody had looked …") prefers a passage with a
 *   negation among the words it matched (negation.ts); a yes/no question ("did Snyder find any
 *   crimes") one that denies or affirms its claim in one sentence (polar-question.ts).
 */
import { CLAUSE_WORDS } from './analyse/clause.ts';
import type { Block } from '../corpus/model.ts';
import { analyseTerm, crossScriptKey, foldKeepCase, type QueryWord } from './analyse/index.ts';
import { isKey } from './analyse/term.ts';
import { listsWorks } from './lists-works.ts';
import { MAX_TOKEN_LENGTH } from './analyse/tokenize.ts';
import { asksForReference, asksForYears } from './analyse/light.ts';
import { PASSAGE_WORD, type TermPositions } from './term-positions.ts';
import { contextCover, type ContextSource } from './context-cover.ts';
import { OWN_PAIRS, pairCovers, paraphrasedPairShare, readsOwnPairs } from './paraphrased-pairs.ts';
import { CAUSE_QUESTION } from './cause-cue.ts';
import { NAMING_QUESTION, NAMING_VERB } from './naming-cue.ts';
import { CHANGE_QUESTION } from './change-cue.ts';
import { RU_MONTH_STEMS, RU_NUMBER_STEMS, russianQuestionFocus } from './question-focus-ru.ts';
import { negatesMatched } from './negation.ts';
import { positionsOfReading, readingOf, spacedWords } from './passage-reading.ts';
import { isWorkKind, publisherAnswers } from './publisher-query.ts';
import { abbreviatedSiglum, siglumKey, siglumTyped, wordsTyped } from './siglum.ts';
import { introducesByRole } from './role-introduction.ts';
import { escapeRegExp } from '../regexp.ts';
import { takesSide } from './polar-question.ts';
import { readsRuns, runText, sentenceCase, substanceRun, typedWords } from './typed-form.ts';

/**
 * What a question asks for beside its words: "how many …", "how long …" a number, "when …", "in
 * what year …" a date, "why …" a reason, "what did X call Y" a name, "how did X change" a change. A passage that gives one near the words it matches answers the question; one
 * that only shares its words does not.
 */
export interface QuestionFocus {
  kind: 'number' | 'date' | 'cause' | 'name' | 'change';
  /** "how many biographies": the word the number counts (folded), which it stands just before. */
  counted?: string;
  /** "why does Furr call them lies": a reason for a name, which a naming beside it gives too (naming-cue.ts). */
  named?: boolean;
}
const COUNT_QUESTION = /\bhow many (?:of )?(?:(?:the|his|her|their|[\p{L}-]+'s) )?([\p{L}\p{N}-]+)/u;
const NUMBER_QUESTION = /\bhow (?:much|long|often|old|far)\b|\bwhat (?:number|share|percentage|proportion) of\b/u;
const DATE_QUESTION = /\bwhen\b|\b(?:what|which) (?:year|date|month)\b/u;
/** The focus of a folded query; none for a question for a person's years, which has its own answer (`answersFirst`). */
export function questionFocus(folded: string): QuestionFocus | undefined {
  const count = COUNT_QUESTION.exec(folded);
  if (count) return { kind: 'number', counted: count[1]! };
  if (NUMBER_QUESTION.test(folded)) return { kind: 'number' };
  if (DATE_QUESTION.test(folded) && !asksForYears(folded.split(/\s+/u))) return { kind: 'date' };
  // A Russian question asks the same of Russian passages and, across scripts, of English ones.
  const russian = russianQuestionFocus(folded);
  if (russian) return russian;
  if (NAMING_QUESTION.test(folded)) return { kind: 'name' };
  if (CHANGE_QUESTION.test(folded)) return { kind: 'change' };
  // Last: "when did it become known why …" asks for a date.
  if (CAUSE_QUESTION.test(folded)) return NAMING_VERB.test(folded) ? { kind: 'cause', named: true } : { kind: 'cause' };
  return undefined;
}
/** A passage with what the question asks for within this many words of its matched words gains FOCUS. */
const FOCUS_WINDOW = 12;
/** A number counts the word it stands at most this many words before ("ten full-scale biographies"). */
const COUNT_WINDOW = 3;
/** A date or a number near the words: weak evidence in a history, where most passages hold one. */
const FOCUS = 0.3;
/**
 * A cue of a reason is rarer: at 0.3 a passage only sharing the question's words outranked the one
 * giving the reason; from 0.85 a passage with a stray cue beside the words outranked the answer.
 */
const CAUSE_FOCUS = 0.6;
/** Foci read in cue words (cause-cue.ts, naming-cue.ts, change-cue.ts), each as rare as a reason's: they weigh as it does. */
const CUE_FOCUS = new Set<QuestionFocus['kind']>(['cause', 'name', 'change']);
/** The count of the very thing asked about ("ten … biographies" for "how many biographies") says more: as much as a definition. */
const COUNT_FOCUS = 1;
const NUMBER_WORDS = new Set(
  'two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions dozen dozens'
    .split(' ')
    .flatMap((w) => analyseTerm(w)),
);
/**
 * A share answers "how many of …" too ("about one-half of all members of communist parties"), and
 * stands farther from what it counts, across "of all members of": FRACTION_WINDOW words. Not
 * majority or minority, which Porter2 stems as major and minor.
 */
const FRACTION_WORDS = new Set('half halves third thirds quarter quarters fifth fifths tenth tenths percent fraction'.split(' ').flatMap((w) => analyseTerm(w)));
const FRACTION_WINDOW = 6;
const MONTHS = new Set('january february march april june july august september october november december'.split(' ').flatMap((w) => analyseTerm(w)));
const YEAR = /^(?:1[5-9]|20)\d\d$/;
const DIGITS = /^\d/;
const answersFocus = (term: string, kind: QuestionFocus['kind']) =>
  kind === 'date' ? YEAR.test(term) || MONTHS.has(term) || RU_MONTH_STEMS.has(term) : DIGITS.test(term) || NUMBER_WORDS.has(term) || FRACTION_WORDS.has(term) || RU_NUMBER_STEMS.has(term);

/**
 * Does the passage give what the question asks for near its matched words: within FOCUS_WINDOW
 * words of one of them, or for a count just before the counted word (`counted`: its positions)?
 */
function givesFocus(at: TermPositions, matched: readonly (readonly number[])[], own: ReadonlySet<string>, focus: QuestionFocus, counted: readonly number[] | undefined, block?: Block): boolean {
  if (CUE_FOCUS.has(focus.kind)) {
    if (!block) return false;
    const r = readingOf(block);
    const cues = focus.kind === 'cause' ? r.causes : focus.kind === 'name' ? r.names : r.changes;
    for (const p of cues) for (const list of matched) for (const q of list) if (Math.abs(p - q) <= FOCUS_WINDOW) return true;
    return false;
  }
  for (const [term, positions] of at) {
    if (own.has(term) || !answersFocus(term, focus.kind)) continue;
    const window = FRACTION_WORDS.has(term) ? FRACTION_WINDOW : COUNT_WINDOW;
    for (const p of positions) {
      if (counted) {
        for (const q of counted) if (q > p && q - p <= window) return true;
      } else for (const list of matched) for (const q of list) if (Math.abs(p - q) <= FOCUS_WINDOW) return true;
    }
  }
  return false;
}

/**
 * How a passage reads for a question with a focus, as rerank reads it: which of the query's words
 * of substance it holds (by their own terms or what stands for them), and whether it gives what
 * the question asks for near them (answer-after.ts asks it of a hit and of the passage after it).
 * The query's part is made once, the passage's per call.
 */
export function focusReader(words: QueryWord[], focus: QuestionFocus, positionsOf: PositionsOf = madeHere): (block: Block) => { holds: boolean[]; gives: boolean } {
  const heavy = words.filter((w) => !w.light);
  const sets = heavy.map(wordTerms);
  const counted = focus.counted === undefined ? -1 : heavy.findIndex((w) => w.text === focus.counted);
  const own = new Set(sets.flatMap((set) => [...set]));
  return (block) => {
    const matched = wordPositions(block, sets, positionsOf);
    const gives = matched.some((m) => m.length > 0) && (focus.counted === undefined || counted >= 0) && givesFocus(positionsOf(block), matched, own, focus, counted >= 0 ? matched[counted] : undefined, block);
    return { holds: matched.map((m) => m.length > 0), gives };
  };
}

/** How many of a stage's best candidates are looked at again. */
export const RERANK_DEPTH = 30;
/** All of the query's words side by side multiply the score by 1 + PROXIMITY. */
const PROXIMITY = 0.3;

/**
 * The proximity factor of a passage whose smallest window holding one of each query word it has
 * spans `span` tokens and holds `words` of the query's `of` words of substance: the tighter the
 * window the higher, in proportion to the share of the query it holds: two words of a six-word
 * query side by side are a phrase, not the query said in one place, and gained as much as the
 * whole query in one sentence.
 */
export const proximity = (span: number, words: number, of: number): number => 1 + ((PROXIMITY * (words - 1)) / Math.max(words - 1, span - 1)) * (words / Math.max(words, of));
/** Kinds indexed with another passage's words in their second field (index-build.ts), which positions do not show. */
const BORROWS_WORDS = new Set<Block['kind']>(['footnote', 'quotation']);
const DEFINITION = 1;
/**
 * Asked who or what a name is, a passage that holds the name and at most this many other words (a
 * speaker's label, "Prosecutor Vyshinsky:", a byline, "Dibyajit Mukherjee") says nothing of it.
 */
const BARE_WORDS = 2;
const BARE = 0.5;
/** An entry met only through expansions (`rerank`): a quarter, as a light word weighs. */
const EXPANDED_ENTRY = 0.25;
const FIRST_MENTION = 0.25;

/**
 * The reader's own phrasing: a passage that has the query's neighbouring words side by side, as
 * typed (folded, stop words included: "a letter from Trotsky", "over and over again"), gains up to
 * PHRASING (all of its pairs). BM25 and coverage read bags of stems without stop words, so a passage
 * keeping the reader's wording and one sharing only its words of substance, apart and reordered,
 * scored alike where plain minisearch, counting every word typed, ranked the first higher.
 */
const PHRASING = 1;

/** All of the query's neighbouring words side by side in other words multiply the score by 1 + PARAPHRASED_PAIRS (paraphrased-pairs.ts). */
const PARAPHRASED_PAIRS = 1;

/** A negated query's passage with a negation among the words it matched is multiplied by 1 + NEGATED (negation.ts). */
const NEGATED = 0.4;
/**
 * A yes/no question's claim denied or affirmed in one sentence (polar-question.ts). At 0.2 it moved
 * one own case up and one down; at 0.4, with an affirming adverb read beside a negation and the
 * sentence holding half the claim, three up and none down.
 */
const POLAR = 0.4;

/**
 * Words by which a query is phrased as a clause (an auxiliary, a pronoun, a negation, a modal, a
 * relative word), not as a title or a heading. A query without one ("Soviet Union history", "call
 * number of Trotsky's Lies", "Khrushchev's lies about Stalin") is a run of names and nouns whose
 * words stand side by side in the titles that cite them (a citing note, a catalogue line), which
 * would then outrank the passages on the subject: its pairs are not read.
 */
const CLAUSE = CLAUSE_WORDS;

/** The query's pairs of neighbouring words (folded text), each once; none when it is not phrased as a clause (CLAUSE). */
export function wordPairs(folded: string): string[] {
  const tokens = folded.match(PASSAGE_WORD) ?? [];
  const out = new Set<string>();
  if (!tokens.some((t) => CLAUSE.has(t))) return [];
  for (let i = 0; i + 1 < tokens.length; i++) out.add(`${tokens[i]} ${tokens[i + 1]}`);
  return [...out];
}

/** The share of `pairs` a passage has side by side (`spaced`: its folded words, split as the query's were: spacedWords). */
function pairShare(spaced: string, pairs: readonly string[]): number {
  let n = 0;
  for (const p of pairs) if (spaced.includes(` ${p} `)) n++;
  return n / pairs.length;
}

/**
 * What rerank reads besides the query's words: what the question asks for (`focus`), the query's
 * word pairs (`pairs`, wordPairs) and the text a passage is read in for them (`pairText`: the
 * words of its folded text, a front-matter line's with its work's title, as the index reads it,
 * spaced by `spacedWords`; the engine keeps a passage's with its reading: passage-reading.ts).
 */
export interface RerankContext {
  focus?: QuestionFocus;
  pairs?: readonly string[];
  pairText?: (block: Block) => string;
  /** The passage before each and the library's frequencies: a passage borrows the words it lacks from it (context-cover.ts). */
  context?: ContextSource;
  /** The query negates (negation.ts): a passage negating among its matched words gains NEGATED. */
  negated?: boolean;
  /**
   * The query is not phrased as a clause (`wordPairs` found none, and no negation: "nobody compared
   * Trotsky's articles with Humanité" states something): a longer one counts its own pairs
   * (paraphrased-pairs.ts readsOwnPairs).
   */
  unphrased?: boolean;
  /** A short topic's words as typed, spaced (typed-form.ts typedRun): the passage saying them so gains TYPED_RUN. */
  run?: string;
  /** An entry's authors' surnames and title, each way of typing them (siglum.ts referenceWords). */
  referenceOf?: (block: Block) => readonly string[];
  /** The siglum a bibliography entry ends with, as the bibliography's reading gave it ("TIE"): ingest/bib-fields.ts. */
  siglumOf?: (block: Block) => string | undefined;
  /** The query asks who published a work, or where (publisher-query.ts): the words asking it (published, book), which the answer need not hold. */
  publisher?: ReadonlySet<string>;
  /** The query's words of substance as one siglum key ("R PP": rpp), when it has two or more (querySiglum). */
  siglum?: string;
  /** The query asks who or what someone or something is or was (`asksWhoIs`). */
  whoIs?: boolean;
  /** The query is a yes/no question (polar-question.ts): a passage denying or affirming its claim in one sentence gains POLAR. */
  polar?: boolean;
}

/** "who was Vyshinsky", "what is the POUM", "what was Iagoda's job": a question for what a name is. */
export const asksWhoIs = (folded: string): boolean => /^\s*(?:who|what)\s+(?:is|was|were|are)\b/u.test(folded);


export interface Rerankable {
  block: Block;
  score: number;
  /** The share of the query the source found it to cover (its coverage factor's), when ranked by coverage. */
  coverage?: number;
}

/**
 * Each passage's index terms with the positions (token numbers, ascending) they occur at: a query
 * word's positions are then a few lookups (one per term of the word) instead of a test of every
 * token of the passage for every word. The engine keeps them per passage (and has the bundled
 * passages' from the index snapshot); without it they are made here.
 */
export type PositionsOf = (block: Block) => TermPositions;
const madeHere: PositionsOf = positionsOfReading;
/** Entries the caches of this module keep (per passage, per word) before they are dropped whole. */
const TERM_CACHE_LIMIT = 5_000;

const wordTerms = (w: QueryWord): Set<string> => new Set([...w.terms, ...(w.expansions ?? []).map((e) => e.term), ...w.parts.flatMap((p) => p.terms)]);

/** Two ascending lists of positions as one, each position once. */
function union(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  }
  return out;
}

const NO_POSITIONS: readonly number[] = [];

/** Per query word, the positions in the passage where one of its terms occurs, ascending (not to be changed: they may be the passage's own lists). */
function wordPositions(block: Block, sets: Set<string>[], positionsOf: PositionsOf): (readonly number[])[] {
  const at = positionsOf(block);
  return sets.map((set) => {
    let hits: readonly number[] | undefined;
    for (const term of set) {
      const list = at.get(term);
      if (list) hits = hits ? union(hits, list) : list;
    }
    return hits ?? NO_POSITIONS;
  });
}

/**
 * The smallest number of tokens spanning one occurrence of each word that occurs; 0 if fewer than
 * two occur. Each word's positions are ascending: one pointer per word, the smallest moved on
 * (the smallest range covering one element of each sorted list), with no merged, sorted copy.
 */
export function smallestSpan(hits: readonly (readonly number[])[]): { span: number; words: number } {
  const lists = hits.filter((h) => h.length > 0);
  if (lists.length < 2) return { span: 0, words: lists.length };
  const at = new Array<number>(lists.length).fill(0);
  let best = Number.POSITIVE_INFINITY;
  for (;;) {
    let lowest = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let w = 0; w < lists.length; w++) {
      const p = lists[w]![at[w]!]!;
      if (p < min) {
        min = p;
        lowest = w;
      }
      if (p > max) max = p;
    }
    best = Math.min(best, max - min + 1);
    if (++at[lowest]! >= lists[lowest]!.length) break;
  }
  return { span: best, words: lists.length };
}

const MAX_OCCURRENCES = 6;
/**
 * A person's years right after the name introduces them as a catalogue or a biography does:
 * "Ante Ciliga (1898-1992)", "Trotsky, Leon, 1879-1940". A single year in parentheses is a
 * citation ("Getty (1985)"), not this.
 */
const LIFE_DATES = String.raw`(?:,\s*[\p{L}. ]{1,30},\s*|\s*\()1[5-9]\d\d\s*[-–]\s*(?:1[5-9]|20)\d\d\b`;
/** The same told in words right after the name: "Broué died in 2005", "Ciliga was born in 1898", "Krutov (shot in April 1938)". */
const LIFE_EVENT = String.raw`,?\s*\(?(?:was\s+|had\s+)?(?:born|died|killed|shot|executed|b\.|d\.)\s[^.;()]{0,24}?\b(?:1[5-9]|20)\d\d\b`;

/** A test of whether a passage (folded) introduces the word: defines it, expands it, or gives it as a short name. */
export function introduction(word: string, options: { years?: boolean } = {}): (folded: string) => boolean {
  if (word.length < 2) return () => false;
  // Short words may be initials, written with full stops in the text: BO is "B.O.".
  const initials = word.length <= 5 && /^\p{L}+$/u.test(word);
  const core = initials ? `${[...word].map(escapeRegExp).join('\\.?')}\\.?` : escapeRegExp(word);
  const x = `${core}[\\p{L}']{0,3}`;
  const before = new RegExp(`(?:henceforth|hereafter|hereinafter|known as|called|acronym|abbreviat\\w*|initials|letters|short for|stands for|i\\.e\\.|that is,)\\s*(?:the\\s+)?["']?${x}(?![\\p{L}])`, 'u');
  // "Bukharin knew that Yezhov was a member …" reports a claim in a clause: the text does not introduce Yezhov there.
  const after = new RegExp(
    `(?<![\\p{L}])(?<!\\b(?:that|whether|if)\\s+)${x}(?![\\p{L}])["']?\\s*(?:\\((?!\\d)|${LIFE_DATES}|,\\s+(?:a|an)\\s+\\p{L}|,?\\s+(?:is|was|were|are)\\s+(?:a|an|the|one)\\b|,?\\s+(?:who|which)\\s+(?:is|was)\\b|\\s+stands? for\\b|\\s+(?:means|indicates?|denotes?)\\b|\\s+(?:was|is) the [\\p{L} -]{0,30}(?:code ?name|name|pseudonym|acronym|abbreviation)\\b|,?\\s+[-–—]\\s*(?:in english|in russian|in french|literally|i\\.e\\.|that is)\\b)`,
    'u',
  );
  const inParentheses = new RegExp(`\\((?:[^()]{0,40}\\s)?["']?${x}["']?\\)`, 'u');
  // Asked for a person's years, only the passage that gives them introduces the person.
  const years = new RegExp(`(?<![\\p{L}])${x}(?![\\p{L}])["']?(?:${LIFE_DATES}|${LIFE_EVENT})`, 'u');
  const test = options.years ? (text: string) => years.test(text) : (text: string) => before.test(text) || after.test(text) || inParentheses.test(text);
  if (initials) return test;
  // Only the text around the word's first few occurrences can introduce it: testing windows there
  // keeps the cost flat for a word a long passage repeats.
  return (folded) => {
    let seen = 0;
    for (let at = folded.indexOf(word); at >= 0 && seen < MAX_OCCURRENCES; at = folded.indexOf(word, at + word.length), seen++) {
      if (test(folded.slice(Math.max(0, at - 60), at + word.length + 80))) return true;
    }
    return false;
  };
}

const keyCache = new Map<string, string | null>();
function keyOf(token: string): string | null {
  let key = keyCache.get(token);
  if (key === undefined) {
    key = crossScriptKey(token);
    if (keyCache.size >= TERM_CACHE_LIMIT * 4) keyCache.clear();
    keyCache.set(token, key);
  }
  return key;
}

/**
 * What `introductionOf` reads of one passage, kept per passage (by its folded text, the string the
 * engine keeps per passage): its distinct words found by their index terms (and, asked for, their
 * cross-script keys), and which of its spellings it introduces. Splitting the passage into words
 * and analysing each was most of the time of a short query's search on the bundled corpus; this
 * makes it once per passage, not once per query and candidate.
 */
interface PassageSpellings {
  /** Distinct words by length: a query word asks only about words near its own length. */
  byLength: Map<number, string[]>;
  /** Length and index term → the words of that length with that term, made on first need. */
  byTerm: Map<string, readonly string[]>;
  /** Per length, its words by cross-script key, made on first need. */
  byKey: Map<number, Map<string, string[]>>;
  /** Spelling → does the passage introduce it? Without the years option, and with it. */
  introduces: Map<string, boolean>;
  introducesYears: Map<string, boolean>;
  /** A query word (see `introductionOf`) → how surely the passage introduces it, in any of its spellings. */
  answers: Map<string, number>;
  /** Spelling → how surely the passage introduces it by a role (role-introduction.ts). */
  introducesByRole: Map<string, number>;
  /** Its text folded with letter case kept, made on first need (role-introduction.ts reads it). */
  cased?: string;
}
/** Query words whose answers a passage keeps, at most (then they are dropped whole). */
const ANSWERS_LIMIT = 256;
const spellingCache = new Map<string, PassageSpellings>();

function addTo(map: Map<string, string[]>, key: string, token: string) {
  const list = map.get(key);
  if (list) list.push(token);
  else map.set(key, [token]);
}

function spellingsOf(folded: string): PassageSpellings {
  let s = spellingCache.get(folded);
  if (!s) {
    const byLength = new Map<number, string[]>();
    for (const token of new Set(folded.match(PASSAGE_WORD) ?? [])) {
      const list = byLength.get(token.length);
      if (list) list.push(token);
      else byLength.set(token.length, [token]);
    }
    s = { byLength, byTerm: new Map(), byKey: new Map(), introduces: new Map(), introducesYears: new Map(), answers: new Map(), introducesByRole: new Map() };
    if (spellingCache.size >= TERM_CACHE_LIMIT) spellingCache.clear();
    spellingCache.set(folded, s);
  }
  return s;
}

/** The passage's words of this length by their cross-script keys. */
function wordsOfLengthByKey(s: PassageSpellings, length: number): Map<string, string[]> | undefined {
  const tokens = s.byLength.get(length);
  if (!tokens) return undefined;
  let map = s.byKey.get(length);
  if (!map) {
    map = new Map();
    for (const token of tokens) {
      const key = keyOf(token);
      if (key) addTo(map, key, token);
    }
    s.byKey.set(length, map);
  }
  return map;
}

// Lower-case letters of one alphabet (Cyrillic without ё, which folding has made е): such a word is
// its own folded, plain form, one token, and its terms are its stem, which keeps its first letter
// (Porter2 and Snowball Russian change only endings), and possibly its cross-script key.
const PLAIN_WORD = /^(?:[a-z]+|[а-дж-я]+)$/;
/**
 * Whether `term` can be among the index terms of `token`; false only when it certainly is not.
 * Stemming every word of a passage to find those with a term was most of a first query's rerank.
 */
export function mayHaveTerm(token: string, term: string): boolean {
  if (token.length > MAX_TOKEN_LENGTH || !PLAIN_WORD.test(token)) return true;
  return isKey(term) ? keyOf(token) === term : token[0] === term[0];
}

/** Lists by length and term kept per passage at most (then dropped whole). */
const BY_TERM_LIMIT = 512;
/** The passage's words of this length that have `term` among their index terms, in the passage's order; undefined when it has no word of this length. */
function wordsWithTerm(s: PassageSpellings, length: number, term: string): readonly string[] | undefined {
  const tokens = s.byLength.get(length);
  if (!tokens) return undefined;
  const id = `${length}\u0000${term}`;
  let list = s.byTerm.get(id);
  if (!list) {
    list = tokens.filter((token) => mayHaveTerm(token, term) && analyseTerm(token).includes(term));
    if (s.byTerm.size >= BY_TERM_LIMIT) s.byTerm.clear();
    s.byTerm.set(id, list);
  }
  return list;
}

/**
 * `introduction(spelling)`, made once per spelling (its regular expressions) rather than per query;
 * without the years option and with it. Keyed by the spelling itself: a key made per call (a
 * string built for each passage, word and spelling) cost more than the lookups.
 */
const introductionTests = new Map<string, (folded: string) => boolean>();
const introductionYearsTests = new Map<string, (folded: string) => boolean>();
/**
 * How surely the passage introduces the spelling: 1 by a definition (`introduction`), or with its
 * own text (`plain`) by a role, as role-introduction.ts weighs it; 0 not at all.
 */
function introduces(s: PassageSpellings, folded: string, spelling: string, years: boolean, plain?: string): number {
  const known = years ? s.introducesYears : s.introduces;
  let yes = known.get(spelling);
  if (yes === undefined) {
    const tests = years ? introductionYearsTests : introductionTests;
    let test = tests.get(spelling);
    if (!test) {
      if (tests.size >= TERM_CACHE_LIMIT) tests.clear();
      tests.set(spelling, (test = introduction(spelling, { years })));
    }
    yes = test(folded);
    known.set(spelling, yes);
  }
  if (yes) return 1;
  if (years || plain === undefined) return 0;
  let byRole = s.introducesByRole.get(spelling);
  if (byRole === undefined) {
    s.cased ??= foldKeepCase(plain);
    byRole = introducesByRole(spelling, folded, s.cased);
    s.introducesByRole.set(spelling, byRole);
  }
  return byRole;
}

const NO_TOKENS: readonly string[] = [];

/**
 * The same test for a query word and every spelling of it in the passage that the index takes for
 * the same word (stem or cross-script key): "who is Ryutin" is answered by the text's "known as the
 * Riutin Platform", Yezhov by Ezhov.
 */
export function introductionOf(word: Pick<QueryWord, 'text' | 'terms'>, options: { years?: boolean } = {}): (folded: string, plain?: string) => boolean {
  const strength = introductionStrength(word, options);
  return (folded, plain) => strength(folded, plain) > 0;
}

/** `introductionOf` as how surely: 1 by a definition, less by a role beside the name (role-introduction.ts), 0 not. */
export function introductionStrength(word: Pick<QueryWord, 'text' | 'terms'>, options: { years?: boolean } = {}): (folded: string, plain?: string) => number {
  const years = options.years === true;
  const keyed = word.terms.some(isKey);
  // The answer depends on the passage, the word, its terms and the option alone: kept per passage,
  // so a query asked again reads one answer per candidate instead of walking its spellings.
  const id = `${years ? 'y' : 'n'}${word.text}\u0000${word.terms.join('\u0000')}`;
  const answer = (s: PassageSpellings, folded: string, plain: string | undefined): number => {
    let best = introduces(s, folded, word.text, years, plain);
    const ask = (token: string) => {
      if (best < 1 && token !== word.text) best = Math.max(best, introduces(s, folded, token, years, plain));
    };
    // A spelling is asked about only when its length is near the word's (a long derivative is
    // another word). The folded text is lower case, where the index gives a key only to capitalised
    // words: the passage's words are keyed directly.
    for (let length = word.text.length - 3; length <= word.text.length + 3 && best < 1; length++) {
      if (!s.byLength.has(length)) continue;
      for (const term of word.terms) for (const token of wordsWithTerm(s, length, term)!) ask(token);
      if (!keyed) continue;
      const byKey = wordsOfLengthByKey(s, length)!;
      for (const term of word.terms) for (const token of byKey.get(term) ?? NO_TOKENS) ask(token);
    }
    return best;
  };
  // With the passage's own text the introductions by a role are read too, and kept apart.
  return (folded, plain) => {
    const s = spellingsOf(folded);
    const key = plain === undefined ? id : `r${id}`;
    let yes = s.answers.get(key);
    if (yes === undefined) {
      yes = answer(s, folded, plain);
      if (s.answers.size >= ANSWERS_LIMIT) s.answers.clear();
      s.answers.set(key, yes);
    }
    return yes;
  };
}

/**
 * A short query's word spelled in the passage as the reader typed it: all of them multiply the
 * score by 1 + TYPED_FORM. A stem joins forms a reader tells apart ("Kirov's assassins" and the Kirov
 * assassination are one stem to Porter2, "Khrushchev's lies" and "Khrushchev Lied"), and with one or
 * two words nothing else in the query tells them apart: plain minisearch, matching forms as typed,
 * ranked the passage with the reader's form first where Lectern put the commoner form's passages
 * above it. A name is left out: its spellings are the transliterator's, not the reader's choice
 * ("Ryutin" typed, "Riutin Platform" the answer).
 */
const TYPED_FORM = 0.6;
/**
 * A short topic (a few words, none light) said in the passage as typed, in order, stop words
 * included, multiplies its score by 1 + TYPED_RUN (typed-form.ts typedRun): "Trotsky was guilty"
 * over a passage saying "Trotsky 'Not Guilty'", "defeat of the USSR" over "the USSR's defeat".
 */
const TYPED_RUN = 1;
/**
 * The run's words of substance in that order with only stop words between them in the passage
 * (typed-form.ts substanceRun: "Pravda Trotsky access" in "Pravda that Trotsky must have had
 * access") multiply its score by 1 + LOOSE_RUN: the reader who leaves out a topic's stop words
 * keeps its words' forms and order. Less than TYPED_RUN, the run said as typed.
 */
const LOOSE_RUN = 0.5;
/** Words of substance a typed run holds at most: from four the reader's phrasing is read (PHRASING). */
const MAX_RUN_SUBSTANCE = 3;
/**
 * A query of at most this many words of substance, not asking for a reference, is a topic: a
 * passage that only lists works (an entry, a citing note: lists-works.ts) holds its words as
 * title words, and gains none of the factors that read a topic said in running text: words side
 * by side, as typed or in order are the topic in running text, but in an entry's or a citing
 * note's title only its title's words, which BM25 already favours in so short a passage.
 */
const TOPIC_SUBSTANCE = 3;
/**
 * One lower-case word: a passage holding it only in another form of its stem ("confrontation" for
 * "confront", "Organization" for "organize") ranks below every passage spelling it as typed or as
 * its plural or singular (`forms`: typed-form.ts typedWords, undefined where neither applies: a
 * name, a word met through a synonym or a translation). With one word nothing else in the query
 * tells them apart; the other form's passage, where it is the commoner one, took the first place
 * by BM25 with TYPED_FORM's bonus on the other side, which plain minisearch never gives it.
 */
function belowTypedForm<T extends Rerankable>(forms: Map<T, boolean | undefined>): void {
  let low = Number.POSITIVE_INFINITY;
  let high = 0;
  for (const [c, typed] of forms) {
    if (typed === true) low = Math.min(low, c.score);
    else if (typed === false) high = Math.max(high, c.score);
  }
  if (!Number.isFinite(low) || high < low) return;
  // One scale for all of them, so they keep their order among themselves.
  const scale = (low * (1 - 1e-6)) / high;
  for (const [c, typed] of forms) if (typed === false) c.score *= scale;
}

/** Rescores the first RERANK_DEPTH candidates (best first) in place and re-sorts them. */
export function rerank<T extends Rerankable>(candidates: T[], words: QueryWord[], foldedOf: (block: Block) => string, positionsOf: PositionsOf = madeHere, context: RerankContext = {}): T[] {
  if (words.every((w) => w.light) || candidates.length === 0) return candidates;
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  rescore(sorted, words, foldedOf, positionsOf, context);
  return sorted.sort((a, b) => b.score - a.score);
}

/**
 * The first `n` of a list by score, best first, equals in the list's order: the head a stable sort
 * would give, without sorting the whole list (a stage's 400 for its first 30, twice per stage, was
 * a twentieth of a Russian query's time: the comparator's calls).
 */
function headOf<T extends Rerankable>(list: readonly T[], n: number): T[] {
  const head: T[] = [];
  for (const c of list) {
    if (head.length === n && !(c.score > head[n - 1]!.score)) continue;
    let at = head.length;
    while (at > 0 && head[at - 1]!.score < c.score) at--;
    head.splice(at, 0, c);
    if (head.length > n) head.pop();
  }
  return head;
}

/** `rerank` without the sorted copy: the scores of the first RERANK_DEPTH candidates (by score) change in place. */
export function rescore<T extends Rerankable>(candidates: T[], words: QueryWord[], foldedOf: (block: Block) => string, positionsOf: PositionsOf = madeHere, context: RerankContext = {}): void {
  const { focus, pairs = [], pairText = (b: Block) => spacedWords(foldedOf(b)) } = context;
  const heavy = words.filter((w) => !w.light);
  if (heavy.length === 0 || candidates.length === 0) return;
  const head = headOf(candidates, RERANK_DEPTH);
  const sets = heavy.map(wordTerms);
  const ownSets = heavy.map((w) => new Set([...w.terms, ...w.parts.flatMap((p) => p.terms)]));
  const covers = pairCovers(heavy);
  const short = heavy.length <= 2;
  const run = heavy.length <= MAX_RUN_SUBSTANCE ? context.run : undefined;
  const loose = substanceRun(run);
  const ownPairs = !short && readsOwnPairs(heavy, context.unphrased === true);
  const years = asksForYears(words.filter((w) => w.light).map((w) => w.text));
  const defines = short ? heavy.map((w) => introductionStrength(w, { years })) : [];
  // A role introduces a name: read only when every word of substance is one ("who was Pierre Broué",
  // "what was Iagoda's job"); "Jagoda's confessions" is a topic, which a role does not answer.
  const named = heavy.every((w) => w.capitalised === true && !(w.opens === true && sentenceCase(w)));
  // The first passage (by source line) of each work that names a one-word query's term; two words
  // are as often a topic ("Kirov assassination") as a name, and a topic is not introduced once.
  const firstOf = new Map<string, { line: number; id: string }>();
  const own = focus ? new Set(sets.flatMap((set) => [...set])) : undefined;
  // The counted word among the words of substance, when the question counts one the query keeps.
  const countedWord = focus?.counted === undefined ? -1 : heavy.findIndex((w) => w.text === focus.counted);
  // Only a passage that gives what the question asks for borrows (context-cover.ts): none without a focus.
  const borrow = context.context && focus ? contextCover(words, context.context, positionsOf) : undefined;
  const formOf = new Map<T, boolean | undefined>();
  // A listed title's words are no topic (TOPIC_SUBSTANCE); asked for a reference or naming a work ("Lenoe's Kirov book"), the title is the answer.
  const topic = heavy.length <= TOPIC_SUBSTANCE && !asksForReference(words.filter((w) => w.light).map((w) => w.text)) && !words.some((w) => isWorkKind(w.text));
  for (const c of head) {
    const titleWords = topic && listsWorks(c.block);
    // One word has no proximity, and a candidate of this stage has it (or what stands for it).
    const matched = heavy.length === 1 && !focus && !context.negated && !context.polar ? undefined : wordPositions(c.block, sets, positionsOf);
    const { span, words } = matched === undefined || heavy.length === 1 ? { span: 0, words: 1 } : smallestSpan(matched);
    let factor = 1;
    // A bibliography entry lists a work: its "Bobrov, Vladimir" or "Stalin (1930-1932)" introduces
    // no one, gives no one's years and answers no question's focus.
    const entry = c.block.kind === 'bibliography';
    // A reference is asked for in its own words: an entry none of the query's words meet as
    // themselves (only a synonym or another name: "Peterburg" in "Klio (St. Petersburg)") lists no
    // work the reader named.
    if (entry && wordPositions(c.block, ownSets, positionsOf).every((p) => p.length === 0)) factor *= EXPANDED_ENTRY;
    const answers = !entry && focus !== undefined && matched !== undefined && (focus.counted === undefined || countedWord >= 0) && givesFocus(positionsOf(c.block), matched, own!, focus, countedWord >= 0 ? matched[countedWord] : undefined, c.block);
    if (answers) factor *= 1 + (countedWord >= 0 ? COUNT_FOCUS : CUE_FOCUS.has(focus.kind) ? CAUSE_FOCUS : FOCUS);
    // Why a thing is called so: the passage that says it names it ("I use the word …") beside the reason.
    if (answers && focus.named && givesFocus(positionsOf(c.block), matched!, own!, { kind: 'name' }, undefined, c.block)) factor *= 1 + CAUSE_FOCUS;
    // A note or a quotation is indexed with the passage it annotates or its lead-in, where the words it lacks may be.
    if (words >= 2 && Number.isFinite(span)) factor *= proximity(span, words, BORROWS_WORDS.has(c.block.kind) ? words : heavy.length);
    // A short query's two words side by side are its topic ("Snyder's sources" in "Snyder's main
    // sources"), said in its own words or in others; apart, a passage only repeats them.
    if (words >= 2 && !titleWords) {
      const at = positionsOf(c.block);
      const own = ownPairs ? OWN_PAIRS * paraphrasedPairShare(at, covers, true) : 0;
      factor *= 1 + PARAPHRASED_PAIRS * Math.max(paraphrasedPairShare(at, covers, short), own);
    }
    // A lower-case word is defined or first mentioned in the form typed, or its plural: "(not
    // logical)" introduces no "logically", nor "Organization" "organize" (typed-form.ts).
    const asTyped = short ? typedWords(c.block, heavy, positionsOf(c.block), true) : [];
    if (heavy.length === 1) formOf.set(c, asTyped[0]);
    if (short && words === heavy.length) {
      const folded = foldedOf(c.block);
      if (!entry) factor *= 1 + DEFINITION * Math.max(0, ...defines.map((d, i) => (asTyped[i] === false ? 0 : d(folded, named ? c.block.plain : undefined))));
      const work = c.block.locator.work;
      if (named && context.whoIs && readingOf(c.block).starts.length - heavy.length <= BARE_WORDS) factor *= BARE;
      const seen = firstOf.get(work);
      if (!asTyped.includes(false) && (!seen || c.block.lines[0] < seen.line)) firstOf.set(work, { line: c.block.lines[0], id: c.block.id });
    }
    // A short query's words are a name or a term, which the definitions read.
    if (!short && pairs.length && !titleWords) factor *= 1 + PHRASING * pairShare(pairText(c.block), pairs);
    if (short && !titleWords) factor *= 1 + (TYPED_FORM * typedWords(c.block, heavy, positionsOf(c.block)).filter((t) => t === true).length) / heavy.length;
    const said = run && !titleWords && readsRuns(c.block) ? runText(c.block, pairText) : undefined;
    if (said?.all.includes(run!)) factor *= 1 + TYPED_RUN;
    else if (loose && said?.substance.includes(loose)) factor *= 1 + LOOSE_RUN;
    if (borrow && matched && c.coverage !== undefined) factor *= borrow(c.block, matched, c.coverage, answers);
    if (context.negated && matched && negatesMatched(readingOf(c.block), matched)) factor *= 1 + NEGATED;
    else if (context.polar && matched && takesSide(readingOf(c.block), matched)) factor *= 1 + POLAR;
    c.score *= factor;
  }
  if (heavy.length === 1) {
    const firsts = new Set([...firstOf.values()].map((f) => f.id));
    for (const c of head) if (firsts.has(c.block.id)) c.score *= 1 + FIRST_MENTION;
  }
  if (heavy.length === 1) belowTypedForm(formOf);
  if (years && short) answersFirst(candidates, (c) => c.block.kind !== 'bibliography' && defines.some((d) => d(foldedOf(c.block)) > 0));
  // An abbreviation a bibliography entry ends with ("TIE", "what does PiLT2 stand for") is that
  // entry's siglum: the entry is its expansion, asked for alone or in a question. Beside another
  // word ("Harvard TA") the query is a topic, which the text's own words answer.
  if (heavy.length === 1 || (short && words.some((w) => w.light))) {
    const sigla = new Set(heavy.filter((w) => w.capitalised).map((w) => siglumKey(w.text)));
    if (sigla.size) answersFirst(candidates, (c) => sigla.has(abbreviation(c.block, context.siglumOf) ?? ''));
  }
  // The authors and title of an entry typed whole (siglum.ts referenceWords); before
  // the siglum, which then goes above it: "Rogovin 1937" is b124's siglum and b123's author and title ("1937").
  const referenceOf = context.referenceOf;
  if (referenceOf && heavy.length >= 3) {
    const typed = wordsTyped(heavy);
    answersFirst(candidates, (c) => c.block.kind === 'bibliography' && referenceOf(c.block).some((r) => typed(r)));
  }
  // A short citation typed as the text prints it ("Broué 1980"): the entry it stands for (siglum.ts typesSiglum).
  const siglumOf = context.siglumOf;
  if (siglumOf && heavy.length >= 2) {
    const typed = siglumTyped(heavy);
    answersFirst(candidates, (c) => {
      const siglum = c.block.kind === 'bibliography' ? siglumOf(c.block) : undefined;
      return siglum !== undefined && typed(siglum);
    });
  }
  // Asked who published a work, or where: its own imprint, or the entry listing it (publisher-query.ts).
  const asking = context.publisher;
  const rest = asking ? sets.filter((_, i) => !asking.has(heavy[i]!.text)) : [];
  if (rest.length) answersFirst(candidates, publisherAnswers(candidates, (c) => wordPositions(c.block, rest, positionsOf).every((p) => p.length > 0)));
  // A siglum typed as several words, its space or hyphen kept or not ("R PP", "Sots. Vest."): the
  // whole query is the siglum, though its single letter is no word and its parts are two.
  if (context.siglum) answersFirst(candidates, (c) => abbreviation(c.block, context.siglumOf) === context.siglum);
  // Asked for a work's reference ("… full reference", "… publisher"), the entries listing it are
  // the answer: those holding every word of substance rank above the passages that name the work.
  if (asksForReference(words.filter((w) => w.light).map((w) => w.text))) {
    answersFirst(candidates, (c) => c.block.kind === 'bibliography' && wordPositions(c.block, sets, positionsOf).every((p) => p.length > 0));
  }
}

/**
 * Asked for a person's years (one or two words of substance), the test of a passage (folded) that
 * `rerank` lifts above all others: it gives the years after the name. Undefined for other queries.
 */
export function givesYears(words: QueryWord[]): ((folded: string) => boolean) | undefined {
  const heavy = words.filter((w) => !w.light);
  if (heavy.length === 0 || heavy.length > 2 || !asksForYears(words.filter((w) => w.light).map((w) => w.text))) return undefined;
  const defines = heavy.map((w) => introductionOf(w, { years: true }));
  return (folded) => defines.some((d) => d(folded));
}

/**
 * A bibliography entry's siglum, as its key (siglum.ts), when it is an abbreviation ("TIE", "PiLT2",
 * "CahLT", "R-PP": two capitals at least), not an author's name ("Lenoe"), which the entry only
 * shares with every passage naming the author.
 */
function abbreviation(block: Block, siglumOf: RerankContext['siglumOf']): string | undefined {
  if (block.kind !== 'bibliography') return undefined;
  return abbreviatedSiglum(siglumOf?.(block));
}

/**
 * Asked for a person's years, the passages that give them (after the name: "Trotsky, Leon,
 * 1879-1940", "Broué died in 2005") are the answer, wherever BM25 put them: a catalogue line names
 * a common name once among other words and ranks below hundreds of passages that name it often,
 * far below what doubling its score could mend. They rank above all others, in their own order.
 * The test is a pattern after the name, cached per passage; it runs only for such questions.
 */
function answersFirst<T extends Rerankable>(candidates: T[], answers: (c: T) => boolean): void {
  const yes = candidates.filter(answers);
  if (yes.length === 0) return;
  let top = 0;
  for (const c of candidates) if (!yes.includes(c)) top = Math.max(top, c.score);
  for (const c of yes) c.score += top;
}
