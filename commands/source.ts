/** /source: the full reference a short citation, a title or an author points at. */
import { z } from 'zod';
import type { CommandContext, ExportFormat } from '../src/services.ts';
import type { CitationStyleId, Command } from '../src/dispatch/types.ts';
import { citedInLine, citedInName } from '../src/present/cited-in.ts';
import { codeReply, fieldsReply, textReply } from '../src/reply/builders.ts';
import type { Reply } from '../src/reply/model.ts';
import { resolveSource, SOURCE_QUERY_MAX, type SourceAnswer } from '../src/sources/resolve.ts';
import { sourceFacts } from '../src/present/source-facts.ts';
import { FORMAT_IDS, formatChoices, hideOption, zBool, zEnum, zOptionalText, zText } from './options.ts';

const args = z.object({
  text: zText(SOURCE_QUERY_MAX * 20, 'The text to look up'),
  style: z.preprocess((v) => (v === '' ? undefined : v), zEnum(FORMAT_IDS).optional()),
  passage: zOptionalText(120, 'The passage id'),
  hide: zBool.optional(),
});
type SourceArgs = z.infer<typeof args>;

export type SourceStyle = CitationStyleId | ExportFormat;

/** The formatted answer in a style or export format. */
export function formatAnswer(ctx: Pick<CommandContext, 'cite' | 'corpus'>, answer: SourceAnswer, style: SourceStyle): string | undefined {
  if (!answer.work) return undefined;
  const exportStyle = style === 'bibtex' || style === 'ris' || style === 'csl-json';
  if (answer.kind === 'work') {
    return exportStyle ? ctx.cite.export([{ work: answer.work }], style) : ctx.cite.work(answer.work, style);
  }
  if (answer.entry) {
    return exportStyle ? ctx.cite.export([{ work: answer.work, entry: answer.entry }], style) : ctx.cite.entry(answer.entry, style);
  }
  return undefined;
}

export const source = {
  data: {
    name: 'source',
    description: 'Full reference for a title, author or short citation such as (Vozhdy 250)',
    options: [
      { name: 'text', description: 'A title, author, short citation, Ibid., or words from a reference', type: 'string', required: true, maxLength: SOURCE_QUERY_MAX },
      { name: 'style', description: 'Citation style or export format', type: 'string', choices: formatChoices },
      { name: 'passage', description: 'The passage the citation appears in (for Ibid. and bare pages)', type: 'string', autocomplete: 'passage' },
      hideOption,
    ],
    // Inside a discussion, Ibid. and a bare page refer to its last citation.
    needs: { thread: true },
  },
  args,
  examples: ['/source (Vozhdy 250)', '/source (Rogovin, 2009, p. 189) style:apa', "/source Trotsky's Lies style:bibtex", '/source Ibid. passage:trotskys-lies.p50'],
  async execute(a: SourceArgs, ctx: CommandContext): Promise<Reply> {
    const style: SourceStyle = a.style ?? ctx.scope.defaults.style;
    const answer = resolveSource(ctx.corpus, a.text, {
      ...(a.passage ? { passage: a.passage } : {}),
      ...(ctx.scope.thread?.workId ? { workId: ctx.scope.thread.workId } : {}),
      ...(ctx.scope.thread?.lastCitation ? { lastCitation: ctx.scope.thread.lastCitation } : {}),
    });
    const reply = sourceReply(ctx, a, answer, style);
    reply.facts = sourceFacts(ctx.cite, answer, formatAnswer(ctx, answer, style));
    // An unresolved citation is an answer that found nothing (exit code 1 on the command line).
    if (!answer.resolved) reply.empty = true;
    return reply;
  },
} satisfies Command<SourceArgs, CommandContext>;

/** The answer as people read it: the reference formatted, where it is listed and cited, or what came closest. */
function sourceReply(ctx: CommandContext, a: SourceArgs, answer: SourceAnswer, style: SourceStyle): Reply {
  const visibility = a.hide ? { hidden: true } : { visibility: ctx.scope.defaults.visibility };
  if (answer.kind === 'author' && answer.authorWorks) {
    const lines = [answer.note ?? '', ''];
    answer.authorWorks.forEach((c, k) => {
      lines.push(`${k + 1}. ${c.entry ? ctx.cite.entry(c.entry, style === 'bibtex' || style === 'ris' || style === 'csl-json' ? ctx.scope.defaults.style : style) : ctx.cite.work(c.work, style === 'bibtex' || style === 'ris' || style === 'csl-json' ? ctx.scope.defaults.style : style)}${c.entry ? ` — listed in ${c.work.meta.title}` : ' — in the library'}`);
    });
    return textReply(`Works by ${answer.query.slice(0, 80)}`, lines.join('\n'), visibility);
  }
  if (!answer.resolved || !answer.work) {
    const lines = [answer.note ?? `No bibliography in the corpus lists “${answer.query}”.`];
    if (answer.candidates.length) {
      lines.push('', 'Closest entries (not the same work):');
      for (const c of answer.candidates) lines.push(`• ${c.entry?.text ?? c.work.meta.title} — in the bibliography of ${c.work.meta.title}`);
    }
    if (answer.citedIn.length) lines.push('', `Cited in: ${answer.citedIn.slice(0, 10).join(', ')}${answer.citedIn.length > 10 ? ` and ${answer.citedIn.length - 10} more` : ''}.`);
    return textReply(`Source: ${answer.query.slice(0, 100)}`, lines.join('\n'), visibility);
  }
  const formatted = formatAnswer(ctx, answer, style)!;
  const work = answer.work;
  const lastCitation = { workId: work.meta.id, ...(answer.entry ? { entryId: answer.entry.id } : {}), text: formatted };
  if (style === 'bibtex' || style === 'ris' || style === 'csl-json') {
    return codeReply(`Source: ${answer.query.slice(0, 100)}`, style === 'csl-json' ? 'json' : style, formatted, { ...visibility, workId: work.meta.id, lastCitation });
  }
  const fields: { name: string; value: string }[] = [];
  if (answer.kind === 'work') {
    fields.push({ name: `Reference (${style})`, value: formatted });
    fields.push({ name: 'In the library', value: `${work.meta.id} — ${work.meta.type}, ${work.blocks.filter((b) => b.kind === 'paragraph').length} paragraphs` });
    if (work.meta.notes.length) fields.push({ name: 'Notes', value: work.meta.notes.join(' ') });
  } else {
    const entry = answer.entry!;
    if (answer.refersTo) fields.push({ name: 'Refers to', value: answer.note ?? answer.refersTo.text });
    if (answer.certain === false) fields.push({ name: 'Uncertain', value: answer.note ?? 'Lectern is not certain this is the entry meant.' });
    fields.push({ name: 'As the bibliography writes it', value: entry.text });
    fields.push({ name: `Formatted (${style})`, value: formatted });
    if (answer.pinpoint) fields.push({ name: 'Page asked for', value: answer.pinpoint });
    fields.push({ name: 'Listed in the bibliography of', value: `${work.meta.title} (${work.meta.id})` });
    const cited = answer.citedIn;
    if (cited.length) fields.push({ name: citedInName(cited.length), value: citedInLine(ctx.corpus, cited, work) });
  }
  return fieldsReply(`Source: ${answer.query.slice(0, 100)}`, fields, { ...visibility, workId: work.meta.id, lastCitation });
}
