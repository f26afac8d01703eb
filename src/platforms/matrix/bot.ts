/**
 * The Matrix bot: joins the rooms it is invited to (within the allow-lists), reads commands from
 * the sync stream and answers them. Rooms are handled side by side, the events of one room in
 * order. One error boundary per event: whatever goes wrong is logged with the event's context
 * and answered with an apology, and the bot goes on with the next event.
 */
import type { Logger } from 'pino';
import { INTERNAL_ERROR_MESSAGE } from '../../dispatch/dispatch.ts';
import type { Dispatch } from '../../dispatch/invocation.ts';
import type { CommandDefinition } from '../../dispatch/types.ts';
import type { Config } from '../../config.ts';
import type { Budget } from '../../reply/budget.ts';
import { errorReply, textReply } from '../../reply/builders.ts';
import { configuredAliases, inviteAllowed, type AllowLists } from './allow.ts';
import { answerCommand, answerDiscuss, answerLayout, answerMore, sendNextPage, sendReply, threadOfPending, type AnswerContext, type Asked, type GroupDefaults } from './answer.ts';
import { connect, ensureFilter, sendMessage, type Connection } from './client.ts';
import { crossSignDevice } from './cross-signing.ts';
import { KEY_WAIT_MS, MatrixE2ee } from './e2ee.ts';
import { commandText, inviterOf, isOwnJoin, isRawEvent, reactionTarget, threadRootOf, type RawEvent, type SyncResponse } from './events.ts';
import { fileContent } from './media.ts';
import { parseMessage } from './parse.ts';
import { PendingStore } from '../../conversation/pending.ts';
import type { ConversationStore } from '../../conversation/store.ts';
import { conversationKey } from '../../conversation/key.ts';
import { moveLegacyThreads } from './legacy-threads.ts';
import { displayNames } from './display-names.ts';
import type { RenderedMessage } from './render.ts';
import { fetchRoomPower, type RoomPower } from './power.ts';
import { RateLimiter } from '../rate-limit.ts';
import { RoomQueues } from './room-queues.ts';
import type { MatrixState } from './state.ts';
import { matrixStores } from './stores.ts';
import type { CryptoCopy } from './crypto-store.ts';
import type { StateBackend } from '../../state-backend.ts';
import { matrixProfile } from './profile.ts';
import { runSyncLoop, type Batch } from './sync.ts';

export interface MatrixBotOptions {
  config: Config;
  log: Logger;
  dispatch: Dispatch;
  commands: CommandDefinition[];
  stateDir: string;
  /** Where the sync position, room layouts, pages waiting and crypto store are kept (the app's); files in stateDir by default. */
  state?: StateBackend;
  /** The clock, for tests; Date.now by default. */
  now?: () => number;
  /** Page budget (MATRIX_BUDGET by default); tests pass a small one to page short answers. */
  pageBudget?: Budget;
  /** Long-poll timeout of /sync in milliseconds (30 s by default). */
  syncTimeoutMs?: number;
  /** The groups' /settings, for the translation layout a room group chose (a room's own !layout wins). */
  settings?: GroupDefaults;
  /** How long an undecryptable message waits for its keys (KEY_WAIT_MS by default). */
  keyWaitMs?: number;
  /** The conversation module the dispatcher records into (the app's). */
  conversations: ConversationStore;
}

export interface MatrixBot {
  userId: string;
  /** The bot's device, whose keys encrypt and decrypt for it. */
  deviceId: string;
  /** Sends a file to a room: an encrypted attachment in an encrypted room. Returns the event id. */
  sendFile(roomId: string, file: { name: string; bytes: Uint8Array; mimetype: string }, idempotencyKey: string): Promise<string>;
  /** The last /sync succeeded and the loop runs (health). */
  connected(): boolean;
  /** Commands waiting or running, per room (metrics). */
  queues(): { rooms: number; events: number };
  /**
   * Stops syncing, gives the commands in hand up to STOP_GRACE_MS to be answered, and saves the
   * position of the last batch answered in full (what is cut off is answered after a restart).
   */
  stop(): Promise<void>;
}

/** Docker waits 10 s after SIGTERM; the whole process must be gone within 5 s. */
export const STOP_GRACE_MS = 3_000;

/** Homeserver clocks drift; an event this much older than the last saved position is still taken as new. */
const CLOCK_SKEW_MS = 60_000;
/** Event ids answered recently, so an event delivered twice is answered once. */
const SEEN_MAX = 2000;

type Room = NonNullable<NonNullable<SyncResponse['rooms']>['join']>[string];
type Invite = NonNullable<NonNullable<SyncResponse['rooms']>['invite']>[string];

/** What answering needs: the connection, the state, the pages waiting, and the rooms' power levels (cached until they change). */
function answerContext(opts: MatrixBotOptions, conn: Connection, state: MatrixState, pending: PendingStore<RenderedMessage>, powerCache: Map<string, Promise<RoomPower>>, now: () => number): AnswerContext {
  const { config, dispatch, commands } = opts;
return {
  conn,
  config,
  state,
  conversations: opts.conversations,
  pending,
  displayName: displayNames(conn),
  dispatch,
  commands,
  profile: matrixProfile({ prefix: config.MATRIX_PREFIX, ...(conn.names[0] ? { botName: conn.names[0] } : {}) }),
  now,
  ...(opts.pageBudget ? { budget: opts.pageBudget } : {}),
  ...(opts.settings ? { settings: opts.settings } : {}),
  roomPower(roomId) {
    let cached = powerCache.get(roomId);
    if (!cached) {
      cached = fetchRoomPower(conn, roomId).catch((err: unknown) => {
        powerCache.delete(roomId);
        throw err;
      });
      powerCache.set(roomId, cached);
    }
    return cached;
  },
};
}

/** The room ids of the aliases in MATRIX_ALLOWED_ROOMS (an alias that does not resolve is logged and left out). */
async function resolveAllowedAliases(conn: Connection, lists: AllowLists, log: Logger): Promise<string[]> {
  const ids: string[] = [];
  for (const alias of configuredAliases(lists)) {
    try {
      ids.push((await conn.client.getRoomIdForAlias(alias)).room_id);
    } catch (err) {
      log.warn({ err, alias }, 'an alias in MATRIX_ALLOWED_ROOMS does not resolve');
    }
  }
  return ids;
}

/** An invite: joined when the room or the inviter's server is allowed, refused (left) otherwise. */
async function onInvite(conn: Connection, lists: AllowLists, log: Logger, roomId: string, invite: Invite): Promise<void> {
  const inviter = inviterOf(invite, conn.userId) ?? '';
  const ilog = log.child({ room: roomId, inviter });
  try {
    const resolvedRoomIds = await resolveAllowedAliases(conn, lists, log);
    if (!inviteAllowed({ roomId, inviter, resolvedRoomIds }, lists)) {
      ilog.info('invite refused: the room is not in MATRIX_ALLOWED_ROOMS or MATRIX_ALLOWED_SERVERS');
      await conn.client.leave(roomId);
      return;
    }
    await conn.client.joinRoom(roomId);
    ilog.info({ encrypted: invite.invite_state?.events?.some((e) => e.type === 'm.room.encryption') ?? false }, 'joined');
  } catch (err) {
    ilog.error({ err }, 'could not answer an invite');
  }
}

/** The apology for a failure, and the rate limit (told once per burst). */
function guards(ctx: AnswerContext, config: Config, limiter: RateLimiter, now: () => number) {
  const apologise = async (asked: Asked) => {
    try {
      await sendReply(ctx, asked, errorReply('internal', INTERNAL_ERROR_MESSAGE), `${asked.event.event_id}/apology`);
    } catch (err) {
      asked.log.error({ err }, 'could not even send the apology');
    }
  };

  async function rateLimited(asked: Asked): Promise<boolean> {
    const decision = limiter.take(asked.event.sender, now());
    if (decision === 'allow') return false;
    asked.log.info({ decision }, 'rate limited');
    if (decision === 'refuse-and-tell') {
      const n = config.RATE_LIMIT_PER_MINUTE;
      await sendReply(ctx, asked, textReply('Please slow down', `You have sent more than ${n} command${n === 1 ? '' : 's'} in the last minute. Please wait a little; I will answer again after that.`));
    }
    return true;
  }

  return { apologise, rateLimited };
}

/** A reaction on a part of a long answer asks for its next part. */
async function onReaction(ctx: AnswerContext, rateLimited: (asked: Asked) => Promise<boolean>, roomId: string, event: RawEvent, target: string, base: Logger): Promise<void> {
  const entry = ctx.pending.bySent(roomId, target);
  // Reactions are mostly just reactions: only one on a part of a long answer asks for more.
  if (!entry) return;
  const threadRoot = threadOfPending(entry);
  const asked: Asked = { roomId, event, target: { eventId: target, ...(threadRoot ? { threadRoot } : {}) }, log: base.child({ command: 'more' }) };
  if (await rateLimited(asked)) return;
  await sendNextPage(ctx, asked, entry);
}

/** The event a redaction takes down (`redacts` at the top level before room version 11, in the content from 11 on). */
function redactedId(event: RawEvent): string | undefined {
  if (event.type !== 'm.room.redaction') return undefined;
  const id = (event as { redacts?: unknown }).redacts ?? (event.content as { redacts?: unknown } | undefined)?.redacts;
  return typeof id === 'string' ? id : undefined;
}

/** A thread's root taken down: what Lectern kept of the thread (its work, citation, notes) goes too. */
async function forgetThread(ctx: AnswerContext, roomId: string, rootId: string, log: Logger): Promise<void> {
  if (await ctx.conversations.forget(conversationKey({ platform: ctx.profile.id, scope: roomId, thread: rootId }))) log.info({ thread: rootId }, 'thread root redacted; its notes are forgotten');
}

/** A command: Matrix's own (more, layout, discuss) here, the registry's through dispatch. */
async function answerIntent(ctx: AnswerContext, asked: Asked, intent: { command: string; args: Record<string, unknown> }): Promise<void> {
  switch (intent.command) {
    case 'more':
      return await answerMore(ctx, asked);
    case 'layout':
      return await answerLayout(ctx, asked, intent.args.layout);
    case 'discuss':
      return await answerDiscuss(ctx, asked, intent.args.passage);
    default:
      return await answerCommand(ctx, asked, intent.command, intent.args);
  }
}

/** What a sync batch brought, for the debug log. */
const batchSummary = ({ response, initial }: Batch) => ({
  initial,
  invites: Object.keys(response.rooms?.invite ?? {}).length,
  timelines: Object.entries(response.rooms?.join ?? {}).map(([id, r]) => ({ id, events: r.timeline?.events?.length ?? 0, limited: r.timeline?.limited })),
});

/** The running bot as its starter holds it: who it is, a file sender, and stop. */
function botHandle(
  conn: Connection,
  log: Logger,
  run: { controller: AbortController; loop: Promise<void>; waiting: Set<Promise<void>>; e2ee: MatrixE2ee; state: MatrixState; pending: PendingStore<RenderedMessage>; roomQueues: Map<string, Promise<void>>; queued: () => number; syncing: () => boolean },
): MatrixBot {
  const { controller, loop, waiting, e2ee, state, roomQueues } = run;
return {
  userId: conn.userId,
  deviceId: conn.client.getDeviceId() ?? '',
  async sendFile(roomId, file, idempotencyKey) {
    return await sendMessage(conn, roomId, await fileContent(conn, roomId, file), `file/${idempotencyKey}`, log.child({ room: roomId, file: file.name }));
  },
  connected: run.syncing,
  queues: () => ({ rooms: roomQueues.size, events: run.queued() }),
  async stop() {
    controller.abort();
    await loop;
    const grace = new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
    await Promise.race([Promise.all([...roomQueues.values(), ...waiting]), grace]);
    await e2ee.stop();
    await state.save();
    await run.pending.flush();
    log.info('Matrix bot stopped');
  },
};
}

/** The Rust crypto, and the device cross-signed when a recovery key is configured; a failure stops the crypto again. */
async function startEncryption(conn: Connection, crypto: string | CryptoCopy, recoveryKey: string | undefined, log: Logger): Promise<MatrixE2ee> {
  const e2ee = await MatrixE2ee.start(conn, crypto, log);
  conn.e2ee = e2ee;
  try {
    await crossSignDevice(conn, recoveryKey, log);
  } catch (err) {
    await e2ee.stop();
    throw err;
  }
  return e2ee;
}

export async function startMatrixBot(opts: MatrixBotOptions): Promise<MatrixBot> {
  const { config, commands, log } = opts;
  const now = opts.now ?? Date.now;
  const stores = matrixStores(opts.stateDir, opts.state);
  const state = await stores.state(log, config.MATRIX_USER_ID);
  const conn: Connection = await connect(config, state, log);
  await state.bindUser(conn.userId);
  const [e2ee] = await Promise.all([startEncryption(conn, stores.crypto(conn.userId), config.MATRIX_RECOVERY_KEY, log), moveLegacyThreads(state, opts.conversations, log, now())]);
  const filterId = await ensureFilter(conn, state);
  // Without a saved position everything before this start is history; with one, whatever came after it is new
  // (give or take the clocks of the homeservers involved).
  const cutoff = state.since ? (state.sinceSavedAt ?? now()) - CLOCK_SKEW_MS : now();
  const limiter = new RateLimiter(config.RATE_LIMIT_PER_MINUTE);
  const lists: AllowLists = { rooms: config.MATRIX_ALLOWED_ROOMS, servers: config.MATRIX_ALLOWED_SERVERS };
  const powerCache = new Map<string, Promise<RoomPower>>();
  const seen = new Set<string>();

  const ctx = answerContext(opts, conn, state, await stores.pending(log), powerCache, now);
  const { apologise, rateLimited } = guards(ctx, config, limiter, now);

  const controller = new AbortController();
  const waiting = new Set<Promise<void>>();

  /**
   * An event whose keys have not arrived: the keys usually follow within a sync or two, so it waits
   * for them apart from the room's batch (the sync must go on to bring them), then is answered as
   * usual, or the sender is asked to send it again. It is never answered later than that.
   */
  async function awaitKeys(roomId: string, event: RawEvent, reason: string): Promise<void> {
    const elog = log.child({ room: roomId, event: event.event_id, sender: event.sender });
    elog.info({ reason }, 'cannot decrypt yet; waiting for the keys');
    const deadline = Date.now() + (opts.keyWaitMs ?? KEY_WAIT_MS);
    while (Date.now() < deadline && !controller.signal.aborted) {
      await e2ee.waitForKeys(deadline - Date.now(), controller.signal);
      const retry = await e2ee.decrypt(roomId, event);
      if (retry.ok) return await onEvent(roomId, retry.event, true);
    }
    if (controller.signal.aborted) return;
    elog.warn({ reason }, 'could not decrypt a message; asking the sender to resend');
    const asked: Asked = { roomId, event, target: { eventId: event.event_id }, log: elog };
    try {
      await sendReply(ctx, asked, errorReply('undecryptable', 'I could not decrypt your message: its encryption keys did not reach me. Please send it again.'), `${event.event_id}/undecryptable`);
    } catch (err) {
      elog.error({ err }, 'could not ask for the message again');
    }
  }

  async function onEvent(roomId: string, event: RawEvent, decrypted = false): Promise<void> {
    if (!decrypted) {
      if (event.sender === conn.userId || event.origin_server_ts < cutoff || seen.has(event.event_id)) return;
      seen.add(event.event_id);
      if (seen.size > SEEN_MAX) seen.delete(seen.values().next().value as string);
      if (event.type === 'm.room.encrypted') {
        const clear = await e2ee.decrypt(roomId, event);
        if (!clear.ok) {
          const task = awaitKeys(roomId, event, clear.reason).finally(() => waiting.delete(task));
          waiting.add(task);
          return;
        }
        event = clear.event;
      }
    }
    if (event.type === 'm.room.power_levels') powerCache.delete(roomId);
    const threadRoot = threadRootOf(event);
    const asked: Asked = {
      roomId,
      event,
      target: { eventId: event.event_id, ...(threadRoot ? { threadRoot } : {}) },
      log: log.child({ room: roomId, event: event.event_id, sender: event.sender }),
    };
    const text = commandText(event);
    try {
      if (redactedId(event)) return void (await forgetThread(ctx, roomId, redactedId(event)!, asked.log));
      const target = reactionTarget(event);
      if (target) return await onReaction(ctx, rateLimited, roomId, event, target, asked.log);
      const intent = text === undefined ? null : parseMessage(text, { prefix: config.MATRIX_PREFIX, userId: conn.userId, names: conn.names, commands });
      if (!intent) return;
      if ('command' in intent) asked.log = asked.log.child({ command: intent.command });
      if (await rateLimited(asked)) return;
      if ('error' in intent) return void (await sendReply(ctx, asked, errorReply(intent.error.identifier, intent.error.message)));
      asked.log.info('command');
      return await answerIntent(ctx, asked, intent);
    } catch (err) {
      asked.log.error({ err, body: text?.slice(0, 500) }, 'answering an event failed');
      await apologise(asked);
    }
  }

  const queues = new RoomQueues(log, (roomId, event) => onEvent(roomId, event));
  function onRoom(roomId: string, room: Room): Promise<void> {
    const events = (room.timeline?.events ?? []).filter(isRawEvent);
    for (const e of [...(room.state?.events ?? []), ...events]) if (e?.type === 'm.room.power_levels') powerCache.delete(roomId);
    // Just joined: the room's history arrives with the join and is not for the bot to answer.
    const joined = events.findLastIndex((e) => isOwnJoin(e, conn.userId));
    return queues.enqueue(roomId, events.slice(joined + 1));
  }

  async function onBatch(batch: Batch): Promise<{ done: Promise<void> }> {
    const { response, initial } = batch;
    log.debug(batchSummary(batch), 'sync batch');
    try {
      // Keys first: a room key that came with this batch decrypts the batch's messages.
      await e2ee.beforeBatch(response);
    } catch (err) {
      log.error({ err }, 'the crypto could not take in a sync batch');
    }
    const tasks: Promise<void>[] = Object.entries(response.rooms?.invite ?? {}).map(([roomId, invite]) => onInvite(conn, lists, log, roomId, invite));
    if (!initial) tasks.push(...Object.entries(response.rooms?.join ?? {}).map(([roomId, room]) => onRoom(roomId, room)));
    // Saved before the sync position moves past the keys that came with this batch.
    return { done: Promise.all(tasks).then(() => e2ee.afterBatch()) };
  }

  let syncing = false;
  const loop = runSyncLoop({ conn, state, filterId, log, signal: controller.signal, onBatch, now, timeoutMs: opts.syncTimeoutMs, onStatus: (ok) => (syncing = ok) })
    .catch((err: unknown) => log.fatal({ err }, 'the Matrix sync loop stopped'))
    .finally(() => (syncing = false));
  log.info({ userId: conn.userId, resumed: Boolean(state.since) }, 'Matrix bot started');

  return botHandle(conn, log, { controller, loop, waiting, e2ee, state, pending: ctx.pending, roomQueues: queues.tails, queued: () => queues.events, syncing: () => syncing });
}
