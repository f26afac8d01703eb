/**
 * How much of the corpus's English vocabulary the Russian–English glossary can reach: a Russian
 * question finds an English passage through the glossary only by the English words its lemmas
 * translate to. The English content words of the English passages (their Porter2 stems, as the
 * index holds them) are counted by the passages they occur in; a stem is covered when some
 * lemma's gloss has it as its term, or one of its irregular forms does (went: go). Words seen only
 * capitalised (names), stop words, words WordNet does not know (transliterated Russian titles,
 * OCR debris) and words of fewer than three letters are not counted. `npm run glossary coverage`
 * prints the uncovered ones, most common first; a test keeps the share from falling.
 *
 * That check cannot see a common Russian word the glossary lacks while another lemma already has
 * its English (доверять beside доверие's trust, проект beside план): `russianReach` counts the other
 * side, the lower-case words of the corpus's Russian passages, and which of them the glossary reads
 * (`npm run glossary -- coverage --russian` lists the rest by how often they occur).
 */
import { stemEnglish, stemRussian } from '../analyse/stem.ts';
import { EN_STOPWORDS, RU_STOPWORDS } from '../analyse/stopwords.ts';
import { words as wordsOf } from '../analyse/tokenize.ts';
import { irregularForms, partsOfSpeech } from './wordnet.ts';

export interface CoverageWord {
  /** The index term (Porter2 stem). */
  stem: string;
  /** Its most frequent lower-case spelling in the passages. */
  word: string;
  /** How many English passages hold it. */
  passages: number;
}

export interface GlossaryCoverage {
  /** Content words in at least `minPassages` English passages. */
  words: number;
  covered: number;
  /** covered / words. */
  share: number;
  /** The uncovered ones, most passages first. */
  uncovered: CoverageWord[];
}

const LOWER_WORD = /^[a-z]{3,}$/;

/**
 * The glossary's reach over the English passages' content words held by at least `minPassages`
 * passages. `glossTerms`: the English terms of every lemma's glosses (glossary.ts GlossaryStems.english).
 */
export function glossaryCoverage(passages: Iterable<{ lang: string; plain: string }>, glossTerms: Iterable<string | null>, minPassages = 2): GlossaryCoverage {
  const seen = new Map<string, { passages: number; spellings: Map<string, number> }>();
  for (const p of passages) {
    if (p.lang !== 'en') continue;
    const inThis = new Set<string>();
    // A hyphenated compound counts by its parts: its joined form (frameup, selfcriticism) is the
    // index's healing of a line break, not a word of its own to gloss, though WordNet now reads some
    // of them (hyphenated-stems.ts), which counted them as uncovered words from 60d7721 on.
    for (const token of wordsOf(p.plain).flatMap((w) => (w.parts.length ? w.parts.flat() : w.forms))) {
      // A capitalised token is a name or a sentence's first word; the word's lower-case uses count it.
      if (!LOWER_WORD.test(token) || EN_STOPWORDS.has(token)) continue;
      const stem = stemEnglish(token);
      let s = seen.get(stem);
      if (!s) seen.set(stem, (s = { passages: 0, spellings: new Map() }));
      s.spellings.set(token, (s.spellings.get(token) ?? 0) + 1);
      if (!inThis.has(stem)) {
        inThis.add(stem);
        s.passages++;
      }
    }
  }
  const glossed = new Set<string>();
  for (const t of glossTerms) if (t) glossed.add(t);
  const isCovered = (stem: string) => glossed.has(stem) || irregularForms(stem).some((f) => glossed.has(f.term));
  const counted: CoverageWord[] = [];
  for (const [stem, s] of seen) {
    if (s.passages < minPassages || EN_STOPWORDS.has(stem) || partsOfSpeech(stem).size === 0) continue;
    const word = [...s.spellings].sort((a, b) => b[1] - a[1])[0]![0];
    counted.push({ stem, word, passages: s.passages });
  }
  const uncovered = counted.filter((w) => !isCovered(w.stem)).sort((a, b) => b.passages - a.passages || a.stem.localeCompare(b.stem));
  const covered = counted.length - uncovered.length;
  return { words: counted.length, covered, share: counted.length ? covered / counted.length : 1, uncovered };
}

export interface RussianReach {
  /** Occurrences of the Russian passages' lower-case content words. */
  words: number;
  /** Of those, the ones the glossary reads. */
  read: number;
  share: number;
  /** The words it does not read, by their Snowball stem, most occurrences first, with their spellings. */
  unread: { stem: string; occurrences: number; spellings: string[] }[];
}

const RUSSIAN_WORD = /^[а-яё]{3,}$/;

/**
 * The glossary's reach over the Russian passages' words: each occurrence of a lower-case word of
 * three letters or more that is no stop word (a capitalised one is a name or a sentence's first
 * word), and whether `reads` (the glossary lists the word: Glossary.lists) says it knows it.
 */
export function russianReach(passages: Iterable<{ lang: string; plain: string }>, reads: (word: string, stem: string) => boolean): RussianReach {
  let words = 0;
  let read = 0;
  const unread = new Map<string, { occurrences: number; spellings: Set<string> }>();
  for (const p of passages) {
    if (p.lang !== 'ru') continue;
    // A hyphenated compound counts by its parts: its joined form (frameup, selfcriticism) is the
    // index's healing of a line break, not a word of its own to gloss, though WordNet now reads some
    // of them (hyphenated-stems.ts), which counted them as uncovered words from 60d7721 on.
    for (const token of wordsOf(p.plain).flatMap((w) => (w.parts.length ? w.parts.flat() : w.forms))) {
      const word = token.replace(/ё/g, 'е');
      if (!RUSSIAN_WORD.test(word) || RU_STOPWORDS.has(word)) continue;
      words++;
      const stem = stemRussian(word);
      if (reads(word, stem)) {
        read++;
        continue;
      }
      let u = unread.get(stem);
      if (!u) unread.set(stem, (u = { occurrences: 0, spellings: new Set() }));
      u.occurrences++;
      u.spellings.add(word);
    }
  }
  const list = [...unread].map(([stem, u]) => ({ stem, occurrences: u.occurrences, spellings: [...u.spellings] })).sort((a, b) => b.occurrences - a.occurrences || a.stem.localeCompare(b.stem));
  return { words, read, share: words ? read / words : 1, unread: list };
}
