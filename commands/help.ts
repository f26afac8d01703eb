/**
 * /help: what each command does, with examples that work on the bundled corpus, written with the
 * prefix of the platform it is asked on, plus what only that platform offers; `/help quote`
 * shows one command's options.
 */
import { z } from 'zod';
import type { CommandContext } from '../src/services.ts';
import type { Command, CommandDefinition } from '../src/dispatch/types.ts';
import { closest } from '../src/dispatch/closest.ts';
import { UserError } from '../src/errors.ts';
import { fieldsReply } from '../src/reply/builders.ts';
import { hideOption, zBool, zOptionalText } from './options.ts';

const args = z.object({ command: zOptionalText(40, 'The command'), hide: zBool.optional() });
type HelpArgs = z.infer<typeof args>;

type Listed = { data: CommandDefinition; examples: string[] };

const typed = (prefix: string, example: string) => example.replace(/^\//, prefix);

function oneCommand(c: Listed, prefix: string): { name: string; value: string }[] {
  const options = (c.data.options ?? []).map((o) => ({
    name: `${o.name}${o.required ? '' : ' (optional)'}`,
    value: `${o.description}${o.choices?.length ? `: ${o.choices.map((ch) => String(ch.value)).join(', ')}` : ''}.`,
  }));
  return [...options, { name: 'Examples', value: c.examples.map((e) => typed(prefix, e)).join('\n') }];
}

/** Help reads the registry it is part of, given when the registry is built (no import cycle). */
export function makeHelp(list: () => readonly Listed[]) {
  return {
    data: {
      name: 'help',
      description: 'What each command does, with examples',
      options: [{ name: 'command', description: 'One command to explain, e.g. quote', type: 'string', maxLength: 40 }, hideOption],
    },
    args,
    examples: ['/help', '/help quote'],
    async execute(a: HelpArgs, ctx: CommandContext) {
      const platform = ctx.scope.platform;
      const prefix = platform.commandPrefix;
      const visibility = a.hide ? { hidden: true } : { visibility: ctx.scope.defaults.visibility };
      if (a.command) {
        const name = a.command.trim().replace(/^[/!]/, '').toLowerCase();
        const c = list().find((x) => x.data.name === name);
        if (!c) {
          const guess = closest(name, list().map((x) => x.data.name));
          throw new UserError('help.unknown-command', `There is no command "${name}".${guess ? ` Did you mean "${guess}"?` : ''} ${prefix}help lists them all.`);
        }
        return fieldsReply(`${prefix}${c.data.name}`, oneCommand(c, prefix), { ...visibility, intro: `${c.data.description}.` });
      }
      const fields = list().map((c) => ({
        name: `${prefix}${c.data.name}`,
        value: `${c.data.description}.\nExamples: ${c.examples.map((e) => typed(prefix, e)).join(' · ')}`,
      }));
      return fieldsReply('Lectern — commands', [...fields, ...(platform.helpFields?.() ?? [])], {
        ...visibility,
        intro: `Lectern quotes the texts exactly, cites them precisely and shows the translations the sources themselves give. For one command's options, add its name after help.`,
      });
    },
  } satisfies Command<HelpArgs, CommandContext>;
}
