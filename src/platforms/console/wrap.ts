/**
 * Word wrapping by display width, not by string length: Cyrillic and accented letters take one
 * column, East Asian wide characters and emoji two, combining marks none (string-width knows).
 * Text is carried as styled runs so emphasis survives wrapping and each line can close its own
 * ANSI codes, which keeps padding in side-by-side columns clean.
 */
import { createRequire } from 'node:module';
import { parseInline, visitInline, type InlineStyle } from '../../reply/inline.ts';

export type Tone = InlineStyle | 'bold' | 'dim' | 'red' | 'cyan';

export interface Run {
  text: string;
  tones: readonly Tone[];
}

/** A wrapped line: its runs and its display width. */
export interface Line {
  runs: Run[];
  width: number;
}

/**
 * Characters that each take one column and never join a neighbour into one grapheme: printable
 * ASCII, Latin-1 and Latin Extended (no soft hyphen), Greek and Cyrillic (no combining signs),
 * the common punctuation (dashes, curly quotes, ellipsis), superscript and subscript digits (the
 * corpus's footnote markers: ⁸), currency and letterlike symbols, arrows,
 * box drawing and blocks. Text made only of them, nearly every line Lectern prints, is as wide as
 * it is long; anything else asks string-width (test/console-render.test.ts holds the two equal).
 * Loading string-width and ICU's grapheme segmenter costs ~40 ms of CPU, a tenth of a one-shot CLI
 * answer that may need neither.
 */
const ONE_COLUMN_EACH = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u0370-\u0482\u048A-\u052F\u2010-\u2027\u2030-\u205E\u2070\u2071\u2074-\u208E\u2090-\u209C\u20A0-\u20C0\u2100-\u214F\u2190-\u21FF\u2500-\u259F]*$/;

let stringWidth: ((text: string) => number) | undefined;
/** string-width, loaded on first need (synchronously: Node 24 requires ES modules). */
function fullWidth(text: string): number {
  stringWidth ??= (createRequire(import.meta.url)('string-width') as { default: (text: string) => number }).default;
  return stringWidth(text);
}

export const displayWidth = (text: string): number => (ONE_COLUMN_EACH.test(text) ? text.length : fullWidth(text));

let segmenter: Intl.Segmenter | undefined;
const graphemes = (text: string): string[] => Array.from((segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(text), (s) => s.segment);

/** Runs from the source's markup, each also given `tones` (a citation's dim, a title's bold). */
export function markupRuns(text: string, tones: readonly Tone[] = []): Run[] {
  const runs: Run[] = [];
  visitInline(parseInline(text), (t, styles) => runs.push({ text: t, tones: [...tones, ...styles] }));
  return runs;
}

export const plainRuns = (text: string, tones: readonly Tone[] = []): Run[] => [{ text, tones }];

type Item = { kind: 'word'; runs: Run[]; width: number } | { kind: 'space' } | { kind: 'break' };

function items(runs: readonly Run[]): Item[] {
  const out: Item[] = [];
  let word: Run[] = [];
  const endWord = () => {
    if (word.length > 0) out.push({ kind: 'word', runs: word, width: word.reduce((w, r) => w + displayWidth(r.text), 0) });
    word = [];
  };
  for (const run of runs) {
    for (const part of run.text.split(/(\s)/u)) {
      if (part === '') continue;
      if (part === '\n') {
        endWord();
        out.push({ kind: 'break' });
      } else if (/^\s$/u.test(part)) {
        endWord();
        out.push({ kind: 'space' });
      } else word.push({ text: part, tones: run.tones });
    }
  }
  endWord();
  return out;
}

/** Cuts a word wider than the line into pieces that fit, between graphemes. */
function splitWord(runs: Run[], width: number): { runs: Run[]; width: number }[] {
  const pieces: { runs: Run[]; width: number }[] = [];
  let current: Run[] = [];
  let w = 0;
  for (const run of runs) {
    for (const g of graphemes(run.text)) {
      const gw = displayWidth(g);
      if (w + gw > width && w > 0) {
        pieces.push({ runs: current, width: w });
        current = [];
        w = 0;
      }
      const last = current[current.length - 1];
      if (last && last.tones === run.tones) last.text += g;
      else current.push({ text: g, tones: run.tones });
      w += gw;
    }
  }
  if (current.length > 0) pieces.push({ runs: current, width: w });
  return pieces;
}

/**
 * Wraps runs to `width` columns. Line breaks in the text are kept (a blank line stays blank),
 * runs of spaces fold to one, and a word wider than the line is cut between graphemes.
 */
export function wrapRuns(runs: readonly Run[], width: number): Line[] {
  const max = Math.max(1, Math.floor(width));
  const lines: Line[] = [];
  let line: Line = { runs: [], width: 0 };
  let pendingSpace = false;
  const push = () => {
    lines.push(line);
    line = { runs: [], width: 0 };
    pendingSpace = false;
  };
  for (const item of items(runs)) {
    if (item.kind === 'break') {
      push();
      continue;
    }
    if (item.kind === 'space') {
      pendingSpace = line.width > 0;
      continue;
    }
    const gap = pendingSpace ? 1 : 0;
    if (line.width > 0 && line.width + gap + item.width > max) push();
    if (item.width > max - line.width - (line.width > 0 ? 1 : 0)) {
      for (const piece of splitWord(item.runs, max)) {
        if (line.width > 0) push();
        line.runs.push(...piece.runs);
        line.width = piece.width;
      }
      pendingSpace = false;
      continue;
    }
    if (line.width > 0 && pendingSpace) {
      line.runs.push({ text: ' ', tones: [] });
      line.width += 1;
    }
    line.runs.push(...item.runs);
    line.width += item.width;
    pendingSpace = false;
  }
  if (line.runs.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

const ANSI: Record<Tone, string> = { em: '3', strong: '1', bold: '1', u: '4', dim: '2', red: '31', cyan: '36' };

export function paintRun(run: Run, color: boolean): string {
  if (!color || run.tones.length === 0 || run.text === '') return run.text;
  const codes = [...new Set(run.tones.map((t) => ANSI[t]))].join(';');
  return `\u001b[${codes}m${run.text}\u001b[0m`;
}

/** A line as a string, padded with spaces to `pad` columns when given. */
export function paintLine(line: Line, color: boolean, pad?: number): string {
  const text = line.runs.map((r) => paintRun(r, color)).join('');
  return pad !== undefined && pad > line.width ? text + ' '.repeat(pad - line.width) : text;
}

/** Wraps with a first-line prefix and a hanging indent for the lines after it (list markers, footnote numbers). */
export function wrapHanging(runs: readonly Run[], width: number, first: Run[], indent: number): Line[] {
  const firstWidth = first.reduce((w, r) => w + displayWidth(r.text), 0);
  const hang = Math.min(Math.max(indent, firstWidth), Math.floor(width / 3));
  const indentRun = (n: number): Run[] => (n > 0 ? [{ text: ' '.repeat(n), tones: [] }] : []);
  const body = wrapRuns(runs, Math.max(1, width - hang)).map((l) => ({ runs: [...indentRun(hang), ...l.runs], width: hang + l.width }));
  if (firstWidth > hang) return [...wrapRuns(first, width), ...body];
  const head = body[0];
  if (head) body[0] = { runs: [...first, ...indentRun(hang - firstWidth), ...head.runs.slice(hang > 0 ? 1 : 0)], width: head.width };
  return body;
}
