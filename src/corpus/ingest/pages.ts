/**
 * Pages of a printed book, recovered from what the text keeps of the print: running heads and
 * bare page numbers ("printed"), the table of contents' first page of each part ("contents"), and
 * the book's index, whose entries name a page for a term ("index": a passage that is the only one
 * near that page to contain the term is on that page). Anchors that contradict the order of the
 * text are dropped. A passage between two anchors of the same page is on that page; elsewhere the
 * page is interpolated by text length and marked "estimated", which citations never show as a page.
 */
import type { IndexEntry, PageAnchor, RawBlock } from './structure.ts';

export type Basis = 'printed' | 'contents' | 'index' | 'estimated';

export interface PageOf {
  page: number;
  basis: Basis;
}

interface Anchor {
  block: number;
  page: number;
  basis: Basis;
}

const isPassage = (b: RawBlock) => b.kind === 'paragraph' || b.kind === 'quotation' || b.kind === 'list-item';

function monotonic(anchors: Anchor[]): Anchor[] {
  const sorted = [...anchors].sort((a, b) => a.block - b.block || a.page - b.page);
  const out: Anchor[] = [];
  for (const a of sorted) {
    while (out.length && out.at(-1)!.page > a.page) {
      // Keep the better-founded of two contradicting anchors.
      const rank = (x: Anchor) => (x.basis === 'printed' ? 3 : x.basis === 'contents' ? 2 : 1);
      if (rank(out.at(-1)!) >= rank(a)) break;
      out.pop();
    }
    if (out.length && out.at(-1)!.page > a.page) continue;
    out.push(a);
  }
  return out;
}

function interpolate(blocks: RawBlock[], anchors: Anchor[], i: number, offsets: number[]): PageOf | undefined {
  let lo: Anchor | undefined;
  let hi: Anchor | undefined;
  for (const a of anchors) {
    if (a.block <= i) lo = a;
    else {
      hi = a;
      break;
    }
  }
  if (!lo) return undefined;
  if (lo.block === i) return { page: lo.page, basis: lo.basis };
  if (!hi) return undefined;
  if (hi.page === lo.page) return { page: lo.page, basis: lo.basis === 'index' ? 'index' : lo.basis };
  if (hi.page - lo.page === 0) return { page: lo.page, basis: lo.basis };
  const span = offsets[hi.block]! - offsets[lo.block]!;
  const at = offsets[i]! - offsets[lo.block]!;
  const page = lo.page + Math.floor(((hi.page - lo.page) * at) / Math.max(1, span));
  void blocks;
  return { page: Math.min(page, hi.page), basis: 'estimated' };
}

export function assignPages(blocks: RawBlock[], printed: PageAnchor[], index: IndexEntry[]): Map<number, PageOf> {
  const result = new Map<number, PageOf>();
  if (printed.length === 0) return result;
  const offsets: number[] = [];
  let total = 0;
  for (const b of blocks) {
    offsets.push(total);
    total += b.kind === 'footnote' ? 0 : b.text.length;
  }
  let anchors: Anchor[] = monotonic(printed.map((a) => ({ ...a })));

  // Index anchors: a family name (or first words of a term) found in one passage near the page.
  const byKey = new Map<string, number[]>();
  const keyOf = (term: string) => term.replace(/^["“]/, '').split(/[,"”]/)[0]!.trim();
  for (const entry of index) {
    const key = keyOf(entry.term);
    if (key.length < 4 || !/^\p{Lu}/u.test(key)) continue;
    if (!byKey.has(key)) {
      const hits: number[] = [];
      blocks.forEach((b, i) => {
        if (isPassage(b) && b.part !== 'Bibliography' && b.text.includes(key)) hits.push(i);
      });
      byKey.set(key, hits);
    }
    const hits = byKey.get(key)!;
    for (const page of entry.pages) {
      const near = hits.filter((i) => {
        const est = interpolate(blocks, anchors, i, offsets);
        return est !== undefined && Math.abs(est.page - page) <= 3;
      });
      if (near.length === 1) anchors.push({ block: near[0]!, page, basis: 'index' });
    }
  }
  anchors = monotonic(anchors);

  blocks.forEach((b, i) => {
    if (!isPassage(b) && b.kind !== 'heading') return;
    const p = interpolate(blocks, anchors, i, offsets);
    if (p) result.set(i, p);
  });
  return result;
}
