/**
 * Relations the texts state between people: "Leon Sedov, Trotsky's son", "Trotsky and his son Leon
 * Sedov", "Aleksandr Iakovlev, a Politburo member and Gorbachev's chief for ideology", "Estrina was
 * … secretary to Sedov". A reader asks "did Trotsky's son justify terrorism" of a passage that says
 * only "Sedov": the query's "Trotsky's son" then stands for the name the text gave that relation.
 *
 * The relations are learned from the corpus's own English passages (a few patterns of apposition
 * and possession around a word of kinship or role), never listed by hand; a relation the text gives
 * to several people ("Trotsky's secretaries") is too vague to stand for one and is left out.
 * The query side reads "X's R", "X's … R", "X and his R", "R of/to X" from the folded query and adds
 * the name as an expansion of both words, at nearly the weight of the reader's own word (as another
 * name of one person is: names.ts): it is the same person.
 */
import { SEARCHABLE_KINDS } from '../../corpus/corpus.ts';
import type { Block } from '../../corpus/model.ts';
import type { WorkBuild } from '../../corpus/work.ts';
import type { ParsedQuery, QueryWord } from '../analyse/index.ts';
import { crossScriptKey } from '../analyse/key.ts';
import { analyseTerm } from '../analyse/term.ts';
import { plainLatin } from '../analyse/key.ts';
import { stemEnglish } from '../analyse/stem.ts';
import { EN_STOPWORDS } from '../analyse/stopwords.ts';

/** Kinship and roles one person has to another. */
const RELATION_WORDS = [
  'son', 'daughter', 'wife', 'husband', 'widow', 'father', 'mother', 'brother', 'sister', 'nephew', 'niece', 'grandson', 'granddaughter',
  'secretary', 'chief', 'head', 'deputy', 'aide', 'assistant', 'bodyguard', 'successor', 'predecessor', 'lawyer', 'biographer', 'representative', 'lover', 'friend',
];
const RELATION_STEMS: ReadonlySet<string> = new Set(RELATION_WORDS.map((w) => stemEnglish(w)));
/** A relation named for more people than this says nothing about which one is meant. */
const MAX_PEOPLE = 1;
/** An alias counts this much of the reader's words: the same person, named otherwise. */
export const RELATION_WEIGHT = 0.9;

const REL = `(${RELATION_WORDS.join('|')})`;
// A name: capitalised words (initials and a lower-case particle inside allowed), e.g. "L. Sedov", "Jean van Heijenoort".
const NAME = String.raw`((?:\p{Lu}\.\s*)*\p{Lu}[\p{Ll}'’-]+(?:\s+(?:van|von|de|der|del|di|la|le)?\s*\p{Lu}[\p{Ll}'’-]+){0,3})`;
const S = `['’]s`;
/** [pattern, which group is the person X, the relation, the other person Y] — Y is X's relation. */
const PATTERNS: [RegExp, number, number, number][] = [
  // Trotsky's son Leon Sedov; Trotsky's son, Leon Sedov
  [new RegExp(String.raw`${NAME}${S}\s+${REL},?\s+${NAME}`, 'gu'), 1, 2, 3],
  // Leon Sedov, Trotsky's son; Aleksandr Iakovlev, a Politburo member and Gorbachev's chief
  [new RegExp(String.raw`${NAME},\s+(?:[^,.;()]{0,50}?\s)?${NAME}${S}\s+${REL}\b`, 'gu'), 2, 3, 1],
  // Trotsky and his son Leon Sedov; Bukharin privately told his wife, Anna Larina
  [new RegExp(String.raw`${NAME}\s+(?:\p{Ll}+\s+){1,3}his\s+${REL},?\s+${NAME}`, 'gu'), 1, 2, 3],
  // Lilia Estrina was a supporter of Trotsky's movement and secretary to Sedov
  [new RegExp(String.raw`${NAME}\s+(?:was|is|became)\s[^.;]{0,60}?\b${REL}\s+(?:to|of)\s+${NAME}`, 'gu'), 3, 2, 1],
];
const ANY_RELATION = new RegExp(String.raw`\b${REL}\b`, 'gu');
/** Characters around a relation word that its patterns read: a name and an apposition before it, a name after. */
const BEFORE = 110;
const AFTER = 50;
const SENTENCE_START = /(?:^|[.!?:;]["'”’]?\s+)$/u;

/** X's key (its cross-script key, else its stem) and the relation's stem → the people so related. */
export type Relations = ReadonlyMap<string, ReadonlyMap<string, number>>;

const lastWord = (name: string) => name.split(/\s+/u).at(-1)!.replace(/['’]s$/u, '');
const personKey = (word: string) => {
  const plain = plainLatin(word.toLowerCase());
  return crossScriptKey(plain) ?? stemEnglish(plain);
};
const keyOf = (person: string, relation: string) => `${personKey(person)}\u0000${stemEnglish(relation.toLowerCase())}`;

/** A capitalised word that is no name: a sentence's first word ("However, Trotsky's son"), a stop word. */
function nameLike(name: string, text: string, at: number): boolean {
  const last = lastWord(name);
  if (last.length < 3 || EN_STOPWORDS.has(last.toLowerCase())) return false;
  // One capitalised word opening a sentence may be any word; two (Aleksandr Iakovlev) are a name.
  return name.includes(' ') || !SENTENCE_START.test(text.slice(Math.max(0, at - 4), at));
}

/** The relations stated in these texts (English passages). */
export function learnRelations(texts: Iterable<string>): Relations {
  const found = new Map<string, Map<string, number>>();
  const windows: string[] = [];
  for (const passage of texts) {
    // Only the text around each relation word is read: the patterns are costly on a whole passage.
    ANY_RELATION.lastIndex = 0;
    let end = -1;
    for (const hit of passage.matchAll(ANY_RELATION)) {
      if (hit.index < end) continue;
      const from = Math.max(0, hit.index - BEFORE);
      end = Math.min(passage.length, hit.index + hit[0].length + AFTER);
      windows.push(passage.slice(from, end));
    }
  }
  for (const text of windows) {
    for (const [re, x, r, y] of PATTERNS) {
      re.lastIndex = 0;
      for (const m of text.matchAll(re)) {
        const person = m[x]!;
        const other = m[y]!;
        const personAt = m.index + m[0].indexOf(person);
        const otherAt = m.index + m[0].indexOf(other);
        if (!nameLike(person, text, personAt) || !nameLike(other, text, otherAt)) continue;
        if (personKey(lastWord(person)) === personKey(lastWord(other))) continue;
        const key = keyOf(lastWord(person), m[r]!);
        let people = found.get(key);
        if (!people) found.set(key, (people = new Map()));
        const name = lastWord(other);
        people.set(name, (people.get(name) ?? 0) + 1);
      }
    }
  }
  return found;
}

/** Each work's relations, learned once per process and shared by every engine that searches the work (a group's and the bundled corpus's). */
const learned = new WeakMap<WorkBuild, Relations>();

/** The relations stated in these works' English passages: each work's learned once, then merged. */
export function relationsOf(works: readonly WorkBuild[]): Relations {
  const merged = new Map<string, Map<string, number>>();
  for (const work of works) {
    let own = learned.get(work);
    if (!own) learned.set(work, (own = learnRelations(englishTexts(work.blocks))));
    for (const [key, people] of own) {
      let into = merged.get(key);
      if (!into) merged.set(key, (into = new Map()));
      for (const [name, n] of people) into.set(name, (into.get(name) ?? 0) + n);
    }
  }
  return merged;
}

function* englishTexts(blocks: readonly Block[]): Generator<string> {
  // A bibliography's titles state no relation ("Leon Trotsky's Collaboration with Germany").
  for (const b of blocks) if (b.lang === 'en' && !b.suppressed && SEARCHABLE_KINDS.has(b.kind) && b.kind !== 'bibliography') yield b.plain;
}

const TOKEN = String.raw`([\p{L}\p{M}-]+)`;
/** [pattern, the person's group, the groups that may be the relation (the first that is one counts)]. */
const QUERY_PATTERNS: [RegExp, number, number[]][] = [
  // Trotsky's son; Gorbachev's ideology chief
  [new RegExp(String.raw`${TOKEN}['’]s\s+([\p{L}]+)(?:\s+([\p{L}]+))?`, 'gu'), 1, [2, 3]],
  // Trotsky and his son
  [new RegExp(String.raw`${TOKEN}\s+and\s+(?:his|her)\s+([\p{L}]+)`, 'gu'), 1, [2]],
  // the son of Trotsky; secretary to Sedov
  [new RegExp(String.raw`([\p{L}]+)\s+(?:of|to)\s+${TOKEN}`, 'gu'), 2, [1]],
];

/**
 * Adds to the query's words for a person and a relation ("Trotsky's son") the person the texts say
 * is so related (Sedov), as an expansion of both: a passage that names him answers for both words.
 * `relations` is called only when the query names a relation.
 */
export function expandRelations(parsed: ParsedQuery, relations: () => Relations, has: (term: string) => boolean): void {
  const text = parsed.text;
  for (const [re, x, groups] of QUERY_PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const relation = groups.map((g) => m[g]).find((r) => r !== undefined && RELATION_STEMS.has(stemEnglish(r)));
      if (!relation) continue;
      const person = m[x]!.replace(/['’]s$/u, '');
      const people = relations().get(keyOf(person, relation));
      if (!people || people.size > MAX_PEOPLE) continue;
      const terms = [...people.keys()].flatMap((name) => analyseTerm(name)).filter(has);
      if (!terms.length) continue;
      for (const w of parsed.words) if (w.text === person || w.text === relation) addExpansions(w, terms);
    }
  }
}

function addExpansions(w: QueryWord, terms: string[]): void {
  const list = (w.expansions ??= []);
  for (const term of terms) {
    if (w.terms.includes(term)) continue;
    const old = list.find((e) => e.term === term);
    if (old) {
      old.weight = Math.max(old.weight, RELATION_WEIGHT);
      old.cover = Math.max(old.cover ?? old.weight, RELATION_WEIGHT);
    } else list.push({ term, weight: RELATION_WEIGHT });
  }
}
