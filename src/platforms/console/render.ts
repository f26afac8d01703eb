/**
 * A reply (one page of it) for a terminal: every line fits `width` display columns, side-by-side
 * columns when the terminal is wide enough for two readable columns and stacked below that, the
 * source's emphasis as ANSI styles when colour is on and as plain text when it is off (a pipe),
 * never as raw `*` or `**`.
 */
import type { LayoutPreference } from '../../dispatch/types.ts';
import type { Action, ActionKind, ColumnsView, PassageView, Reply, Section } from '../../reply/model.ts';
import { displayWidth, markupRuns, paintLine, plainRuns, wrapHanging, wrapRuns, type Line, type Run, type Tone } from './wrap.ts';

export interface ConsoleRenderOptions {
  width: number;
  color: boolean;
  /** The group's layout for translations: stacked even when the terminal is wide enough for columns. */
  layout?: LayoutPreference;
  /** Show the keys under an answer (false where none can be pressed: one-shot CLI output). */
  keys?: boolean;
  /** Said after "part i of n" on an interactive pager: which keys turn the page. */
  pagerHint?: string;
}

/** Below this width the two columns would be too narrow to read: the translation goes under the original. */
export const SIDE_BY_SIDE_MIN_WIDTH = 100;
const GUTTER = ' │ ';

/** The key the console binds to each action; the hint shows it in brackets inside the label. */
export const CONSOLE_ACTION_KEYS: Record<ActionKind, string> = {
  next: 'n',
  previous: 'p',
  translation: 't',
  cite: 'c',
  discuss: 'd',
  context: 'x',
  more: 'm',
  bibliography: 'b',
  notes: 'o',
};
const HINT_WORDS: Record<ActionKind, string> = {
  next: 'next',
  previous: 'previous',
  translation: 'translation',
  cite: 'cite',
  discuss: 'discuss',
  context: 'context',
  more: 'more',
  bibliography: 'bibliography',
  notes: 'notes',
};

const line = (runs: Run[]): Line => ({ runs, width: runs.reduce((w, r) => w + displayWidth(r.text), 0) });
const blank = (): Line => ({ runs: [], width: 0 });

function wrapText(text: string, width: number, tones: Tone[] = []): Line[] {
  return wrapRuns(markupRuns(text, tones), width);
}

function passageLines(p: PassageView, width: number, number: number | undefined): Line[] {
  // The passage is quoted whole: a snippet would cut the words a reader must be able to check.
  const body = markupRuns(p.text);
  const lines = number === undefined ? wrapRuns(body, width) : wrapHanging(body, width, [{ text: `${number}. `, tones: ['bold'] }], 3);
  const indent = Math.min(2, Math.floor(width / 4));
  const pad: Run[] = indent > 0 ? [{ text: ' '.repeat(indent), tones: [] }] : [];
  const meta = [p.locatorLabel, p.id].filter(Boolean).join(' · ');
  if (p.citation) lines.push(...wrapHanging(markupRuns(p.citation, ['dim']), width, [...pad, { text: '— ', tones: ['dim'] }], indent + 2));
  if (meta) lines.push(...wrapHanging(plainRuns(meta, ['dim']), width, pad, indent));
  for (const f of p.footnotes) {
    lines.push(...wrapHanging(markupRuns(f.text), width, [...pad, { text: `${f.marker} `, tones: ['cyan'] }], indent + f.marker.length + 1));
  }
  return lines;
}

function paragraphs(text: string): string[] {
  return text.split(/\n[^\S\n]*\n\s*/u).filter((p) => p.trim() !== '');
}

/** Stacked: each segment's original, then its translation, each under its label and locator. */
function stackedColumns(group: ColumnsView[], width: number): Line[] {
  const side = (s: ColumnsView['original']): Line[] => [
    ...wrapRuns([{ text: s.label, tones: ['bold'] }, ...(s.locatorLabel ? [{ text: ` · ${s.locatorLabel}`, tones: ['dim'] as Tone[] }] : [])], width),
    ...wrapText(s.text, width),
  ];
  return group.flatMap((c, i) => [...(i > 0 ? [blank()] : []), ...side(c.original), blank(), ...side(c.translation)]);
}

function sideBySide(group: ColumnsView[], width: number): Line[] {
  const col = Math.floor((width - GUTTER.length) / 2);
  const gutter: Run = { text: GUTTER, tones: ['dim'] };
  const rows: Line[] = [];
  const join = (left: Line[], right: Line[]) => {
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      const l = left[i] ?? blank();
      const r = right[i] ?? blank();
      const fill: Run[] = l.width < col ? [{ text: ' '.repeat(col - l.width), tones: [] }] : [];
      rows.push(line([...l.runs, ...fill, gutter, ...r.runs]));
    }
  };
  const first = group[0];
  if (!first) return rows;
  join(wrapRuns(plainRuns(first.original.label, ['bold']), col), wrapRuns(plainRuns(first.translation.label, ['bold']), col));
  rows.push(line([{ text: '─'.repeat(col), tones: ['dim'] }, { text: '─┼─', tones: ['dim'] }, { text: '─'.repeat(col), tones: ['dim'] }]));
  group.forEach((c, k) => {
    if (k > 0) join([blank()], [blank()]);
    // Paragraph k faces paragraph k when both sides have as many; otherwise the slices face each other whole.
    const a = paragraphs(c.original.text);
    const b = paragraphs(c.translation.text);
    const pairs: [string, string][] = a.length === b.length && a.length > 1 ? a.map((p, i) => [p, b[i] ?? '']) : [[c.original.text, c.translation.text]];
    pairs.forEach(([l, r], i) => {
      if (i > 0) join([blank()], [blank()]);
      join(wrapText(l, col), wrapText(r, col));
    });
    if (c.original.locatorLabel || c.translation.locatorLabel) {
      join(wrapRuns(plainRuns(c.original.locatorLabel, ['dim']), col), wrapRuns(plainRuns(c.translation.locatorLabel, ['dim']), col));
    }
  });
  return rows;
}

/** Consecutive segments of one pair share a header and a note. */
function columnsLines(group: ColumnsView[], width: number, layout: LayoutPreference): Line[] {
  const lines = layout === 'side-by-side' && width >= SIDE_BY_SIDE_MIN_WIDTH ? sideBySide(group, width) : stackedColumns(group, width);
  const note = group[0]?.note;
  if (note) lines.push(blank(), ...wrapText(note, width, ['dim']));
  return lines;
}

function fieldsLines(fields: { name: string; value: string }[], width: number): Line[] {
  return fields.flatMap((f) => wrapHanging(markupRuns(f.value), width, [{ text: `${f.name}: `, tones: ['bold'] }], 2));
}

/** Code is shown as is, for copying: no markup, indentation kept, over-long lines cut where they must be. */
function codeLines(text: string, width: number): Line[] {
  return text.split('\n').flatMap((raw) => {
    const indent = /^\s*/u.exec(raw)?.[0] ?? '';
    if (displayWidth(raw) <= width) return [line([{ text: raw, tones: [] }])];
    const lead = displayWidth(indent) < width / 2 ? indent : '';
    return wrapRuns(plainRuns(raw.slice(indent.length)), width - displayWidth(lead)).map((l) => line([{ text: lead, tones: [] }, ...l.runs]));
  });
}

function sectionLines(section: Section, width: number, number: number | undefined, layout: LayoutPreference): Line[] {
  switch (section.kind) {
    case 'text':
      return wrapText(section.text, width);
    case 'passage':
      return passageLines(section.passage, width, number);
    case 'columns':
      return columnsLines([section.columns], width, layout);
    case 'fields':
      return fieldsLines(section.fields, width);
    case 'code':
      return codeLines(section.text, width);
  }
}

/** "[n]ext", "conte[x]t": the label with its key bracketed. */
export function actionHint(kind: ActionKind): string {
  const word = HINT_WORDS[kind];
  const key = CONSOLE_ACTION_KEYS[kind];
  const at = word.indexOf(key);
  return at === -1 ? `[${key}] ${word}` : `${word.slice(0, at)}[${key}]${word.slice(at + 1)}`;
}

function footerLines(reply: Reply, width: number, opts: ConsoleRenderOptions): Line[] {
  const parts: string[] = [];
  if (reply.page && reply.page.count > 1) parts.push(`part ${reply.page.index + 1} of ${reply.page.count}${opts.pagerHint ? ` (${opts.pagerHint})` : ''}`);
  if (opts.keys !== false) parts.push(...new Set(reply.actions.map((a: Action) => actionHint(a.kind))));
  // Hints are kept whole and two spaces apart, so each line is filled greedily by hand.
  const rows: string[] = [];
  for (const part of parts) {
    const last = rows[rows.length - 1];
    if (last !== undefined && displayWidth(last) + 2 + displayWidth(part) <= width) rows[rows.length - 1] = `${last}  ${part}`;
    else rows.push(part);
  }
  return rows.flatMap((r) => (displayWidth(r) <= width ? [line(plainRuns(r, ['dim']))] : wrapRuns(plainRuns(r, ['dim']), width)));
}

export function renderConsole(reply: Reply, opts: ConsoleRenderOptions): string {
  const width = Math.max(1, Math.floor(opts.width));
  const layout = opts.layout ?? 'side-by-side';
  const titleTones: Tone[] = reply.error ? ['bold', 'red'] : ['bold'];
  const title = wrapRuns(markupRuns(reply.title, titleTones), width);
  const rule = line([{ text: '─'.repeat(Math.min(width, Math.max(...title.map((l) => l.width), 1))), tones: ['dim'] }]);
  const out: Line[] = [...title, rule];
  // Passages are numbered when there are several, so "cite 2" has a meaning; a passage continued over several sections keeps one number.
  const ids = [...new Set(reply.sections.flatMap((s) => (s.kind === 'passage' ? [s.passage.id] : [])))];
  const numbered = new Set<string>();
  for (let i = 0; i < reply.sections.length; i++) {
    const section = reply.sections[i] as Section;
    if (section.kind === 'columns') {
      const group = [section.columns];
      for (let next = reply.sections[i + 1]; next?.kind === 'columns' && next.columns.pairId === section.columns.pairId; next = reply.sections[i + 1]) {
        group.push(next.columns);
        i++;
      }
      out.push(blank(), ...columnsLines(group, width, layout));
      continue;
    }
    let number: number | undefined;
    if (section.kind === 'passage' && ids.length > 1 && !numbered.has(section.passage.id)) {
      numbered.add(section.passage.id);
      number = ids.indexOf(section.passage.id) + 1;
    }
    out.push(blank(), ...sectionLines(section, width, number, layout));
  }
  const footer = footerLines(reply, width, opts);
  if (footer.length > 0) out.push(blank(), ...footer);
  return out.map((l) => paintLine(l, opts.color).trimEnd()).join('\n');
}
