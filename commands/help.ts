/** /help: what each command does, with examples that work on the bundled corpus. */
import { z } from 'zod';
import type { CommandContext } from '../src/services.ts';
import type { Command } from '../src/dispatch/types.ts';
import { fieldsReply } from '../src/reply/builders.ts';
import { hideOption, zBool } from './options.ts';

const args = z.object({ hide: zBool.optional() });
type HelpArgs = z.infer<typeof args>;

/** Help reads the registry it is part of, given when the registry is built (no import cycle). */
export function makeHelp(list: () => readonly { data: { name: string; description: string }; examples: string[] }[]) {
  return {
    data: { name: 'help', description: 'What each command does, with examples', options: [hideOption] },
    args,
    examples: ['/help'],
    async execute(a: HelpArgs, ctx: CommandContext) {
      const prefix = ctx.scope.platform === 'matrix' ? '!' : '/';
      const fields = list().map((c) => ({
        name: `${prefix}${c.data.name}`,
        value: `${c.data.description}.\nExamples: ${c.examples.map((e) => e.replace(/^\//, prefix)).join(' · ')}`,
      }));
      return fieldsReply('Lectern — commands', fields, {
        ...(a.hide ? { hidden: true } : { visibility: ctx.scope.defaults.visibility }),
        intro: 'Lectern quotes the texts exactly, cites them precisely and shows the translations the sources themselves give.',
      });
    },
  } satisfies Command<HelpArgs, CommandContext>;
}
