/**
 * The dispatcher every platform uses: finds the command, validates its arguments with the
 * command's zod schema, runs it with a child logger, and is the one error boundary. A user error
 * becomes an error reply with its stable identifier; anything else is logged with the request's
 * context and answered with a generic apology that leaks nothing.
 */
import { z } from 'zod';
import type { CommandContext, LecternContext } from '../services.ts';
import { isUserError } from '../errors.ts';
import { errorReply } from '../reply/builders.ts';
import type { Reply } from '../reply/model.ts';
import { closest } from './closest.ts';
import type { Dispatch, Invocation } from './invocation.ts';
import { checkNeeds } from './needs.ts';
import { resolveDefaults } from './defaults.ts';
import type { Command, CommandDefinition, Scope } from './types.ts';

export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side while answering. The problem has been logged; please try again.';

export function describeArgsError(error: z.ZodError, def: CommandDefinition): string {
  return error.issues
    .map((issue) => {
      const name = String(issue.path[0] ?? '');
      const option = def.options?.find((o) => o.name === name);
      const choices = option?.choices?.map((c) => String(c.value));
      if (choices?.length) return `"${name}" must be one of: ${choices.join(', ')}.`;
      if (issue.code === 'too_big' || issue.code === 'too_small' || issue.code === 'invalid_type') {
        return name ? `"${name}": ${issue.message}.` : `${issue.message}.`;
      }
      return name ? `"${name}": ${issue.message}` : issue.message;
    })
    .join(' ');
}

/** Options that name local files are taken only from the operator's own doors. */
function localOnly(def: CommandDefinition, invocation: Invocation): Record<string, unknown> {
  if (invocation.scope.platform.operator) return invocation.args;
  const local = new Set((def.options ?? []).filter((o) => o.local).map((o) => o.name));
  return Object.fromEntries(Object.entries(invocation.args).filter(([k]) => !local.has(k)));
}

/** Notices about the group's or the thread's lost state, ahead of the answer (once each). */
function withStateNotice(reply: Reply, ...notices: (string | undefined)[]): Reply {
  const said = notices.filter((n): n is string => Boolean(n));
  return said.length ? { ...reply, sections: [...said.map((n) => ({ kind: 'text' as const, text: `⚠ ${n}` })), ...reply.sections] } : reply;
}

/** Inside a thread, every door alike: the reply's citation becomes what Ibid. refers to, and what it posted goes into the thread's notes. */
async function remember(app: LecternContext, invocation: Invocation, reply: Reply): Promise<Reply> {
  const key = invocation.scope.thread?.key;
  if (!key || !app.conversations) return reply;
  return await app.conversations.afterReply(key, invocation.command, reply, { name: invocation.scope.userName ?? 'someone', at: Date.now() });
}

export function createDispatch(app: LecternContext, commands: readonly Command<any, CommandContext>[]): Dispatch {
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  return async (invocation: Invocation): Promise<Reply> => {
    const log = app.log.child({ command: invocation.command, platform: invocation.scope.platform.id, request: invocation.requestId });
    const command = byName.get(invocation.command);
    if (!command) {
      const guess = closest(invocation.command, [...byName.keys()]);
      return errorReply(
        'command.unknown',
        `There is no command "${invocation.command}".${guess ? ` Did you mean "${guess}"?` : ''} Commands: ${[...byName.keys()].join(', ')}.`,
      );
    }
    const parsed = command.args.safeParse(localOnly(command.data, invocation));
    if (!parsed.success) {
      return errorReply('args.invalid', describeArgsError(parsed.error, command.data));
    }
    // Where other processes share the state, the group's settings and the thread are read again, so
    // a change made through another process applies to this command.
    await app.settings?.refresh?.(invocation.scope.collection);
    const asked = invocation.scope.thread;
    const thread = asked && app.conversations?.fresh ? await app.conversations.fresh(asked) : asked;
    const { thread: _asked, ...rest } = invocation.scope;
    // A discussion's work and last citation reach only the commands that declare they read them;
    // the group's /settings are its defaults, whatever door the command came from.
    const scope: Scope = { ...rest, ...(thread && command.data.needs?.thread ? { thread } : {}), defaults: resolveDefaults(invocation.scope.defaults, app.settings, invocation.scope.collection) };
    try {
      checkNeeds(command.data, parsed.data as Record<string, unknown>, scope);
      const view = app.open ? await app.open(scope) : app.view(scope);
      const ctx: CommandContext = { ...app, log, scope, corpus: view.corpus, search: view.search };
      const started = performance.now();
      const reply = await command.execute(parsed.data, ctx);
      log.debug({ ms: Math.round(performance.now() - started) }, 'answered');
      // Taken before the reply is remembered: remembering makes the thread known again.
      const threadKey = invocation.scope.thread?.key;
      const threadNotice = threadKey ? app.conversations?.takeNotice(threadKey) : undefined;
      const remembered = await remember(app, invocation, reply);
      return withStateNotice(remembered, app.settings?.takeNotice(invocation.scope.collection, invocation.scope.platform.commandPrefix), threadNotice);
    } catch (err) {
      if (isUserError(err)) return errorReply(err.identifier, err.message);
      log.error({ err, args: invocation.args, scope }, 'command failed');
      return errorReply('internal', INTERNAL_ERROR_MESSAGE);
    }
  };
}
