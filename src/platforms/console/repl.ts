/**
 * The console platform: the same commands as in chat, typed at a prompt (`/quote peppery dishes`,
 * `quote peppery dishes` or `!quote …`). Long replies are paged to the terminal; `n` and `p` move
 * between pages. With piped input every reply is printed whole and the console exits at the end.
 */
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import type { Dispatch } from '../../dispatch/invocation.ts';
import { parseCommandLine } from '../../dispatch/parse-line.ts';
import type { CommandDefinition, Scope } from '../../dispatch/types.ts';
import { consoleBudget } from '../../reply/budget.ts';
import type { Reply } from '../../reply/model.ts';
import { paginate } from '../../reply/paginate.ts';
import { renderConsole } from './render.ts';

export interface ConsoleOptions {
  dispatch: Dispatch;
  definitions: readonly CommandDefinition[];
  defaults: Scope['defaults'];
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { columns?: number; isTTY?: boolean };
  interactive: boolean;
  log: Logger;
  banner?: string;
}

const PAGE_KEYS = 'n: next page · p: previous page · q: back to the prompt';
/** Keys for a reply's actions, optionally followed by the passage number ("c 2 mla"). */
const ACTION_KEY = /^([tcxdnp])(?:\s+(\d{1,2}))?(?:\s+([a-z-]+))?$/i;

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { output } = options;
  const width = () => Math.max(40, Math.min(output.columns ?? 100, 220));
  const color = Boolean(options.interactive && output.isTTY);
  const write = (s: string) => output.write(`${s}\n`);
  // The console is its owner's own library: the collection `local`, where `lectern add` puts texts.
  const scope: Scope = { platform: 'console', userId: 'console', collection: 'local', canManage: true, defaults: options.defaults };
  let pages: Reply[] = [];
  let at = 0;
  let last: { command: string; args: Record<string, unknown>; reply: Reply } | undefined;

  const run = async (command: string, args: Record<string, unknown>) => {
    const reply = await options.dispatch({ command, args, scope, requestId: `console-${Date.now()}` });
    if (!reply.error) last = { command, args, reply };
    pages = paginate(reply, consoleBudget(width()));
    at = 0;
    if (options.interactive) show();
    else
      for (at = 0; at < pages.length; at++) {
        write(renderConsole(pages[at]!, { width: width(), color }));
      }
  };

  /** The keys under an answer: translation, cite, context, discuss, and more results. */
  const act = async (key: string, n: number | undefined, extra: string | undefined): Promise<boolean> => {
    const kind = ({ t: 'translation', c: 'cite', x: 'context', d: 'discuss', n: 'next', p: 'previous' } as const)[key as 't'];
    const actions = (last?.reply.actions ?? []).filter((a) => a.kind === kind && !(a.target === 'page'));
    const action = actions[(n ?? 1) - 1];
    if (!last || !action) return false;
    if (kind === 'translation') await run('translate', { query: action.target });
    else if (kind === 'cite') await run('cite', { passage: action.target, ...(extra ? { style: extra } : {}) });
    else if (kind === 'context') await run('context', { passage: action.target });
    else if (kind === 'next' || kind === 'previous') await run(last.command, { ...last.args, page: Number(action.options?.[0] ?? 1) });
    else {
      // The console has no threads: discussing a passage makes later commands default to its
      // work and resolve Ibid. against its citation, until /end.
      const reply = last.reply;
      scope.thread = { ...(reply.workId ? { workId: reply.workId } : {}), ...(reply.lastCitation ? { lastCitation: reply.lastCitation } : {}) };
      write(`Discussing ${action.target}: commands now default to this work and Ibid. refers to its citation. /end leaves the discussion.`);
      await run('context', { passage: action.target, before: 0, after: 0 });
    }
    return true;
  };

  const show = () => {
    const page = pages[at];
    if (!page) return;
    write(renderConsole(page, { width: width(), color }));
    if (options.interactive && pages.length > 1) write(`— part ${at + 1} of ${pages.length} — ${PAGE_KEYS}`);
  };

  const answer = async (line: string) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    if (/^\/end$/i.test(trimmed)) {
      delete scope.thread;
      write('Discussion ended.');
      return;
    }
    const key = ACTION_KEY.exec(trimmed);
    const pagerKey = /^[npq]$/i.test(trimmed) && pages.length > 1;
    if (key && !pagerKey) {
      if (!(await act(key[1]!.toLowerCase(), key[2] ? Number(key[2]) : undefined, key[3]))) {
        write('That key does nothing for the last answer: the keys it offers are listed under it.');
      }
      return;
    }
    if (options.interactive && pages.length > 1 && /^[npq]$/i.test(trimmed)) {
      const key = trimmed.toLowerCase();
      if (key === 'n' && at < pages.length - 1) at++;
      else if (key === 'p' && at > 0) at--;
      else if (key === 'q') {
        pages = [];
        return;
      }
      show();
      return;
    }
    const parsed = parseCommandLine(trimmed.startsWith('/') || trimmed.startsWith('!') ? trimmed : `/${trimmed}`, {
      prefixes: ['/', '!'],
      commands: options.definitions,
    });
    if (!parsed) return;
    if ('error' in parsed) {
      write(`${parsed.error.message} [${parsed.error.identifier}]`);
      return;
    }
    await run(parsed.command, parsed.args);
  };

  if (options.banner) process.stderr.write(`${options.banner}\n`);
  const rl = createInterface({ input: options.input, ...(options.interactive ? { output, prompt: 'lectern> ' } : {}), terminal: options.interactive });
  if (options.interactive) rl.prompt();
  // Lines are answered one at a time, in order, even when piped in faster than we answer.
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      try {
        await answer(line);
      } catch (err) {
        options.log.error({ err }, 'console command failed');
        write('Something went wrong while answering; it has been logged.');
      }
      if (options.interactive) rl.prompt();
    });
  });
  await new Promise<void>((resolve) => rl.once('close', () => resolve()));
  await queue;
}
