/**
 * Sentence boundaries for English and Russian (and the French and German quoted in the corpus).
 * Used to cut long replies into pages and to align an original with its translation, so a
 * boundary it misses only makes a page cut less tidy, while a false boundary cuts mid-sentence:
 * when in doubt, it does not cut. That is why an abbreviation, an initial (`I.N.`, `J. Arch
 * Getty`) or a single letter with a period (`p.`, `г.`, `т. е.`) never ends a sentence.
 */

export interface Span {
  start: number;
  end: number;
}

/** Abbreviations after which a period never ends a sentence (compared lower-cased, internal periods kept). */
const ABBREVIATIONS = new Set([
  // English titles and scholarly apparatus.
  'mr', 'mrs', 'ms', 'messrs', 'dr', 'prof', 'st', 'jr', 'sr', 'gen', 'col', 'lt', 'sgt', 'capt', 'maj', 'adm',
  'gov', 'sen', 'rep', 'rev', 'hon', 'pres', 'vs', 'cf', 'pp', 'ed', 'eds', 'vols', 'chs', 'nn', 'op', 'cit',
  'loc', 'ca', 'approx', 'esp', 'viz', 'al', 'trans', 'transl', 'repr', 'rpt', 'ff', 'll', 'para', 'paras',
  'mss', 'figs', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mt', 'ave', 'dept', 'univ', 'assn', 'bros', 'e.g', 'i.e', 'a.m', 'p.m', 'n.d', 'n.b',
  // Transliterated Russian as the corpus prints it ("tov. Voroshilov").
  'tov', 'tt', 'gos',
  // Russian.
  'тов', 'тт', 'гг', 'вв', 'им', 'см', 'ср', 'стр', 'ст', 'обл', 'ул', 'пр', 'напр', 'др', 'проф', 'акад',
  'ок', 'рис', 'англ', 'нем', 'франц', 'фр', 'рус', 'лат', 'изд', 'ред', 'сост', 'пер', 'вып', 'кн', 'илл',
  'тыс', 'млн', 'млрд', 'руб', 'коп', 'экз', 'гл', 'разд', 'прим', 'св', 'ген', 'гр', 'госп', 'быв',
  'т.е', 'т.к', 'т.п', 'т.д', 'и.о', 'н.э', 'др.-рус', 'т.н',
  // French and German quoted in the corpus.
  'mme', 'mlle', 'mgr', 'cie', 'bzw', 'usw', 'vgl', 'hrsg', 'bd',
]);

/** Abbreviations that end a sentence unless a number follows ("No. 2" but "said no."). */
const BEFORE_NUMBER = new Set(['no', 'nos', 'vol', 'ch', 'art', 'sec', 'fig', 'nr', 'item']);

const TERMINATOR = /[.!?…]/u;
/** Closing quotes and brackets, footnote markers and closing emphasis printed right after the period. */
const CLOSER = /[)\]"'”’»›\u00B9\u00B2\u00B3\u2070-\u2079*]/u;
const LOWER = /\p{Ll}/u;
const LETTER = /\p{L}/u;
const SPACE = /\s/u;

function wordBefore(text: string, end: number): string {
  let s = end;
  while (s > 0 && !SPACE.test(text[s - 1] ?? ' ') && !/[(\["'“‘«/]/u.test(text[s - 1] ?? ' ')) s--;
  return text.slice(s, end);
}

/** Whether the period at `dot` belongs to an abbreviation or an initial rather than ending a sentence. */
function isAbbreviation(text: string, dot: number, next: string | undefined): boolean {
  const word = wordBefore(text, dot);
  if (word === '') return false;
  const lower = word.toLowerCase();
  // A single letter: an initial (I.N., J. Arch Getty) or a one-letter abbreviation (p., n., г., т. е.).
  if ([...word].length === 1 && LETTER.test(word)) return true;
  // Dotted initials and abbreviations: "I.N", "K.E", "U.S.S.R", "т.е".
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true;
  if (ABBREVIATIONS.has(lower)) return true;
  if (BEFORE_NUMBER.has(lower) && next !== undefined && /[0-9IVXLC]/.test(next)) return true;
  return false;
}

/** Offsets just after each sentence's last character (terminator, closing quotes, markers); the last one is the text's end. */
export function sentenceEnds(text: string, lang = 'en'): number[] {
  void lang; // One rule set covers the corpus's languages; the parameter keeps room for more.
  const ends: number[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] ?? '';
    if (c === '\n') {
      // A line break ends a sentence: lists, verse and headings have no final period.
      let e = i;
      while (e > 0 && SPACE.test(text[e - 1] ?? '')) e--;
      if (e > 0 && ends[ends.length - 1] !== e) ends.push(e);
      i++;
      continue;
    }
    if (!TERMINATOR.test(c)) {
      i++;
      continue;
    }
    const first = i;
    while (i < n && TERMINATOR.test(text[i] ?? '')) i++;
    while (i < n && CLOSER.test(text[i] ?? '')) i++;
    const end = i;
    if (i < n && !SPACE.test(text[i] ?? '')) continue; // "3.5", "U.S.", URLs.
    let j = i;
    while (j < n && SPACE.test(text[j] ?? '') && text[j] !== '\n') j++;
    const next = text[j];
    if (next === undefined || next === '\n') continue; // The line break handles it.
    if (LOWER.test(next)) continue; // "e.g. this", "... and then".
    // A leading ellipsis ("...они были") opens a quotation, it does not end a sentence.
    const lineStart = Math.max(text.lastIndexOf('\n', first - 1) + 1, ends[ends.length - 1] ?? 0);
    if (text.slice(lineStart, first).trim() === '') continue;
    if (text[first] === '.' && end - first === 1 && isAbbreviation(text, first, next)) continue;
    if (ends[ends.length - 1] !== end) ends.push(end);
  }
  let last = n;
  while (last > 0 && SPACE.test(text[last - 1] ?? '')) last--;
  if (last > 0 && ends[ends.length - 1] !== last) ends.push(last);
  return ends;
}

/** Sentence spans with surrounding white space excluded; the text between spans is white space only. */
export function sentenceSpans(text: string, lang = 'en'): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const end of sentenceEnds(text, lang)) {
    while (start < end && SPACE.test(text[start] ?? '')) start++;
    if (start < end) spans.push({ start, end });
    start = end;
  }
  return spans;
}

export function splitSentences(text: string, lang = 'en'): string[] {
  return sentenceSpans(text, lang).map((s) => text.slice(s.start, s.end));
}
