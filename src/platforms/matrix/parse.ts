/**
 * A message's text to what the bot should do. Commands come as `!quote …` (prefix configurable)
 * or after a mention of the bot: its user id, or its display name or localpart followed by `:`
 * (what Element writes when you click a name), as in `Lectern: quote peppery dishes`.
 * The Matrix-only commands (more, layout, discuss) are parsed like the others, so a typo in them
 * gets the same "did you mean" as a typo in any command.
 */
import { parseCommandLine } from '../../dispatch/parse-line.ts';
import type { CommandDefinition } from '../../dispatch/types.ts';

export const MATRIX_COMMANDS: CommandDefinition[] = [
  { name: 'more', description: 'The next part of the last long answer here', options: [] },
  {
    name: 'layout',
    description: 'How this room shows side-by-side translations',
    options: [
      {
        name: 'layout',
        description: 'side-by-side or stacked',
        type: 'string',
        choices: [
          { name: 'side-by-side', value: 'side-by-side' },
          { name: 'stacked', value: 'stacked' },
          // The word older help used: still understood.
          { name: 'table', value: 'table' },
        ],
      },
    ],
  },
  {
    name: 'discuss',
    description: 'Start a discussion thread on a passage',
    options: [{ name: 'passage', description: 'A passage id such as trotskys-lies.p37', type: 'string', required: true }],
  },
];

export type MatrixIntent = { command: string; args: Record<string, unknown> } | { error: { identifier: string; message: string } };

export interface ParseMessageOptions {
  prefix: string;
  /** The bot's user id, display name and localpart: what a mention of it may start with. */
  userId: string;
  names: readonly string[];
  commands: readonly CommandDefinition[];
}

/**
 * Older clients quote the message a reply answers at the top of the body ("> <@user:server> …",
 * then a blank line); that quote is not part of the command.
 */
export function stripReplyFallback(body: string): string {
  const lines = body.split('\n');
  if (!lines[0]?.startsWith('> ')) return body;
  let i = 0;
  while (i < lines.length && lines[i]?.startsWith('>')) i++;
  return lines[i] === '' ? lines.slice(i + 1).join('\n') : body;
}

/** The text after a mention of the bot at the start of the message, or undefined when it does not start with one. */
function afterMention(text: string, userId: string, names: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  const id = userId.toLowerCase();
  if (lower.startsWith(id)) {
    const rest = text.slice(id.length);
    if (rest === '' || /^[:,]?\s/u.test(rest) || rest === ':') return rest.replace(/^[:,]?\s*/u, '');
  }
  for (const name of [...names].filter(Boolean).sort((a, b) => b.length - a.length)) {
    if (lower.startsWith(`${name.toLowerCase()}:`)) return text.slice(name.length + 1).trimStart();
  }
  return undefined;
}

export function parseMessage(body: string, opts: ParseMessageOptions): MatrixIntent | null {
  if (typeof body !== 'string') return null;
  let text = stripReplyFallback(body).trim();
  const mentioned = afterMention(text, opts.userId, opts.names);
  if (mentioned !== undefined) {
    // "Lectern: help" and "Lectern: !help" both mean !help; a bare mention asks for help.
    const rest = mentioned.startsWith(opts.prefix) ? mentioned.slice(opts.prefix.length) : mentioned;
    text = `${opts.prefix}${rest.trim() === '' ? 'help' : rest}`;
  }
  const parsed = parseCommandLine(text, { prefixes: [opts.prefix], commands: [...opts.commands, ...MATRIX_COMMANDS] });
  return parsed;
}
