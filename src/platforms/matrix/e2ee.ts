/**
 * End-to-end encryption for the bot, on matrix-js-sdk's Rust crypto (the crypto-wasm, no native
 * build). The bot runs its own /sync loop (sync.ts), so it hands the crypto what the SDK's loop
 * would: to-device messages, device-list changes and key counts before the batch's events, the
 * encryption state and memberships of encrypted rooms, and "sync completed" after the batch, which
 * lets the crypto send its key uploads, queries and claims. Sending needs nothing more: the SDK's
 * `sendEvent` encrypts for any room the client knows to be encrypted, so each encrypted room is
 * kept as an SDK `Room` whose members load from the server (lazily, once) and follow the sync.
 *
 * Device keys, sessions and cross-signing keys persist in crypto-store.ts; nothing here logs a key.
 */
import { EventType, MatrixEvent, Room, type MatrixClient } from 'matrix-js-sdk';
import type { Logger } from 'pino';
import { MATRIX_EVENT_BYTES_LIMIT } from './limits.ts';
import type { Connection } from './client.ts';
import { CryptoStoreFile, type CryptoCopy } from './crypto-store.ts';
import type { RawEvent, SyncResponse } from './events.ts';

/** How long an event that cannot be decrypted waits for its keys before the sender is asked to resend. */
export const KEY_WAIT_MS = 10_000;

/**
 * The largest clear event that stays under Matrix's event limit once encrypted: the ciphertext is
 * base64 of the whole clear event (room id and type included), a third larger, plus the envelope.
 */
export const ENCRYPTED_EVENT_BYTES_LIMIT = Math.floor((MATRIX_EVENT_BYTES_LIMIT - 1_000) * 0.75) - 500;

export type Decrypted = { ok: true; event: RawEvent } | { ok: false; reason: string };

export class MatrixE2ee {
  private readonly client: MatrixClient;
  private readonly userId: string;
  private readonly store: CryptoStoreFile;
  private readonly log: Logger;
  /** Rooms known to be encrypted (with their SDK Room), and rooms known not to be. */
  private readonly encrypted = new Map<string, Room>();
  private readonly plain = new Set<string>();
  private readonly checking = new Map<string, Promise<void>>();
  /** Waiting for keys: called after each batch's to-device messages are in. */
  private readonly keyWaiters = new Set<() => void>();

  private constructor(client: MatrixClient, userId: string, store: CryptoStoreFile, log: Logger) {
    this.client = client;
    this.userId = userId;
    this.store = store;
    this.log = log;
  }

  /** Opens the saved crypto store (or a fresh one), starts the Rust crypto and uploads the device's keys. */
  static async start(conn: Connection, copy: string | CryptoCopy, log: Logger): Promise<MatrixE2ee> {
    const deviceId = conn.client.getDeviceId();
    if (!deviceId) throw new Error('Matrix encryption: the homeserver gave no device id for the access token; log in with MATRIX_USER_ID and MATRIX_PASSWORD, or use a token made by a login.');
    const elog = log.child({ module: 'matrix-e2ee' });
    const { store, restored } = await CryptoStoreFile.open(copy, conn.userId, deviceId, elog);
    await conn.client.initRustCrypto({ cryptoDatabasePrefix: store.prefix });
    const e2ee = new MatrixE2ee(conn.client, conn.userId, store, elog);
    const crypto = e2ee.crypto;
    // Invites from unverified people and devices are the normal case for a bot: it answers everyone in the room.
    crypto.globalBlacklistUnverifiedDevices = false;
    // Uploads the device and one-time keys now, and saves them: a device whose keys are on the
    // server but not on disk could never decrypt again.
    crypto.onSyncCompleted?.({});
    await e2ee.settle();
    elog.info({ deviceId, restored, ed25519: (await crypto.getOwnDeviceKeys()).ed25519 }, 'Matrix encryption ready');
    return e2ee;
  }

  /** The SDK's crypto with the sync hooks, which its public CryptoApi type leaves out. */
  private get crypto() {
    const crypto = this.client.getCrypto();
    if (!crypto) throw new Error('Matrix encryption: the Rust crypto is not running');
    return crypto as typeof crypto & {
      processSyncChanges(changes: { toDeviceEvents: object[]; deviceLists?: { changed?: string[]; left?: string[] }; oneTimeKeysCounts: Record<string, number>; unusedFallbackKeys?: string[] }): Promise<unknown>;
      onCryptoEvent(room: Room, event: MatrixEvent): Promise<void>;
      onSyncCompleted?(data: object): void;
    };
  }

  /** Gives the crypto a sync batch's keys and device changes, and the rooms' encryption and members; before the batch's events are read. */
  async beforeBatch(response: SyncResponse): Promise<void> {
    const r = response as SyncResponse & {
      to_device?: { events?: object[] };
      device_lists?: { changed?: string[]; left?: string[] };
      device_one_time_keys_count?: Record<string, number>;
      device_unused_fallback_key_types?: string[];
    };
    await this.crypto.processSyncChanges({
      toDeviceEvents: Array.isArray(r.to_device?.events) ? r.to_device.events : [],
      ...(r.device_lists ? { deviceLists: r.device_lists } : {}),
      oneTimeKeysCounts: r.device_one_time_keys_count ?? {},
      ...(r.device_unused_fallback_key_types ? { unusedFallbackKeys: r.device_unused_fallback_key_types } : {}),
    });
    if (r.to_device?.events?.length) for (const wake of [...this.keyWaiters]) wake();
    for (const [roomId, room] of Object.entries(response.rooms?.join ?? {})) {
      const events = [...(room.state?.events ?? []), ...(room.timeline?.events ?? [])].filter((e) => typeof e?.type === 'string' && e.state_key !== undefined);
      for (const e of events) {
        if (e.type === EventType.RoomEncryption) await this.markEncrypted(roomId, e);
      }
      const sdkRoom = this.encrypted.get(roomId);
      if (sdkRoom) sdkRoom.currentState.setStateEvents(events.map((e) => new MatrixEvent({ ...e, room_id: roomId })));
    }
  }

  /** After a batch: lets the crypto send what it queued (keys, queries) and saves the store, before the sync position moves on. */
  async afterBatch(): Promise<void> {
    this.crypto.onSyncCompleted?.({});
    await this.store.save();
  }

  /** Lets the crypto's outgoing requests run, then saves. */
  private async settle(): Promise<void> {
    const manager = (this.crypto as unknown as { outgoingRequestsManager?: { doProcessOutgoingRequests(): Promise<void> } }).outgoingRequestsManager;
    await manager?.doProcessOutgoingRequests();
    await this.store.save();
  }

  private async markEncrypted(roomId: string, event: Partial<RawEvent>): Promise<void> {
    this.plain.delete(roomId);
    let room = this.encrypted.get(roomId);
    if (!room) {
      room = new Room(roomId, this.client, this.userId, { lazyLoadMembers: true });
      // The SDK encrypts what it sends to a room it holds and knows to be encrypted.
      this.client.store.storeRoom(room);
      this.encrypted.set(roomId, room);
    }
    const mev = new MatrixEvent({ ...event, room_id: roomId, state_key: '' });
    room.currentState.setStateEvents([mev]);
    await this.crypto.onCryptoEvent(room, mev);
  }

  /**
   * Whether a room is encrypted, asked of the homeserver once per room and run (a room whose
   * encryption began while the bot was away has no m.room.encryption event in the sync).
   */
  async isEncrypted(roomId: string): Promise<boolean> {
    if (this.encrypted.has(roomId)) return true;
    if (this.plain.has(roomId)) return false;
    let pending = this.checking.get(roomId);
    if (!pending) {
      pending = this.client
        .getStateEvent(roomId, EventType.RoomEncryption, '')
        .then(
          (content) => this.markEncrypted(roomId, { type: EventType.RoomEncryption, content, sender: '', event_id: '', origin_server_ts: 0 }),
          (err: unknown) => {
            if ((err as { errcode?: string }).errcode === 'M_NOT_FOUND') this.plain.add(roomId);
            else throw err;
          },
        )
        .finally(() => this.checking.delete(roomId));
      this.checking.set(roomId, pending);
    }
    await pending;
    return this.encrypted.has(roomId);
  }

  /** The clear event of an m.room.encrypted event, keeping the relation the sender left in the clear. */
  async decrypt(roomId: string, raw: RawEvent): Promise<Decrypted> {
    const event = new MatrixEvent({ ...raw, room_id: roomId });
    await this.client.decryptEventIfNeeded(event, { emit: false });
    if (event.isDecryptionFailure()) {
      this.log.debug({ room: roomId, event: raw.event_id, reason: event.decryptionFailureReason }, 'could not decrypt');
      return { ok: false, reason: String(event.decryptionFailureReason ?? 'unknown') };
    }
    const content: Record<string, unknown> = { ...event.getContent() };
    const wireRelation = raw.content['m.relates_to'];
    if (content['m.relates_to'] === undefined && wireRelation !== undefined) content['m.relates_to'] = wireRelation;
    const clear: RawEvent = { type: event.getType(), event_id: raw.event_id, sender: raw.sender, origin_server_ts: raw.origin_server_ts, content };
    if (raw.unsigned) clear.unsigned = raw.unsigned;
    return { ok: true, event: clear };
  }

  /** Resolves when new keys may have arrived (a batch brought to-device messages), after `ms`, or on abort. */
  waitForKeys(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.keyWaiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.keyWaiters.add(done);
      signal.addEventListener('abort', done);
    });
  }

  async stop(): Promise<void> {
    try {
      // The crypto's background work (key uploads, the key-backup check) must end before its
      // machine is freed, or it fails on a freed machine with an unhandled rejection.
      const backup = (this.crypto as unknown as { backupManager?: { keyBackupCheckInProgress?: Promise<unknown> | null } }).backupManager;
      await backup?.keyBackupCheckInProgress?.catch(() => undefined);
      await this.settle().catch((err: unknown) => this.log.warn({ err }, 'the crypto\'s last requests failed'));
      await this.store.save();
    } finally {
      // Stops the crypto (its request loop and timers) with the rest of the client.
      this.client.stopClient();
      await this.store.close();
    }
  }
}
