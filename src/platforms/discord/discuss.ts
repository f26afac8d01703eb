/**
 * The Discuss button: a public thread on the reply message, named after the passage, whose first
 * message holds the passage and its citation. What the thread is titled and remembers is the
 * conversation module's (the same on every door); this file creates the thread through Discord's
 * API. Needs the bot token (threads are created by the bot user) and the channel permissions.
 */
import { DiscordAPIError, type REST } from '@discordjs/rest';
import { discussionTitle, discussRequest, openingOf } from '../../conversation/discuss.ts';
import type { ConversationStore } from '../../conversation/store.ts';
import type { Dispatch, Invocation } from '../../dispatch/invocation.ts';
import type { Scope } from '../../dispatch/types.ts';
import type { Reply } from '../../reply/model.ts';
import { isUserError } from '../../errors.ts';
import type { Exchange } from './exchange.ts';
import { appPermissions, channelIdOf, inThread, isEphemeralMessage, userOf } from './interaction.ts';
import { DISCORD_THREAD_NAME_LIMIT, PERMISSION_CREATE_PUBLIC_THREADS, PERMISSION_SEND_MESSAGES_IN_THREADS } from './limits.ts';
import { plainLabel } from './escape.ts';
import { NO_MENTIONS, noticeMessage, renderMessage, type DiscordMessage } from './render.ts';
import { postMessage, startThread } from './rest.ts';

/** Discord's error codes: a thread already exists on the message; the bot lacks access or permission. */
const THREAD_ALREADY_CREATED = 160004;
const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;

export interface DiscussContext {
  rest: REST;
  hasBotToken: boolean;
  conversations: ConversationStore;
  dispatch: Dispatch;
  scopeOf(ex: Exchange): Scope;
  /** The reply's first page as a message, its buttons owned by `ownerId`. */
  firstPage(reply: Reply, invocation: Invocation, ownerId: string): DiscordMessage;
  now(): number;
}

/** Thread names are plain text: the source's markup is taken out first. */
export const threadName = (reply: Reply): string => discussionTitle({ ...reply, title: plainLabel(reply.title), sections: reply.sections.map((s) => (s.kind === 'passage' ? { ...s, passage: { ...s.passage, locatorLabel: plainLabel(s.passage.locatorLabel) } } : s)) }, DISCORD_THREAD_NAME_LIMIT);

const refuse = (ex: Exchange, title: string, text: string) => ex.send(noticeMessage(title, text, { error: true }));

function started(threadId: string, notSaved?: string): DiscordMessage {
  // The channel mention is Lectern's own text, not corpus text, so it is left as a link to the thread.
  const text = `Continue in <#${threadId}>. Commands there default to this passage's work, and Ibid. refers to the last citation given there.${notSaved ? `\n\n⚠ ${notSaved}` : ''}`;
  return { embeds: [{ title: 'Discussion started', description: text }], components: [], allowed_mentions: NO_MENTIONS() };
}

export async function openDiscussion(ctx: DiscussContext, ex: Exchange, target: string): Promise<void> {
  const i = ex.interaction;
  const channelId = channelIdOf(i);
  const message = 'message' in i ? i.message : undefined;
  if (!ctx.hasBotToken) return refuse(ex, 'Threads unavailable', 'Lectern runs here without a bot user, so it cannot open threads. Ask whoever runs it to set DISCORD_TOKEN.');
  if (!i.guild_id || !channelId || !message) return refuse(ex, 'Threads unavailable', 'Discussion threads can only be opened in a server channel.');
  if (isEphemeralMessage(message)) return refuse(ex, 'Threads unavailable', 'A thread cannot be opened on an answer only you can see. Ask again without hide, then press Discuss.');
  if (inThread(i)) return refuse(ex, 'Already in a thread', 'This is already a thread; a thread cannot hold another. Press Discuss on an answer in the channel itself.');
  const perms = appPermissions(i);
  const needed = PERMISSION_CREATE_PUBLIC_THREADS | PERMISSION_SEND_MESSAGES_IN_THREADS;
  if (perms !== undefined && (perms & needed) !== needed) {
    return refuse(ex, 'Missing permission', 'Lectern needs the Create Public Threads and Send Messages in Threads permissions in this channel to open a discussion.');
  }

  await ex.deferMessage(true);
  const scope = ctx.scopeOf(ex);
  const invocation: Invocation = { ...discussRequest(target), scope, requestId: i.id };
  const reply = await ctx.dispatch(invocation);
  if (reply.error) return ex.send(renderMessage({ ...reply, visibility: 'hidden' }, { layout: scope.defaults.layout, idFor: () => undefined, citeSelectId: () => undefined }));

  let threadId: string;
  const title = threadName(reply);
  try {
    threadId = (await startThread(ctx.rest, channelId, message.id, title)).id;
  } catch (err) {
    if (err instanceof DiscordAPIError && err.code === THREAD_ALREADY_CREATED) return refuse(ex, 'Thread exists', 'This answer already has a discussion thread: open it from the message.');
    if (err instanceof DiscordAPIError && (err.code === MISSING_PERMISSIONS || err.code === MISSING_ACCESS)) {
      return refuse(ex, 'Missing permission', 'Lectern may not open threads here: it needs Create Public Threads and Send Messages in Threads in this channel.');
    }
    throw err;
  }
  const owner = userOf(i)?.id ?? 'unknown';
  const first = ctx.firstPage({ ...reply, visibility: 'public', actions: reply.actions.filter((a) => a.kind !== 'discuss') }, invocation, owner);
  // Remembered before anything is posted in it, so a command sent as soon as the thread appears finds it.
  let failure: string | undefined;
  try {
    await ctx.conversations.open(openingOf({ platform: scope.platform.id, scope: i.guild_id, thread: threadId }, target, reply, title), { name: scope.userName ?? 'someone', at: ctx.now() });
  } catch (err) {
    if (!isUserError(err)) throw err;
    failure = err.message;
  }
  await postMessage(ctx.rest, threadId, first);
  ex.log.info({ thread: threadId, passage: target }, 'discussion thread opened');
  await ex.send(started(threadId, failure));
}
