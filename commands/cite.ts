/** /cite: a passage's citation in a style, with BibTeX and RIS to export. */
import { z } from 'zod';
import type { CommandContext } from '../src/services.ts';
import type { Command } from '../src/dispatch/types.ts';
import { locatorLabel } from '../src/present/locator.ts';
import { codeReply } from '../src/reply/builders.ts';
import { requirePassage } from './context.ts';
import { FORMAT_IDS, formatChoices, hideOption, zBool, zEnum, zText } from './options.ts';

const args = z.object({
  passage: zText(2000, 'The passage id'),
  style: z.preprocess((v) => (v === '' ? undefined : v), zEnum(FORMAT_IDS).optional()),
  hide: zBool.optional(),
});
type CiteArgs = z.infer<typeof args>;

export const cite = {
  data: {
    name: 'cite',
    description: "A passage's citation in Chicago, MLA or APA, with BibTeX and RIS",
    options: [
      { name: 'passage', description: 'A passage id such as trotskys-lies.p37 (several, with spaces, export together)', type: 'string', required: true, autocomplete: 'passage' },
      { name: 'style', description: 'Citation style or export format', type: 'string', choices: formatChoices },
      hideOption,
    ],
  },
  args,
  examples: ['/cite trotskys-lies.p37', '/cite trotskys-lies.p37 style:mla', '/cite violence-trotskyism-article.p3 style:bibtex', '/cite "trotskys-lies.p37 trotskys-lies.p40" style:ris'],
  async execute(a: CiteArgs, ctx: CommandContext) {
    const ids = a.passage.split(/[\s,;]+/).filter(Boolean).slice(0, 25);
    const passages = ids.map((id) => requirePassage(ctx, id));
    const { block, work } = passages[0] ?? requirePassage(ctx, a.passage);
    const visibility = a.hide ? { hidden: true } : { visibility: ctx.scope.defaults.visibility };
    const style = a.style ?? ctx.scope.defaults.style;
    // A bibliography entry is cited as the reference it lists, not as a line of the book that lists it.
    const entryOf = (b: typeof block) => (b.kind === 'bibliography' ? ctx.corpus.entry(b.id) : undefined);
    const item = passages.map((p) => {
      const entry = entryOf(p.block);
      return entry ? { work: p.work, entry } : { work: p.work, block: p.block };
    });
    const citation = (b: typeof block, w: typeof work, st: Parameters<typeof ctx.cite.passage>[2]) => {
      const entry = entryOf(b);
      return entry ? ctx.cite.entry(entry, st) : ctx.cite.passage(b, w, st);
    };
    if (passages.length > 1) {
      const format = style === 'ris' || style === 'csl-json' ? style : 'bibtex';
      const lines = passages.map((p) => `• ${p.block.id}: ${citation(p.block, p.work, style === 'bibtex' || style === 'ris' || style === 'csl-json' ? ctx.scope.defaults.style : style)}`);
      return codeReply(`${passages.length} passages as ${format}`, format === 'csl-json' ? 'json' : format, ctx.cite.export(item, format), { ...visibility, workId: work.meta.id, intro: lines.join('\n') });
    }
    if (style === 'bibtex' || style === 'ris' || style === 'csl-json') {
      return codeReply(`${block.id} as ${style}`, style === 'csl-json' ? 'json' : style, ctx.cite.export(item, style), { ...visibility, workId: work.meta.id });
    }
    const text = citation(block, work, style);
    const reply = codeReply(`Citation of ${block.id} (${style})`, 'bibtex', ctx.cite.export(item, 'bibtex'), {
      ...visibility,
      workId: work.meta.id,
      lastCitation: { workId: work.meta.id, text },
      intro: `${text}\n\nLocation: ${locatorLabel(block.locator, work.meta)}.`,
    });
    reply.sections.push({ kind: 'code', lang: 'ris', text: ctx.cite.export(item, 'ris') });
    return reply;
  },
} satisfies Command<CiteArgs, CommandContext>;
