/**
 * An HTML or XHTML tree to paragraphs, headings and footnotes (for HTML pages and EPUB chapters).
 * Footnote references become superscript digits and footnote bodies start with them, which is how
 * the ingestion pipeline links markers to notes in the bundled texts.
 */
import { toSuperscript } from './text-builder.ts';

export interface DomSink {
  heading(text: string, rank: number): void;
  paragraph(text: string): void;
}

// linkedom's node types, reduced to what the walk reads.
export interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  localName?: string;
  getAttribute?(name: string): string | null;
}

const SKIP = new Set(['script', 'style', 'nav', 'noscript', 'template', 'svg', 'head', 'button', 'form', 'iframe', 'select', 'input', 'textarea', 'object', 'canvas', 'audio', 'video']);
const LEAF_BLOCKS = new Set(['p', 'dd', 'dt', 'figcaption', 'pre', 'td', 'th', 'address', 'caption', 'summary']);
const CONTAINERS = new Set([
  'div', 'section', 'article', 'main', 'body', 'html', 'header', 'footer', 'aside', 'blockquote', 'ul', 'ol', 'dl', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'figure', 'center', 'details', 'hgroup', 'li',
]);
const HEADING = /^h([1-6])$/;
const NOTE_TYPES = /\b(footnote|endnote|rearnote|note)\b/;
const NOTE_ID = /^(?:fn|footnote|note|n|en|endnote|ftn)[-_:.]?(\d{1,3})$/i;

const tag = (n: DomNode) => (n.localName ?? '').toLowerCase();
const attr = (n: DomNode, name: string) => n.getAttribute?.(name) ?? null;
const isElement = (n: DomNode) => n.nodeType === 1;

function isNoteRef(n: DomNode): boolean {
  const type = `${attr(n, 'epub:type') ?? ''} ${attr(n, 'role') ?? ''}`;
  return /noteref/.test(type) || (tag(n) === 'a' && /^#(?:fn|footnote|note|en|endnote|ftn)[-_:.]?\d/i.test(attr(n, 'href') ?? '') && /^\[?\d{1,3}\]?$/.test((n.textContent ?? '').trim()));
}

/** A footnote body: its number, or null when it is not one. */
export function footnoteNumber(n: DomNode): number | null | undefined {
  const type = `${attr(n, 'epub:type') ?? ''} ${attr(n, 'role') ?? ''}`;
  const id = attr(n, 'id') ?? '';
  const byId = NOTE_ID.exec(id);
  if (/doc-(foot|end)note|\b(footnote|endnote|rearnote)\b/.test(type) || (tag(n) === 'aside' && NOTE_TYPES.test(type))) {
    return byId ? Number(byId[1]) : null;
  }
  if (tag(n) === 'li' && byId) return Number(byId[1]);
  return undefined;
}

/** Text of an element with footnote references as superscript digits and back-links dropped. */
export function inlineText(n: DomNode): string {
  if (n.nodeType === 3) return n.textContent ?? '';
  if (!isElement(n)) return '';
  const t = tag(n);
  if (SKIP.has(t)) return '';
  if (t === 'br') return ' ';
  const role = `${attr(n, 'role') ?? ''} ${attr(n, 'epub:type') ?? ''}`;
  if (/backlink/.test(role) || (t === 'a' && /^[↩↑^]$/u.test((n.textContent ?? '').trim()))) return '';
  if (isNoteRef(n) || (t === 'sup' && /^\[?\d{1,3}\]?$/.test((n.textContent ?? '').trim()))) {
    return toSuperscript((n.textContent ?? '').replace(/\D/g, ''));
  }
  let out = '';
  for (const c of Array.from(n.childNodes)) out += inlineText(c);
  // Block children inside an inline run (a <div> in a <li>) still separate words.
  return CONTAINERS.has(t) || LEAF_BLOCKS.has(t) ? ` ${out} ` : out;
}

function hasBlockChild(n: DomNode): boolean {
  return Array.from(n.childNodes).some((c) => isElement(c) && (CONTAINERS.has(tag(c)) || LEAF_BLOCKS.has(tag(c)) || HEADING.test(tag(c))));
}

export function walkDom(root: DomNode, sink: DomSink): void {
  let inline = '';
  const flush = () => {
    if (inline.trim()) sink.paragraph(inline);
    inline = '';
  };
  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType === 3) {
      inline += child.textContent ?? '';
      continue;
    }
    if (!isElement(child)) continue;
    const t = tag(child);
    if (SKIP.has(t)) continue;
    const note = footnoteNumber(child);
    if (note !== undefined) {
      flush();
      const body = inlineText(child).trim();
      // The body often repeats its number ("1. Text", "[1] Text"); the superscript replaces it.
      const printed = /^\[?(\d{1,3})\]?[.)]?\s+/.exec(body);
      const number = note ?? (printed ? Number(printed[1]) : null);
      const rest = printed && (note === null || Number(printed[1]) === note) ? body.slice(printed[0].length) : body;
      const text = number !== null ? `${toSuperscript(String(number))} ${rest}` : body;
      if (body) sink.paragraph(text);
      continue;
    }
    const h = HEADING.exec(t);
    if (h) {
      flush();
      sink.heading(inlineText(child), Number(h[1]));
    } else if (t === 'li' && !hasBlockChild(child)) {
      flush();
      sink.paragraph(`• ${inlineText(child).trim()}`);
    } else if (LEAF_BLOCKS.has(t) || (t === 'blockquote' && !hasBlockChild(child))) {
      flush();
      sink.paragraph(inlineText(child));
    } else if (CONTAINERS.has(t)) {
      flush();
      walkDom(child, sink);
    } else {
      inline += inlineText(child);
    }
  }
  flush();
}
