/**
 * Answering one command event: the Matrix-only commands (more, layout, discuss) here, the others
 * through `dispatch`. Every answer is a reply to the event that asked, in its thread when it was
 * asked in one; long answers are paged and wait for `!more` or a reaction.
 */
import type { Logger } from 'pino';
import { discussionIntro, discussRequest, openingOf } from '../../conversation/discuss.ts';
import { conversationKey, placeOf } from '../../conversation/key.ts';
import type { PendingPages, PendingStore } from '../../conversation/pending.ts';
import type { ConversationStore } from '../../conversation/store.ts';
import { isUserError } from '../../errors.ts';
import type { Dispatch } from '../../dispatch/invocation.ts';
import { resolveDefaults, type SettingsSource } from '../../dispatch/defaults.ts';
import type { CommandDefinition, Scope } from '../../dispatch/types.ts';
import type { Config } from '../../config.ts';
import type { PlatformProfile } from '../../dispatch/platform.ts';
import type { Budget } from '../../reply/budget.ts';
import { errorReply, textReply } from '../../reply/builders.ts';
import type { Reply, ReplyFile } from '../../reply/model.ts';
import { sendMessage, type Connection } from './client.ts';
import { ENCRYPTED_EVENT_BYTES_LIMIT } from './e2ee.ts';
import { fileContent, libraryAttachment } from './media.ts';
import { eventBytes, noticeContent, threadStartContent, type ReplyTarget } from './content.ts';
import { markdownHtml } from './markdown-html.ts';
import { MATRIX_EVENT_BYTES_LIMIT } from './limits.ts';
import { attachmentOf, inReplyTo, isRawEvent, type Attachment, type RawEvent } from './events.ts';
import { fitPages } from './pages.ts';
import { canManageAt, powerLevelOf, type RoomPower } from './power.ts';
import { renderMatrix, type MatrixLayout, type RenderedMessage } from './render.ts';
import type { MatrixState } from './state.ts';
import { notSavedReason } from '../../state-file.ts';


export interface AnswerContext {
  conn: Connection;
  config: Config;
  state: MatrixState;
  /** Threads, Discuss and notes: the conversation module the dispatcher records into. */
  conversations: ConversationStore;
  pending: PendingStore<RenderedMessage>;
  dispatch: Dispatch;
  commands: readonly CommandDefinition[];
  /** How the core sees this bot: prefix, budget, wording. */
  profile: PlatformProfile;
  /** Page budget; MATRIX_BUDGET unless a test asks for smaller pages. */
  budget?: Budget;
  /** The groups' /settings; without them the configured defaults apply. */
  settings?: GroupDefaults;
  /** The room's power levels and creators, cached until a change to them is synced. */
  roomPower(roomId: string): Promise<RoomPower>;
  /** How a member is shown in a room (their display name there), for the thread's notes. */
  displayName(roomId: string, userId: string): Promise<string>;
  now(): number;
}

export interface Asked {
  roomId: string;
  event: RawEvent;
  target: ReplyTarget;
  log: Logger;
}

export const HIDDEN_NOTE = 'Matrix has no replies that only you can see, so this answer is visible to everyone in the room.';

/** What the dispatcher's settings store offers: a group's saved defaults. */
export type GroupDefaults = SettingsSource;

export const collectionOf = (ctx: Pick<AnswerContext, 'config'>, roomId: string): string => ctx.config.matrixRoomGroups.get(roomId) ?? roomId;

/** A room's own `!layout` wins over its group's defaults (dispatch's resolution: /settings over LECTERN_DEFAULT_LAYOUT). */
export const layoutOf = (ctx: AnswerContext, roomId: string): MatrixLayout =>
  ctx.state.layout(roomId) ?? resolveDefaults(configuredDefaults(ctx.config), ctx.settings, collectionOf(ctx, roomId)).layout;

const configuredDefaults = (config: Config): Scope['defaults'] => ({ style: config.LECTERN_DEFAULT_STYLE, layout: config.LECTERN_DEFAULT_LAYOUT, visibility: 'public' });

const notice = (title: string, text: string): Reply => textReply(title, text);

/** A room, or a thread in it, as the conversation module knows it. */
const keyOf = (ctx: Pick<AnswerContext, 'profile'>, roomId: string, threadRoot?: string): string => conversationKey({ platform: ctx.profile.id, scope: roomId, thread: threadRoot ?? '' });

/** Sends a reply's first page and keeps the rest for `!more`; returns the first page's event id. */
export async function sendReply(ctx: AnswerContext, asked: Asked, reply: Reply, key = asked.event.event_id): Promise<string> {
  const { roomId, target } = asked;
  const limit = (await ctx.conn.e2ee?.isEncrypted(roomId)) ? ENCRYPTED_EVENT_BYTES_LIMIT : undefined;
  const lost = ctx.state.takeLayoutNotice(roomId, ctx.config.MATRIX_PREFIX);
  if (lost) reply = { ...reply, sections: [{ kind: 'text', text: `⚠ ${lost}` }, ...reply.sections] };
  const { pages } = fitPages(reply, { layout: layoutOf(ctx, roomId), prefix: ctx.config.MATRIX_PREFIX }, limit, ctx.budget);
  const first = pages[0];
  if (!first) throw new Error('the pager returned no page');
  const eventId = await sendMessage(ctx.conn, roomId, noticeContent(first, target), `${key}#0`, asked.log);
  if (pages.length > 1) ctx.pending.set({ key: keyOf(ctx, roomId, target.threadRoot), scope: roomId, pages, next: 1, sentIds: [eventId] });
  if (reply.files?.length) await sendFiles(ctx, asked, reply.files, key, limit);
  asked.log.debug({ pages: pages.length, files: reply.files?.length ?? 0 }, 'answered');
  return eventId;
}

/**
 * A reply's files: each uploaded as an `m.file` (encrypted in an encrypted room) in the same thread;
 * Markdown meant to be read (a thread's notes) is also sent as the HTML of one message when it fits.
 */
async function sendFiles(ctx: AnswerContext, asked: Asked, files: ReplyFile[], key: string, limit = MATRIX_EVENT_BYTES_LIMIT): Promise<void> {
  for (const [k, file] of files.entries()) {
    if (file.showInline) {
      const inline = { body: file.data, formatted_body: markdownHtml(file.data) };
      if (eventBytes(inline) <= limit) await sendMessage(ctx.conn, asked.roomId, noticeContent(inline, asked.target), `${key}#inline${k}`, asked.log);
    }
    const content = await fileContent(ctx.conn, asked.roomId, { name: file.name, bytes: Buffer.from(file.data, 'utf8'), mimetype: file.mediaType });
    const relation = noticeContent({ body: '', formatted_body: '' }, asked.target)['m.relates_to'];
    await sendMessage(ctx.conn, asked.roomId, { ...content, ...(relation ? { 'm.relates_to': relation } : {}) }, `${key}#file${k}`, asked.log);
  }
}

/** The next part of a long answer, as a reply to whatever asked for it (a `!more`, or the part that was reacted to). */
export async function sendNextPage(ctx: AnswerContext, asked: Asked, entry: PendingPages<RenderedMessage>): Promise<void> {
  const taken = ctx.pending.take(entry);
  if (!taken) return;
  const eventId = await sendMessage(ctx.conn, asked.roomId, noticeContent(taken.page, asked.target), `${asked.event.event_id}#more`, asked.log);
  ctx.pending.sent(entry, eventId);
}

/** The thread a waiting answer belongs to ('' for the room itself). */
export const threadOfPending = (entry: PendingPages<RenderedMessage>): string | undefined => placeOf(entry.key)?.thread || undefined;

export async function answerMore(ctx: AnswerContext, asked: Asked): Promise<void> {
  const entry = ctx.pending.get(keyOf(ctx, asked.roomId, asked.target.threadRoot));
  if (entry) return sendNextPage(ctx, asked, entry);
  const where = asked.target.threadRoot ? 'this thread' : 'this room';
  await sendReply(ctx, asked, notice('Nothing more', `There is no longer answer waiting to be continued in ${where}.`));
}

const LAYOUT_WORDS: Record<string, MatrixLayout> = { 'side-by-side': 'side-by-side', table: 'side-by-side', columns: 'side-by-side', stacked: 'stacked' };

export async function answerLayout(ctx: AnswerContext, asked: Asked, value: unknown): Promise<void> {
  const p = ctx.config.MATRIX_PREFIX;
  const usage = `Use ${p}layout side-by-side or ${p}layout stacked.`;
  if (value === undefined || value === true) {
    const current = layoutOf(ctx, asked.roomId);
    await sendReply(ctx, asked, notice('Layout', `This room shows translations ${current === 'side-by-side' ? 'side by side in a table' : 'stacked, the original above the translation'}. ${usage}`));
    return;
  }
  const layout = LAYOUT_WORDS[String(value).trim().toLowerCase()];
  if (!layout) {
    await sendReply(ctx, asked, errorReply('layout.unknown', `"${String(value).slice(0, 40)}" is not a layout. ${usage}`));
    return;
  }
  try {
    await ctx.state.setLayout(asked.roomId, layout);
  } catch (err) {
    const { code, check } = notSavedReason(err, 'the layout could not be written');
    asked.log.error({ err }, 'could not save the room layout');
    await sendReply(ctx, asked, errorReply('layout.not-saved', `Could not save: the layout applies until Lectern restarts, but it could not be written${code ? ` (${code})` : ''}; ask whoever runs Lectern to check ${check}.`));
    return;
  }
  const text =
    layout === 'side-by-side'
      ? 'This room now shows translations side by side in a table. Element X does not show tables: if some of you read there, switch back with ' + `${p}layout stacked.`
      : 'This room now shows translations stacked: the original, then the translation, each with its label and place in the source.';
  await sendReply(ctx, asked, notice('Layout changed', text));
}

async function powerLevel(ctx: AnswerContext, roomId: string, userId: string, log: Logger): Promise<number | undefined> {
  try {
    return powerLevelOf(await ctx.roomPower(roomId), userId);
  } catch (err) {
    log.warn({ err }, 'could not read the room\'s power levels');
    return undefined;
  }
}

/** The file a command replies to (for `!library add`, answered to an upload). */
async function repliedAttachment(ctx: AnswerContext, asked: Asked): Promise<Attachment | undefined> {
  const id = inReplyTo(asked.event);
  if (!id) return undefined;
  try {
    const event: unknown = await ctx.conn.client.fetchRoomEvent(asked.roomId, id);
    if (!isRawEvent(event)) return undefined;
    if (event.type !== 'm.room.encrypted' || !ctx.conn.e2ee) return attachmentOf(event);
    const clear = await ctx.conn.e2ee.decrypt(asked.roomId, event);
    return clear.ok ? attachmentOf(clear.event) : undefined;
  } catch (err) {
    asked.log.debug({ err, repliedTo: id }, 'could not fetch the replied-to event');
    return undefined;
  }
}

export async function scopeFor(ctx: AnswerContext, asked: Asked, inThread: boolean): Promise<Scope> {
  const layout = layoutOf(ctx, asked.roomId);
  const scope: Scope = {
    platform: ctx.profile,
    // Rooms configured as one group share one library.
    collection: collectionOf(ctx, asked.roomId),
    userId: asked.event.sender,
    userName: await ctx.displayName(asked.roomId, asked.event.sender),
    defaults: { ...configuredDefaults(ctx.config), layout },
  };
  // The group's organisers: members at MATRIX_LIBRARY_POWER_LEVEL or above (unknown: not).
  const level = await powerLevel(ctx, asked.roomId, asked.event.sender, asked.log);
  scope.canManage = canManageAt(level, ctx.config);
  const root = asked.target.threadRoot;
  if (inThread && root) scope.thread = ctx.conversations.scopeOf({ platform: ctx.profile.id, scope: asked.roomId, thread: root });
  return scope;
}

export async function answerCommand(ctx: AnswerContext, asked: Asked, command: string, parsedArgs: Record<string, unknown>): Promise<void> {
  const args = { ...parsedArgs };
  const attachment = await repliedAttachment(ctx, asked);
  if (attachment) args.attachment = libraryAttachment(ctx.conn, attachment, ctx.config.LIBRARY_MAX_FILE_MB * 1024 * 1024);
  const scope = await scopeFor(ctx, asked, true);
  let reply = await ctx.dispatch({ command, args, scope, requestId: asked.event.event_id });
  if (args.hide === true) reply = { ...reply, sections: [{ kind: 'text', text: HIDDEN_NOTE }, ...reply.sections] };
  await sendReply(ctx, asked, reply);
}

/**
 * `!discuss <passage>`: a root message in the room holding the passage and its citation, then a
 * first message in its thread saying what the thread defaults to. A thread cannot hold another,
 * so asked inside a thread, the new root still goes to the room.
 */
export async function answerDiscuss(ctx: AnswerContext, asked: Asked, passage: unknown): Promise<void> {
  if (typeof passage !== 'string' || passage.trim() === '') {
    const p = ctx.config.MATRIX_PREFIX;
    await sendReply(ctx, asked, errorReply('discuss.passage-missing', `${p}discuss needs a passage id, as in ${p}discuss trotskys-lies.p37; ${p}quote shows passage ids.`));
    return;
  }
  const scope = await scopeFor(ctx, asked, false);
  const context = await ctx.dispatch({ ...discussRequest(passage), scope, requestId: asked.event.event_id });
  if (context.error) {
    await sendReply(ctx, asked, context);
    return;
  }
  const rootAsked: Asked = { ...asked, target: { eventId: asked.event.event_id } };
  const title = `Discussion: ${passage.trim()}`;
  const rootId = await sendReply(ctx, rootAsked, { ...context, title, actions: context.actions.filter((a) => a.kind !== 'discuss') }, `${asked.event.event_id}/root`);
  // Parts of a long passage continue inside the thread.
  const waiting = ctx.pending.get(keyOf(ctx, asked.roomId));
  if (waiting?.sentIds.includes(rootId)) ctx.pending.move(waiting, keyOf(ctx, asked.roomId, rootId));
  const p = ctx.config.MATRIX_PREFIX;
  // The thread's defaults are saved before it is announced, so a command sent as soon as the thread appears finds them.
  let failure = '';
  try {
    await ctx.conversations.open(openingOf({ platform: ctx.profile.id, scope: asked.roomId, thread: rootId }, passage, context, title), { name: scope.userName ?? 'someone', at: ctx.now() });
  } catch (err) {
    if (!isUserError(err)) throw err;
    failure = `⚠ ${err.message}`;
  }
  const intro = ['Reply in this thread to discuss the passage.', discussionIntro(context), `${p}cite, ${p}context and ${p}translate work here as anywhere.`, failure].filter(Boolean).join(' ');
  const start = renderMatrix(textReply('Discussion thread', intro), { layout: layoutOf(ctx, asked.roomId), prefix: p });
  await sendMessage(ctx.conn, asked.roomId, threadStartContent(start, rootId), `${asked.event.event_id}/thread`, asked.log);
}
