/**
 * /notes: inside a discussion thread, what Lectern quoted and cited there becomes the group's notes:
 * a summary (works, passages from each) with the two ways on; the bibliography in the group's style
 * or exported (BibTeX, RIS, CSL-JSON) as a file; or the quoted passages as a Markdown file with
 * their citations, footnotes, translations, who asked and when, then the bibliography.
 */
import { z } from 'zod';
import type { CommandContext, ExportFormat } from '../src/services.ts';
import type { Command } from '../src/dispatch/types.ts';
import { UserError } from '../src/errors.ts';
import { textReply } from '../src/reply/builders.ts';
import type { Reply, ReplyFile } from '../src/reply/model.ts';
import { bibliographyLines, EXPORTS, exportSources } from '../src/notes/bibliography.ts';
import { collectNotes, type CollectedNotes } from '../src/notes/collect.ts';
import { notesMarkdown } from '../src/notes/markdown.ts';
import type { ThreadRecord } from '../src/conversation/records.ts';
import { EXPORT_FORMATS } from '../src/cite/ids.ts';
import { hideOption, STYLE_IDS, styleChoices, zBool, zEnum, zOptionalText } from './options.ts';

const KINDS = ['bibliography', 'notes'] as const;

const args = z.object({
  kind: z.preprocess((v) => (v === '' ? undefined : v), zEnum(KINDS).optional()),
  style: z.preprocess((v) => (v === '' ? undefined : v), zEnum(STYLE_IDS).optional()),
  format: z.preprocess((v) => (v === '' ? undefined : v), zEnum(EXPORT_FORMATS).optional()),
  out: zOptionalText(500, 'The file to write'),
  hide: zBool.optional(),
});
type NotesArgs = z.infer<typeof args>;

function threadOf(ctx: CommandContext): ThreadRecord {
  const key = ctx.scope.thread?.key;
  const record = key ? ctx.conversations?.get(key) : undefined;
  const p = ctx.scope.platform.commandPrefix;
  if (!key) throw new UserError('notes.no-thread', `${p}notes works inside a discussion thread: open one on a passage with Discuss (${p}discuss <passage id> on a chat where commands are typed), quote and cite there, then ask ${p}notes.`);
  if (!record?.notes.length) throw new UserError('notes.empty-thread', `Lectern has posted nothing in this thread yet (or it was deleted, or older than the notes are kept). Quote or cite something here first, then ask ${p}notes.`);
  return record;
}

const titleOf = (record: ThreadRecord) => record.title ?? record.passage ?? 'discussion';
const fileName = (record: ThreadRecord, ext: string) => `${(titleOf(record).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/gu, '') || 'thread').slice(0, 60)}.${ext}`;

function summary(ctx: CommandContext, record: ThreadRecord, collected: CollectedNotes, visibility: Reply['visibility']): Reply {
  const lines = [...collected.passagesPerWork].map(([id, n]) => `• ${ctx.corpus.work(id)?.meta.title ?? id}: ${n} passage${n === 1 ? '' : 's'} quoted`);
  const citedOnly = new Set(collected.sources.map((s) => s.entry?.id ?? s.work.meta.id).filter((id) => !collected.passagesPerWork.has(id)));
  if (citedOnly.size) lines.push(`• ${citedOnly.size} other work${citedOnly.size === 1 ? '' : 's'} or reference${citedOnly.size === 1 ? '' : 's'} cited or translated`);
  const p = ctx.scope.platform.commandPrefix;
  const reply = textReply(`Notes: ${titleOf(record)}`, [`So far in this thread:`, ...lines, '', `${p}notes kind:bibliography (style:… or format:bibtex|ris|csl-json) for the bibliography; ${p}notes kind:notes for the quoted passages as a Markdown file.`].join('\n'), { visibility });
  reply.actions = [
    { kind: 'bibliography', label: 'Bibliography', target: 'thread' },
    { kind: 'notes', label: 'Notes', target: 'thread' },
  ];
  return reply;
}

function bibliographyReply(ctx: CommandContext, a: NotesArgs, record: ThreadRecord, collected: CollectedNotes, visibility: Reply['visibility']): Reply {
  const style = a.style ?? ctx.scope.defaults.style;
  const lines = bibliographyLines(ctx.cite, collected.sources, style);
  const reply = textReply(`Bibliography: ${titleOf(record)}`, [`${lines.length} work${lines.length === 1 ? '' : 's'} quoted or cited in this thread (${style}):`, '', ...lines.map((l) => l.text)].join('\n'), { visibility });
  if (a.format) reply.files = [exportFile(ctx, a, record, collected, a.format)];
  return reply;
}

function exportFile(ctx: CommandContext, a: NotesArgs, record: ThreadRecord, collected: CollectedNotes, format: ExportFormat): ReplyFile {
  const { extension, mediaType } = EXPORTS[format];
  return { name: fileName(record, extension), mediaType, data: exportSources(ctx.cite, collected.sources, format), ...(a.out ? { saveAs: a.out } : {}) };
}

function notesReply(ctx: CommandContext, a: NotesArgs, record: ThreadRecord, collected: CollectedNotes, visibility: Reply['visibility']): Reply {
  const style = a.style ?? ctx.scope.defaults.style;
  const markdown = notesMarkdown(ctx.corpus, ctx.cite, collected, bibliographyLines(ctx.cite, collected.sources, style), { title: titleOf(record), style });
  const n = collected.passages.length + collected.translations.length;
  const reply = textReply(`Notes: ${titleOf(record)}`, `${n} passage${n === 1 ? '' : 's'} quoted in this thread, in order, with citations, footnotes, translations and the bibliography: see the attached Markdown file.`, { visibility });
  reply.files = [{ name: fileName(record, 'md'), mediaType: 'text/markdown', data: markdown, showInline: true, ...(a.out ? { saveAs: a.out } : {}) }];
  return reply;
}

export const notes = {
  data: {
    name: 'notes',
    description: "This discussion's notes: its bibliography, or its quoted passages as a file",
    options: [
      { name: 'kind', description: 'What to make of the thread', type: 'string', choices: KINDS.map((k) => ({ name: k === 'notes' ? 'Notes (Markdown file)' : 'Bibliography', value: k })) },
      { name: 'style', description: 'Citation style (the group default otherwise)', type: 'string', choices: styleChoices },
      { name: 'format', description: 'Export the bibliography as a file', type: 'string', choices: EXPORT_FORMATS.map((f) => ({ name: f === 'csl-json' ? 'CSL-JSON' : f === 'ris' ? 'RIS' : 'BibTeX', value: f })) },
      { name: 'out', description: 'Write the file here (console)', type: 'string', local: true },
      hideOption,
    ],
    // The thread the command is asked in: its notes.
    needs: { thread: true },
  },
  args,
  // Notes need a discussion first: the examples open none, so they show the way in.
  examples: ['/notes', '/notes kind:bibliography style:mla', '/notes kind:notes'],
  async execute(a: NotesArgs, ctx: CommandContext): Promise<Reply> {
    const record = threadOf(ctx);
    const collected = collectNotes(ctx.corpus, record);
    const visibility = a.hide ? 'hidden' : ctx.scope.defaults.visibility;
    if (a.kind === 'notes') return notesReply(ctx, a, record, collected, visibility);
    if (a.kind === 'bibliography' || a.format) return bibliographyReply(ctx, a, record, collected, visibility);
    return summary(ctx, record, collected, visibility);
  },
} satisfies Command<NotesArgs, CommandContext>;
