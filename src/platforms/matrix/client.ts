/**
 * The bot's connection to its homeserver, on matrix-js-sdk. Why this SDK: it is the Matrix.org
 * team's own, maintained with the spec, and pure JavaScript, while matrix-bot-sdk depends on
 * native crypto bindings that cannot be installed offline; the SDK's end-to-end encryption is
 * its Rust crypto compiled to WebAssembly (e2ee.ts), which needs no native build either.
 *
 * The SDK's own sync loop is not used: without a persisted store of the whole sync accumulator it
 * begins every start with an initial sync, and it moves its position before the events are
 * handled. The bot needs the opposite: resume exactly from its saved token and save a position
 * only once the commands before it are answered, so it calls /sync through the SDK's
 * authenticated HTTP client (sync.ts) and uses the SDK's calls for everything else.
 */
import { createHash } from 'node:crypto';
import { EventType, HTTPError, MatrixClient, MatrixError, MemoryStore, Method, safeGetRetryAfterMs, type ICreateClientOpts, type IRequestOpts } from 'matrix-js-sdk';
import { logger as sdkGlobalLogger, type Logger as SdkLogger } from 'matrix-js-sdk/lib/logger.js';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { RawEvent, SyncResponse } from './events.ts';
import type { MatrixE2ee } from './e2ee.ts';
import type { MatrixState } from './state.ts';

export interface Connection {
  client: MatrixClient;
  userId: string;
  /** Display name and localpart, which a mention of the bot may use. */
  names: string[];
  /** End-to-end encryption, once started: sends to encrypted rooms are encrypted. */
  e2ee?: MatrixE2ee;
  /** The secret-storage key (from the recovery key) the SDK asks for when it reads or writes the cross-signing keys. */
  secretStorageKey: { key?: Uint8Array };
}

/** The SDK's logging, into pino at one level lower: its info is chatter for an operator. */
function sdkLogger(log: Logger): SdkLogger {
  const text = (msg: unknown[]) => msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    trace: (...m: unknown[]) => log.trace(text(m)),
    debug: (...m: unknown[]) => log.trace(text(m)),
    info: (...m: unknown[]) => log.debug(text(m)),
    // Lectern never starts the SDK's own client loop and reads account data from the server, so this warning is moot.
    warn: (...m: unknown[]) => (String(m[0]).startsWith('Calling `setAccountData` before the client is started') ? log.trace(text(m)) : log.warn(text(m))),
    error: (...m: unknown[]) => log.error(text(m)),
    getChild: (namespace: string) => sdkLogger(log.child({ sdk: namespace })),
  };
}

/**
 * The SDK's models (rooms, events) log through its own global logger straight to the console;
 * the bot's logging goes through pino, so only the SDK's errors are let through there.
 */
(sdkGlobalLogger as unknown as { setLevel(level: string, persist: boolean): void }).setLevel('error', false);

/**
 * A client without the SDK's send scheduler: it would queue the sends of every room one behind
 * another and retry on its own, while the bot answers rooms side by side and retries itself,
 * with transaction ids that make a retry safe.
 */
const createClient = (opts: ICreateClientOpts): MatrixClient => new MatrixClient({ ...opts, store: new MemoryStore() });

const localpartOf = (userId: string) => userId.slice(1, userId.includes(':') ? userId.indexOf(':') : undefined);

/**
 * Logs in with the access token, or with user id and password; a password login reuses the
 * device saved last time, so restarts do not pile up devices on the account.
 */
/** A start-up failure in words an operator can act on; the homeserver's own error stays as the cause. */
function startupError(err: unknown, baseUrl: string, credentials: string): Error {
  const status = err instanceof HTTPError ? err.httpStatus : undefined;
  const code = err instanceof MatrixError ? ` (${err.errcode ?? status})` : '';
  const message =
    status === 401 || status === 403
      ? `The Matrix homeserver at ${baseUrl} refused ${credentials}${code}. Check them, or log in again for a fresh token.`
      : status === undefined
        ? `Cannot reach the Matrix homeserver at ${baseUrl}: ${err instanceof Error ? err.message : String(err)}. Check MATRIX_HOMESERVER_URL.`
        : `The Matrix homeserver at ${baseUrl} answered ${status}${code} while logging in.`;
  return new Error(message, { cause: err });
}

export async function connect(config: Config, state: MatrixState, log: Logger): Promise<Connection> {
  const baseUrl = (config.MATRIX_HOMESERVER_URL ?? '').replace(/\/+$/, '');
  const logger = sdkLogger(log.child({ sdk: 'matrix-js-sdk' }));
  let accessToken = config.MATRIX_ACCESS_TOKEN;
  if (!accessToken) {
    const anonymous = createClient({ baseUrl, logger });
    const login = await anonymous
      .loginRequest({
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: config.MATRIX_USER_ID ?? '' },
        password: config.MATRIX_PASSWORD ?? '',
        initial_device_display_name: 'Lectern',
        ...(state.deviceId ? { device_id: state.deviceId } : {}),
      })
      .catch((err: unknown) => {
        throw startupError(err, baseUrl, 'MATRIX_USER_ID and MATRIX_PASSWORD');
      });
    accessToken = login.access_token;
    await state.setDevice(login.device_id);
  }
  const probe = createClient({ baseUrl, accessToken, logger });
  const whoami = await probe.whoami().catch((err: unknown) => {
    throw startupError(err, baseUrl, config.MATRIX_ACCESS_TOKEN ? 'MATRIX_ACCESS_TOKEN' : 'the token it gave at login');
  });
  if (config.MATRIX_USER_ID && whoami.user_id !== config.MATRIX_USER_ID) {
    log.warn({ configured: config.MATRIX_USER_ID, actual: whoami.user_id }, 'MATRIX_USER_ID differs from the account of the access token; using the token\'s');
  }
  const secretStorageKey: Connection['secretStorageKey'] = {};
  const cryptoCallbacks = {
    // The SDK names the key it needs; there is one, the recovery key's.
    getSecretStorageKey: async ({ keys }: { keys: Record<string, unknown> }): Promise<[string, Uint8Array<ArrayBuffer>] | null> => {
      const keyId = Object.keys(keys)[0];
      return keyId && secretStorageKey.key ? [keyId, new Uint8Array(secretStorageKey.key)] : null;
    },
  };
  const client = createClient({ baseUrl, accessToken, userId: whoami.user_id, ...(whoami.device_id ? { deviceId: whoami.device_id } : {}), logger, cryptoCallbacks });
  const names = [localpartOf(whoami.user_id)];
  try {
    const profile = await client.getProfileInfo(whoami.user_id, 'displayname');
    if (profile.displayname) names.unshift(profile.displayname);
  } catch (err) {
    log.debug({ err }, 'no display name');
  }
  return { client, userId: whoami.user_id, names, secretStorageKey };
}

/** Only what the bot reads: messages, reactions, redactions (a thread's root taken down), memberships and power levels; no presence, receipts or typing. */
export const SYNC_FILTER = {
  presence: { not_types: ['*'] },
  account_data: { not_types: ['*'] },
  room: {
    ephemeral: { not_types: ['*'] },
    account_data: { not_types: ['*'] },
    state: { types: ['m.room.member', 'm.room.power_levels', 'm.room.encryption', 'm.room.history_visibility'], lazy_load_members: true },
    timeline: { types: ['m.room.message', 'm.room.encrypted', 'm.reaction', 'm.room.redaction', 'm.room.member', 'm.room.power_levels', 'm.room.encryption', 'm.room.history_visibility'], limit: 100 },
  },
};

/** The filter id, uploaded once and reused while the definition stays the same. */
export async function ensureFilter(conn: Connection, state: MatrixState): Promise<string> {
  const definition = JSON.stringify(SYNC_FILTER);
  if (state.filter?.definition === definition) return state.filter.id;
  const filter = await conn.client.createFilter(SYNC_FILTER);
  const id = filter.filterId ?? '';
  await state.setFilter({ id, definition });
  return id;
}

export function syncRequest(conn: Connection, params: { since?: string; filter: string; timeoutMs: number }, signal: AbortSignal): Promise<SyncResponse> {
  const query: Record<string, string> = { filter: params.filter, timeout: String(params.timeoutMs), set_presence: 'offline' };
  if (params.since) query.since = params.since;
  // The SDK's option type names a browser-only fetch field (priority) that Node's types lack.
  const options = { abortSignal: signal, localTimeoutMs: params.timeoutMs + 30_000 } as IRequestOpts;
  return conn.client.http.authedRequest<SyncResponse>(Method.Get, '/sync', query, undefined, options);
}

/** The events between a limited timeline's start and the last sync, oldest first, so a burst while the bot was away is not skipped. */
export async function fetchGap(conn: Connection, roomId: string, from: string, to: string, max = 1000): Promise<RawEvent[]> {
  const events: RawEvent[] = [];
  let token: string | undefined = from;
  while (token && events.length < max) {
    const page: { chunk?: RawEvent[]; end?: string } = await conn.client.http.authedRequest(Method.Get, `/rooms/${encodeURIComponent(roomId)}/messages`, {
      from: token,
      to,
      dir: 'b',
      limit: '100',
      filter: JSON.stringify({ types: SYNC_FILTER.room.timeline.types }),
    });
    const chunk = page.chunk ?? [];
    events.push(...chunk);
    if (chunk.length === 0 || page.end === token) break;
    token = page.end;
  }
  return events.reverse();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a failed request may succeed if tried again: rate limits, server errors and broken connections. */
export function isTransient(err: unknown): boolean {
  if (err instanceof HTTPError) return err.isRateLimitError() || (err.httpStatus ?? 0) >= 500;
  return err instanceof Error && err.name === 'ConnectionError';
}

/**
 * Sends with a transaction id derived from what is being answered: if the bot dies after sending
 * and answers the same command again on restart, the homeserver recognises the transaction and
 * the room sees one answer, not two.
 */
export async function sendMessage(conn: Connection, roomId: string, content: Record<string, unknown>, idempotencyKey: string, log: Logger): Promise<string> {
  const txnId = `lectern-${createHash('sha256').update(`${roomId}\u0000${idempotencyKey}`).digest('base64url').slice(0, 32)}`;
  // Known before sending, so a reply to an encrypted room is never sent in the clear.
  await conn.e2ee?.isEncrypted(roomId);
  for (let attempt = 1; ; attempt++) {
    try {
      // The SDK's overloads type content per event type; ours is a complete m.room.message content.
      const res = await conn.client.sendEvent(roomId, EventType.RoomMessage, content as never, txnId);
      return res.event_id;
    } catch (err) {
      if (attempt >= 4 || !isTransient(err)) throw err;
      const wait = Math.min(30_000, safeGetRetryAfterMs(err, 500 * 2 ** attempt));
      log.warn({ err, attempt, wait }, 'sending failed; retrying');
      await sleep(wait);
    }
  }
}
