/** /context: a passage with the paragraphs around it and their footnotes. */
import { z } from 'zod';
import type { CommandContext } from '../src/services.ts';
import type { Command } from '../src/dispatch/types.ts';
import { UserError } from '../src/errors.ts';
import { passageView } from '../src/present/passage.ts';
import { passagesReply } from '../src/reply/builders.ts';
import { hideOption, PASSAGE_ID, zBool, zInt, zText } from './options.ts';

const args = z.object({
  passage: zText(120, 'The passage id'),
  before: zInt(0, 5).optional(),
  after: zInt(0, 5).optional(),
  hide: zBool.optional(),
});
type ContextArgs = z.infer<typeof args>;

export function requirePassage(ctx: CommandContext, id: string) {
  const q = id.trim();
  const block = ctx.corpus.block(q);
  // A bibliography entry is a search hit too: its context is the entries beside it, its citation the reference.
  if (!PASSAGE_ID.test(q) || !block || block.kind === 'heading') {
    throw new UserError('passage.unknown', `There is no passage "${q.slice(0, 80)}". Passage ids look like trotskys-lies.p37; ${ctx.scope.platform.commandPrefix}quote shows them.`);
  }
  return { block, work: ctx.corpus.workOf(q)! };
}

export const context = {
  data: {
    name: 'context',
    description: 'Show the paragraphs around a passage, with their footnotes',
    options: [
      { name: 'passage', description: 'A passage id such as trotskys-lies.p37', type: 'string', required: true, autocomplete: 'passage' },
      { name: 'before', description: 'Paragraphs before (0–5, default 1)', type: 'integer', minValue: 0, maxValue: 5 },
      { name: 'after', description: 'Paragraphs after (0–5, default 1)', type: 'integer', minValue: 0, maxValue: 5 },
      hideOption,
    ],
  },
  args,
  examples: ['/context trotskys-lies.p37', '/context trotskys-lies.p37 2 2'],
  async execute(a: ContextArgs, ctx: CommandContext) {
    const { block, work } = requirePassage(ctx, a.passage);
    const around = ctx.corpus.neighbours(block.id, a.before ?? 1, a.after ?? 1);
    const entry = block.kind === 'bibliography' ? ctx.corpus.entry(block.id) : undefined;
    const style = ctx.scope.defaults.style;
    const views = around.map((b) => passageView(ctx.corpus, ctx.cite, b, work, style));
    const reply = passagesReply(`Context of ${block.id}`, views, {
      ...(a.hide ? { hidden: true } : { visibility: ctx.scope.defaults.visibility }),
      workId: work.meta.id,
      lastCitation: { workId: work.meta.id, ...(entry ? { entryId: entry.id } : {}), text: entry ? ctx.cite.entry(entry, style) : ctx.cite.passage(block, work, style) },
    });
    return reply;
  },
} satisfies Command<ContextArgs, CommandContext>;
