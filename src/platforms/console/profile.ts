/**
 * The console and the one-shot command line as the core sees them: the operator's own doors (every
 * permission held, the collection `local`), commands typed with `/`, files given by their path.
 */
import type { PlatformProfile } from '../../dispatch/platform.ts';
import type { Budget } from '../../reply/budget.ts';

export const consoleBudget = (width: number): Budget => ({
  maxBody: 4_000,
  maxField: 2_000,
  maxFieldName: 200,
  maxTitle: 300,
  maxFields: 50,
  maxTotal: 6_000,
  width,
});

/** The collection of the console and the command line, where `lectern add` puts texts. */
export const LOCAL_COLLECTION = 'local';

const CONSOLE_HELP = [
  { name: 'Keys under an answer', value: 't translation · c cite (c 2 mla: passage 2 in MLA) · x context · d discuss · n / p more results or the next and previous part.' },
  { name: '/end', value: 'Ends the discussion a d key started: commands stop defaulting to its work.' },
  { name: 'Files', value: 'Give a file by its path after file:, as in library add file:~/texts/notes.md.' },
];

export function consoleProfile(width = 100): PlatformProfile {
  return {
    id: 'console',
    commandPrefix: '/',
    capabilities: { threads: true, files: true, hiddenReplies: false, buttons: true },
    budget: consoleBudget(width),
    operator: true,
    describePermission: (_permission, doing) => `Only the operator may ${doing} here.`,
    describeAttachment: (usage) => `Give the file's path, as in /${usage} file:~/texts/notes.md.`,
    helpFields: () => CONSOLE_HELP,
  };
}

/** One-shot `npm run lectern -- <command>`: whole replies, no keys to press, no discussion. */
export function cliProfile(width = 100): PlatformProfile {
  return {
    id: 'cli',
    commandPrefix: '',
    capabilities: { threads: false, files: true, hiddenReplies: false, buttons: false },
    budget: { ...consoleBudget(width), maxBody: 100_000, maxTotal: 1_000_000, maxField: 100_000 },
    operator: true,
    describePermission: (_permission, doing) => `Only the operator may ${doing} here.`,
    describeAttachment: () => 'Give the file\'s path: npm run lectern -- add <file>.',
  };
}
