/**
 * Finding the translation pair a query is about, and the sentence in it: a query that is (or sits
 * inside) one sentence of a pair finds that pair first, with the sentence and its counterpart on the
 * other side; a query of a few words finds only pairs that contain those words (through the search's
 * analysis, so Зиновьева meets Zinoviev), so a word in no pair gets "none" rather than unrelated pairs.
 */
import { CONFIDENT } from './ingest/pair-evidence.ts';
import { analyseTerm, parseQuery, tokenize } from '../search/analyse/index.ts';
import type { Corpus } from './corpus.ts';
import type { TranslationPair } from './model.ts';
import { evalNormalize } from '../eval/normalize.ts';

export interface SentenceRef {
  block: string;
  start: number;
  end: number;
}

export interface SentenceMatch {
  /** The side the query matched, and its sentence(s): the intermediate side is the French of a Russian → French → English chain. */
  side: 'original' | 'translation' | 'intermediate';
  query: SentenceRef[];
  /** The sentence(s) the alignment puts opposite, on the other side (the English, for an intermediate sentence). */
  counterpart: SentenceRef[];
  /** For an intermediate sentence: the original's sentence(s) aligned with the same English. */
  original?: SentenceRef[];
  confidence: number;
}

/** The matched sentences side by side, whichever side the query matched. */
export function matchSides(match: SentenceMatch): { original: SentenceRef[]; translation: SentenceRef[]; intermediate: SentenceRef[] } {
  if (match.side === 'original') return { original: match.query, translation: match.counterpart, intermediate: [] };
  if (match.side === 'translation') return { original: match.counterpart, translation: match.query, intermediate: [] };
  return { original: match.original ?? [], translation: match.counterpart, intermediate: match.query };
}

export interface PairMatch {
  pair: TranslationPair;
  match?: SentenceMatch;
}

/** Case, quotes, dashes, markers, emphasis and spaces folded, so a pasted sentence matches the text. */
export function foldForMatch(s: string): string {
  // The evaluation sets' matching rule, plus the low double quote of Russian typography.
  return evalNormalize(s.replace(/„/g, '"'));
}

interface IndexedSentence {
  pair: TranslationPair;
  bead: number;
  side: 'original' | 'translation' | 'intermediate';
  ref: SentenceRef;
  folded: string;
}

const sentenceIndex = new WeakMap<Corpus, IndexedSentence[]>();
const termIndex = new WeakMap<TranslationPair, Set<string>>();

function sentencesOf(corpus: Corpus): IndexedSentence[] {
  let out = sentenceIndex.get(corpus);
  if (out) return out;
  out = [];
  for (const w of corpus.works) {
    for (const pair of w.pairs) {
      (pair.sentences ?? []).forEach((bead, k) => {
        for (const side of ['original', 'translation'] as const) {
          for (const [block, start, end] of bead[side]) {
            const text = corpus.block(block)?.text.slice(start, end) ?? '';
            out!.push({ pair, bead: k, side, ref: { block, start, end }, folded: foldForMatch(text) });
          }
        }
      });
      (pair.viaSentences ?? []).forEach((bead, k) => {
        for (const [block, start, end] of bead.original) {
          const text = corpus.block(block)?.text.slice(start, end) ?? '';
          out!.push({ pair, bead: k, side: 'intermediate', ref: { block, start, end }, folded: foldForMatch(text) });
        }
      });
    }
  }
  sentenceIndex.set(corpus, out);
  return out;
}

const MIN_SENTENCE_QUERY = 12;

/** The pair sentence a query is, or is part of (or that is part of the query), best fit first. */
export function sentenceMatch(corpus: Corpus, query: string): PairMatch | undefined {
  const q = foldForMatch(query).replace(/^[-\s]+/, '');
  if (q.length < MIN_SENTENCE_QUERY) return undefined;
  let best: { s: IndexedSentence; score: number } | undefined;
  for (const s of sentencesOf(corpus)) {
    if (s.folded.length < 4) continue;
    let score = 0;
    if (s.folded.includes(q)) score = q.length / s.folded.length;
    else if (q.includes(s.folded) && s.folded.length >= q.length * 0.5) score = s.folded.length / q.length;
    if (score > (best?.score ?? 0)) best = { s, score };
  }
  if (!best) return undefined;
  const { s } = best;
  const toRef = ([block, start, end]: [string, number, number]): SentenceRef => ({ block, start, end });
  if (s.side === 'intermediate') {
    const bead = s.pair.viaSentences![s.bead]!;
    const english = bead.translation.map(toRef);
    // The original's sentences aligned with the same English sentences.
    const overlaps = (a: [string, number, number], b: SentenceRef) => a[0] === b.block && a[1] < b.end && b.start < a[2];
    const original = (s.pair.sentences ?? []).filter((x) => x.translation.some((t) => english.some((e) => overlaps(t, e)))).flatMap((x) => x.original.map(toRef));
    return { pair: s.pair, match: { side: 'intermediate', query: [s.ref], counterpart: english, original, confidence: bead.confidence } };
  }
  const bead = s.pair.sentences![s.bead]!;
  const other = s.side === 'original' ? bead.translation : bead.original;
  return {
    pair: s.pair,
    match: { side: s.side, query: [s.ref], counterpart: other.map(toRef), confidence: bead.confidence },
  };
}

function pairTerms(corpus: Corpus, pair: TranslationPair): Set<string> {
  let terms = termIndex.get(pair);
  if (terms) return terms;
  terms = new Set<string>();
  for (const id of [...pair.original, ...pair.via, ...pair.translation]) {
    for (const token of tokenize(corpus.block(id)?.plain ?? '')) for (const t of analyseTerm(token)) terms.add(t);
  }
  termIndex.set(pair, terms);
  return terms;
}

/** Whether a pair contains at least two thirds of the query's words (each through any of its analysed terms). */
export function pairContainsQuery(corpus: Corpus, pair: TranslationPair, query: string): boolean {
  const parsed = parseQuery(query);
  if (parsed.words.length === 0) return false;
  const terms = pairTerms(corpus, pair);
  const found = parsed.words.filter((w) => w.terms.some((t) => terms.has(t)) || (w.parts.length > 0 && w.parts.every((p) => p.terms.some((t) => terms.has(t)))));
  return found.length >= Math.max(1, Math.ceil((parsed.words.length * 2) / 3));
}

export const isVerified = (pair: TranslationPair) => (pair.confidence ?? 0) >= CONFIDENT;
export { CONFIDENT };
