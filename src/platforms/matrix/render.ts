/**
 * One page of a Reply as a Matrix message: a plain `body` for clients without HTML and an
 * `org.matrix.custom.html` `formatted_body`, using only tags the spec recommends clients render.
 * Side-by-side translations come as a `<table>` or stacked (original, then translation, each
 * with its label and locator): Element X shows no tables, so stacked is what rooms get by default.
 */
import { z } from 'zod';
import { isPagerAction } from '../../reply/paginate.ts';
import type { LayoutPreference } from '../../dispatch/types.ts';
import type { Action, ColumnsView, PassageView, Reply, Section } from '../../reply/model.ts';
import { blockHtml, blockPlain, escapeHtml, inlineHtml, inlinePlain, paragraphsOf } from './html.ts';

/** Side by side is an HTML table here; stacked is the default, since Element X shows no tables. */
export type MatrixLayout = LayoutPreference;

export interface MatrixRenderOptions {
  layout: MatrixLayout;
  /** The command prefix, for the hints under a reply ("!more", "!cite …"). */
  prefix: string;
}

export interface RenderedMessage {
  body: string;
  formatted_body: string;
}

/** A rendered message as stored with the pages waiting for "more", checked when read back. */
export const RenderedPage = z.object({ body: z.string(), formatted_body: z.string() }).strict();

interface Part {
  plain: string;
  html: string;
}

const join = (parts: Part[], plainSep = '\n\n'): Part => ({
  plain: parts.map((p) => p.plain).filter(Boolean).join(plainSep),
  html: parts.map((p) => p.html).join(''),
});

const meta = (items: string[]): Part => ({ plain: items.join(' · '), html: `<p><em>${items.map(escapeHtml).join(' · ')}</em></p>` });

function passagePart(p: PassageView): Part {
  // The passage is quoted whole, as on every platform: a snippet would drop a lead-in from its
  // quotation, and cut words the citation under it sends the reader to.
  const text = p.text;
  const parts: Part[] = [];
  if (text.trim() !== '') parts.push({ plain: blockPlain(text), html: `<blockquote>${blockHtml(text)}</blockquote>` });
  if (p.citation) parts.push({ plain: `— ${inlinePlain(p.citation)}`, html: `<p>— ${inlineHtml(p.citation)}</p>` });
  const where = [p.locatorLabel, p.id].filter(Boolean);
  if (where.length) parts.push(meta(where));
  for (const f of p.footnotes) {
    parts.push({ plain: `${f.marker} ${inlinePlain(f.text)}`, html: `<p><sup>${escapeHtml(f.marker)}</sup> ${inlineHtml(f.text)}</p>` });
  }
  return join(parts, '\n');
}

function sideHeading(s: ColumnsView['original']): Part {
  const loc = s.locatorLabel ? ` · ${s.locatorLabel}` : '';
  return {
    plain: `${s.label}${loc}`,
    html: `<p><strong>${escapeHtml(s.label)}</strong>${s.locatorLabel ? ` · <em>${escapeHtml(s.locatorLabel)}</em>` : ''}</p>`,
  };
}

function stackedColumns(c: ColumnsView): Part {
  const side = (s: ColumnsView['original']): Part => {
    const head = sideHeading(s);
    return { plain: `${head.plain}\n${blockPlain(s.text)}`, html: `${head.html}<blockquote>${blockHtml(s.text)}</blockquote>` };
  };
  return join([side(c.original), side(c.translation)]);
}

function tableColumns(c: ColumnsView): string {
  const cell = (text: string) => `<td>${paragraphsOf(text).map((p) => inlineHtml(p.trim())).join('<br><br>')}</td>`;
  // Paragraph k faces paragraph k when both sides have as many; otherwise the slices face each other whole.
  const a = paragraphsOf(c.original.text);
  const b = paragraphsOf(c.translation.text);
  const rows = a.length === b.length && a.length > 1 ? a.map((p, i) => [p, b[i] ?? '']) : [[c.original.text, c.translation.text]];
  const head = `<thead><tr><th>${escapeHtml(c.original.label)}</th><th>${escapeHtml(c.translation.label)}</th></tr></thead>`;
  const body = rows.map(([l, r]) => `<tr>${cell(l ?? '')}${cell(r ?? '')}</tr>`).join('');
  const locators =
    c.original.locatorLabel || c.translation.locatorLabel
      ? `<tr><td><em>${escapeHtml(c.original.locatorLabel)}</em></td><td><em>${escapeHtml(c.translation.locatorLabel)}</em></td></tr>`
      : '';
  return `<table>${head}<tbody>${body}${locators}</tbody></table>`;
}

function columnsPart(c: ColumnsView, layout: MatrixLayout): Part {
  const stacked = stackedColumns(c);
  // The plain body has no tables: clients that show it get the stacked form in either layout.
  const main: Part = layout === 'side-by-side' ? { plain: stacked.plain, html: tableColumns(c) } : stacked;
  const note: Part | undefined = c.note ? { plain: inlinePlain(c.note), html: `<p><em>${inlineHtml(c.note)}</em></p>` } : undefined;
  return join(note ? [main, note] : [main]);
}

function fieldsPart(fields: { name: string; value: string }[]): Part {
  return join(
    fields.map((f) => ({
      plain: `${f.name}: ${inlinePlain(f.value)}`,
      html: `<p><strong>${escapeHtml(f.name)}</strong><br>${inlineHtml(f.value)}</p>`,
    })),
  );
}

function sectionPart(section: Section, layout: MatrixLayout): Part {
  switch (section.kind) {
    case 'text':
      return { plain: blockPlain(section.text), html: blockHtml(section.text) };
    case 'passage':
      return passagePart(section.passage);
    case 'columns':
      return columnsPart(section.columns, layout);
    case 'fields':
      return fieldsPart(section.fields);
    case 'code':
      return {
        plain: `\`\`\`${section.lang}\n${section.text}\n\`\`\``,
        html: `<pre><code class="language-${section.lang}">${escapeHtml(section.text)}</code></pre>`,
      };
  }
}

/** Passage ids as the commands take them (`work-id.p12`, `work-id.n3`, `work-id.f2`); other targets (pair ids, queries) make no command line. */
const PASSAGE_TARGET = /^[a-z0-9]+(?:-[a-z0-9]+)*\.[pnfw]\d+$/;

/** The command each action stands for; actions with no command line of their own (results paging, pairs) are left out. */
function actionCommand(a: Action, prefix: string): string | undefined {
  if (a.kind === 'bibliography' || a.kind === 'notes') return `${prefix}notes kind:${a.kind}`;
  if (!PASSAGE_TARGET.test(a.target)) return undefined;
  switch (a.kind) {
    case 'translation':
      return `${prefix}translate ${a.target}`;
    case 'cite':
      return `${prefix}cite ${a.target}`;
    case 'discuss':
      return `${prefix}discuss ${a.target}`;
    case 'context':
      return `${prefix}context ${a.target}`;
    default:
      return undefined;
  }
}

function footer(reply: Reply, prefix: string): Part | undefined {
  const lines: Part[] = [];
  const page = reply.page;
  if (page && page.count > 1) {
    const next = page.index + 1 < page.count;
    const text = next
      ? `Part ${page.index + 1} of ${page.count}. For part ${page.index + 2}, send ${prefix}more or react to this message.`
      : `Part ${page.index + 1} of ${page.count}.`;
    lines.push({ plain: text, html: escapeHtml(text).replace(`${escapeHtml(prefix)}more`, `<code>${escapeHtml(prefix)}more</code>`) });
  }
  const own = reply.actions.filter((a) => !isPagerAction(a));
  const targets = new Set(own.map((a) => a.target));
  if (!reply.error && targets.size === 1) {
    const commands = [...new Set(own.map((a) => actionCommand(a, prefix)).filter((c): c is string => c !== undefined))];
    if (commands.length) lines.push({ plain: `More: ${commands.join(' · ')}`, html: `More: ${commands.map((c) => `<code>${escapeHtml(c)}</code>`).join(' · ')}` });
  } else if (!reply.error && targets.size > 1 && own.some((a) => actionCommand(a, prefix))) {
    const text = `With a passage id: ${['cite', 'context', 'discuss', 'translate'].map((c) => `${prefix}${c}`).join(', ')}.`;
    lines.push({ plain: text, html: escapeHtml(text) });
  }
  if (!lines.length) return undefined;
  return { plain: lines.map((l) => l.plain).join('\n'), html: `<p><em>${lines.map((l) => l.html).join('<br>')}</em></p>` };
}

export function renderMatrix(reply: Reply, opts: MatrixRenderOptions): RenderedMessage {
  const title = reply.error ? `⚠️ ${reply.title}` : reply.title;
  const parts: Part[] = [{ plain: inlinePlain(title), html: `<p><strong>${inlineHtml(title)}</strong></p>` }];
  for (const section of reply.sections) parts.push(sectionPart(section, opts.layout));
  const foot = footer(reply, opts.prefix);
  if (foot) parts.push(foot);
  const all = join(parts);
  return { body: all.plain, formatted_body: all.html };
}
