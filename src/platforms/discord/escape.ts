/**
 * Corpus text as Discord markdown. Sources quote anything: an `@everyone`, a `<@123>` from a chat
 * log, a URL, asterisks, `#` at the start of a line. None of it may ping, link somewhere hidden or
 * break the layout, so every text run is escaped first, and only the markup `parseInline`
 * recognises (`*em*`, `**strong**`, `<u>…</u>`) is written back as Discord markdown.
 */
import { parseInline, stripInline, type InlineNode } from '../../reply/inline.ts';

/** Invisible, and enough to stop Discord's parsers seeing a mention, a timestamp or a fence. */
export const ZWSP = '\u200b';

/** Schemes included: `steam://`, `discord://` and the like are linked too. */
const URL = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s<>"'`]+/giu;
/** Closing punctuation after a URL usually belongs to the sentence, not the address. */
const URL_TRAILER = /[.,;:!?)\]}»”’'"]+$/u;
/** Characters with inline meaning anywhere in a line (`|` for spoilers, brackets for masked links). */
const INLINE_SPECIAL = /[\\*_~`|[\]]/gu;
/** `<@…>`, `<@&…>`, `<#…>`, `<:emoji:…>`, `<a:…>`, `<t:…>`, `</command:…>`, `<id:…>`. */
const ANGLE_TOKEN = /<(?=[@#:/]|a:|t:|id:)/giu;
const MASS_MENTION = /@(?=everyone|here)/giu;
/** What Discord reads at the start of a line: headings, subtext, quotes, list items. */
const LINE_START = /^([ \t]*)(#{1,3}(?=\s)|-#(?=\s)|>|[-+](?=\s)|\d+(?=[.)]\s))/u;

function escapePlain(text: string): string {
  return text.replace(INLINE_SPECIAL, (c) => `\\${c}`).replace(ANGLE_TOKEN, `<${ZWSP}`).replace(MASS_MENTION, `@${ZWSP}`);
}

/** URLs wrapped in `<…>` (no preview, no masked link), everything else escaped. */
function escapeSegment(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(URL)) {
    const url = m[0].replace(URL_TRAILER, '');
    const at = m.index ?? 0;
    out += escapePlain(text.slice(last, at));
    out += `<${url}>`;
    last = at + url.length;
  }
  return out + escapePlain(text.slice(last));
}

function escapeLineStart(line: string): string {
  return line.replace(LINE_START, (_all, space: string, marker: string) => {
    if (/^\d+$/u.test(marker)) return `${space}${marker}\\`;
    return `${space}\\${marker}`;
  });
}

/**
 * One run of text, escaped. `atLineStart`: whether the run begins a line, so a `#` or `>` there
 * would be read as markdown.
 */
export function escapeRun(text: string, atLineStart: boolean): string {
  return text
    .split('\n')
    .map((line, i) => {
      const escaped = escapeSegment(line);
      return i > 0 || atLineStart ? escapeLineStart(escaped) : escaped;
    })
    .join('\n');
}

const MARK: Record<Exclude<InlineNode['type'], 'text'>, string> = { em: '*', strong: '**', u: '__' };

function renderNodes(nodes: readonly InlineNode[], state: { atLineStart: boolean }): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      out += escapeRun(node.text, state.atLineStart);
      if (node.text.length) state.atLineStart = node.text.endsWith('\n');
      continue;
    }
    const inner = renderNodes(node.children, state);
    // A marker around nothing visible would show as literal asterisks or underscores.
    out += inner.trim() === '' ? inner : `${MARK[node.type]}${inner}${MARK[node.type]}`;
    state.atLineStart = false;
  }
  return out;
}

/** Corpus text (with its light markup) as safe Discord markdown. */
export function discordMarkdown(text: string): string {
  return renderNodes(parseInline(text), { atLineStart: true });
}

/** A code block that text cannot close early: runs of backticks are broken up. */
export function codeBlock(lang: string, text: string): string {
  const body = text.replace(/`(?=`)/gu, `\`${ZWSP}`);
  return `\`\`\`${lang}\n${body}\n\`\`\``;
}

/** Text shown where Discord renders no markdown (footers, select labels) still must not ping or carry a link's preview. */
export function plainLabel(text: string): string {
  return stripInline(text).replace(MASS_MENTION, `@${ZWSP}`).replace(ANGLE_TOKEN, `<${ZWSP}`).replace(/\s+/gu, ' ').trim();
}
