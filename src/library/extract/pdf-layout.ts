/**
 * From positioned text items (pdf.js text content) to lines and paragraphs. Pure functions, so the
 * rules are tested without a PDF: lines from baselines, footnote references from small raised
 * digits, running heads from lines repeated at the top or foot of many pages, paragraphs from line
 * gaps and first-line indents, headings from type size.
 */
import { toSuperscript } from './text-builder.ts';

export interface TextItem {
  str: string;
  x: number;
  /** Baseline, growing upwards as in PDF user space. */
  y: number;
  width: number;
  size: number;
  hasEOL: boolean;
}

export interface Line {
  text: string;
  x: number;
  y: number;
  xEnd: number;
  size: number;
}

export interface Block {
  kind: 'paragraph' | 'heading';
  text: string;
  size: number;
  level?: 1 | 2;
}

const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

export function toLines(items: TextItem[]): Line[] {
  const lines: Line[] = [];
  let cur: (Line & { parts: TextItem[] }) | null = null;
  let breakNext = false;
  for (const it of items) {
    if (!it.str) {
      if (it.hasEOL) breakNext = true;
      continue;
    }
    const raised = cur !== null && it.size < cur.size * 0.8 && it.y > cur.y + cur.size * 0.15 && it.y < cur.y + cur.size && /^\s*\d{1,3}\s*$/.test(it.str);
    const sameLine = cur !== null && !breakNext && (Math.abs(it.y - cur.y) < Math.max(cur.size, it.size) * 0.5 || raised);
    if (!sameLine) {
      // A small raised number at a line's start (a footnote body's number) belongs to the line below.
      if (cur && cur.parts.length === 1 && /^\d{1,3}$/.test(cur.text.trim()) && cur.size < it.size * 0.8 && cur.y > it.y && cur.y - it.y < it.size) {
        cur.text = toSuperscript(cur.text.trim());
        cur.y = it.y;
        cur.size = it.size;
        cur.parts.push(it);
        cur.text += it.str;
        cur.xEnd = it.x + it.width;
        breakNext = it.hasEOL;
        continue;
      }
      if (cur) lines.push(cur);
      cur = { text: '', x: it.x, y: it.y, xEnd: it.x, size: it.size, parts: [] };
    }
    const line = cur!;
    const piece = raised ? toSuperscript(it.str.trim()) : it.str;
    const gap = it.x - line.xEnd;
    if (line.text && gap > line.size * 0.15 && !/\s$/.test(line.text) && !/^\s/.test(piece) && !raised) line.text += ' ';
    line.text += piece;
    line.xEnd = Math.max(line.xEnd, it.x + it.width);
    if (!raised && it.str.trim()) line.size = line.parts.length ? Math.max(line.size, it.size) : it.size;
    line.parts.push(it);
    breakNext = it.hasEOL;
  }
  if (cur) lines.push(cur);
  return lines
    .map(({ text, x, y, xEnd, size }) => ({ text: text.replace(/\s+/g, ' ').trim(), x, y, xEnd, size }))
    .filter((l) => l.text.length > 0);
}

const furnitureKey = (t: string) => t.toLowerCase().replace(/\d+|\b[ivxlc]+\b/g, '#').replace(/\s+/g, ' ').trim();

/** Running heads and page numbers: the first or last line of a page when it is a bare number or repeats on many pages. */
export function stripFurniture(pages: Line[][], labels: string[]): Line[][] {
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const edge = new Set([lines[0], lines[1], lines.at(-1), lines.at(-2)].filter((l): l is Line => l !== undefined).map((l) => furnitureKey(l.text)));
    for (const k of edge) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const repeated = (l: Line) => {
    const n = counts.get(furnitureKey(l.text)) ?? 0;
    return pages.length >= 4 && n >= Math.max(3, pages.length * 0.3) && l.text.split(' ').length <= 12;
  };
  return pages.map((lines, p) => {
    const label = labels[p] ?? String(p + 1);
    const bare = (l: Line) => /^[-–—\s]*(\d{1,4}|[ivxlcdm]{1,7})[-–—\s]*$/i.test(l.text) || l.text === label;
    const out = [...lines];
    // A running head and a folio may share a margin, one above the other; a second repeated line
    // would already be body text that happens to recur.
    for (let k = 0; k < 2 && out.length; k++) {
      const furniture = (l: Line) => bare(l) || (k === 0 && repeated(l));
      if (furniture(out[0]!)) out.shift();
      if (out.length && furniture(out.at(-1)!)) out.pop();
    }
    return out;
  });
}

export interface LayoutStats {
  bodySize: number;
  lineGap: number;
  left: number;
  width: number;
}

/** The body text's type size, line spacing, left margin and line width, over the whole document. */
export function layoutStats(pages: Line[][]): LayoutStats {
  const sizeChars = new Map<number, number>();
  for (const l of pages.flat()) sizeChars.set(Math.round(l.size * 2) / 2, (sizeChars.get(Math.round(l.size * 2) / 2) ?? 0) + l.text.length);
  const bodySize = [...sizeChars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
  const body = (l: Line) => Math.abs(l.size - bodySize) < bodySize * 0.1;
  const gaps: number[] = [];
  const lefts: number[] = [];
  const widths: number[] = [];
  for (const lines of pages) {
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (!body(l)) continue;
      lefts.push(Math.round(l.x));
      widths.push(l.xEnd - l.x);
      const prev = lines[i - 1];
      if (prev && body(prev) && prev.y > l.y) gaps.push(prev.y - l.y);
    }
  }
  const lineGap = median(gaps) || bodySize * 1.2;
  const leftCounts = new Map<number, number>();
  for (const x of lefts) leftCounts.set(x, (leftCounts.get(x) ?? 0) + 1);
  const left = [...leftCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const sortedWidths = [...widths].sort((a, b) => a - b);
  const width = sortedWidths[Math.floor(sortedWidths.length * 0.9)] ?? 0;
  return { bodySize, lineGap, left, width };
}

const endsSentence = (t: string) => /[.!?…:;"”»)\]][⁰¹²³⁴⁵⁶⁷⁸⁹]*$/u.test(t);

function joinLines(a: string, b: string): string {
  // A word hyphenated at the line's end is rejoined when the next line goes on in lower case.
  if (/\p{L}[-\u00ad]$/u.test(a) && /^\p{Ll}/u.test(b)) return a.slice(0, -1) + b;
  return `${a} ${b}`;
}

/** One page's lines to paragraphs and headings. */
export function toBlocks(lines: Line[], stats: LayoutStats): Block[] {
  const blocks: Block[] = [];
  const headingSize = stats.bodySize * 1.2;
  let cur: Block | null = null;
  let prev: Line | null = null;
  for (const l of lines) {
    const heading = l.size >= headingSize && l.text.split(' ').length <= 20;
    const kind: Block['kind'] = heading ? 'heading' : 'paragraph';
    let start = cur === null || prev === null || cur.kind !== kind || Math.abs(l.size - prev.size) > stats.bodySize * 0.15;
    if (!start && prev) {
      const gap = prev.y - l.y;
      const indent = l.x - stats.left > stats.bodySize * 0.8 && prev.x - stats.left <= stats.bodySize * 0.5;
      const shortBefore = stats.width > 0 && prev.xEnd - prev.x < stats.width * 0.75 && endsSentence(prev.text);
      const footnote = /^[⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(l.text) && l.size < stats.bodySize * 0.95;
      start = gap < 0 || gap > Math.max(stats.lineGap, l.size) * 1.45 || (kind === 'paragraph' && (indent || shortBefore || footnote));
    }
    if (start) {
      if (cur) blocks.push(cur);
      cur = { kind, text: l.text, size: l.size };
    } else {
      cur!.text = joinLines(cur!.text, l.text);
    }
    prev = l;
  }
  if (cur) blocks.push(cur);
  // Footnote bodies printed as small plain digits at the foot of the page: the pipeline reads superscripts.
  return blocks.map((b) => {
    const m = /^(\d{1,3})\s+(?=\S)/.exec(b.text);
    if (b.kind === 'paragraph' && m && b.size < stats.bodySize * 0.9) return { ...b, text: `${toSuperscript(m[1]!)} ${b.text.slice(m[0].length)}` };
    return b;
  });
}

/** Heading levels: the largest heading size marks chapters (1), smaller ones sections (2). */
export function headingLevels(blocks: Block[]): Map<number, 1 | 2> {
  const sizes = [...new Set(blocks.filter((b) => b.kind === 'heading').map((b) => Math.round(b.size * 2) / 2))].sort((a, b) => b - a);
  return new Map(sizes.map((s, i) => [s, i === 0 ? 1 : 2] as [number, 1 | 2]));
}
