/** /works: the works in the library, with their metadata and what each contains. */
import { z } from 'zod';
import type { CommandContext } from '../src/services.ts';
import type { Command } from '../src/dispatch/types.ts';
import { authorLine } from '../src/corpus/corpus.ts';
import { workStats } from '../src/corpus/stats.ts';
import { fieldsReply } from '../src/reply/builders.ts';
import { hideOption, zBool } from './options.ts';

const args = z.object({ hide: zBool.optional() });
type WorksArgs = z.infer<typeof args>;

export const works = {
  data: { name: 'works', description: 'The works in the library and what each contains', options: [hideOption] },
  args,
  examples: ['/works'],
  async execute(a: WorksArgs, ctx: CommandContext) {
    const fields = ctx.corpus.works.map((w) => {
      const s = workStats(w);
      const m = w.meta;
      const date = m.date ? `${m.dateAsStated ?? m.date.value}${m.date.inferred ? ` (year inferred: ${m.date.value.slice(0, 4)})` : ''}` : 'date not stated';
      const facts = [
        `${authorLine(m)} — ${m.type.replace('-', ' ')}, ${date}`,
        [m.publisher, m.place, m.edition].filter(Boolean).join(', '),
        m.identifiers.isbn.length ? `ISBN ${m.identifiers.isbn.join(', ')}` : '',
        `id: ${m.id}; languages: ${m.languages.join(', ')}`,
        `${(s.blocks.paragraph ?? 0) + (s.blocks.quotation ?? 0) + (s.blocks['list-item'] ?? 0)} passages, ${s.footnotes.total} footnotes, ${s.bibliography.entries} bibliography entries, ${s.translationPairs} translation pairs`,
        ...m.about.map((x) => `Note: ${x.note}`),
      ].filter(Boolean);
      return { name: m.title, value: facts.join('\n') };
    });
    return fieldsReply('Works in the library', fields, a.hide ? { hidden: true } : { visibility: ctx.scope.defaults.visibility });
  },
} satisfies Command<WorksArgs, CommandContext>;
