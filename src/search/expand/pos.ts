/**
 * The part of speech a query word is used in, guessed from the word before it, so that WordNet is
 * asked about that sense only: "Khrushchev's charges" is a noun (accusations, not "charge at"),
 * "to be untrue" an adjective, "been exonerated" a verb. A reader's query is a few words, often no
 * sentence, so no tagger is needed or reliable here: the word before is a determiner or possessive
 * (a noun or its adjective follows), a form of "be" (a participle or an adjective), or "to", a modal,
 * "did" or a subject pronoun (a verb), or in a question asked with "do" the first bare verb after its
 * subject ("what did the Japanese want"); a word in -s is no adjective. Adverbs in between are skipped ("been officially exonerated", "were never charged"). The word's own
 * ending says it too, where the stem conflates a noun with its verb or adjective: "constitution" is
 * no "constitute", "competitive" no "compete". (An adverb keeps its adjective's senses: WordNet
 * gives "clearly", "personally" few synonyms of their own.) A participle in -ed or -ing has its own
 * cues (`participleUse`): before the noun it qualifies it is an adjective ("missing papers", "a
 * seasoned plotter": absent, experienced — not miss, fail, time), an adjective only as WordNet lists
 * the participle itself ("were faked": falsify, forge, not the adjective fake's phony), and "would",
 * "did" or "to" say nothing of it, since they take a verb's bare form. Where nothing says, the word keeps every part of speech WordNet knows it in.
 */
import type { ParsedQuery, QueryWord } from '../analyse/index.ts';
import { stemEnglish } from '../analyse/stem.ts';
import { EN_STOPWORDS } from '../analyse/stopwords.ts';
import { isAdjectiveParticiple, partsOfSpeech, type PartOfSpeech } from './wordnet.ts';

const TOKEN = /[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;
const NOUN_OR_ADJECTIVE = new Set<PartOfSpeech>(['n', 'a']);
const VERB_OR_ADJECTIVE = new Set<PartOfSpeech>(['v', 'a']);
const VERB = new Set<PartOfSpeech>(['v']);
const ADJECTIVE = new Set<PartOfSpeech>(['a']);

const DETERMINERS = new Set('the a an his her its their our my your this these those whose each every several no any some another'.split(' '));
const BE = new Set('be been being was were is are am'.split(' '));
const VERB_BEFORE = new Set('to will would could should can may might must shall did does do didn’t didn\'t doesn’t doesn\'t don’t don\'t cannot'.split(' '));
/** A subject pronoun is followed by its verb ("they charge", "who called"). */
const SUBJECTS = new Set('i we you he she they who'.split(' '));
/** A plural or third-person -s: no adjective or adverb ends so ("charges" is no "charged"). */
const INFLECTED_S = /[^su]s$/;
/**
 * An adverb between the cue and the word ("been officially exonerated") is looked past. Its ending
 * alone does not say so ("Stalin's family supported", "did Italy"): WordNet must know the word as
 * an adverb too.
 */
const ADVERB_ENDING = /^[a-z]{3,}ly$/;
const isAdverb = (token: string) => (ADVERB_ENDING.test(token) && !BE.has(token) && partsOfSpeech(stemEnglish(token)).has('r')) || VERB_ADVERBS.has(token);
/**
 * Adverbs without -ly that stand before a verb, and are looked past as the -ly ones are ("were
 * never charged", "had not invented"). Straight after one, a participle is the verb's ("he never
 * discontinued contact", "always severed ties"): an adjective before its noun has none of them.
 */
const VERB_ADVERBS = new Set('never not always already ever often seldom also still'.split(' '));

const ENDINGS: [RegExp, ReadonlySet<PartOfSpeech>][] = [
  [/(?:tion|sion|ment|ness|ity|ism|ance|ence|ship|hood)s?$/, new Set(['n'])],
  [/(?:ive|ous|ful|less|able|ible)$/, new Set(['a'])],
];

/** A participle's auxiliary: "had faked" is the verb's. */
const HAVE = new Set('have has had having'.split(' '));
/** A form in -ed or -ing with at least three letters before the ending ("speed", "bring" are none). */
const PARTICIPLE_FORM = /^[a-z]{3,}(?:ed|ing)$/;

/**
 * The parts of speech a participle is used in, or undefined when this word is no participle or
 * nothing says. `before`: the cue before it (adverbs looked past); `next`: the word after it.
 * A participle qualifies the next word when that word is no stop word and WordNet knows it as a
 * noun or adjective ("missing outside confirmation", "a seasoned plotter"): it is then the
 * adjective WordNet lists for it, or the verb's participle when there is none ("faked papers").
 * After "be" it is either ("were missing", "been exonerated"); after "have" or a subject, the verb's.
 * Either way an adjective is the participle's own (wordnet.ts), never another its stem stands for:
 * "were faked" is falsified or forged, not the adjective fake's phony.
 */
function participleUse(word: string, before: string | undefined, next: string | undefined, adverb = false): ReadonlySet<PartOfSpeech> | undefined {
  if (!PARTICIPLE_FORM.test(word)) return undefined;
  const stem = stemEnglish(word);
  const known = stem === word ? undefined : partsOfSpeech(stem);
  if (!known?.has('v')) return undefined;
  const past = word.endsWith('ed');
  if (before !== undefined && BE.has(before)) return VERB_OR_ADJECTIVE;
  if (before !== undefined && (HAVE.has(before) || (past && SUBJECTS.has(before)))) return VERB;
  if (adverb && past) return VERB;
  if (past && before !== undefined && afterNoun(before)) return VERB;
  if (next !== undefined && !EN_STOPWORDS.has(next) && /^[a-z]{3,}$/.test(next)) {
    const nextPos = partsOfSpeech(stemEnglish(next));
    if (nextPos.has('n') || nextPos.has('a')) return isAdjectiveParticiple(word) ? ADJECTIVE : VERB;
  }
  // "would", "did", "to" take a verb's bare form: they are no cue for this one.
  return before !== undefined && VERB_BEFORE.has(before) ? NO_CUE : undefined;
}
/**
 * A past participle straight after a noun is its verb ("the testimony proved reliable", "the
 * police faked papers"), not an adjective before the word after it: an adjective that qualifies a
 * noun stands after a determiner or another adjective, not after a noun of its own clause.
 * A word WordNet knows as a noun and neither an adjective nor a verb says so; a name it does not know says nothing.
 */
function afterNoun(word: string): boolean {
  if (EN_STOPWORDS.has(word) || !/^[a-z]{3,}$/.test(word)) return false;
  const pos = partsOfSpeech(stemEnglish(word));
  return pos.has('n') && !pos.has('v');
}

/** A participle after "would" or "did": whatever the word before says, it is not that. */
const NO_CUE: ReadonlySet<PartOfSpeech> = new Set();

/** The parts of speech a word with this ending can be, or undefined when its ending says nothing. */
function byEnding(word: string): ReadonlySet<PartOfSpeech> | undefined {
  if (word.length < 5) return undefined;
  return ENDINGS.find(([ending]) => ending.test(word))?.[1];
}

/** What both cues allow; one cue alone when the other says nothing or they disagree. */
function both(a: ReadonlySet<PartOfSpeech> | undefined, b: ReadonlySet<PartOfSpeech> | undefined): ReadonlySet<PartOfSpeech> | undefined {
  if (!a || !b) return a ?? b;
  const common = new Set([...a].filter((p) => b.has(p)));
  return common.size ? common : b;
}

/** The parts of speech the word after `before` can be, or undefined when the word before says nothing. */
function after(before: string | undefined): ReadonlySet<PartOfSpeech> | undefined {
  if (before === undefined) return undefined;
  if (/['’]s$/.test(before) || DETERMINERS.has(before)) return NOUN_OR_ADJECTIVE;
  if (BE.has(before)) return VERB_OR_ADJECTIVE;
  if (VERB_BEFORE.has(before) || SUBJECTS.has(before)) return VERB;
  return undefined;
}

/** Words that open a question before its auxiliary ("what did …", "how does …"). */
const QUESTION_OPENERS = new Set('what who whom whose why how when where which'.split(' '));
const DO = new Set('do does did'.split(' '));
/**
 * A question asked with "do" ("what did the Japanese want", "why did Trotsky deny the bloc",
 * "what did Sonny ask of Mak") has its verb after its subject, where no word before says so: the
 * word before "want" is a name or a noun. The subject is its first word (after a determiner or a
 * possessive) and at most two more; the verb is the first word after it in a bare form that WordNet
 * knows as a verb. The token index of that verb, or -1.
 */
function verbAfterSubject(tokens: readonly string[]): number {
  let d = 0;
  if (QUESTION_OPENERS.has(tokens[0]!)) d = 1;
  if (!DO.has(tokens[d] ?? '')) return -1;
  let j = d + 1;
  if (j < tokens.length && (DETERMINERS.has(tokens[j]!) || /['’]s$/.test(tokens[j]!))) j++;
  for (let k = j + 1; k < Math.min(tokens.length, j + 4); k++) {
    const t = tokens[k]!;
    // "Do" takes the verb's bare form: a word in -s, -ed or -ing is the subject's ("translators").
    if (EN_STOPWORDS.has(t) || !/^[a-z]{3,}$/.test(t) || INFLECTED_S.test(t) || /(?:ed|ing)$/.test(t)) continue;
    if (partsOfSpeech(stemEnglish(t)).has('v')) return k;
  }
  return -1;
}

/** Per query word (by identity), the parts of speech it is used in; a word missing from the map may be any. */
export function queryPartsOfSpeech(parsed: ParsedQuery): Map<QueryWord, ReadonlySet<PartOfSpeech>> {
  const tokens = (parsed.text.match(TOKEN) ?? []).map((t) => t.toLowerCase());
  const out = new Map<QueryWord, ReadonlySet<PartOfSpeech>>();
  let from = 0;
  const verb = verbAfterSubject(tokens);
  for (const w of parsed.words) {
    const at = tokens.findIndex((t, i) => i >= from && t.replace(/['’]s$/, '') === w.text);
    let context: ReadonlySet<PartOfSpeech> | undefined;
    if (at >= 0) {
      from = at + 1;
      let i = at - 1;
      while (i >= 0 && isAdverb(tokens[i]!)) i--;
      const participle = participleUse(w.text, tokens[i], tokens[at + 1], i < at - 1 && VERB_ADVERBS.has(tokens[at - 1]!));
      // Nothing before it says, but "of" after a plural does: "riddles of Stalin's death" are no verb.
      if (participle) context = participle.size ? participle : undefined;
      else context = after(tokens[i]) ?? (at === verb ? VERB : tokens[at + 1] === 'of' && INFLECTED_S.test(w.text) ? NOUN_OR_ADJECTIVE : undefined);
    }
    let pos = both(context, byEnding(w.text));
    if (pos && INFLECTED_S.test(w.text)) pos = new Set([...pos].filter((p) => p === 'n' || p === 'v'));
    if (pos?.size) out.set(w, pos);
  }
  return out;
}
