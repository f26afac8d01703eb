/**
 * The Discuss button: a public thread on the reply message, named after the passage, whose first
 * message holds the passage and its citation. Commands inside it default to the passage's work,
 * and `Ibid.` there refers to the thread's last citation (the store keeps both). Needs the bot
 * token (threads are created by the bot user) and the channel permissions to make threads.
 */
import { DiscordAPIError, type REST } from '@discordjs/rest';
import { discussRequest } from '../../dispatch/actions.ts';
import type { Dispatch, Invocation } from '../../dispatch/invocation.ts';
import type { Scope } from '../../dispatch/types.ts';
import type { Reply } from '../../reply/model.ts';
import { truncate } from '../../reply/split.ts';
import type { Exchange } from './exchange.ts';
import { appPermissions, channelIdOf, inThread, isEphemeralMessage, userOf } from './interaction.ts';
import { DISCORD_THREAD_NAME_LIMIT, PERMISSION_CREATE_PUBLIC_THREADS, PERMISSION_SEND_MESSAGES_IN_THREADS } from './limits.ts';
import { plainLabel } from './escape.ts';
import { NO_MENTIONS, noticeMessage, renderMessage, type DiscordMessage } from './render.ts';
import { postMessage, startThread } from './rest.ts';
import type { DiscordState } from './state.ts';

/** Discord's error codes: a thread already exists on the message; the bot lacks access or permission. */
const THREAD_ALREADY_CREATED = 160004;
const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;

export interface DiscussContext {
  rest: REST;
  hasBotToken: boolean;
  store: DiscordState;
  dispatch: Dispatch;
  scopeOf(ex: Exchange): Scope;
  /** The reply's first page as a message, its buttons owned by `ownerId`. */
  firstPage(reply: Reply, invocation: Invocation, ownerId: string): DiscordMessage;
  now(): number;
}

export function threadName(reply: Reply): string {
  const passage = reply.sections.find((s) => s.kind === 'passage');
  const name = passage?.kind === 'passage' ? passage.passage.locatorLabel || `${passage.passage.work.title} ${passage.passage.id}` : reply.title;
  return truncate(plainLabel(name), DISCORD_THREAD_NAME_LIMIT) || 'Discussion';
}

const refuse = (ex: Exchange, title: string, text: string) => ex.send(noticeMessage(title, text, { error: true }));

function started(threadId: string): DiscordMessage {
  // The channel mention is Lectern's own text, not corpus text, so it is left as a link to the thread.
  return { embeds: [{ title: 'Discussion started', description: `Continue in <#${threadId}>. Commands there default to this passage's work, and Ibid. refers to the last citation given there.` }], components: [], allowed_mentions: NO_MENTIONS() };
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
  try {
    threadId = (await startThread(ctx.rest, channelId, message.id, threadName(reply))).id;
  } catch (err) {
    if (err instanceof DiscordAPIError && err.code === THREAD_ALREADY_CREATED) return refuse(ex, 'Thread exists', 'This answer already has a discussion thread: open it from the message.');
    if (err instanceof DiscordAPIError && (err.code === MISSING_PERMISSIONS || err.code === MISSING_ACCESS)) {
      return refuse(ex, 'Missing permission', 'Lectern may not open threads here: it needs Create Public Threads and Send Messages in Threads in this channel.');
    }
    throw err;
  }
  const owner = userOf(i)?.id ?? 'unknown';
  const first = ctx.firstPage({ ...reply, visibility: 'public', actions: reply.actions.filter((a) => a.kind !== 'discuss') }, invocation, owner);
  await postMessage(ctx.rest, threadId, first);
  await ctx.store.updateThread(
    threadId,
    { guildId: i.guild_id, passage: target, ...(reply.workId ? { workId: reply.workId } : {}), ...(reply.lastCitation ? { lastCitation: reply.lastCitation } : {}) },
    ctx.now(),
  );
  ex.log.info({ thread: threadId, passage: target }, 'discussion thread opened');
  await ex.send(started(threadId));
}
