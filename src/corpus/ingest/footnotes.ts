/**
 * Footnote markers and their bodies. Markers come in three printed forms: superscript digits
 * (`bloc.²`), digits glued to a word or punctuation (`Sedov2`, `here.1`, `350.3`), and digits after
 * a space at the end of a paragraph (`known this. 15`). Digits are only taken for a marker when
 * they are the number expected next in the chapter, since numbering restarts in every chapter and
 * a bare number is more often a page or a year. Bodies whose number the OCR lost are matched to the
 * markers left without a body, by position.
 */
import type { RawBlock } from './structure.ts';
import { superscriptToNumber } from './text.ts';

export interface FoundMarker {
  raw: string;
  number: number;
  /** Offset of the marker in the block text. */
  index: number;
}

const SUPER = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu;
const GLUED = /(?<=[\p{L}.,;:)"”’'»\]])(\d{1,2})(?=[\s,.;:)]|$)/gu;
const SPACED_AT_END = /(?<=[.)"”])\s(\d{1,2})\s*$/u;

export function findMarkers(text: string, expected: { next: number }): FoundMarker[] {
  const found: FoundMarker[] = [];
  const candidates: { raw: string; number: number; index: number; certain: boolean }[] = [];
  for (const m of text.matchAll(SUPER)) {
    candidates.push({ raw: m[0], number: superscriptToNumber(m[0]), index: m.index!, certain: true });
  }
  for (const m of text.matchAll(GLUED)) {
    // "1938.1" is a marker after a year, but "p. 38.1" style decimals do not occur in these texts.
    candidates.push({ raw: m[1]!, number: Number(m[1]), index: m.index!, certain: false });
  }
  const end = SPACED_AT_END.exec(text);
  if (end) candidates.push({ raw: end[1]!, number: Number(end[1]), index: end.index + 1, certain: false });
  candidates.sort((a, b) => a.index - b.index);
  for (const c of candidates) {
    // A superscript run too large to be next ("¹¹¹" for 11) is read as the expected number when
    // its digits contain it.
    if (c.certain && c.number > expected.next + 3) {
      const digits = String(c.number);
      const fit = [expected.next, expected.next + 1].find((n) => digits.includes(String(n)));
      if (fit === undefined) continue;
      c.number = fit;
    }
    if (c.certain || c.number === expected.next || c.number === expected.next + 1) {
      if (!c.certain && c.number === 0) continue;
      found.push({ raw: c.raw, number: c.number, index: c.index });
      expected.next = c.number + 1;
    }
  }
  return found;
}

/** The text without its markers, for the index and for matching. */
export function withoutMarkers(text: string, markers: FoundMarker[]): string {
  let out = text;
  for (const m of [...markers].sort((a, b) => b.index - a.index)) {
    out = out.slice(0, m.index) + out.slice(m.index + m.raw.length);
  }
  return out.replace(/\s+([.,;:])/g, '$1');
}

export type LinkedMarker = FoundMarker & { body: number | null; inferred?: boolean };

export interface LinkResult {
  /** For each raw block index with markers: its markers, each with the raw index of its body (or null). */
  markers: Map<number, LinkedMarker[]>;
  /** Raw index of each footnote body → raw index of the block that refers to it. */
  refOf: Map<number, number>;
  /** Footnote numbers assigned to bodies the OCR left unnumbered. */
  assigned: Map<number, number>;
}

const chapterKey = (b: RawBlock) => `${b.part}|${b.chapter ?? ''}`;
const isMain = (b: RawBlock) => b.kind === 'paragraph' || b.kind === 'quotation' || b.kind === 'list-item' || b.kind === 'heading';

export function linkFootnotes(blocks: RawBlock[]): LinkResult {
  const markers = new Map<number, LinkedMarker[]>();
  const refOf = new Map<number, number>();
  const assigned = new Map<number, number>();

  const chapters = new Map<string, number[]>();
  blocks.forEach((b, i) => {
    const key = chapterKey(b);
    if (!chapters.has(key)) chapters.set(key, []);
    chapters.get(key)!.push(i);
  });

  for (const indices of chapters.values()) {
    const expected = { next: 1 };
    const found: { block: number; marker: FoundMarker }[] = [];
    for (const i of indices) {
      const b = blocks[i]!;
      if (!isMain(b) || b.kind === 'heading' && b.level === 1) continue;
      for (const m of findMarkers(b.text, expected)) found.push({ block: i, marker: m });
    }
    const bodies = new Map<number, number>();
    for (const i of indices) {
      const n = blocks[i]!.footnoteNumber;
      if (blocks[i]!.kind === 'footnote' && typeof n === 'number' && !bodies.has(n)) bodies.set(n, i);
    }
    // Markers without a body take the nearest unnumbered body (or a reference-like paragraph among
    // footnotes) that lies after the marker and before the next numbered body.
    const taken = new Set<number>();
    for (const { block, marker } of found) {
      if (bodies.has(marker.number)) continue;
      const nextBody = [...bodies.entries()]
        .filter(([n]) => n > marker.number)
        .sort((a, b) => a[0] - b[0])[0]?.[1];
      const prevBody = [...bodies.entries()]
        .filter(([n]) => n < marker.number)
        .sort((a, b) => b[0] - a[0])[0]?.[1];
      const lo = Math.max(prevBody ?? -1, block - 1);
      const hi = nextBody ?? Math.min(blocks.length, block + 12);
      const candidate = indices.find((i) => {
        if (i <= lo || i >= hi || taken.has(i)) return false;
        const b = blocks[i]!;
        return (b.kind === 'footnote' && b.footnoteNumber === null) || b.noteCandidate === true;
      });
      if (candidate !== undefined) {
        taken.add(candidate);
        const b = blocks[candidate]!;
        b.kind = 'footnote';
        b.footnoteNumber = marker.number;
        assigned.set(candidate, marker.number);
        bodies.set(marker.number, candidate);
      }
    }
    for (const { block, marker } of found) {
      const body = bodies.get(marker.number) ?? null;
      if (!markers.has(block)) markers.set(block, []);
      markers.get(block)!.push({ ...marker, body });
      if (body !== null && !refOf.has(body)) refOf.set(body, block);
    }
    for (const [n, body] of bodies) {
      if (refOf.has(body)) continue;
      // The lost marker was printed after marker n-1 and before marker n+1.
      const held = (m: number) => found.find((f) => f.marker.number === m)?.block;
      const ref = passageForLostMarker(blocks, indices, body, { from: held(n - 1), to: held(n + 1) });
      if (ref === undefined) continue;
      refOf.set(body, ref);
      if (!markers.has(ref)) markers.set(ref, []);
      markers.get(ref)!.push({ raw: '', number: n, index: -1, body, inferred: true });
    }
  }
  return { markers, refOf, assigned };
}

const isPassage = (b: RawBlock) => b.kind === 'paragraph' || b.kind === 'quotation' || b.kind === 'list-item';

/** Names and acronyms a note mentions: capitalised words that do not open a sentence. */
function noteNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/(^|[.!?:]\s+|[\s("“«])(\p{Lu}[\p{L}\p{M}'’-]{2,})/gu)) {
    const sentenceStart = m.index === 0 || /[.!?:]\s+$/u.test(m[1]!);
    const word = m[2]!.replace(/['’]s$/u, '');
    if (!sentenceStart || /^\p{Lu}{3,}$/u.test(word)) names.add(word);
  }
  return names;
}

function sharedNames(names: Set<string>, text: string): number {
  let n = 0;
  for (const name of names) {
    // Names hold only letters, marks, apostrophes and hyphens: nothing to escape.
    if (new RegExp(`(?<!\\p{L})${name}(?!\\p{L})`, 'u').test(text)) n++;
  }
  return n;
}

/**
 * A numbered body whose marker the OCR lost belongs to a passage printed above it on the same page
 * (after the previous footnote group), between the passages holding the markers numbered just below
 * and just above it: the last one, unless that one shares no name with the note
 * and an earlier one on the page does. The nearest passage is often an original whose translation
 * follows the note, or a list item, while the note glosses a name the page's text introduced
 * ("The initials NKVD indicate…" under a Russian quotation, for "the police force known as the NKVD").
 */
function passageForLostMarker(
  blocks: RawBlock[],
  indices: number[],
  body: number,
  order: { from?: number | undefined; to?: number | undefined },
): number | undefined {
  const pos = indices.indexOf(body);
  let k = pos - 1;
  while (k >= 0 && blocks[indices[k]!]!.kind === 'footnote') k--;
  const page: number[] = [];
  for (; k >= 0; k--) {
    const b = blocks[indices[k]!]!;
    if (b.kind === 'footnote' || b.kind === 'heading' && b.level === 1) break;
    if (order.from !== undefined && indices[k]! < order.from) break;
    if (order.to !== undefined && indices[k]! > order.to) continue;
    if (isPassage(b)) page.push(indices[k]!);
    else if (page.length === 0) return undefined;
  }
  const nearest = page[0];
  if (nearest === undefined) return undefined;
  const names = noteNames(blocks[body]!.text);
  if (names.size === 0 || sharedNames(names, blocks[nearest]!.text) > 0) return nearest;
  let best = nearest;
  let bestShared = 0;
  for (const i of page) {
    const shared = sharedNames(names, blocks[i]!.text);
    if (shared > bestShared) [best, bestShared] = [i, shared];
  }
  return best;
}
