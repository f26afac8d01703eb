/**
 * The source's light inline markup: `*em*`, `**strong**`, `<u>underline</u>`.
 * The corpus also prints asterisks that are not markup (`- * item` bullets, `* * *` separators, a
 * lone `*`), so delimiters follow CommonMark's flanking rules: a `*` run opens only when a
 * non-space follows it and closes only when a non-space precedes it, and anything that does not
 * pair up stays literal text. Parsing never throws: every input is some list of nodes whose plain
 * text is the input minus the markers that paired.
 */

export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'em'; children: InlineNode[] }
  | { type: 'strong'; children: InlineNode[] }
  | { type: 'u'; children: InlineNode[] };

export type InlineStyle = Exclude<InlineNode['type'], 'text'>;

type Token = { pos: number } & (
  | { kind: 'text'; text: string }
  | {
      kind: 'star';
      /** Asterisks not yet paired. */
      count: number;
      canOpen: boolean;
      canClose: boolean;
      /** Pairings made as a closer (inner first) and as an opener (inner first). */
      closes: { style: InlineStyle; id: number }[];
      opens: { style: InlineStyle; id: number }[];
      removed: boolean;
    }
  | { kind: 'u'; closing: boolean; raw: string; pairId: number | null; removed: boolean }
);

/** `pos`: where the event starts in the source, for mapping offsets to the styles open there. */
type Event = { pos: number } & ({ kind: 'text'; text: string } | { kind: 'open' | 'close'; style: InlineStyle; id: number });

const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);
const U_TAG = /^<(\/?)u>/i;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let plain = '';
  let plainStart = 0;
  const flush = () => {
    if (plain) tokens.push({ kind: 'text', text: plain, pos: plainStart });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '*') {
      let j = i;
      while (text[j] === '*') j++;
      const before = text[i - 1];
      const after = text[j];
      // CommonMark's left/right-flanking rules, which keep `- * item` and `* * *` literal.
      const leftFlanking = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
      const rightFlanking = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
      flush();
      tokens.push({ pos: i, kind: 'star', count: j - i, canOpen: leftFlanking, canClose: rightFlanking, closes: [], opens: [], removed: false });
      i = j;
      continue;
    }
    if (c === '<') {
      const m = U_TAG.exec(text.slice(i, i + 4));
      if (m) {
        flush();
        tokens.push({ pos: i, kind: 'u', closing: m[1] === '/', raw: m[0], pairId: null, removed: false });
        i += m[0].length;
        continue;
      }
    }
    if (!plain) plainStart = i;
    plain += c;
    i++;
  }
  flush();
  return tokens;
}

/** Pairs delimiters like CommonMark's "process emphasis": nearest opener first, and whatever lies between a matched pair unpaired is dropped, so pairs always nest. */
function pairDelimiters(tokens: Token[]): void {
  let nextId = 0;
  const dropBetween = (from: number, to: number) => {
    for (let k = from + 1; k < to; k++) {
      const t = tokens[k];
      if (t && t.kind !== 'text' && !(t.kind === 'u' && t.pairId !== null)) t.removed = true;
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const closer = tokens[i];
    if (!closer || closer.kind === 'text') continue;
    if (closer.kind === 'u') {
      if (!closer.closing || closer.removed) continue;
      for (let k = i - 1; k >= 0; k--) {
        const opener = tokens[k];
        if (opener?.kind === 'u' && !opener.closing && !opener.removed && opener.pairId === null) {
          const id = nextId++;
          opener.pairId = id;
          closer.pairId = id;
          dropBetween(k, i);
          break;
        }
      }
      continue;
    }
    if (!closer.canClose) continue;
    while (closer.count > 0) {
      let found = -1;
      for (let k = i - 1; k >= 0; k--) {
        const t = tokens[k];
        if (t?.kind === 'star' && !t.removed && t.canOpen && t.count > 0) {
          found = k;
          break;
        }
      }
      const opener = tokens[found];
      if (!opener || opener.kind !== 'star') break;
      const use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      const id = nextId++;
      const style: InlineStyle = use === 2 ? 'strong' : 'em';
      opener.count -= use;
      closer.count -= use;
      opener.opens.push({ style, id });
      closer.closes.push({ style, id });
      dropBetween(found, i);
    }
  }
}

function toEvents(tokens: Token[]): Event[] {
  const events: Event[] = [];
  for (const t of tokens) {
    const pos = t.pos;
    if (t.kind === 'text') events.push({ pos, kind: 'text', text: t.text });
    else if (t.kind === 'u') {
      if (t.pairId === null || t.removed) events.push({ pos, kind: 'text', text: t.raw });
      else events.push({ pos, kind: t.closing ? 'close' : 'open', style: 'u', id: t.pairId });
    } else {
      // A closer consumes a run from its left, an opener from its right; leftovers stay literal between.
      for (const c of t.closes) events.push({ pos, kind: 'close', ...c });
      if (t.count > 0) events.push({ pos, kind: 'text', text: '*'.repeat(t.count) });
      for (const o of [...t.opens].reverse()) events.push({ pos, kind: 'open', ...o });
    }
  }
  return events;
}

function pushText(nodes: InlineNode[], text: string): void {
  if (!text) return;
  const last = nodes[nodes.length - 1];
  if (last?.type === 'text') last.text += text;
  else nodes.push({ type: 'text', text });
}

function events(text: string): Event[] {
  const tokens = tokenize(typeof text === 'string' ? text : String(text ?? ''));
  pairDelimiters(tokens);
  return toEvents(tokens);
}

export function parseInline(text: string): InlineNode[] {
  const root: InlineNode[] = [];
  const stack: { node: Extract<InlineNode, { children: InlineNode[] }>; id: number }[] = [];
  const current = () => stack[stack.length - 1]?.node.children ?? root;
  for (const e of events(text)) {
    if (e.kind === 'text') pushText(current(), e.text);
    else if (e.kind === 'open') {
      const node = { type: e.style, children: [] as InlineNode[] };
      current().push(node);
      stack.push({ node, id: e.id });
    } else if (stack[stack.length - 1]?.id === e.id) {
      stack.pop();
    }
  }
  return root;
}

export function toPlain(nodes: readonly InlineNode[]): string {
  let out = '';
  for (const n of nodes) out += n.type === 'text' ? n.text : toPlain(n.children);
  return out;
}

/** The text a reader sees: markup removed, literal asterisks kept. */
export const stripInline = (text: string): string => toPlain(parseInline(text));

/** Walks the tree in reading order, handing each text run the styles around it (outermost first). */
export function visitInline(nodes: readonly InlineNode[], visit: (text: string, styles: readonly InlineStyle[]) => void, styles: readonly InlineStyle[] = []): void {
  for (const n of nodes) {
    if (n.type === 'text') visit(n.text, styles);
    else visitInline(n.children, visit, [...styles, n.type]);
  }
}

/**
 * The styles open at each offset (outermost first), for an offset between two characters of text
 * or just before a marker. The pager uses it to close markup at the end of a page and reopen it at
 * the start of the next, so a cut inside `*…*` never leaves a stray asterisk.
 */
export function openStylesAt(text: string, offsets: readonly number[]): InlineStyle[][] {
  const order = offsets.map((o, i) => [o, i] as const).sort((x, y) => x[0] - y[0]);
  const result: InlineStyle[][] = offsets.map(() => []);
  const stack: { style: InlineStyle; id: number }[] = [];
  let k = 0;
  const record = (upTo: number) => {
    for (; k < order.length && (order[k]?.[0] ?? Infinity) <= upTo; k++) result[order[k]?.[1] ?? 0] = stack.map((s) => s.style);
  };
  for (const e of events(text)) {
    if (e.kind === 'text') continue;
    record(e.pos);
    if (e.kind === 'open') stack.push({ style: e.style, id: e.id });
    else if (stack[stack.length - 1]?.id === e.id) stack.pop();
  }
  record(Infinity);
  return result;
}

const OPEN_MARK: Record<InlineStyle, string> = { em: '*', strong: '**', u: '<u>' };
const CLOSE_MARK: Record<InlineStyle, string> = { em: '*', strong: '**', u: '</u>' };
export const openMarkup = (styles: readonly InlineStyle[]): string => styles.map((s) => OPEN_MARK[s]).join('');
export const closeMarkup = (styles: readonly InlineStyle[]): string => [...styles].reverse().map((s) => CLOSE_MARK[s]).join('');
/** Longest markup `openMarkup` + `closeMarkup` can add around one piece of text. */
export const MAX_REBALANCE = openMarkup(['em', 'strong', 'u']).length + closeMarkup(['em', 'strong', 'u']).length;
