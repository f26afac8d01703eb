/**
 * Text to Matrix HTML. Corpus text is never trusted as HTML: every character of it is escaped,
 * and the only tags in a formatted_body are the ones these functions write. That also keeps the
 * source's words from turning into mention pills.
 */
import { parseInline, stripInline, type InlineNode } from '../../reply/inline.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function nodesHtml(nodes: readonly InlineNode[]): string {
  return nodes.map((n) => (n.type === 'text' ? escapeHtml(n.text) : `<${n.type}>${nodesHtml(n.children)}</${n.type}>`)).join('');
}

/** One line or paragraph with the source's `*em*`, `**strong**` and `<u>` as HTML; newlines become `<br>`. */
export const inlineHtml = (text: string): string => nodesHtml(parseInline(text)).replace(/\r?\n/g, '<br>');

/** The same text as a reader sees it without HTML: markup removed, literal asterisks kept. */
export const inlinePlain = (text: string): string => stripInline(text);

const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/u;

export const paragraphsOf = (text: string): string[] => text.split(PARAGRAPH_BREAK).filter((p) => p.trim() !== '');

/** Paragraphs (blank-line separated) as `<p>`; markup is parsed per paragraph, as the source writes it. */
export function blockHtml(text: string): string {
  return paragraphsOf(text)
    .map((p) => `<p>${inlineHtml(p.trim())}</p>`)
    .join('');
}

export function blockPlain(text: string): string {
  return paragraphsOf(text)
    .map((p) => inlinePlain(p.trim()))
    .join('\n\n');
}
