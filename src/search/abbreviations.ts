/**
 * Truncated words in a passage ("Eur.", "Mosc.", "typogr."): archival letters and notes write them,
 * and a reader types the word ("Europe"), which no stem of the truncation meets. A token is read as
 * a truncation when it is three letters or more followed by a full stop, is not all capitals (an
 * acronym), is followed by a small letter or by , ; : ) – (a capital after it is a sentence's end or a
 * name's initial, "L. D. Trotsky", "Mikhailov. As"), is no word the corpus writes without the stop,
 * no stop word, no common abbreviation of references (ed., vol., cf., St., ibid.) and no word
 * WordNet or the Russian glossary knows by its stem (organiz., informat., ликвидац. already meet
 * their words' stems). It stands for the corpus's commonest stem among the words it begins, held by
 * two occurrences at least (one is a guess: Turk. → Turkestan), as an index term of its own
 * (ABBREVIATION_MARKER + stem: ". europ"), which a query word with that stem asks below its own terms.
 */
import { EN_STOPWORDS, RU_STOPWORDS } from './analyse/stopwords.ts';
import { stemEnglish, stemRussian } from './analyse/stem.ts';
import { foldKeepCase } from './analyse/fold.ts';
import { plainLatin } from './analyse/key.ts';
import { joinInitials } from './analyse/tokenize.ts';
import { PASSAGE_WORD } from './term-positions.ts';
import { partsOfSpeech } from './expand/wordnet.ts';
import { glossary } from './expand/glossary.ts';

export { ABBREVIATION_MARKER, ABBREVIATION_TERMS } from './abbreviation-terms.ts';
import { ABBREVIATION_MARKER } from './abbreviation-terms.ts';

/** Abbreviations of references and titles, read as themselves (a reader types them so or not at all). */
const COMMON = new Set('idem etc al vol vols eds trans transl repr rev esp approx viz ibid cit col cols chap fig nos para sect ser suppl supplem jan feb mar apr jun jul aug sep sept oct nov dec univ dept inst ltd inc corp intro стр гг др пр см ср тов им изд илл рис табл'.split(' '));
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}]+)*/gu;
const TRUNCATION = /(?<![\p{L}\p{N}\p{M}.'’-])(\p{L}{3,})\.(?![\p{L}\p{N}])[ \t\u00a0]*(.?)/gu;
const AFTER = /^(?:\p{Ll}|[,;:)–])$/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const MIN_COUNT = 2;

const stemOf = (word: string) => (CYRILLIC.test(word) ? stemRussian(word) : stemEnglish(plainLatin(word)));

/**
 * The truncations a passage's plain text writes (lower case, without the stop), each with its word
 * number as term positions count them (PASSAGE_WORD over the text with initials joined).
 */
export function truncationsIn(plain: string): { word: string; at: number }[] {
  const text = joinInitials(plain);
  const out: { word: string; at: number }[] = [];
  let words = 0;
  let counted = 0;
  for (const m of text.matchAll(TRUNCATION)) {
    const raw = m[1]!;
    if (raw === raw.toUpperCase() || !AFTER.test(m[2] ?? '')) continue;
    words += (text.slice(counted, m.index).match(PASSAGE_WORD) ?? []).length;
    counted = m.index;
    out.push({ word: raw.toLowerCase(), at: words });
  }
  return out;
}

/** The first index of `sorted` whose word is not below `word`. */
function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Reads a corpus's truncations: made once from all its passages' texts, then asked per text. */
export class AbbreviationReader {
  /** Lower-case word → how often the corpus writes it with no stop after it. */
  private readonly counts = new Map<string, number>();
  private readonly resolved = new Map<string, string | undefined>();
  /** The counted words in code-unit order: the words a truncation begins are one run of it. */
  private sorted: string[] | undefined;

  constructor(texts: Iterable<string>) {
    for (const text of texts) {
      const folded = foldKeepCase(text);
      for (const m of folded.matchAll(WORD)) {
        if (folded[m.index + m[0].length] === '.') continue;
        const w = m[0].toLowerCase();
        this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
      }
    }
  }

  private known(word: string): boolean {
    if (this.counts.has(word) || EN_STOPWORDS.has(word) || RU_STOPWORDS.has(word) || COMMON.has(word)) return true;
    if (CYRILLIC.test(word)) return glossary()?.lists(word, stemRussian(word)) ?? false;
    return partsOfSpeech(stemEnglish(plainLatin(word))).size > 0;
  }

  /** The stem a truncation (lower case, no stop) stands for, or undefined when it is no truncation the corpus resolves. */
  expansion(word: string): string | undefined {
    if (this.resolved.has(word)) return this.resolved.get(word);
    let best: string | undefined;
    if (!this.known(word)) {
      const byStem = new Map<string, number>();
      const sorted = (this.sorted ??= [...this.counts.keys()].sort());
      for (let i = lowerBound(sorted, word); i < sorted.length && sorted[i]!.startsWith(word); i++) {
        const w = sorted[i]!;
        if (w.length > word.length) byStem.set(stemOf(w), (byStem.get(stemOf(w)) ?? 0) + this.counts.get(w)!);
      }
      let most = MIN_COUNT - 1;
      for (const [stem, n] of [...byStem].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n > most) [best, most] = [stem, n];
      if (best === stemOf(word)) best = undefined;
    }
    this.resolved.set(word, best);
    return best;
  }

  /** The index terms a passage's truncations stand for (". europ"), each with its word number. */
  terms(plain: string): { term: string; at: number }[] {
    const out: { term: string; at: number }[] = [];
    for (const t of truncationsIn(plain)) {
      const stem = this.expansion(t.word);
      if (stem) out.push({ term: ABBREVIATION_MARKER + stem, at: t.at });
    }
    return out;
  }
}

/**
 * One reader per corpus, made on first need: the index build and an engine's term positions read a
 * passage's truncations alike. Weak: a corpus dropped takes its reader with it.
 */
const readers = new WeakMap<object, AbbreviationReader>();
export function abbreviationsOf(corpus: object, texts: () => Iterable<string>): AbbreviationReader {
  let r = readers.get(corpus);
  if (!r) readers.set(corpus, (r = new AbbreviationReader(texts())));
  return r;
}

/** Adds a passage's truncation terms to its term positions (a copy when it has any). */
export function withTruncations(at: Map<string, number[]>, plain: string, reader: () => AbbreviationReader): Map<string, number[]> {
  if (truncationsIn(plain).length === 0) return at;
  const out = new Map(at);
  for (const { term, at: i } of reader().terms(plain)) {
    const list = out.get(term) ?? [];
    if (!list.includes(i)) out.set(term, [...list, i].sort((a, b) => a - b));
  }
  return out;
}

/** A truncation stands for its word below the word spelled out: it may stand for another word it begins. */
export const ABBREVIATION_WEIGHT = 0.8;
/** A query word whose stem begins with the truncation's word (European: Europe) is met at this share of that. */
const DERIVED = 0.75;
/** No stem shorter than this is taken for a longer word's root. */
const MIN_STEM = 4;

interface Expansion {
  term: string;
  weight: number;
  cover?: number;
}

/**
 * A query word's terms and expansions that a passage's truncation stands for (ABBREVIATION_MARKER
 * + stem, where the index holds one), at ABBREVIATION_WEIGHT of what they stand for: "Europe"
 * meets "Eur.", and a Russian word's English translation an English truncation.
 */
export function truncationExpansions(terms: readonly string[], expansions: readonly Expansion[], has: (term: string) => boolean): Expansion[] {
  const out = new Map<string, Expansion>();
  const offer = (term: string, weight: number, cover?: number) => {
    const t = ABBREVIATION_MARKER + term;
    if (!has(t) || (out.get(t)?.weight ?? 0) >= weight) return;
    out.set(t, cover === undefined ? { term: t, weight } : { term: t, weight, cover: cover * ABBREVIATION_WEIGHT });
  };
  for (const t of terms) {
    if (t.startsWith('~')) continue;
    offer(t, ABBREVIATION_WEIGHT);
    // A derivation of the word the truncation was read as ("European" for Eur. read as Europe):
    // the truncation begins it as well, a little less surely.
    for (let n = t.length - 1; n >= MIN_STEM; n--) offer(t.slice(0, n), ABBREVIATION_WEIGHT * DERIVED);
  }
  for (const e of expansions) offer(e.term, e.weight * ABBREVIATION_WEIGHT, e.cover);
  return [...out.values()];
}
