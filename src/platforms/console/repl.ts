/**
 * The console platform: the same commands as in chat, typed at a prompt (`/quote peppery dishes`,
 * `quote peppery dishes` or `!quote …`). Long replies are paged to the terminal; `n` and `p` move
 * between pages. With piped input every reply is printed whole and the console exits at the end.
 */
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import type { Dispatch } from '../../commands/invocation.ts';
import { parseCommandLine } from '../../commands/parse-line.ts';
import type { CommandDefinition, Scope } from '../../commands/types.ts';
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

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { output } = options;
  const width = () => Math.max(40, Math.min(output.columns ?? 100, 220));
  const color = Boolean(options.interactive && output.isTTY);
  const write = (s: string) => output.write(`${s}\n`);
  // The console is its owner's own library: the collection `local`, where `lectern add` puts texts.
  const scope: Scope = { platform: 'console', userId: 'console', collection: 'local', canManage: true, defaults: options.defaults };
  let pages: Reply[] = [];
  let at = 0;

  const show = () => {
    const page = pages[at];
    if (!page) return;
    write(renderConsole(page, { width: width(), color }));
    if (options.interactive && pages.length > 1) write(`— part ${at + 1} of ${pages.length} — ${PAGE_KEYS}`);
  };

  const answer = async (line: string) => {
    const trimmed = line.trim();
    if (!trimmed) return;
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
    const reply = await options.dispatch({ command: parsed.command, args: parsed.args, scope, requestId: `console-${Date.now()}` });
    pages = paginate(reply, consoleBudget(width()));
    at = 0;
    if (options.interactive) show();
    else
      for (at = 0; at < pages.length; at++) {
        write(renderConsole(pages[at]!, { width: width(), color }));
      }
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
