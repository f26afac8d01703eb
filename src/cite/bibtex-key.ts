/**
 * BibTeX keys: ASCII letters and digits only, built from what the record says (first author, year,
 * first word of the title) so the same record always gets the same key. Cyrillic is transliterated
 * (Library of Congress style, without diacritics) rather than dropped, so "Жуков, Тайны Кремля"
 * gives Zhukov2000Tainy.
 */
import { mainTitle, type BibRecord } from './record.ts';
import { RUSSIAN_TO_LATIN } from '../cyrillic-latin.ts';

const CYRILLIC: Record<string, string> = { ...RUSSIAN_TO_LATIN, і: 'i', ї: 'i', є: 'ie', ґ: 'g', ў: 'u' };

/** Latin letters and digits only: Cyrillic transliterated, accents removed, the rest dropped. */
export function asciiFold(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    const latin = CYRILLIC[lower];
    if (latin === undefined) out += ch;
    else out += ch !== lower && latin ? latin[0]!.toUpperCase() + latin.slice(1) : latin;
  }
  return out.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

const STOP_WORDS = new Set(['the', 'a', 'an', 'on', 'of', 'in', 'and', 'to']);

/** The first word worth keeping, capitalised: "Trotsky's Lies" → "Trotskys". */
function firstWord(text: string | undefined, skipStopWords: boolean): string {
  const words = asciiFold((text ?? '').replace(/['’]/g, ''))
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const word = words.find((w) => !skipStopWords || !STOP_WORDS.has(w.toLowerCase())) ?? words[0] ?? '';
  return word ? word[0]!.toUpperCase() + word.slice(1) : '';
}

export function baseKey(record: BibRecord): string {
  const first = record.authors[0] ?? record.editors?.[0];
  const author = firstWord(first?.family ?? first?.literal ?? first?.given, false);
  const year = record.issued?.year !== undefined ? String(record.issued.year) : '';
  const title = firstWord(mainTitle(record), true);
  return author + year + title || 'ref';
}

const suffix = (n: number): string => (n < 26 ? String.fromCharCode(97 + n) : suffix(Math.floor(n / 26) - 1) + suffix(n % 26));

/** One key per record, in order; a repeated key gets b, c, … after its first use. */
export function bibtexKeys(records: BibRecord[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set<string>();
  return records.map((r) => {
    const base = baseKey(r);
    let n = seen.get(base) ?? 0;
    let key = n === 0 ? base : base + suffix(n);
    while (taken.has(key)) key = base + suffix(++n);
    seen.set(base, n + 1);
    taken.add(key);
    return key;
  });
}
