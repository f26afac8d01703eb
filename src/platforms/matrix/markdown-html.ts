/**
 * A Markdown file a reply brings (a thread's notes), as the HTML of one Matrix message. Raw HTML in
 * it (the corpus's own markup, `<u>`) is shown as text, never passed through, and no link may point
 * at a Matrix user or room (clients draw those as mention pills): they stay plain text.
 */
import { Marked } from 'marked';
import { escapeHtml } from './html.ts';

const PILL = /^https?:\/\/matrix\.to\/#\/[@!#+]/iu;

const marked = new Marked({
  gfm: true,
  renderer: {
    html: (token) => escapeHtml(token.text),
    link(token) {
      const text = this.parser.parseInline(token.tokens);
      return PILL.test(token.href) ? text : `<a href="${escapeHtml(token.href)}">${text}</a>`;
    },
  },
});

export function markdownHtml(markdown: string): string {
  return String(marked.parse(markdown, { async: false }));
}
