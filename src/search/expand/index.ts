/**
 * Query expansion: other index terms that stand for a query word, each weighed below the word's own
 * terms. Synonyms and near relations come from WordNet (English words); translations from the
 * lexicon learned from the corpus's own translation pairs (lexicon.ts). An expansion the index does
 * not hold is dropped, and so is one found in a large share of the passages: it would cost time
 * on a large corpus and say little about any passage.
 */
import type { ParsedQuery, QueryWord } from '../analyse/index.ts';
import { isKey } from '../analyse/index.ts';
import type { Lexicons } from './lexicon.ts';
import { cognateStems } from './cognates.ts';
import { glossaryTerms } from './glossary.ts';
import { queryPhrases } from './phrases.ts';
import { relatedStems } from './wordnet.ts';

/** Synonyms count at most this much of the query's own word. */
export const SYNONYM_SCALE = 0.5;
/** For a word the index lacks, its synonyms are all there is: they count more, still below 1. */
const UNKNOWN_SCALE = 1.5;
/**
 * Synonyms are looked up only for words the corpus uses in few passages (at most this share, or
 * five): where the text uses the reader's own word everywhere, its synonyms mostly add noise
 * ("party" → dance), and where it uses it a few times, those are often other senses ("quit" is
 * also the stem of "quite") and the passage meant says it another way.
 */
const RARE_SHARE = 0.02;
const RARE_MIN = 5;
const MAX_PER_WORD = 12;
const MAX_SHARE = 0.02;
const LATIN_STEM = /^[a-z][a-z-]{2,}$/;
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
/** A word of the core glossary (glossary.ts): general, so no surer than a cognate; its other senses less. */
export const GLOSSARY_WEIGHT = 0.5;

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

const isRare = (w: QueryWord, index: ExpansionIndex) => w.terms.every((t) => isKey(t) || index.count(t) <= Math.max(RARE_MIN, RARE_SHARE * index.size));

export function expandWord(w: QueryWord, index: ExpansionIndex): { term: string; weight: number }[] {
  const out = new Map<string, number>();
  const own = new Set(w.terms);
  const offer = (term: string, weight: number, maxShare = MAX_SHARE) => {
    if (own.has(term) || (out.get(term) ?? 0) >= weight || !index.has(term) || index.frequency(term) > maxShare) return;
    out.set(term, weight);
  };
  const scale = w.unknown ? SYNONYM_SCALE * UNKNOWN_SCALE : SYNONYM_SCALE;
  // A Russian word's Latin terms are its transliteration (груб → grub), not an English word:
  // WordNet would relate it to whatever English word it happens to spell.
  for (const term of isRare(w, index) && !CYRILLIC.test(w.text) ? w.terms : []) {
    if (isKey(term) || !LATIN_STEM.test(term)) continue;
    for (const r of relatedStems(term)) {
      offer(r.term, r.weight * scale);
      if (out.size >= MAX_PER_WORD) break;
    }
  }
  for (const c of cognateStems(w.text, (t) => index.has(t))) offer(c, COGNATE_WEIGHT, MAX_TRANSLATION_SHARE);
  const lex = index.lexicons();
  for (const term of w.terms) {
    if (isKey(term)) continue;
    for (const l of [lex.toEnglish, lex.fromEnglish]) for (const tr of l.get(term) ?? []) offer(tr.term, tr.p * TRANSLATION_SCALE, MAX_TRANSLATION_SHARE);
  }
  // An English word's Russian glossary words are asked of the Russian-only passages apart (russianTerms).
  if (CYRILLIC.test(w.text)) for (const g of glossaryTerms(w.text, w.terms)) offer(g.term, g.weight * GLOSSARY_WEIGHT, MAX_TRANSLATION_SHARE);
  return [...out].map(([term, weight]) => ({ term, weight }));
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
    .filter((g) => index.has(g.term) && index.frequency(g.term) <= MAX_TRANSLATION_SHARE)
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
      if (index.has(r.term) && index.frequency(r.term) <= MAX_SHARE) expansions.set(r.term, r.weight * SYNONYM_SCALE * UNKNOWN_SCALE);
    }
    if (expansions.size === 0) continue;
    const substance = phrase.words.filter((w) => !w.light);
    if (substance.length === 0) {
      parsed.words.push({ text: phrase.text, terms: [], parts: [], light: phrase.light, expansions: [...expansions].map(([term, weight]) => ({ term, weight })) });
      continue;
    }
    for (const w of substance) {
      const merged = new Map((w.expansions ?? []).map((e) => [e.term, e.weight]));
      for (const [term, weight] of expansions) if (!w.terms.includes(term) && (merged.get(term) ?? 0) < weight) merged.set(term, weight);
      w.expansions = [...merged].map(([term, weight]) => ({ term, weight }));
    }
  }
}
