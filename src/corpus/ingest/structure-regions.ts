/**
 * The regions of a text before the block rules run: front matter, the table of contents and where
 * the body starts, the contents' headings located in the body, and the lines of a book's index.
 */
import type { ManifestWork } from '../manifest.ts';
import { isDateLine, type Segment } from './segments.ts';
import type { FrontLine, IndexEntry, TocEntry } from './structure-types.ts';

export const alnum = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

export function parseToc(segs: Segment[], start: number): { entries: TocEntry[]; end: number } {
  const entries: TocEntry[] = [];
  let i = start;
  let pending = '';
  for (; i < segs.length; i++) {
    const t = segs[i]!.text;
    if (segs[i]!.afterBlank && entries.length > 0 && !pending && !/\d\s*$/.test(t) && !/\t/.test(t)) break;
    const joined = pending ? `${pending} ${t}` : t;
    const m = /^(.*?\S)[\s.]*((?:\d[\s\t]*)+)$/u.exec(joined);
    if (!m) {
      pending = joined.replace(/\s+$/u, '');
      continue;
    }
    pending = '';
    const digits = m[2]!.replace(/\s/g, '');
    entries.push({ title: m[1]!.replace(/\s+/g, ' ').trim(), page: Number(digits) });
  }
  // Garbled page numbers are dropped: the contents' pages must increase.
  let last = 0;
  for (const e of entries) {
    if (e.page === undefined || e.page <= last) delete e.page;
    else last = e.page;
  }
  return { entries, end: i };
}

export function parseIndexLine(text: string): IndexEntry[] {
  // The index is printed in two columns joined by a tab; each cell is "Term, description pages".
  return text
    .split('\t')
    .map((cell) => {
      const m = /^(.*?\p{L}[^\d]*?)\s*\.?\s*((?:\d{1,3}(?:,\s*|\s+|$))+)$/u.exec(cell.trim());
      if (!m) return null;
      const pages = m[2]!
        .split(/[,\s]+/)
        .filter(Boolean)
        .map(Number)
        .filter((n) => n > 0 && n < 1000);
      return pages.length ? { term: m[1]!.replace(/[,\s]+$/u, ''), pages } : null;
    })
    .filter((e): e is IndexEntry => e !== null);
}

export interface Regions {
  toc: TocEntry[];
  bodyStart: number;
  front: FrontLine[];
}

export const frontLine = (s: Segment, part = 'Front matter'): FrontLine => ({ text: s.text, lines: [s.line, s.line], part });

/** A book's contents end its front matter; the body starts at the contents' first title. */
function bookRegions(segs: Segment[], tocAt: number): Regions {
  const parsed = parseToc(segs, tocAt + 1);
  const toc = parsed.entries;
  const first = toc[0];
  let bodyStart = parsed.end;
  if (first) {
    const k = segs.findIndex((s, i) => i >= parsed.end && alnum(s.text) === alnum(first.title));
    if (k >= 0) bodyStart = k;
  }
  return { toc, bodyStart, front: segs.slice(0, tocAt).map((s) => frontLine(s)) };
}

/**
 * Front matter of essays, talks and articles: the title, the author's name, the date, the
 * author's affiliation, until the first real paragraph.
 */
function shortWorkRegions(segs: Segment[], work: ManifestWork): Regions {
  const front: FrontLine[] = [];
  const authorNames = work.authors.map((a) => alnum(a.literal ?? `${a.given ?? ''} ${a.family ?? ''}`));
  const affiliations = work.authors.map((a) => alnum(a.affiliation ?? '')).filter(Boolean);
  let bodyStart = 0;
  for (; bodyStart < Math.min(segs.length, 8); bodyStart++) {
    const t = segs[bodyStart]!.text;
    const a = alnum(t);
    const known =
      alnum(work.title) === a ||
      authorNames.includes(a) ||
      // A byline ("By Anna Petrova", "by A. Petrova and B. Orlov") names the author: front matter, not a section.
      (/^by\s/i.test(t) && t.split(/\s+/).length <= 12 && authorNames.some((n) => n.length > 2 && alnum(t.slice(3)).includes(n))) ||
      affiliations.some((f) => f.includes(a) && a.length > 10) ||
      isDateLine(t) ||
      (work.dateAsStated !== undefined && alnum(work.dateAsStated) === a);
    if (!known) break;
    front.push(frontLine(segs[bodyStart]!));
  }
  return { toc: [], bodyStart, front };
}

export function findRegions(segs: Segment[], work: ManifestWork): Regions {
  const tocAt = segs.findIndex((s) => /^(table of )?contents$/i.test(s.text));
  return work.type === 'book' && tocAt >= 0 ? bookRegions(segs, tocAt) : shortWorkRegions(segs, work);
}

export interface TocHeading {
  entry: TocEntry;
  consumed: number;
  title: string;
}

/** Headings of book parts and chapters, located through the table of contents (a title may wrap over up to three lines). */
export function locateTocHeadings(segs: Segment[], toc: TocEntry[], bodyStart: number): Map<number, TocHeading> {
  const at = new Map<number, TocHeading>();
  let from = bodyStart;
  for (const entry of toc) {
    const target = alnum(entry.title);
    for (let i = from; i < segs.length; i++) {
      let joined = segs[i]!.text;
      let consumed = 1;
      let a = alnum(joined);
      while (a !== target && target.startsWith(a) && consumed < 3 && segs[i + consumed]) {
        joined = `${joined} ${segs[i + consumed]!.text}`;
        a = alnum(joined);
        consumed++;
      }
      const chapterPrefix = /^chapter\d+/.exec(target)?.[0];
      const matches =
        a === target ||
        (chapterPrefix !== undefined && a.startsWith(chapterPrefix) && a.length >= target.length - 3 && segs[i]!.afterBlank);
      if (matches) {
        at.set(i, { entry, consumed, title: joined.replace(/\s+/g, ' ').trim() });
        from = i + consumed;
        break;
      }
    }
  }
  return at;
}
