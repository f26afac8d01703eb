/**
 * Query expansion: other index terms that stand for a query word, each weighed below the word's own
 * terms. Synonyms and near relations come from WordNet (English words); translations from the
 * lexicon learned from the corpus's own translation pairs (lexicon.ts). An expansion the index does
 * not hold is dropped, and so is one found in a large share of the passages: it would cost time
 * on a large corpus and say little about any passage.
 */
import type { ParsedQuery, QueryWord } from '../analyse/index.ts';
import { analyseTerm, isKey } from '../analyse/index.ts';
import type { Lexicons } from './lexicon.ts';
import { cognateStems } from './cognates.ts';
import { PART_WEIGHT } from './compound-ru.ts';
import { doctrineSiblings } from './doctrines.ts';
import { glossaryTerms, readApartFromStem } from './glossary.ts';
import { frenchGlossaryTerms } from './glossary-fr.ts';
import { isFrenchFunctionWord } from '../analyse/light.ts';
import { otherNames, placeAdjectiveLinks } from './names.ts';
import { placeNameTerms } from './place-adjectives.ts';
import { negatedStem } from './negated.ts';
import { queryPhrases } from './phrases.ts';
import { adverbAdjective, irregularForms, NEAR, relatedStems, sharedGlossSynonyms, SYNONYM, type PartOfSpeech, type Relation } from './wordnet.ts';

/** An adverb's adjective and the adjective's adverb where Porter2 stems them apart (wordnet.ts adverbAdjective): the same word, as its forms are. */
export const ADVERB_ADJECTIVE = 0.5;

/**
 * A negated word's stem (unpublished: "not published", negated.ts) is related as closely as a
 * narrower word, and weighed as WordNet's relations are: the passage may say the stem without the
 * negation, which is the opposite.
 */
/**
 * A synonym the text writes only in its irregular forms (escape → flee: the text has "fled", never
 * "flee") is met by those forms, as a word's own forms are the word; not a form that is a word of
 * its own (found, left). A synonym the text has is not followed to its forms: took, got, wrote of
 * take, get, write, reached as a loose synonym, were noise (admitted → take → took).
 */
const absentForms = (term: string, index: ExpansionIndex): string[] => (index.has(term) ? [] : irregularForms(term).filter((f) => f.weight >= 1).map((f) => f.term));
/** A synonym's family (FAMILY_ENDINGS) and its absent forms, each with the share of its weight it has. */
const kin = (term: string, index: ExpansionIndex): [string, number][] => [...family(term, index).map((f): [string, number] => [f, FAMILY]), ...absentForms(term, index).map((f): [string, number] => [f, 1])];
const negatedRelation = (text: string): Relation[] => {
  const stem = negatedStem(text);
  return stem === undefined ? [] : [{ term: stem, weight: NEAR }];
};

/** Synonyms count at most this much of the query's own word. */
export const SYNONYM_SCALE = 0.5;
/** For a word the index lacks, its synonyms are all there is: they count more, still below 1. */
const UNKNOWN_SCALE = 1.5;
const MAX_PER_WORD = 12;
/**
 * A word held by few passages (COMMON_SHARE at most) is one the text seldom uses: it says the thing
 * otherwise. Past its MAX_PER_WORD strongest expansions, up to TEXT_WORDS more are kept from its
 * first noun sense — synonyms, narrower and broader words — each held by TEXT_WORD_COUNT times as
 * many passages as the word at least, at TEXT_WORD of its weight: the ratio of idfs weighs such a
 * common word low, and the rare words of the word's later senses, which the ratio spares, filled
 * the places before it (proof → evidence, 7 passages and 156, while proof reached treat and proofread).
 * Not a verb's first sense: its narrower verbs are the commonest (view: call, include, like, make).
 */
const TEXT_WORDS = 6;
const TEXT_WORD_COUNT = 2;
const TEXT_WORD = 0.5;
/**
 * Where the text uses the reader's own word in many passages, its synonyms mostly add noise
 * ("party" → dance, "Stalin" → dictatorship through Stalinism): they weigh less the more common
 * the word is past this share (at 4 % half, at 20 % a tenth), rather than not at all — unless the
 * synonym is nearly as common itself. Then the text uses both words for the same thing (charges and
 * accusations, murder and assassination), not a stray sense of the reader's word, and the synonym
 * is weighed down only by how much rarer it is (the ratio of the two shares).
 */
const COMMON_SHARE = 0.02;
/**
 * A synonym says as much about a passage as it is rare: one more common than the reader's word
 * counts less, by the ratio of their idfs (untrue → false counts, a little), rather than not at
 * all. Past this share of the passages an expansion is dropped for cost alone: its postings would
 * be read on every query that has the word.
 */
const MAX_SHARE = 0.1;
/**
 * An expansion held by at most this many passages is never left out for cost, whatever its share:
 * reading so few postings costs microseconds. In a small corpus the share cut dropped the very
 * word a translation needs (процесс → trial is in 12 % of the bundled passages: a book on the
 * Moscow Trials); in a large library the share cut decides, as before.
 */
const ALWAYS_AFFORDABLE = 300;
/** May an expansion's postings be read on every query with its word: in at most `maxShare` of the passages, or in few. */
const affordable = (index: ExpansionIndex, term: string, maxShare: number) => index.frequency(term) <= maxShare || index.count(term) <= ALWAYS_AFFORDABLE;
/**
 * A synonym weighed down below this adds next to nothing to a passage's score but costs its
 * postings on every query: it is left out, and a word whose synonyms would all be (a name the
 * text uses in most passages) is not looked up at all.
 */
const MIN_WEIGHT = 0.05;
/**
 * How much of its word's meaning a WordNet expansion covers (the passage's coverage, lectern-index.ts)
 * is its weight before SYNONYM_SCALE: a synonym (0.6) covers most of the word, a narrower word (0.3)
 * less, each times how surely it stands for it in this text (rarityScale). Its score stays at half: a
 * passage with the reader's own word still ranks above one with its synonym, but one that says the
 * whole query in other words is no longer ranked as if it said a fifth of it.
 */
const COVER_SCALE = 1 / SYNONYM_SCALE;
const LATIN_STEM = /^[a-z][a-z-]{2,}$/;
/**
 * Endings by which an English stem's adjective or agent noun keeps a stem of its own under Porter2
 * (insurrection → insurrect, insurrectionary → insurrectionari; conspire → conspir, conspiratorial
 * → conspiratori; accusatory, revolutionary, revolutionist): a synonym's family. WordNet links few
 * of them (insurgent reaches insurrection, not insurrectionary), so a synonym's stem with one of
 * these endings, or without it, is the synonym too when the index holds it, weighed a little lower.
 */
const FAMILY_ENDINGS = ['ionari', 'ionist', 'atori', 'ari', 'ori'];
const FAMILY = 0.8;
/**
 * A shorter stem has no family: Porter2 cuts unrelated words to it (militant and military are both
 * milit + …; ordinance and ordinary, ordin), where the long stems the endings serve are one word's.
 */
const MIN_FAMILY_STEM = 6;

/** Index terms of the same family as an English stem (FAMILY_ENDINGS). */
function family(stem: string, index: ExpansionIndex): string[] {
  const out: string[] = [];
  if (stem.length < MIN_FAMILY_STEM) return out;
  for (const ending of FAMILY_ENDINGS) {
    if (index.has(stem + ending)) out.push(stem + ending);
    const base = stem.slice(0, -ending.length);
    if (stem.endsWith(ending) && base.length >= MIN_FAMILY_STEM && index.has(base)) out.push(base);
  }
  return out;
}
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** A translation learned from the corpus's pairs counts at most this much of the word itself. */
export const TRANSLATION_SCALE = 0.7;
/**
 * A translation or cognate is the only way a query meets the other language, so a common one is
 * kept (письмо → letter is in 5 % of the passages), up to this share.
 */
const MAX_TRANSLATION_SHARE = 0.1;
/** A cognate (профессор → professor) is as good as a likely translation, and no better. */
export const COGNATE_WEIGHT = 0.5;
/** A doctrine's follower for the doctrine and the reverse (Marxist, Marxism: doctrines.ts), as close as a cognate. */
const DOCTRINE_WEIGHT = 0.5;
/**
 * Another name of the same place or person (names.ts: Arkhangelsk → Archangel, Leningrad →
 * Petrograd): the same referent, so nearly the reader's own word.
 */
export const NAME_WEIGHT = 0.9;
/**
 * The name a Russian adjective is of (place-adjectives.ts: московский → Moscow): a derivation, as
 * close as a cognate; the name's own word would be surer.
 */
export const PLACE_ADJECTIVE_WEIGHT = 0.5;
/** A word of the core glossary (glossary.ts): general, so no surer than a cognate; its other senses less. */
export const GLOSSARY_WEIGHT = 0.5;
/**
 * A translation covers its word this much of a passage's coverage at most (cross-language.ts
 * fairWords): the word itself is surer. A French word's gloss is a translation in the same script,
 * which would otherwise cover it as a synonym does, by its weight (truqués → fake half of it).
 */
export const TRANSLATED = 0.9;

export interface ExpansionIndex {
  has(term: string): boolean;
  /** Share of passages holding the term, 0–1. */
  frequency(term: string): number;
  /** How many passages hold the term. */
  count(term: string): number;
  /** How many passages there are. */
  size: number;
  /** The bilingual lexicons learned from this corpus's pairs (read on first use). */
  lexicons(): Lexicons;
}

/** BM25's idf of a term held by `count` of `size` passages. */
const idf = (count: number, size: number) => Math.log(1 + (size - count + 0.5) / (count + 0.5));

/**
 * An expansion's weight scaled by how common it is against the reader's word and by how common
 * the reader's word is (COMMON_SHARE, MAX_SHARE); `max` is the most any expansion keeps.
 */
function rarityScale(w: QueryWord, index: ExpansionIndex): { max: number; of: (term: string) => number; cover: (term: string) => number } {
  let own = 0;
  let share = 0;
  for (const t of w.terms) {
    if (isKey(t) || index.count(t) === 0) continue;
    own = Math.max(own, idf(index.count(t), index.size));
    share = Math.max(share, index.frequency(t));
  }
  const common = COMMON_SHARE / Math.max(COMMON_SHARE, share);
  const damp = (term: string) => (share > COMMON_SHARE ? Math.max(common, Math.min(1, index.frequency(term) / share)) : 1);
  const ratio = (term: string, to: number) => Math.min(1, idf(index.count(term), index.size) / to);
  // A word the index lacks has no idf to weigh its synonyms' scores by: they are all there is. In
  // a passage's coverage it weighs as the rarest term (lectern-index.ts, importances), so there
  // each synonym counts by its own rarity against that, or a common one ("seasoned" → time,
  // "crooks" → turn) would stand for the query's rarest word.
  const unknown = own === 0 && w.unknown === true ? idf(1, index.size) : 0;
  return {
    // No expansion is kept past MAX_SHARE (or ALWAYS_AFFORDABLE passages), so none is damped less than that against the word's share.
    max: share > COMMON_SHARE ? Math.max(common, Math.min(1, Math.max(MAX_SHARE, ALWAYS_AFFORDABLE / index.size) / share)) : 1,
    of: (term) => damp(term) * (own > 0 ? ratio(term, own) : 1),
    cover: (term) => damp(term) * (own > 0 ? ratio(term, own) : unknown > 0 ? ratio(term, unknown) : 1),
  };
}

/** A Russian word's glossary words and their irregular forms (become: became). */
function lemmaWords(w: QueryWord): Set<string> {
  const out = new Set<string>();
  for (const g of glossaryTerms(w.text, w.terms)) {
    out.add(g.term);
    for (const f of irregularForms(g.term)) out.add(f.term);
  }
  return out;
}

/**
 * The glossary's words for a query word: a Russian word's English terms and their irregular forms,
 * an English word's Russian stems. Empty when the glossary does not read it, or the word may be a name.
 */
function glossaryWordsOf(w: QueryWord): Set<string> {
  // A capitalised word may be a name, which the glossary's common word does not rule out (Правду: Pravda).
  if (w.capitalised) return new Set();
  if (CYRILLIC.test(w.text)) return lemmaWords(w);
  if (w.french !== undefined) return new Set();
  return new Set(glossaryTerms(w.text, w.terms).map((g) => g.term));
}

/**
 * What stands for a foreign word beside its glosses, with its weight and coverage (as offered in
 * expandWord): what two of its glosses are both synonyms of is the word's sense (wordnet.ts
 * sharedGlossSynonyms: скрывал, hide and conceal → cover), weighed as a synonym of its surer gloss
 * — a gloss's own synonyms are other senses of the gloss, not of the word; and a gloss's irregular
 * forms are the gloss (придало: give, the text's "given"; привёл: bring, "brought"): Porter2 stems
 * them apart, and an English word's own forms are read so (expandWord).
 */
function glossKin(glossed: readonly { term: string; weight: number; surface?: string[] }[], cyrillic: boolean): { term: string; weight: number; cover: number | undefined }[] {
  const glossWeight = new Map(glossed.map((g) => [g.term, g.weight]));
  const out: { term: string; weight: number; cover: number | undefined }[] = sharedGlossSynonyms(glossed.map((g) => g.term)).map((s) => {
    const weight = Math.max(...s.glosses.map((g) => glossWeight.get(g) ?? 0)) * SYNONYM;
    return { term: s.term, weight: weight * GLOSSARY_WEIGHT, cover: cyrillic ? weight : TRANSLATED * weight };
  });
  for (const g of glossed) {
    if (g.surface || !LATIN_STEM.test(g.term)) continue;
    for (const f of irregularForms(g.term)) out.push({ term: f.term, weight: g.weight * GLOSSARY_WEIGHT * f.weight, cover: cyrillic ? undefined : TRANSLATED * g.weight * f.weight });
  }
  return out;
}

/** Terms of one family: alike up to the shorter one's fourth letter (consid, consider; критик, критика). */
const akinTerm = (a: string, b: string) => {
  const n = Math.min(4, a.length, b.length);
  return a.slice(0, n) === b.slice(0, n);
};

/**
 * An English word's other forms, which are the word itself (write: wrote) and count as its own terms
 * do; one that is also a word of its own (made, fell, found) may be that word and counts as a close
 * synonym. An adverb and its adjective Porter2 stems apart (easily, easy; truly, true) are the word
 * in another class, as clearly and clear, which it stems alike, are: not where the word is used as a
 * noun or verb (wordnet.ts adverbAdjective).
 */
function ownForms(w: QueryWord, pos: ReadonlySet<PartOfSpeech> | undefined): { term: string; weight: number; cover: number }[] {
  const out: { term: string; weight: number; cover: number }[] = [];
  for (const t of w.terms) {
    if (isKey(t) || !LATIN_STEM.test(t)) continue;
    for (const f of irregularForms(t)) out.push({ term: f.term, weight: f.weight >= 1 ? 1 : f.weight * SYNONYM_SCALE, cover: f.weight });
    if (!pos || pos.has('a') || pos.has('r')) for (const a of adverbAdjective(t, w.text)) out.push({ term: a, weight: ADVERB_ADJECTIVE, cover: ADVERB_ADJECTIVE });
  }
  return out;
}

/**
 * Offers a word's WordNet relations (and its un-/non- stem): its strongest MAX_PER_WORD by closeness
 * times rarity, then, for a word the text seldom uses, its text words (TEXT_WORDS). `out` holds what
 * was offered so far.
 */
function offerRelated(w: QueryWord, index: ExpansionIndex, pos: ReadonlySet<PartOfSpeech> | undefined, englishWord: boolean, out: ReadonlyMap<string, number>, offer: (term: string, weight: number, maxShare: number, cover: number) => void): void {
  const scale = w.unknown ? SYNONYM_SCALE * UNKNOWN_SCALE : SYNONYM_SCALE;
  const rarity = rarityScale(w, index);
  // A Russian word's Latin terms are its transliteration (груб → grub), not an English word:
  // WordNet would relate it to whatever English word it happens to spell.
  const related: { term: string; weight: number; cover: number; first?: boolean }[] = [];
  for (const term of !englishWord || SYNONYM * scale * rarity.max < MIN_WEIGHT ? [] : w.terms) {
    if (isKey(term) || !LATIN_STEM.test(term)) continue;
    for (const r of [...relatedStems(term, pos, w.text), ...negatedRelation(w.text)]) {
      const weight = r.weight * scale * rarity.of(r.term);
      if (weight >= MIN_WEIGHT) related.push({ term: r.term, weight, cover: Math.min(1, r.weight * scale * rarity.cover(r.term) * COVER_SCALE), first: r.first === true });
    }
  }
  // The strongest by their weight here (closeness times rarity), a more frequent sense first among
  // equals: in WordNet's order of closeness alone, a rare word of a close sense (confirmation →
  // corroboration) was left out for common ones met first.
  related.sort((a, b) => b.weight - a.weight);
  // Past them, for a word the text seldom uses, its first noun sense's synonyms, narrower and
  // broader words that the text uses more (TEXT_WORD): how the text says it (proof → evidence),
  // left out above for being common (the ratio of idfs) among rare words
  // of later senses.
  const ownCount = Math.max(0, ...w.terms.filter((t) => !isKey(t)).map((t) => index.count(t)));
  const seldom = ownCount <= COMMON_SHARE * index.size;
  let textWords = 0;
  for (const { term, weight, cover, first } of related) {
    if (out.size < MAX_PER_WORD + textWords) {
      offer(term, weight, MAX_SHARE, cover);
      for (const [f, k] of kin(term, index)) offer(f, weight * k, MAX_SHARE, cover * k);
      continue;
    }
    if (!seldom || textWords >= TEXT_WORDS) break;
    if (!first || out.has(term) || index.count(term) < TEXT_WORD_COUNT * Math.max(1, ownCount)) continue;
    const before = out.size;
    offer(term, weight * TEXT_WORD, MAX_SHARE, cover * TEXT_WORD);
    if (out.size > before) textWords++;
  }
}

export function expandWord(w: QueryWord, index: ExpansionIndex, pos?: ReadonlySet<PartOfSpeech>): { term: string; weight: number; cover?: number; surface?: string[] }[] {
  const out = new Map<string, number>();
  const covers = new Map<string, number>();
  const own = new Set(w.terms);
  const offer = (term: string, weight: number, maxShare = MAX_SHARE, cover?: number) => {
    if (own.has(term) || (out.get(term) ?? 0) >= weight || !index.has(term) || !affordable(index, term, maxShare)) return;
    out.set(term, weight);
    if (cover !== undefined) covers.set(term, cover);
    else covers.delete(term);
  };
  // A word of a French query that is a French function word or one the French glossary translates
  // is French: WordNet would read it as the English word it happens to spell (toute → blow,
  // expédiés → expedient, chèque → withdraw). Its English is the glossary's.
  const french = w.french !== undefined ? frenchGlossaryTerms(w.french) : [];
  const englishWord = !CYRILLIC.test(w.text) && !(w.french !== undefined && (french.length > 0 || isFrenchFunctionWord(w.french)));
  // Its other forms (write: wrote; heavy: heavily) are the word itself (ownForms).
  if (englishWord) for (const f of ownForms(w, pos)) offer(f.term, f.weight, 1, f.cover);
  // A name has a cross-script key (a capitalised or transliterated word): only then are names read.
  if (w.terms.some(isKey)) for (const n of otherNames(w.terms)) offer(n, NAME_WEIGHT, MAX_TRANSLATION_SHARE);
  // A place's adjective and the place (Poland ↔ Polish), as an English word, however capitalised.
  if (englishWord) for (const a of placeAdjectiveLinks(w.terms)) offer(a, PLACE_ADJECTIVE_WEIGHT, MAX_TRANSLATION_SHARE);
  offerRelated(w, index, pos, englishWord, out, offer);
  // What the glossary says the word means, when it reads it: a cognate or a learned pair that says
  // something else is a chance likeness (хотел: hotel) or a word its few segments happened to share
  // (убийство: Kirov, мог: detail, let: критик).
  const told = glossaryWordsOf(w);
  const agrees = (term: string) => told.size === 0 || [...told].some((t) => akinTerm(t, term));
  for (const c of cognateStems(w.text, (t) => index.has(t))) if (agrees(c)) offer(c, COGNATE_WEIGHT, MAX_TRANSLATION_SHARE);
  if (CYRILLIC.test(w.text)) for (const n of placeNameTerms(w.text, (t) => index.has(t))) offer(n, PLACE_ADJECTIVE_WEIGHT, MAX_TRANSLATION_SHARE);
  for (const d of doctrineSiblings(w.text, w.terms, (t) => index.has(t))) offer(d, DOCTRINE_WEIGHT, MAX_SHARE);
  const lex = index.lexicons();
  // A word the glossary reads as a lemma apart from its stem (стоит: стоить cost, whose stem сто is
  // the number's) takes of the translations learned for that stem only its lemma's English words
  // and their other forms (стало: стать become, learned became): the pairs learned the rest from
  // the other words of the stem (сто → situation).
  const apart = readApartFromStem(w.text, w.terms) ? lemmaWords(w) : undefined;
  for (const term of w.terms) {
    if (isKey(term)) continue;
    for (const l of [lex.toEnglish, lex.fromEnglish]) {
      for (const tr of l.get(term) ?? []) if ((!apart || !CYRILLIC.test(term) || apart.has(tr.term)) && agrees(tr.term)) offer(tr.term, tr.p * TRANSLATION_SCALE, MAX_TRANSLATION_SHARE);
    }
  }
  // An English word's Russian glossary words are asked of the Russian-only passages apart (russianTerms).
  // A gloss whose term is another English word's too (evening: even, glossary.ts ownForms) stands
  // only for its own forms, however the term was reached (the pairs learned вечер → even as well).
  // A word of a query that reads as French gets the French glossary's English words (glossary-fr.ts).
  const surfaces = new Map<string, string[]>();
  const glossed = CYRILLIC.test(w.text) ? glossaryTerms(w.text, w.terms) : french;
  for (const g of glossed) {
    offer(g.term, g.weight * GLOSSARY_WEIGHT, MAX_TRANSLATION_SHARE, CYRILLIC.test(w.text) ? undefined : TRANSLATED * g.weight);
    if (g.surface) surfaces.set(g.term, g.surface);
  }
  for (const k of glossKin(glossed, CYRILLIC.test(w.text))) offer(k.term, k.weight, MAX_TRANSLATION_SHARE, k.cover);
  // A hyphenated Russian compound (военно-фашистский, право-троцкистский, троцкистско-зиновьевский)
  // folds to one word that no glossary or cognate rule reads; its parts are words they do, and the
  // English side meets the word only through English terms (cross-language.ts drops the parts). So
  // when the whole has none, each part's English stands for it below a whole word's, as a Soviet
  // compound's parts do (compound-ru.ts).
  if (CYRILLIC.test(w.text) && w.parts.length > 1 && ![...out.keys()].some((t) => LATIN_STEM.test(t))) {
    const english = (p: QueryWord) => expandWord(p, index).filter((e) => LATIN_STEM.test(e.term));
    for (const p of w.parts) {
      let found = english(p);
      // A first part in -о/-е is an adjective's stem and the linking vowel (зиновьевско-, военно-):
      // read as the adjective (зиновьевский) when the form itself says nothing.
      if (!found.length && /[ое]$/.test(p.text) && p !== w.parts.at(-1)) {
        for (const ending of ['ий', 'ый']) {
          const text = p.text.slice(0, -1) + ending;
          found = english({ text, terms: analyseTerm(text, { query: true }), parts: [] });
          if (found.length) break;
        }
      }
      for (const e of found) offer(e.term, e.weight * PART_WEIGHT, MAX_TRANSLATION_SHARE);
    }
  }
  // A Russian троцкист is the English Trotskyist and Trotskyite alike (translators write both: the
  // "Zinovievite-Trotskyite bloc"): an English follower noun it reached stands for its sibling too.
  if (CYRILLIC.test(w.text)) {
    for (const [term, weight] of [...out]) {
      if (!/(?:ist|it)$/.test(term)) continue;
      for (const d of doctrineSiblings(term, [], (t) => index.has(t))) if (!d.endsWith('ism')) offer(d, weight, MAX_TRANSLATION_SHARE);
    }
  }
  return [...out].map(([term, weight]) => {
    const e: { term: string; weight: number; cover?: number; surface?: string[] } = { term, weight };
    if (covers.has(term)) e.cover = covers.get(term)!;
    if (surfaces.has(term)) e.surface = surfaces.get(term)!;
    return e;
  });
}

/**
 * The Russian stems the glossary gives an English word, as expansions the index holds. They are not
 * among the word's own expansions: in the staged ranking they would bring up the Russian original
 * of every translated passage beside its translation. The engine asks them of the Russian passages
 * that have no translation (cross-language.ts).
 */
export function russianTerms(w: QueryWord, index: ExpansionIndex): { term: string; weight: number }[] {
  if (CYRILLIC.test(w.text)) return [];
  return glossaryTerms(w.text, w.terms)
    .filter((g) => index.has(g.term) && affordable(index, g.term, MAX_TRANSLATION_SHARE))
    .map((g) => ({ term: g.term, weight: g.weight * GLOSSARY_WEIGHT }));
}

/**
 * Adds what the query's multi-word phrases stand for (phrases.ts): to the words of substance each
 * covers, or as a word of its own when it covers none. A phrase is rarely in the text as typed
 * (that is why the reader's words miss), so its relations weigh as an unknown word's.
 */
export function expandPhrases(parsed: ParsedQuery, index: ExpansionIndex): void {
  for (const phrase of queryPhrases(parsed)) {
    const expansions = new Map<string, number>();
    for (const r of phrase.related) {
      if (expansions.size >= MAX_PER_WORD) break;
      for (const t of [r.term, ...absentForms(r.term, index)]) if (index.has(t) && affordable(index, t, MAX_SHARE)) expansions.set(t, r.weight * SYNONYM_SCALE * UNKNOWN_SCALE);
    }
    if (expansions.size === 0) continue;
    const substance = phrase.words.filter((w) => !w.light);
    if (substance.length === 0) {
      // A phrase of stop words alone ("again and again") is a word of its own, and the passage that
      // says it as typed has it as the phrase's own term, above the phrases that stand for it.
      const own = index.has(phrase.term) ? [phrase.term] : [];
      parsed.words.push({ text: phrase.text, terms: own, parts: [], light: phrase.light, expansions: [...expansions].map(([term, weight]) => ({ term, weight })) });
      continue;
    }
    for (const w of substance) {
      const merged = new Map((w.expansions ?? []).map((e) => [e.term, e.weight]));
      for (const [term, weight] of expansions) if (!w.terms.includes(term) && (merged.get(term) ?? 0) < weight) merged.set(term, weight);
      w.expansions = [...merged].map(([term, weight]) => ({ term, weight }));
    }
  }
}
