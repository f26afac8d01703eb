/**
 * A person in an end-to-end encrypted room: matrix-js-sdk with its Rust crypto (in memory) and its
 * own sync loop, as Element runs it, so what the bot must decrypt is what a real client sends and
 * what it sends back is read the way a real client reads it. Attachments are encrypted here with
 * WebCrypto, independently of the bot's own code for them.
 */
import { webcrypto } from 'node:crypto';
import { ClientEvent, createClient, EventType, MatrixEvent, SyncState, type MatrixClient } from 'matrix-js-sdk';
import type { Logger as SdkLogger } from 'matrix-js-sdk/lib/logger.js';
import type { SynapseUser } from './synapse.ts';
import { waitFor } from './matrix-user.ts';

const quiet: SdkLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, getChild: () => quiet };

export interface Seen {
  eventId: string;
  sender: string;
  /** The type on the wire: m.room.encrypted for an encrypted event. */
  wireType: string;
  type: string;
  content: Record<string, any>;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

export class E2eeUser {
  readonly client: MatrixClient;
  readonly userId: string;
  readonly deviceId: string;

  private constructor(client: MatrixClient, userId: string, deviceId: string) {
    this.client = client;
    this.userId = userId;
    this.deviceId = deviceId;
  }

  static async start(url: string, user: SynapseUser): Promise<E2eeUser> {
    const who = (await (await fetch(`${url}/_matrix/client/v3/account/whoami`, { headers: { authorization: `Bearer ${user.accessToken}` } })).json()) as { device_id: string };
    const client = createClient({ baseUrl: url, accessToken: user.accessToken, userId: user.userId, deviceId: who.device_id, logger: quiet });
    await client.initRustCrypto({ useIndexedDB: false });
    const prepared = new Promise<void>((resolve) => {
      const onSync = (state: SyncState) => {
        if (state !== SyncState.Prepared && state !== SyncState.Syncing) return;
        client.off(ClientEvent.Sync, onSync);
        resolve();
      };
      client.on(ClientEvent.Sync, onSync);
    });
    await client.startClient({ initialSyncLimit: 20 });
    await prepared;
    return new E2eeUser(client, user.userId, who.device_id);
  }

  stop(): void {
    this.client.stopClient();
  }

  async createEncryptedRoom(name: string): Promise<string> {
    const { room_id } = await this.client.createRoom({
      preset: 'private_chat' as never,
      name,
      initial_state: [{ type: EventType.RoomEncryption, state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } }],
    });
    await waitFor(async () => (this.client.getRoom(room_id) && (await this.client.getCrypto()?.isEncryptionEnabledInRoom(room_id)) ? true : undefined), `room ${room_id} to be encrypted for ${this.userId}`);
    return room_id;
  }

  async send(roomId: string, body: string, options: { threadRoot?: string; replyTo?: string } = {}): Promise<string> {
    const content: Record<string, unknown> = { msgtype: 'm.text', body };
    if (options.threadRoot) content['m.relates_to'] = { rel_type: 'm.thread', event_id: options.threadRoot, is_falling_back: true, 'm.in_reply_to': { event_id: options.threadRoot } };
    else if (options.replyTo) content['m.relates_to'] = { 'm.in_reply_to': { event_id: options.replyTo } };
    const { event_id } = await this.client.sendEvent(roomId, EventType.RoomMessage, content as never);
    return event_id;
  }

  /** Reactions stay unencrypted in encrypted rooms (matrix-js-sdk, like Element, sends them in the clear). */
  async react(roomId: string, eventId: string, key: string): Promise<string> {
    const { event_id } = await this.client.sendEvent(roomId, EventType.Reaction, { 'm.relates_to': { rel_type: 'm.annotation', event_id: eventId, key } } as never);
    return event_id;
  }

  /** Encrypts a file as the spec says (AES-256-CTR, SHA-256 of the ciphertext), uploads it and sends it. */
  async sendEncryptedFile(roomId: string, name: string, bytes: Uint8Array, mimetype: string, options: { tamper?: boolean } = {}): Promise<string> {
    const key = webcrypto.getRandomValues(new Uint8Array(32));
    const iv = new Uint8Array(16);
    webcrypto.getRandomValues(iv.subarray(0, 8));
    const cryptoKey = await webcrypto.subtle.importKey('raw', key, { name: 'AES-CTR' }, true, ['encrypt', 'decrypt']);
    const data = new Uint8Array(await webcrypto.subtle.encrypt({ name: 'AES-CTR', counter: iv, length: 64 }, cryptoKey, bytes));
    const hash = new Uint8Array(await webcrypto.subtle.digest('SHA-256', data));
    if (options.tamper) data[0] = (data[0] ?? 0) ^ 0xff;
    const jwk = await webcrypto.subtle.exportKey('jwk', cryptoKey);
    const { content_uri } = await this.client.uploadContent(data, { type: 'application/octet-stream', includeFilename: false });
    const content = {
      msgtype: 'm.file',
      body: name,
      filename: name,
      info: { mimetype, size: bytes.length },
      file: { url: content_uri, key: { kty: 'oct', key_ops: ['encrypt', 'decrypt'], alg: 'A256CTR', k: jwk.k, ext: true }, iv: b64(iv), hashes: { sha256: b64(hash) }, v: 'v2' },
    };
    const { event_id } = await this.client.sendEvent(roomId, EventType.RoomMessage, content as never);
    return event_id;
  }

  /** Downloads an encrypted attachment and decrypts it, checking its hash first. */
  async downloadEncrypted(file: { url: string; key: { k: string }; iv: string; hashes: { sha256: string } }): Promise<Uint8Array> {
    const [server, id] = file.url.replace('mxc://', '').split('/');
    const res = await fetch(`${this.client.getHomeserverUrl()}/_matrix/client/v1/media/download/${server}/${id}`, { headers: { authorization: `Bearer ${this.client.getAccessToken()}` } });
    const data = new Uint8Array(await res.arrayBuffer());
    const hash = Buffer.from(await webcrypto.subtle.digest('SHA-256', data)).toString('base64').replace(/=+$/, '');
    if (hash !== file.hashes.sha256) throw new Error('hash mismatch');
    const key = await webcrypto.subtle.importKey('jwk', { kty: 'oct', k: file.key.k, alg: 'A256CTR', ext: true }, { name: 'AES-CTR' }, false, ['decrypt']);
    return new Uint8Array(await webcrypto.subtle.decrypt({ name: 'AES-CTR', counter: Buffer.from(file.iv, 'base64'), length: 64 }, key, data));
  }

  /** Everything the room's timeline holds, decrypted where the keys allow. */
  async timeline(roomId: string): Promise<Seen[]> {
    const room = this.client.getRoom(roomId);
    if (!room) return [];
    const events: MatrixEvent[] = room.getLiveTimeline().getEvents();
    const seen: Seen[] = [];
    for (const e of events) {
      await this.client.decryptEventIfNeeded(e);
      seen.push({ eventId: e.getId() ?? '', sender: e.getSender() ?? '', wireType: e.getWireType(), type: e.getType(), content: { ...e.getContent(), ...(e.getWireContent()['m.relates_to'] ? { 'm.relates_to': e.getWireContent()['m.relates_to'] } : {}) } });
    }
    return seen;
  }

  /** The decrypted events from `sender` that answer `eventId`. */
  async repliesTo(roomId: string, eventId: string, sender: string): Promise<Seen[]> {
    return (await this.timeline(roomId)).filter((e) => e.sender === sender && e.content['m.relates_to']?.['m.in_reply_to']?.event_id === eventId && e.content['m.relates_to']?.is_falling_back !== true);
  }

  waitForReply(roomId: string, eventId: string, sender: string, timeoutMs = 30_000): Promise<Seen> {
    return waitFor(async () => (await this.repliesTo(roomId, eventId, sender))[0], `an encrypted reply from ${sender} to ${eventId}`, timeoutMs);
  }
}
