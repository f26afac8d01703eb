/**
 * A bilingual lexicon learned from the translation pairs the corpus itself contains (Russian or
 * French originals beside the English translation the source gives, and the pairs of a group's own
 * texts), so a Russian query finds an English passage and the reverse. Names need no lexicon (the
 * cross-script key joins Троцкий and Trotsky); this is for the other words: груб ↔ rude.
 *
 * IBM Model 1 (Brown et al. 1993): word translation probabilities t(target | source) estimated by
 * expectation–maximisation over aligned segments, with an empty word on the source side that soaks
 * up function words. A handful of iterations on the corpus's segments takes milliseconds; the
 * result keeps, per source stem, the few targets with a probability worth using.
 */
import { stopwords as frenchStopwords } from '@orama/stopwords/french';
import type { Corpus } from '../../corpus/corpus.ts';
import type { TranslationPair } from '../../corpus/model.ts';
import { analyseTerm, fold, isKey } from '../analyse/index.ts';

const ITERATIONS = 5;
/** A translation is kept when its probability reaches this, at most MAX_TARGETS per word. */
const MIN_PROBABILITY = 0.3;
const MAX_TARGETS = 3;
/** The Dice coefficient of a translation's two words over the segments (see `agreed`). */
const MIN_DICE = 0.3;
/** Probabilities below this are not kept from either direction. */
const MIN_KEPT = 0.01;
/** A stem seen in fewer segments than this has no reliable statistics. */
const MIN_SEGMENTS = 2;
// The index has no French stop list (French is stemmed as English); the lexicon must not learn
// "de" or "le" as words.
const FRENCH_STOPWORDS = new Set(frenchStopwords.map(fold));
const NULL = '';
const MAX_SEGMENT_PAIRS = 40_000;
/**
 * Segments learned from, at most: learning is linear in them, and a large library (or the bench's
 * copies of the corpus) would make the first query wait seconds for little gain.
 */
const MAX_SEGMENTS = 3_000;

export type Lexicon = Map<string, { term: string; p: number }[]>;
type Table = Map<string, Map<string, number>>;

export interface Lexicons {
  /** Original-language stem (Russian, French) → English stems. */
  toEnglish: Lexicon;
  /** English stem → original-language stems. */
  fromEnglish: Lexicon;
  segments: number;
}

/** The stems of a text, one per word, keys, numbers and stop words left out. */
function stems(text: string, french = false): string[] {
  const out: string[] = [];
  for (const token of text.split(/\s+/)) {
    if (french && FRENCH_STOPWORDS.has(fold(token).replace(/^[ldjmnstc]'|^qu'/, ''))) continue;
    for (const t of analyseTerm(token)) if (!isKey(t) && !/^\p{N}+$/u.test(t) && !/[/.:]/.test(token)) out.push(t);
  }
  return out;
}

/** Model 1's t(target | source), the pairs worth keeping (MIN_KEPT) of the words seen often enough. */
function model1(pairs: [string[], string[]][]): Table {
  // Words as numbers (0 is the empty word), every co-occurring (source, target) as one slot of
  // flat arrays, and per segment the slots it touches: each iteration is then a few tight loops.
  const srcIds = new Map<string, number>([[NULL, 0]]);
  const tgtIds = new Map<string, number>();
  const idIn = (m: Map<string, number>, w: string) => {
    let id = m.get(w);
    if (id === undefined) m.set(w, (id = m.size));
    return id;
  };
  const slotOf = new Map<number, number>();
  const slotSource: number[] = [];
  const slotTarget: number[] = [];
  const segmentSlots: Int32Array[] = [];
  const segmentShape: [number, number][] = [];
  const segCount = new Map<number, number>();
  for (const [src, tgt] of pairs) {
    const s = [0, ...src.map((w) => idIn(srcIds, w))];
    const e = tgt.map((w) => idIn(tgtIds, w));
    for (const id of new Set(s)) segCount.set(id, (segCount.get(id) ?? 0) + 1);
    const slots = new Int32Array(s.length * e.length);
    for (let j = 0; j < e.length; j++) {
      for (let i = 0; i < s.length; i++) {
        const key = s[i]! * 1_048_576 + e[j]!;
        let slot = slotOf.get(key);
        if (slot === undefined) {
          slotOf.set(key, (slot = slotSource.length));
          slotSource.push(s[i]!);
          slotTarget.push(e[j]!);
        }
        slots[j * s.length + i] = slot;
      }
    }
    segmentSlots.push(slots);
    segmentShape.push([s.length, e.length]);
  }
  const t = new Float64Array(slotSource.length).fill(1);
  const counts = new Float64Array(slotSource.length);
  const totals = new Float64Array(srcIds.size);
  for (let it = 0; it < ITERATIONS; it++) {
    counts.fill(0);
    totals.fill(0);
    segmentSlots.forEach((slots, k) => {
      const [ns, ne] = segmentShape[k]!;
      for (let j = 0; j < ne; j++) {
        let z = 0;
        for (let i = 0; i < ns; i++) z += t[slots[j * ns + i]!]!;
        for (let i = 0; i < ns; i++) {
          const slot = slots[j * ns + i]!;
          const c = t[slot]! / z;
          counts[slot] = counts[slot]! + c;
          totals[slotSource[slot]!] = totals[slotSource[slot]!]! + c;
        }
      }
    });
    for (let slot = 0; slot < t.length; slot++) t[slot] = counts[slot]! / (totals[slotSource[slot]!] || 1);
  }
  const srcWords = [...srcIds.keys()];
  const tgtWords = [...tgtIds.keys()];
  const out: Table = new Map();
  for (let slot = 0; slot < t.length; slot++) {
    const s = slotSource[slot]!;
    if (s === 0 || t[slot]! < MIN_KEPT || (segCount.get(s) ?? 0) < MIN_SEGMENTS) continue;
    const word = srcWords[s]!;
    let row = out.get(word);
    if (!row) out.set(word, (row = new Map()));
    row.set(tgtWords[slotTarget[slot]!]!, t[slot]!);
  }
  return out;
}

/**
 * The translations of each source word that both directions agree on: t(target | source) at least
 * MIN_PROBABILITY, and t(source | target) at least MIN_REVERSE. Model 1 in one direction pairs a
 * word with whatever its segments often hold (программа → Stalin, должен → terrorist); the other
 * direction gives Stalin to Сталин, so the pair is dropped. The reverse bar is low because a
 * Russian word's case forms are several stems that share their English word's probability.
 */
function agreed(forward: Table, segments: [string[], string[]][]): Lexicon {
  // In how many segments each word occurs, on its side.
  const seen = (side: 0 | 1) => {
    const n = new Map<string, number>();
    for (const seg of segments) for (const w of new Set(seg[side])) n.set(w, (n.get(w) ?? 0) + 1);
    return n;
  };
  const sources = seen(0);
  const targets = seen(1);
  const candidates = new Map<string, [string, number][]>();
  for (const [source, row] of forward) {
    const strong = [...row].filter(([, p]) => p >= MIN_PROBABILITY);
    if (strong.length) candidates.set(source, strong);
  }
  // Segments holding both words of each candidate pair.
  const both = new Map<string, number>();
  for (const [src, tgt] of segments) {
    const t = new Set(tgt);
    for (const s of new Set(src)) for (const [target] of candidates.get(s) ?? []) if (t.has(target)) both.set(`${s}\u0000${target}`, (both.get(`${s}\u0000${target}`) ?? 0) + 1);
  }
  const out: Lexicon = new Map();
  for (const [source, row] of candidates) {
    const kept = row
      .filter(([target]) => (2 * (both.get(`${source}\u0000${target}`) ?? 0)) / ((sources.get(source) ?? 0) + (targets.get(target) ?? 0)) >= MIN_DICE)
      .map(([term, p]) => ({ term, p }))
      .sort((a, b) => b.p - a.p || (a.term < b.term ? -1 : 1))
      .slice(0, MAX_TARGETS);
    if (kept.length) out.set(source, kept);
  }
  return out;
}

/** A sentence match at least this sure is learned from; a weaker one would teach wrong pairs. */
const MIN_SENTENCE_CONFIDENCE = 0.5;

/**
 * The aligned units of one pair, as texts: its sentence matches where the build has them (a word
 * and its translation are then a sentence apart, not a paragraph, so Model 1 sees far fewer wrong
 * partners), else its segments.
 */
function alignedTexts(corpus: Corpus, pair: TranslationPair): [string, string][] {
  const blockText = (id: string) => corpus.block(id)?.text ?? '';
  const spans = (side: [string, number, number][]) => side.map(([id, from, to]) => blockText(id).slice(from, to)).join(' ');
  const sure = (pair.sentences ?? []).filter((m) => m.confidence >= MIN_SENTENCE_CONFIDENCE && m.original.length && m.translation.length);
  if (sure.length) return sure.map((m) => [spans(m.original), spans(m.translation)]);
  const plain = (ids: string[]) => ids.map((id) => corpus.block(id)?.plain ?? '').join(' ');
  return pair.segments.map(([o, t]) => [plain(o), plain(t)]);
}

/** Learns both directions from every aligned sentence (or segment) whose translation is English. */
export function learnLexicons(corpus: Corpus): Lexicons {
  const segments: [string[], string[]][] = [];
  learn: for (const work of corpus.works) {
    for (const pair of work.pairs) {
      if (pair.translationLang !== 'en' || pair.originalLang === 'en') continue;
      for (const [o, tr] of alignedTexts(corpus, pair)) {
        const src = stems(o, pair.originalLang === 'fr');
        const tgt = stems(tr);
        // A long segment (several paragraphs aligned as one) costs its length squared and says
        // little about any one word.
        if (src.length && tgt.length && src.length * tgt.length <= MAX_SEGMENT_PAIRS) segments.push([src, tgt]);
        if (segments.length >= MAX_SEGMENTS) break learn;
      }
    }
  }
  // A French stem that English text also has ("general", "aid") is an English word to the index:
  // translating it would expand English queries with noise.
  const english = new Set(segments.flatMap(([, e]) => e));
  const forward = model1(segments);
  const backward = model1(segments.map(([a, b]) => [b, a]));
  const toEnglish = agreed(forward, segments);
  for (const s of toEnglish.keys()) if (!/\p{Script=Cyrillic}/u.test(s) && english.has(s)) toEnglish.delete(s);
  return { toEnglish, fromEnglish: agreed(backward, segments.map(([a, b]) => [b, a])), segments: segments.length };
}
