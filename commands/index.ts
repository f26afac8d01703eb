/**
 * The one registry of commands. The slash-command deploy script, the dispatchers of every platform,
 * the console and the tests all import it from here.
 */
import type { CommandContext } from '../src/services.ts';
import { CommandDefinition, type Command } from '../src/dispatch/types.ts';
import { cite } from './cite.ts';
import { context } from './context.ts';
import { makeHelp } from './help.ts';
import { library } from './library.ts';
import { settings } from './settings.ts';
import { quote } from './quote.ts';
import { source } from './source.ts';
import { translate } from './translate.ts';
import { works } from './works.ts';
import { notes } from './notes.ts';

export const commands: Command<any, CommandContext>[] = [];
const help = makeHelp(() => commands);
commands.push(quote, source, translate, context, cite, works, notes, library, settings, help);

let checked = false;
/**
 * The definitions a platform registers and parses lines with. They are data, checked on first ask
 * so a bad definition fails loudly before any platform shows it (test/commands.test.ts asks in
 * CI); a one-shot CLI answer, which registers nothing, does not pay the ~20 ms of the check.
 */
export const definitions = () => {
  if (!checked) for (const c of commands) CommandDefinition.parse(c.data);
  checked = true;
  return commands.map((c) => c.data);
};
