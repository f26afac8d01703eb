/**
 * Introductions by a role: the text names a person, a body or a publication with what it is beside
 * the name, and a reader asking "who was X", "what was X's role" or typing "X" wants that passage.
 *
 * - An appositive after the name: "Andrei Y. Vyshinsky, the Soviet prosecutor, …", "Leon Sedov,
 *   Trotsky's son and his main political aide", "Kirov, First Secretary of the Bolshevik party in
 *   Leningrad", "Yezhov, head of the NKVD", "Valentin Astrov, one of Bukharin's followers".
 * - A role said without an article: "Genrikh Iagoda was head of the OGPU".
 * - A title before the name: "American historian Arch Getty", "NKVD chief Nikolai Yezhov", "future
 *   French CP leader Jacques Duclos" (a person's noun in WordNet, by its hypernyms).
 *
 * Read on the passage's text with its letter case (foldKeepCase), which the folded text the other
 * introductions are read in has lost: "the Rights" and "the foremost historian" differ only there.
 * Not an introduction: a list of names ("Zinoviev, Kamenev, and others", "the Zinovievists, the
 * Sten-Lominadze group, Safarov, and …"), a speaker's label ("Prosecutor Vyshinsky:"), a verb's
 * participle before a name ("accused Trotsky"), a role reported in a clause ("knew that Yezhov was
 * head of …").
 */
import { analyseTerm, EN_STOPWORDS } from './analyse/index.ts';
import { nounKind, partsOfSpeech } from './expand/wordnet.ts';
import { escapeRegExp } from '../regexp.ts';

/** Occurrences of the name read, at most: the first few are where a text introduces it. */
const OCCURRENCES = 6;
/** Words in an appositive read, at most. */
const APPOSITIVE_WORDS = 10;
/** Words that open an appositive as a determiner does. */
const OPENERS = new Set(['the', 'his', 'her', 'their', 'its', 'one', 'then', 'later', 'former', 'future', 'once', 'now', 'a', 'an']);
/** Nouns before "of" that say how much or where, not what: "most of the", "part of the", "instead of". */
const NOT_ROLES = new Set(['part', 'most', 'some', 'all', 'none', 'both', 'each', 'any', 'many', 'few', 'several', 'one', 'rest', 'many', 'much', 'lot', 'kind', 'sort', 'type', 'number', 'majority', 'minority', 'half', 'course', 'top', 'end', 'side', 'front', 'instead', 'because', 'regardless', 'ahead', 'out', 'inside', 'outside', 'spite', 'behalf', 'account', 'view', 'case', 'means', 'terms', 'sake']);
const CAPITALISED = /^\p{Lu}/u;
const LOWER_WORD = /^\p{Ll}[\p{Ll}'’-]{2,}$/u;
const POSSESSIVE = /^\p{Lu}[\p{L}'’-]*['’]s$/u;
/** Inflected forms a title or role is not: "accused Trotsky", "Iagoda was aware of". */
const NOT_A_NOUN_FORM = /(?:ed|ing|ly)$/u;
/** The appositive ends at the next comma, stop, parenthesis, colon, semicolon or dash between spaces. */
const APPOSITIVE_END = /[,;:.()[\]]|\s[-–—]\s/u;
/** The name's clause is reported ("Bukharin knew that Yezhov was …"): the role is a claim, not the text's introduction. */
const REPORTED = /\b(?:that|whether|if)\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,2}$/u;
const PREDICATE = /^\s*,?\s+(?:is|was|became|had been|remained)\s+(?:then\s+|later\s+|once\s+|still\s+|also\s+|now\s+)?(?:the\s+)?(\p{Ll}[\p{Ll}-]+)\s+of\b/u;
/** A title word right before the name, its first names and initials between them. */
const TITLE_BEFORE = /(?:^|[^\p{L}'’-])(\p{Ll}[\p{Ll}-]+)\s+(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}$/u;

const stemOf = (word: string): string => analyseTerm(word.toLowerCase())[0] ?? word.toLowerCase();
const isContentWord = (w: string): boolean => LOWER_WORD.test(w) && !EN_STOPWORDS.has(w);

/** A noun that can be a role before "of": WordNet knows it as a noun, and it says no quantity or place. */
function roleBeforeOf(word: string): boolean {
  if (!LOWER_WORD.test(word) || NOT_ROLES.has(word) || NOT_A_NOUN_FORM.test(word) || EN_STOPWORDS.has(word)) return false;
  return partsOfSpeech(stemOf(word)).has('n');
}

/** A list, not an appositive: ", and …" or another bare name after it. */
const LIST_AFTER = /^\s*,\s*(?:(?:and|or)\b|(?:\p{Lu}[\p{L}'’.-]*\s*){1,3}(?:,|\band\b|\bor\b))/u;

/** "X, the Soviet prosecutor, …": what follows the name after its comma (`after` starts right after the name). */
function appositive(after: string): boolean {
  const open = /^\s*,\s+/u.exec(after);
  if (!open) return false;
  const rest = after.slice(open[0].length);
  const end = APPOSITIVE_END.exec(rest);
  const phrase = end ? rest.slice(0, end.index) : rest;
  if (end && LIST_AFTER.test(rest.slice(end.index))) return false;
  const words = phrase.trim().split(/\s+/u).slice(0, APPOSITIVE_WORDS);
  const first = words[0] ?? '';
  if (OPENERS.has(first) || POSSESSIVE.test(first)) return words.slice(1, 5).some(isContentWord);
  const of = words.indexOf('of');
  if (of >= 1 && of <= 4) {
    const head = words.slice(0, of);
    // "First Secretary of …", "People's Commissar of …": a title; "head of the NKVD": a role.
    if (head.every((w) => CAPITALISED.test(w))) return true;
    if (of === 1) return roleBeforeOf(first);
  }
  // "Matthew Lenoe, American historian …", "X, government official": a person's noun among its first words.
  return words.slice(0, 3).some((w) => LOWER_WORD.test(w) && !NOT_A_NOUN_FORM.test(w) && nounKind(stemOf(w)) === 'person');
}

/** "Iagoda was head of the OGPU", not in a reported clause. */
function predicate(after: string, before: string): boolean {
  const m = PREDICATE.exec(after);
  return m !== null && !REPORTED.test(before) && roleBeforeOf(m[1]!);
}

/**
 * "American historian Arch Getty": a person's noun right before the name (`before` ends right before
 * it), which is no verb too. Not a body's: "the French Communist Party's newspaper Humanité" names
 * the paper in passing.
 */
function titleBefore(before: string): boolean {
  const m = TITLE_BEFORE.exec(before);
  if (!m) return false;
  const word = m[1]!;
  if (EN_STOPWORDS.has(word) || NOT_A_NOUN_FORM.test(word)) return false;
  // A verb before a name is its object's, not its title: "tried to recruit Zborowski as a terrorist".
  const stem = stemOf(word);
  return nounKind(stem) === 'person' && !partsOfSpeech(stem).has('v');
}


/**
 * An appositive or a title beside a name introduces it less surely than a sentence saying what it
 * is ("Iagoda was head of …", as "X was a …" does): the name may stand in a sentence about another
 * ("This corresponds with the testimony of Valentin Astrov, one of Bukharin's followers"), and
 * the pattern is looser.
 */
export const BESIDE = 0.75;

/**
 * How surely the passage introduces `spelling` (a word of its own, folded) by a role: 1 said of it
 * in a sentence, BESIDE beside it, 0 not. `folded` is its folded text, `cased` the same with letter
 * case kept (foldKeepCase); 0 when they do not align.
 */
export function introducesByRole(spelling: string, folded: string, cased: string): number {
  if (spelling.length < 2 || cased.length !== folded.length) return 0;
  let best = 0;
  const word = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(spelling)}(?![\\p{L}\\p{N}])`, 'gu');
  let seen = 0;
  for (const m of folded.matchAll(word)) {
    if (++seen > OCCURRENCES) break;
    const at = m.index;
    // Only a name, which the text capitalises, is introduced by a role: "in 1926, the idea …" is no appositive of a year.
    if (!CAPITALISED.test(cased[at] ?? '')) continue;
    const end = at + spelling.length;
    const after = cased.slice(end, end + 200);
    // A speaker's label or a lead-in names the one who speaks, and says nothing of who he is.
    if (/^\s*:/u.test(after)) continue;
    const before = cased.slice(Math.max(0, at - 100), at);
    if (predicate(after, before)) return 1;
    if (best === 0 && (appositive(after) || titleBefore(before))) best = BESIDE;
  }
  return best;
}
