/**
 * Bibliography entries parsed into their parts. The entry's own words are always kept (`text`);
 * the parts are a best reading of them for formatting and for resolving short citations.
 */
import { detectLang } from './text.ts';

export interface ParsedEntry {
  text: string;
  authors: string[];
  title?: string;
  containerTitle?: string;
  year?: string;
  publisher?: string;
  place?: string;
  url?: string;
  siglum?: string;
  lang: ReturnType<typeof detectLang>;
}

const URL = /(?:https?:\/\/|www\.)\S+/;
/** "… . Place: Publisher, 2000" (the period may close an italic title): the last such group of an entry is its imprint. */
const PUBLICATION = /(?:^|\.[*_]*\s+)([\p{Lu}][\p{L} ,'’-]{1,40}?):\s*([^:]+?),\s*©?\s*(\d{4})/gu;

/** Index of the ". " that ends the author part: not after an initial ("J. Arch."). */
function nameEnd(text: string): number {
  const re = /\.\s/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const before = text.slice(0, m.index);
    const lastWord = before.split(/\s+/).at(-1) ?? '';
    // A title in quotes or italics starts right after the names, initials or not.
    if (/^["“*]/.test(text.slice(m.index + 2))) return m.index;
    if (/^\p{Lu}$/u.test(lastWord.replace(/[(),]/g, ''))) {
      // "Zhukov, Iurii N." ends at the initial that follows a full given name; "Getty, J. Arch." does not.
      const given = before.split(',').slice(1).join(',');
      if (!/\p{L}{2,}/u.test(given.replace(/\S+$/u, ''))) continue;
    }
    if (/^\p{Lu}\.\p{Lu}$/u.test(lastWord)) continue;
    return m.index;
  }
  return -1;
}

export function parseEntry(raw: string): ParsedEntry {
  const text = raw.trim();
  const entry: ParsedEntry = { text, authors: [], lang: 'und' };
  const url = URL.exec(text);
  if (url) entry.url = url[0].replace(/[.,;)]+$/, '');
  const sig = /\(([^()]{1,40})\)\.?\s*$/u.exec(text);
  if (sig && !/^\d{4}(?:[-–]\d{2,4})?$/.test(sig[1]!.trim()) && !/Press|;|:/.test(sig[1]!) && !/^(Part|Russian|in Russian)/i.test(sig[1]!)) {
    entry.siglum = sig[1]!.trim();
  }

  // APA: "Family, I. (2009). *Title*. Place: Publisher."
  const apa = /^((?:[\p{L}'’ -]+,\s*(?:\p{Lu}\.\s?)+(?:,?\s*(?:&|and)\s*)?)+)\s?\((\d{4}[a-z]?)\)\.\s*(.*)$/u.exec(text);
  let rest: string;
  if (apa) {
    entry.authors = apa[1]!.split(/,\s*&\s*|\s&\s/).map((s) => s.trim());
    entry.year = apa[2]!;
    rest = apa[3]!;
  } else {
    const end = nameEnd(text);
    const head = end > 0 ? text.slice(0, end) : '';
    if (head && /,/.test(head) && !/["“*]/.test(head) && head.split(/\s+/).length <= 9) {
      entry.authors = head
        .split(/\s+and\s+|,\s+and\s+/)
        .map((s) => s.trim())
        .filter(Boolean);
      rest = text.slice(end + 1).trim();
    } else {
      rest = text;
    }
  }

  const quoted = /^["“]([^"”]+?)[.,]?["”]\s*(.*)$/su.exec(rest);
  const starred = /^\*([^*]+?)\*\.?\s*(.*)$/su.exec(rest);
  if (quoted) {
    entry.title = quoted[1]!.replace(/[.,]$/, '').trim();
    const after = quoted[2]!;
    const container = /^\*?([^0-9(*.]+?)\*?[\s,]*(?=\d|\(|\.|$)/u.exec(after);
    if (container && container[1]!.trim().length > 2 && !/^(At|In)\b/.test(container[1]!)) entry.containerTitle = container[1]!.trim();
  } else if (starred) {
    entry.title = starred[1]!.trim();
  } else {
    // A book's title runs up to its place of publication ("… Malenkov. Moscow: TERRA, 2000").
    const place = [...rest.matchAll(PUBLICATION)].at(-1);
    const end = nameEnd(rest);
    const cut = place && place.index > 0 ? place.index : end;
    entry.title = (cut > 0 ? rest.slice(0, cut) : rest.replace(URL, '')).replace(/[.,]$/, '').trim() || undefined;
  }

  const pub = [...text.replace(URL, '').matchAll(PUBLICATION)].at(-1);
  if (pub) {
    // The place is the last phrase before the colon ("… Malenkov. Moscow: TERRA").
    entry.place = pub[1]!.trim();
    entry.publisher = pub[2]!.trim();
    entry.year ??= pub[3]!;
  }
  // APA puts the year first, so the imprint ends the entry: "… New York: Monad Press."
  if (!entry.publisher) {
    const apaImprint = /\.[*_]*\s+([\p{Lu}][\p{L} ,'’-]{1,40}?):\s*([^:.]+?)\.?\s*$/u.exec(text.replace(URL, '').trim());
    if (apaImprint) {
      entry.place = apaImprint[1]!.trim();
      entry.publisher = apaImprint[2]!.trim();
    }
  }
  if (!entry.year) {
    const years = text.replace(URL, '').match(/\b(1[89]\d\d|20\d\d)\b/g);
    if (years) entry.year = years.at(-1)!;
  }
  entry.lang = detectLang(entry.title ?? text);
  return entry;
}

const normalise = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** Index of the earlier entry each entry duplicates (same title and year), or -1. */
export function findDuplicates(entries: ParsedEntry[]): number[] {
  return entries.map((e, i) => {
    const t = normalise(e.title ?? '');
    if (t.length < 8) return -1;
    for (let j = 0; j < i; j++) {
      const o = entries[j]!;
      const u = normalise(o.title ?? '');
      if (u.length < 8) continue;
      const sameTitle = t === u || (t.length > 20 && (t.includes(u) || u.includes(t)));
      if (sameTitle && (e.year ?? '') === (o.year ?? '')) return j;
    }
    return -1;
  });
}
