/**
 * Cutting text into pieces that fit a length, at the best boundary the text offers: a paragraph,
 * then a sentence, then a word; only a single word longer than the limit (a long URL) is cut
 * inside, and that piece ends with "…". Pieces are slices of the text, so joining them gives the
 * text back up to the white space at the cuts; markup open across a cut is closed at the end of
 * one piece and reopened at the start of the next.
 */
import { MAX_REBALANCE, closeMarkup, openMarkup, openStylesAt, parseInline, stripInline } from './inline.ts';
import { sentenceSpans } from './sentences.ts';

export const ELLIPSIS = '…';

type Break = 'paragraph' | 'sentence' | 'word' | 'hard';

/** An uncuttable run of text and the kind of boundary that follows it. */
interface Atom {
  start: number;
  end: number;
  brk: Break;
}

/** A slice of the text; `hard` when it ends inside a word. */
export interface Piece {
  start: number;
  end: number;
  hard: boolean;
}

const SPACE = /\s/u;
const PARAGRAPH_GAP = /\n[^\S\n]*\n/u;
/** A paragraph break is preferred over a later sentence break when it fills this much of the page. */
const PARAGRAPH_PREFERENCE = 0.6;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** A cut inside a long word that splits neither a surrogate pair nor a markup delimiter. */
function hardCut(text: string, from: number, to: number): number {
  let cut = to;
  const bad = (c: number) =>
    isHighSurrogate(text.charCodeAt(c - 1)) ||
    text[c - 1] === '*' ||
    text[c] === '*' ||
    insideTag(text, c);
  while (cut > from + 1 && bad(cut)) cut--;
  return cut;
}

function insideTag(text: string, c: number): boolean {
  for (let s = Math.max(0, c - 3); s < c; s++) {
    const m = /^<\/?u>/i.exec(text.slice(s, s + 4));
    if (m && s + m[0].length > c) return true;
  }
  return false;
}

function atomize(text: string, limit: number, lang: string): Atom[] {
  const atoms: Atom[] = [];
  for (const span of sentenceSpans(text, lang)) {
    if (span.end - span.start <= limit) {
      atoms.push({ start: span.start, end: span.end, brk: 'sentence' });
      continue;
    }
    const words = /\S+/gu;
    words.lastIndex = span.start;
    for (let m = words.exec(text); m && m.index < span.end; m = words.exec(text)) {
      const wordEnd = Math.min(m.index + m[0].length, span.end);
      let s = m.index;
      while (wordEnd - s > limit) {
        const cut = hardCut(text, s, s + limit - ELLIPSIS.length);
        atoms.push({ start: s, end: cut, brk: 'hard' });
        s = cut;
      }
      atoms.push({ start: s, end: wordEnd, brk: 'word' });
    }
    const last = atoms[atoms.length - 1];
    if (last) last.brk = 'sentence';
  }
  for (let i = 0; i + 1 < atoms.length; i++) {
    const a = atoms[i];
    const b = atoms[i + 1];
    if (a && b && PARAGRAPH_GAP.test(text.slice(a.end, b.start))) a.brk = 'paragraph';
  }
  return atoms;
}

const pieceLength = (atoms: Atom[], i: number, j: number) => {
  const a = atoms[i];
  const b = atoms[j];
  return a && b ? b.end - a.start + (b.brk === 'hard' ? ELLIPSIS.length : 0) : 0;
};

/** The last atom a piece starting at atom `i` can reach within `limit`. */
function reach(atoms: Atom[], i: number, limit: number): number {
  let j = i;
  while (j + 1 < atoms.length && pieceLength(atoms, i, j + 1) <= limit) j++;
  return j;
}

/** Where to end a piece that starts at `i` and may reach `j`: a paragraph, a sentence, else as far as it goes. */
function bestCut(atoms: Atom[], i: number, j: number, limit: number): number {
  if (j === atoms.length - 1) return j;
  const start = atoms[i]?.start ?? 0;
  let sentence = -1;
  for (let k = j; k >= i; k--) {
    const a = atoms[k];
    if (!a) continue;
    if (a.brk === 'paragraph' && a.end - start >= PARAGRAPH_PREFERENCE * limit) return k;
    if (sentence === -1 && (a.brk === 'sentence' || a.brk === 'paragraph')) sentence = k;
  }
  return sentence === -1 ? j : sentence;
}

const toPiece = (atoms: Atom[], i: number, k: number): Piece => ({
  start: atoms[i]?.start ?? 0,
  end: atoms[k]?.end ?? 0,
  hard: atoms[k]?.brk === 'hard',
});

/** Whether any markup pairs up: literal asterisks (bullets, separators) need no room reserved. */
const hasMarkup = (text: string, markup: boolean) => markup && /[*<]/.test(text) && parseInline(text).some((n) => n.type !== 'text');

export interface SplitOptions {
  /** False for code, whose asterisks are never markup. */
  markup?: boolean;
}

/** Room left for a piece once markup that may be reopened and closed around it is accounted for. */
const usable = (text: string, limit: number, markup: boolean) =>
  Math.max(ELLIPSIS.length + 1, Math.floor(limit) - (hasMarkup(text, markup) ? MAX_REBALANCE : 0));

/** The pieces as strings, with markup balanced in each and "…" after a hard cut. */
export function renderPieces(text: string, pieces: readonly Piece[], limit: number, options: SplitOptions = {}): string[] {
  if (!hasMarkup(text, options.markup ?? true)) return pieces.map((p) => text.slice(p.start, p.end) + (p.hard ? ELLIPSIS : ''));
  const stacks = openStylesAt(text, pieces.flatMap((p) => [p.start, p.end]));
  return pieces.map((p, i) => {
    const raw = text.slice(p.start, p.end);
    const open = openMarkup(stacks[2 * i] ?? []);
    const close = closeMarkup(stacks[2 * i + 1] ?? []);
    const tail = p.hard ? ELLIPSIS : '';
    const balanced = open + raw + tail + close;
    // Deeper nesting than the reserve allows: keep the words, drop the emphasis.
    return balanced.length <= limit ? balanced : stripInline(raw) + tail;
  });
}

export function splitPieces(text: string, limit: number, lang = 'en', options: SplitOptions = {}): Piece[] {
  const room = usable(text, limit, options.markup ?? true);
  const atoms = atomize(text, room, lang);
  const pieces: Piece[] = [];
  for (let i = 0; i < atoms.length; ) {
    const k = bestCut(atoms, i, reach(atoms, i, room), room);
    pieces.push(toPiece(atoms, i, k));
    i = k + 1;
  }
  return pieces;
}

/** Cuts `text` into pieces of at most `limit` characters (UTF-16 code units, as the platforms count). */
export function splitText(text: string, limit: number, lang = 'en', options: SplitOptions = {}): string[] {
  if (text.trim() === '') return [text.trim()];
  if (text.length <= limit) return [text];
  return renderPieces(text, splitPieces(text, limit, lang, options), limit, options);
}

/** Cuts code between lines, keeping indentation; a line longer than the limit is cut like prose. */
export function splitLines(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  let current: string | null = null;
  for (const line of text.split('\n')) {
    const parts = line.length <= limit ? [line] : splitText(line, limit, 'en', { markup: false });
    for (const part of parts) {
      if (current !== null && current.length + 1 + part.length <= limit) current += `\n${part}`;
      else {
        if (current !== null) pieces.push(current);
        current = part;
      }
    }
  }
  if (current !== null) pieces.push(current);
  return pieces;
}

/** Shortens to `limit` at a word boundary with "…": for titles and labels, which cannot be paged. */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = Math.max(0, limit - ELLIPSIS.length);
  let cut = room;
  while (cut > 0 && !SPACE.test(text[cut] ?? ' ')) cut--;
  if (cut < room / 2) cut = isHighSurrogate(text.charCodeAt(room - 1)) ? room - 1 : room;
  const head = stripInline(text.slice(0, cut)).trimEnd();
  return head.slice(0, room) + ELLIPSIS;
}

/* ---------- Two texts cut in step ---------- */

interface Side {
  text: string;
  atoms: Atom[];
  room: number;
  /** Position of an offset in [0, 1], by paragraph segments when both sides have as many. */
  coord: (offset: number) => number;
}

function paragraphSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const re = /\n[^\S\n]*\n\s*/gu;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (text.slice(start, m.index).trim()) spans.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (text.slice(start).trim()) spans.push({ start, end: text.length });
  return spans;
}

function coordinate(text: string, segments: { start: number; end: number }[]): (offset: number) => number {
  const trimmedEnd = text.trimEnd().length;
  if (segments.length < 2) return (o) => (trimmedEnd === 0 ? 1 : Math.min(1, o / trimmedEnd));
  return (o) => {
    let s = segments.findIndex((seg) => o <= seg.end);
    if (s === -1) s = segments.length - 1;
    const seg = segments[s] ?? { start: 0, end: 1 };
    const within = Math.min(1, Math.max(0, (o - seg.start) / Math.max(1, seg.end - seg.start)));
    return (s + within) / segments.length;
  };
}

function makeSides(a: string, b: string, limitA: number, limitB: number, langA: string, langB: string): [Side, Side] {
  const pa = paragraphSpans(a);
  const pb = paragraphSpans(b);
  const aligned = pa.length === pb.length && pa.length > 1;
  const side = (text: string, limit: number, lang: string, paras: typeof pa): Side => {
    const room = usable(text, limit, true);
    return { text, atoms: atomize(text, room, lang), room, coord: coordinate(text, aligned ? paras : []) };
  };
  return [side(a, limitA, langA, pa), side(b, limitB, langB, pb)];
}

/** Among the atoms a side can reach, the cut whose position is nearest `target`, preferring sentence ends. */
function nearest(side: Side, i: number, j: number, target: number): number {
  let best = -1;
  let bestSentence = -1;
  const dist = (k: number) => Math.abs(side.coord(side.atoms[k]?.end ?? 0) - target);
  for (let k = i; k <= j; k++) {
    const brk = side.atoms[k]?.brk;
    if (best === -1 || dist(k) < dist(best)) best = k;
    if ((brk === 'sentence' || brk === 'paragraph' || k === side.atoms.length - 1) && (bestSentence === -1 || dist(k) < dist(bestSentence))) bestSentence = k;
  }
  return bestSentence === -1 ? best : bestSentence;
}

/**
 * Cuts an original and its translation into the same number of pieces, page k of one matching
 * page k of the other: whichever side fills its page first decides where the page ends, and the
 * other side is cut at the sentence nearest the same proportion of its text (counted within
 * paragraphs when both sides have as many paragraphs, so paragraph ends line up exactly).
 */
export function splitAlignedPieces(
  a: string,
  b: string,
  limitA: number,
  limitB: number,
  langA = 'en',
  langB = 'en',
): [Piece | null, Piece | null][] {
  const [A, B] = makeSides(a, b, limitA, limitB, langA, langB);
  const pages: [Piece | null, Piece | null][] = [];
  let ia = 0;
  let ib = 0;
  const na = A.atoms.length;
  const nb = B.atoms.length;
  while (ia < na || ib < nb) {
    if (ia >= na || ib >= nb) {
      const side = ia >= na ? B : A;
      const i = ia >= na ? ib : ia;
      const k = bestCut(side.atoms, i, reach(side.atoms, i, side.room), side.room);
      const piece = toPiece(side.atoms, i, k);
      pages.push(ia >= na ? [null, piece] : [piece, null]);
      if (ia >= na) ib = k + 1;
      else ia = k + 1;
      continue;
    }
    const ja = reach(A.atoms, ia, A.room);
    const jb = reach(B.atoms, ib, B.room);
    let ka = bestCut(A.atoms, ia, ja, A.room);
    let kb = bestCut(B.atoms, ib, jb, B.room);
    const ca = A.coord(A.atoms[ka]?.end ?? 0);
    const cb = B.coord(B.atoms[kb]?.end ?? 0);
    if (ca <= cb) kb = nearest(B, ib, kb, ca);
    else ka = nearest(A, ia, ka, cb);
    pages.push([toPiece(A.atoms, ia, ka), toPiece(B.atoms, ib, kb)]);
    ia = ka + 1;
    ib = kb + 1;
  }
  return pages;
}

export function splitAligned(
  a: string,
  b: string,
  limitA: number,
  limitB: number,
  langA = 'en',
  langB = 'en',
): [string, string][] {
  const pages = splitAlignedPieces(a, b, limitA, limitB, langA, langB);
  if (pages.length <= 1) return [[a.trim(), b.trim()]];
  const render = (text: string, pieces: (Piece | null)[], limit: number) => {
    const present = pieces.filter((p): p is Piece => p !== null);
    const rendered = renderPieces(text, present, limit);
    let k = 0;
    return pieces.map((p) => (p ? (rendered[k++] ?? '') : ''));
  };
  const left = render(a, pages.map((p) => p[0]), limitA);
  const right = render(b, pages.map((p) => p[1]), limitB);
  return left.map((l, i) => [l, right[i] ?? '']);
}
