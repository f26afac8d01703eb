/**
 * Bibliography entries parsed into their fields (bib-fields.ts). The entry's own words are always
 * kept (`text`); the fields are a careful reading of them for formatting and for resolving short
 * citations, empty where the entry is ambiguous.
 */
import { parseFields, type EntryFields, type EntryName } from './bib-fields.ts';
import { detectLang } from './text.ts';

export interface ParsedEntry {
  text: string;
  /** "Family, Given" (or an organisation's name), one per author, for matching short citations. */
  authors: string[];
  names: EntryName[];
  editors: EntryName[];
  title?: string;
  titleTranslated?: string;
  containerTitle?: string;
  volume?: string;
  issue?: string;
  pages?: string;
  year?: string;
  publisher?: string;
  place?: string;
  url?: string;
  siglum?: string;
  edition?: string;
  kind: EntryFields['kind'];
  lang: ReturnType<typeof detectLang>;
}

const nameText = (n: EntryName) => n.literal ?? [n.family, n.given].filter(Boolean).join(', ');

/** An entry parsed field by field (bib-fields.ts); its own words are kept as `text`. */
export function parseEntry(raw: string): ParsedEntry {
  const text = raw.trim();
  const f = parseFields(text);
  const names = f.authors.filter((n) => n.literal !== 'et al.');
  return {
    text,
    authors: names.map(nameText),
    names: f.authors,
    editors: f.editors,
    ...(f.title ? { title: f.title } : {}),
    ...(f.titleTranslated ? { titleTranslated: f.titleTranslated } : {}),
    ...(f.containerTitle ? { containerTitle: f.containerTitle } : {}),
    ...(f.volume ? { volume: f.volume } : {}),
    ...(f.issue ? { issue: f.issue } : {}),
    ...(f.pages ? { pages: f.pages } : {}),
    ...(f.year ? { year: f.year } : {}),
    ...(f.publisher ? { publisher: f.publisher } : {}),
    ...(f.place ? { place: f.place } : {}),
    ...(f.url ? { url: f.url } : {}),
    ...(f.siglum ? { siglum: f.siglum } : {}),
    ...(f.edition ? { edition: f.edition } : {}),
    kind: f.kind,
    lang: detectLang(f.title ?? text),
  };
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
