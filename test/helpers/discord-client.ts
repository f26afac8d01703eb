/**
 * Plays Discord's side of HTTP interactions: a generated Ed25519 key pair (the public key as the
 * Developer Portal shows it: 64 hex characters), payloads shaped as Discord sends them, and
 * signed POSTs to a running endpoint.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { request as httpRequest } from 'node:http';

export const APP_ID = '1100000000000000001';
export const GUILD_ID = '1200000000000000001';
export const CHANNEL_ID = '1210000000000000001';
export const USER_ID = '1220000000000000001';
export const OTHER_USER_ID = '1220000000000000002';

const bits = (...n: number[]) => n.reduce((acc, b) => acc | (1n << BigInt(b)), 0n);
/** View Channel, Send Messages, Embed Links, Read Message History, Use Application Commands. */
export const MEMBER_PERMISSIONS = String(bits(10, 11, 14, 16, 31));
/** The same plus Manage Server. */
export const MANAGER_PERMISSIONS = String(bits(5, 10, 11, 14, 16, 31));
/** What the app has in the channel: messages, embeds, history, threads. */
export const APP_PERMISSIONS = String(bits(10, 11, 14, 16, 35, 38));

export interface KeyPair {
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function generateDiscordKeys(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The raw key is the last 32 bytes of the SPKI DER encoding.
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

let counter = 1300000000000000000n;
const snowflake = () => String(counter++);

export interface Who {
  userId?: string;
  permissions?: string;
  channelId?: string;
  channelType?: number;
  guildId?: string | null;
}

function base(type: number, who: Who = {}) {
  const userId = who.userId ?? USER_ID;
  const channelId = who.channelId ?? CHANNEL_ID;
  const guildId = who.guildId === undefined ? GUILD_ID : who.guildId;
  const user = { id: userId, username: `reader${userId.slice(-2)}`, global_name: 'Reader', discriminator: '0', avatar: null, public_flags: 0 };
  return {
    id: snowflake(),
    application_id: APP_ID,
    type,
    token: randomBytes(48).toString('base64url'),
    version: 1,
    locale: 'en-GB',
    app_permissions: APP_PERMISSIONS,
    entitlements: [],
    authorizing_integration_owners: { '0': guildId ?? undefined },
    channel_id: channelId,
    channel: { id: channelId, type: who.channelType ?? 0, name: who.channelType === 11 ? 'Discussion' : 'reading-group', guild_id: guildId ?? undefined, flags: 0 },
    ...(guildId
      ? {
          guild_id: guildId,
          guild_locale: 'en-US',
          guild: { id: guildId, locale: 'en-US', features: [] },
          context: 0,
          member: { user, roles: [], permissions: who.permissions ?? MEMBER_PERMISSIONS, joined_at: '2024-01-01T00:00:00.000000+00:00', deaf: false, mute: false, flags: 0, nick: null, avatar: null, premium_since: null, pending: false },
        }
      : { user, context: 1 }),
  };
}

type OptionValue = string | number | boolean;
const OPTION_TYPE = (v: OptionValue) => (typeof v === 'boolean' ? 5 : typeof v === 'number' ? 4 : 3);

export function commandPayload(name: string, options: Record<string, OptionValue> = {}, who: Who = {}) {
  return {
    ...base(2, who),
    data: { id: snowflake(), name, type: 1, ...(who.guildId === null ? {} : { guild_id: who.guildId ?? GUILD_ID }), options: Object.entries(options).map(([n, value]) => ({ name: n, type: OPTION_TYPE(value), value })) },
  };
}

/** A file uploaded with the command's attachment option, as Discord resolves it into the payload. */
export function withAttachment<T extends ReturnType<typeof commandPayload>>(payload: T, option: string, file: { name: string; size: number; url: string; contentType?: string }): T {
  const id = snowflake();
  const attachment = { id, filename: file.name, size: file.size, url: file.url, proxy_url: file.url, ...(file.contentType ? { content_type: file.contentType } : {}), ephemeral: true };
  return {
    ...payload,
    data: { ...payload.data, options: [...payload.data.options, { name: option, type: 11, value: id }], resolved: { attachments: { [id]: attachment } } },
  };
}

export function autocompletePayload(name: string, focused: string, value: string, others: Record<string, OptionValue> = {}, who: Who = {}) {
  const options = [...Object.entries(others).map(([n, v]) => ({ name: n, type: OPTION_TYPE(v), value: v })), { name: focused, type: 3, value, focused: true }];
  return { ...base(4, who), data: { id: snowflake(), name, type: 1, options } };
}

/** A message Lectern sent, as Discord hands it back inside a component interaction. */
export function messageOf(data: { embeds?: unknown[]; components?: unknown[]; flags?: number }, id = snowflake(), channelId = CHANNEL_ID) {
  return {
    id,
    channel_id: channelId,
    type: 20,
    content: '',
    author: { id: APP_ID, username: 'Lectern', discriminator: '0', avatar: null, bot: true, global_name: null, public_flags: 0 },
    embeds: data.embeds ?? [],
    components: data.components ?? [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: '2025-01-01T00:00:00.000000+00:00',
    edited_timestamp: null,
    flags: data.flags ?? 0,
    application_id: APP_ID,
    interaction_metadata: { id: snowflake(), type: 2, user: { id: USER_ID, username: 'reader01' }, authorizing_integration_owners: {} },
  };
}

export function buttonPayload(customId: string, message: ReturnType<typeof messageOf>, who: Who = {}) {
  return { ...base(3, who), message, data: { custom_id: customId, component_type: 2 } };
}

/** The form a user submits from a modal Lectern showed: one text input per row. */
export function modalSubmitPayload(customId: string, values: Record<string, string>, who: Who = {}) {
  return {
    ...base(5, who),
    data: { custom_id: customId, components: Object.entries(values).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) },
  };
}

export function selectPayload(customId: string, values: string[], message: ReturnType<typeof messageOf>, who: Who = {}) {
  return { ...base(3, who), message, data: { custom_id: customId, component_type: 3, values } };
}

export interface PostOptions {
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Signs with this key instead (a wrong key). */
  key?: KeyObject;
  /** Changes the body after signing. */
  tamper?: (body: string) => string;
  /** Leaves these headers out. */
  omit?: ('signature' | 'timestamp')[];
  /**
   * On a connection of its own, closed after the answer (fetch keeps connections alive, so every
   * request would reach the process that accepted the first one; Discord opens many).
   */
  fresh?: boolean;
}

/** One POST on a new connection that is closed afterwards. */
function postOnce(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { ...headers, connection: 'close', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface Posted {
  status: number;
  text: string;
  json: any;
}

export async function postInteraction(url: string, keys: KeyPair, payload: unknown, opts: PostOptions = {}): Promise<Posted> {
  const body = JSON.stringify(payload);
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), opts.key ?? keys.privateKey).toString('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)' };
  if (!opts.omit?.includes('signature')) headers['x-signature-ed25519'] = signature;
  if (!opts.omit?.includes('timestamp')) headers['x-signature-timestamp'] = timestamp;
  const sent = opts.tamper ? opts.tamper(body) : body;
  const { status, text } = opts.fresh ? await postOnce(url, headers, sent) : await fetch(url, { method: 'POST', headers, body: sent }).then(async (res) => ({ status: res.status, text: await res.text() }));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, text, json };
}
