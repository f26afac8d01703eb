/**
 * Markdown through marked's lexer: headings (# chapter, ## and ### sections), paragraphs, list
 * items, block quotes, tables; `[^1]` footnotes as superscript markers and bodies; metadata from a
 * front-matter block (title, author, date, lang) or the first level-1 heading.
 */
import { marked, type Token, type Tokens } from 'marked';
import { parseHTML } from 'linkedom';
import { decodeUpload } from './decode.ts';
import { cleanTitle, normaliseDate, splitNames } from './metadata.ts';
import { TextBuilder, toSuperscript } from './text-builder.ts';
import type { Extracted, ExtractedMetadata } from './types.ts';
import { libraryErrors } from '../errors.ts';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n/;

/** Front matter is YAML; only flat `key: value` lines are read, which is all a reading list needs. */
function frontMatter(source: string): { fields: Record<string, string>; body: string } {
  const m = FRONT_MATTER.exec(source);
  if (!m) return { fields: {}, body: source };
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (kv && kv[2]!.trim()) fields[kv[1]!.toLowerCase()] = kv[2]!.trim().replace(/^["']|["']$/g, '');
  }
  return { fields, body: source.slice(m[0].length) };
}

const footnoteRefs = (s: string) => s.replace(/\[\^(\d{1,3})\]/g, (_, n: string) => toSuperscript(n));

function inline(tokens: Token[] | undefined, raw = ''): string {
  if (!tokens) return footnoteRefs(raw);
  let out = '';
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
      case 'escape':
      case 'codespan':
        out += 'tokens' in t && t.tokens ? inline(t.tokens as Token[]) : footnoteRefs((t as Tokens.Text).text);
        break;
      case 'br':
        out += ' ';
        break;
      case 'image':
        break;
      case 'html':
        out += parseHTML(`<p>${(t as Tokens.HTML).text}</p>`).document.querySelector('p')?.textContent ?? '';
        break;
      default:
        out += 'tokens' in t && t.tokens ? inline(t.tokens as Token[]) : 'text' in t ? footnoteRefs(String(t.text)) : '';
    }
  }
  return out;
}

function blocks(tokens: Token[], out: TextBuilder, title: string | undefined, prefix = ''): void {
  for (const t of tokens) {
    switch (t.type) {
      case 'heading': {
        const h = t as Tokens.Heading;
        const text = inline(h.tokens, h.text);
        if (h.depth === 1 && text.trim() === title) break;
        if (h.depth <= 3) out.heading(text, h.depth === 1 ? 1 : 2);
        else out.paragraph(text);
        break;
      }
      case 'paragraph': {
        const p = t as Tokens.Paragraph;
        const note = /^\[\^(\d{1,3})\]:\s*([\s\S]*)$/.exec(p.text);
        out.paragraph(note ? `${toSuperscript(note[1]!)} ${footnoteRefs(note[2]!)}` : `${prefix}${inline(p.tokens, p.text)}`);
        break;
      }
      case 'text':
        out.paragraph(`${prefix}${inline((t as Tokens.Text).tokens, (t as Tokens.Text).text)}`);
        break;
      case 'list':
        for (const item of (t as Tokens.List).items) {
          const [first, ...rest] = item.tokens;
          if (first && (first.type === 'text' || first.type === 'paragraph')) blocks([first], out, title, '• ');
          blocks(first && (first.type === 'text' || first.type === 'paragraph') ? rest : item.tokens, out, title);
        }
        break;
      case 'blockquote':
        blocks((t as Tokens.Blockquote).tokens, out, title);
        break;
      case 'code':
        out.paragraph((t as Tokens.Code).text);
        break;
      case 'table': {
        const table = t as Tokens.Table;
        out.paragraph(table.header.map((c) => inline(c.tokens, c.text)).join(' | '));
        for (const row of table.rows) out.paragraph(row.map((c) => inline(c.tokens, c.text)).join(' | '));
        break;
      }
      case 'html':
        out.paragraph(parseHTML(`<div>${(t as Tokens.HTML).text}</div>`).document.querySelector('div')?.textContent ?? '');
        break;
      default:
        break;
    }
  }
}

export function extractMarkdown(bytes: Uint8Array, name: string): Extracted {
  const { text: source, encoding } = decodeUpload(bytes, name);
  const { fields, body } = frontMatter(source.replace(/^\uFEFF/, ''));
  const tokens = marked.lexer(body, { gfm: true });
  const firstH1 = tokens.find((t): t is Tokens.Heading => t.type === 'heading' && (t as Tokens.Heading).depth === 1);
  const title = cleanTitle(fields.title ?? (firstH1 ? inline(firstH1.tokens, firstH1.text) : undefined));
  const authors = splitNames(fields.author ?? fields.authors);
  const date = normaliseDate(fields.date ?? fields.year);
  const metadata: ExtractedMetadata = {
    ...(title ? { title } : {}),
    ...(authors.length ? { authors } : {}),
    ...(date ? { date } : {}),
    ...(fields.lang || fields.language ? { language: (fields.lang ?? fields.language)!.slice(0, 2).toLowerCase() } : {}),
    ...(fields.publisher ? { publisher: fields.publisher } : {}),
    basis: fields.title ? 'Markdown front matter' : 'first heading of the Markdown file',
  };
  const out = new TextBuilder();
  // The first level-1 heading is the title when nothing else gives one; other level-1 headings are chapters.
  blocks(tokens, out, firstH1 && !fields.title ? inline(firstH1.tokens, firstH1.text).trim() : undefined);
  if (out.isEmpty) throw libraryErrors.noText('The Markdown file');
  const { text, hints } = out.result();
  return { format: 'markdown', text, hints, metadata, encoding };
}
