/**
 * The console platform: the same commands as in chat, typed at a prompt (`/quote peppery dishes`,
 * `quote peppery dishes` or `!quote …`). Long replies are paged to the terminal; `n` and `p` move
 * between pages. With piped input every reply is printed whole and the console exits at the end.
 * Files are given by their path (`file:~/notes.md`); Ctrl-C clears a half-typed line, and on an
 * empty one quits.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { Logger } from 'pino';
import { actionRequest } from '../../dispatch/actions.ts';
import { resolveDefaults, type SettingsSource } from '../../dispatch/defaults.ts';
import { discussionTitle, discussRequest, openingOf } from '../../conversation/discuss.ts';
import type { ThreadPlace } from '../../conversation/key.ts';
import type { ConversationStore } from '../../conversation/store.ts';
import { isUserError, UserError } from '../../errors.ts';
import type { Dispatch } from '../../dispatch/invocation.ts';
import { parseCommandLine } from '../../dispatch/parse-line.ts';
import type { CommandDefinition, Scope } from '../../dispatch/types.ts';
import type { Reply } from '../../reply/model.ts';
import { paginate } from '../../reply/paginate.ts';
import { consoleBudget, consoleProfile, LOCAL_COLLECTION } from './profile.ts';
import { renderConsole } from './render.ts';
import { deliverFiles } from './files.ts';

export interface ConsoleOptions {
  dispatch: Dispatch;
  definitions: readonly CommandDefinition[];
  defaults: Scope['defaults'];
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream & { columns?: number; isTTY?: boolean };
  interactive: boolean;
  log: Logger;
  banner?: string;
  /** The groups' /settings: the console's own (collection `local`) layout applies to its answers. */
  settings?: SettingsSource;
  /** Discussions: the console has one at a time, kept like any door's threads (the CLI's notes read them). */
  conversations: ConversationStore;
}

/** Who asks at the console, for a discussion's notes: the operator's login name. */
function operatorName(): string {
  try {
    return os.userInfo().username || 'console';
  } catch {
    return 'console';
  }
}

const PAGER_HINT = 'n / p: next or previous part, q: back to the prompt';
/** Keys for a reply's actions, optionally followed by the passage number ("c 2 mla"). */
const ACTION_KEY = /^([tcxdnpbo])(?:\s+(\d{1,2}))?(?:\s+([a-z-]+))?$/i;
const KEY_KINDS = { t: 'translation', c: 'cite', x: 'context', d: 'discuss', n: 'next', p: 'previous', b: 'bibliography', o: 'notes' } as const;
/** `file:path` or `file:"a path with spaces"` in a line: the file to hand to the command. */
const FILE_ARG = /(?:^|\s)(?:--)?file[:=](?:"([^"]+)"|(\S+))/u;

/** A file named on the command line, read once the command's checks have passed. */
function fileAttachment(given: string) {
  const full = path.resolve(given.replace(/^~(?=$|\/)/u, os.homedir()));
  const read = async () => {
    try {
      return new Uint8Array(await readFile(full));
    } catch (err) {
      // A mistyped path is the user's to fix, as in the CLI's add, not an error on our side.
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') throw new UserError('library.no-file', `There is no file "${given}".`);
      throw err;
    }
  };
  return { name: path.basename(full), fetch: read };
}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { output } = options;
  const width = () => Math.max(40, Math.min(output.columns ?? 100, 220));
  const color = Boolean(options.interactive && output.isTTY);
  const write = (s: string) => output.write(`${s}\n`);
  // The console is its owner's own library: the collection `local`, where `lectern add` puts texts.
  const scope: Scope = { platform: consoleProfile(width()), userId: 'console', userName: operatorName(), collection: LOCAL_COLLECTION, defaults: options.defaults };
  /** The discussion under way, if any: commands default to its work and go into its notes. */
  let discussion: (ThreadPlace & { title: string }) | undefined;
  let pages: Reply[] = [];
  let at = 0;
  let last: { command: string; args: Record<string, unknown>; reply: Reply } | undefined;
  let rl: Interface | undefined;

  const layout = () => resolveDefaults(options.defaults, options.settings, LOCAL_COLLECTION).layout;
  const render = (page: Reply) => renderConsole(page, { width: width(), color, layout: layout(), ...(options.interactive ? { pagerHint: PAGER_HINT } : {}) });
  const prompt = () => {
    rl?.setPrompt(discussion ? `lectern (discussing ${scope.thread?.workId ?? 'a passage'})> ` : 'lectern> ');
    rl?.prompt();
  };

  const run = async (command: string, args: Record<string, unknown>) => {
    // The discussion's work and last citation as the conversation module has them now.
    if (discussion) scope.thread = options.conversations.scopeOf(discussion);
    const reply = await options.dispatch({ command, args, scope, requestId: `console-${Date.now()}` });
    if (!reply.error) last = { command, args, reply };
    pages = paginate(reply, consoleBudget(width()));
    at = 0;
    if (options.interactive) show();
    else for (const page of pages) write(render(page));
    await deliverFiles(reply, write, write);
  };

  /** The keys under an answer: translation, cite, context, discuss, and more results. */
  const act = async (key: keyof typeof KEY_KINDS, n: number | undefined, extra: string | undefined): Promise<boolean> => {
    const kind = KEY_KINDS[key];
    const actions = (last?.reply.actions ?? []).filter((a) => a.kind === kind && !(a.target === 'page'));
    const action = actions[(n ?? 1) - 1];
    if (!last || !action) return false;
    if (kind === 'discuss') {
      await discuss(action.target);
      return true;
    }
    const request = actionRequest(action, last, extra);
    if (!request) return false;
    await run(request.command, request.args);
    return true;
  };

  /**
   * The console has one discussion at a time: discussing a passage makes later commands default to
   * its work and resolve Ibid. against its citation, and what Lectern shows goes into its notes, until /end.
   */
  const discuss = async (passage: string) => {
    delete scope.thread;
    discussion = await openDiscussion(options, scope, passage, write);
    if (discussion) await run(discussRequest(passage).command, discussRequest(passage).args);
  };

  const show = () => {
    const page = pages[at];
    if (page) write(render(page));
  };

  /** The pager's keys while a long answer is shown; true when the line was one. */
  const turnPage = (key: string): boolean => {
    if (!options.interactive || pages.length < 2 || !/^[npq]$/i.test(key)) return false;
    const k = key.toLowerCase();
    if (k === 'n' && at < pages.length - 1) at++;
    else if (k === 'p' && at > 0) at--;
    else if (k === 'q') {
      pages = [];
      return true;
    }
    show();
    return true;
  };

  const answer = async (line: string) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    if (/^\/?end$/i.test(trimmed)) {
      write(discussion ? 'Discussion ended.' : 'No discussion is on.');
      discussion = undefined;
      delete scope.thread;
      return;
    }
    if (turnPage(trimmed)) return;
    const key = ACTION_KEY.exec(trimmed);
    if (key) {
      if (!(await act(key[1]!.toLowerCase() as keyof typeof KEY_KINDS, key[2] ? Number(key[2]) : undefined, key[3]))) {
        write('That key does nothing for the last answer: the keys it offers are listed under it.');
      }
      return;
    }
    const file = FILE_ARG.exec(trimmed);
    const text = file ? trimmed.replace(FILE_ARG, ' ').trim() : trimmed;
    const parsed = parseCommandLine(text.startsWith('/') || text.startsWith('!') ? text : `/${text}`, { prefixes: ['/', '!'], commands: options.definitions });
    if (!parsed) return;
    if ('error' in parsed) {
      write(`${parsed.error.message} [${parsed.error.identifier}]`);
      return;
    }
    await run(parsed.command, file ? { ...parsed.args, attachment: fileAttachment(file[1] ?? file[2]!) } : parsed.args);
  };

  if (options.banner) process.stderr.write(`${options.banner}\n`);
  rl = openReadline(options, prompt);
  await answerLines(rl, options, answer, () => {
    write('Something went wrong while answering; it has been logged.');
    if (options.interactive) prompt();
  }, prompt);
}

/** Opens the console's discussion on a passage (remembered like any door's thread); undefined when the passage cannot be shown. */
async function openDiscussion(options: ConsoleOptions, scope: Scope, passage: string, write: (s: string) => void): Promise<(ThreadPlace & { title: string }) | undefined> {
  const shown = await options.dispatch({ ...discussRequest(passage), scope, requestId: `console-${Date.now()}` });
  if (shown.error) {
    write(`${shown.error.message} [${shown.error.identifier}]`);
    return undefined;
  }
  const place = { platform: scope.platform.id, scope: LOCAL_COLLECTION, thread: `c${Date.now().toString(36)}` };
  const title = discussionTitle(shown, 100);
  try {
    await options.conversations.open(openingOf(place, passage, shown, title), { name: scope.userName ?? 'console', at: Date.now() });
  } catch (err) {
    if (!isUserError(err)) throw err;
    write(`⚠ ${err.message}`);
  }
  write(`Discussing ${passage}: commands now default to this work and Ibid. refers to its citation. /end leaves the discussion (thread ${place.thread}, kept for /notes).`);
  return { ...place, title };
}

/** The prompt; Ctrl-C clears a half-typed line, and on an empty line quits as Ctrl-D does. */
function openReadline(options: ConsoleOptions, prompt: () => void): Interface {
  const rl = createInterface({ input: options.input, ...(options.interactive ? { output: options.output, prompt: 'lectern> ' } : {}), terminal: options.interactive });
  if (!options.interactive) return rl;
  rl.on('SIGINT', () => {
    if (rl.line.length === 0) return rl.close();
    // To the end of the line, then delete back to its start.
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    options.output.write('\n');
    prompt();
  });
  prompt();
  return rl;
}

/** Lines are answered one at a time, in order, even when piped in faster than they are answered. */
async function answerLines(rl: Interface, options: ConsoleOptions, answer: (line: string) => Promise<void>, failed: () => void, prompt: () => void): Promise<void> {
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      try {
        await answer(line);
        if (options.interactive) prompt();
      } catch (err) {
        options.log.error({ err }, 'console command failed');
        failed();
      }
    });
  });
  await new Promise<void>((resolve) => rl.once('close', () => resolve()));
  await queue;
}
