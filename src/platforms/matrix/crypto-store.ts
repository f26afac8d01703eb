/**
 * Where the bot's end-to-end encryption state lives between restarts. The Rust crypto of
 * matrix-js-sdk keeps its store (device keys, Olm and Megolm sessions, cross-signing) in IndexedDB,
 * which Node lacks, and matrix-js-sdk offers nothing else on Node but a memory store (a new device
 * every start: matrix-org/matrix-js-sdk#4769). So the store runs on fake-indexeddb, the in-memory
 * IndexedDB that the crypto-wasm's own Node tests use, and is copied to one file in the state dir:
 * loaded into fresh databases at start, written after every sync batch whose keys must survive a
 * crash, atomically (fsync, rename), so a crash leaves the previous copy whole.
 *
 * The file holds private keys: it is written readable by its owner only, and nothing of it is ever
 * logged. The copy is structured-clone data (v8.serialize), since the store holds byte arrays.
 * With LECTERN_DATABASE_URL the same copy is kept in the database instead (one per bot account),
 * so a bot started on another machine keeps its device and can still decrypt.
 */
import 'fake-indexeddb/auto';
import { indexedDB } from 'fake-indexeddb';
import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import type { Logger } from 'pino';
import { z } from 'zod';
import { writeAtomic } from '../../atomic-write.ts';
import type { DoorFiles } from '../../state-backend.ts';

export const CRYPTO_STORE_FILE = 'matrix-crypto.v8';
export const CRYPTO_STORE_FORMAT = 'lectern-matrix-crypto';
export const CRYPTO_STORE_VERSION = 1;

const idbKeyPath = z.union([z.string(), z.array(z.string()), z.null()]);
const storeSchema = z.object({
  name: z.string(),
  keyPath: idbKeyPath,
  autoIncrement: z.boolean(),
  indexes: z.array(z.object({ name: z.string(), keyPath: z.union([z.string(), z.array(z.string())]), unique: z.boolean(), multiEntry: z.boolean() })),
  records: z.array(z.tuple([z.unknown(), z.unknown()])),
});
const snapshotSchema = z.object({
  format: z.literal(CRYPTO_STORE_FORMAT),
  version: z.literal(CRYPTO_STORE_VERSION),
  userId: z.string(),
  deviceId: z.string(),
  savedAt: z.number(),
  /** Database names without the per-start prefix. */
  databases: z.array(z.object({ name: z.string(), version: z.number().int().positive(), stores: z.array(storeSchema) })),
});
export type CryptoSnapshot = z.infer<typeof snapshotSchema>;
type StoreDump = z.infer<typeof storeSchema>;

/**
 * The few IndexedDB shapes used here, written out because the project compiles without the DOM
 * library (which would declare browser globals that do not exist on Node).
 */
type Key = string | number | Date | ArrayBufferView | ArrayBuffer | Key[];
interface IDBRequest<T> {
  result: T;
  error: Error | null;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IDBTransaction {
  error: Error | null;
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  objectStore(name: string): IDBObjectStore;
}
interface IDBCursor {
  primaryKey: Key;
  value: unknown;
  continue(): void;
}
interface IDBObjectStore {
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexNames: Iterable<string>;
  index(name: string): { keyPath: string | string[]; unique: boolean; multiEntry: boolean };
  createIndex(name: string, keyPath: string | string[], options: { unique: boolean; multiEntry: boolean }): unknown;
  openCursor(): IDBRequest<IDBCursor | null>;
  put(value: unknown, key?: Key): unknown;
}
interface IDBDatabase {
  version: number;
  objectStoreNames: Iterable<string>;
  transaction(names: string[], mode: 'readonly' | 'readwrite'): IDBTransaction;
  createObjectStore(name: string, options: { keyPath: string | string[] | null; autoIncrement: boolean }): IDBObjectStore;
  close(): void;
}
interface IDBOpenRequest extends IDBRequest<IDBDatabase> {
  onupgradeneeded: (() => void) | null;
}
interface IDBFactory {
  open(name: string, version?: number): IDBOpenRequest;
  databases(): Promise<{ name?: string }[]>;
  deleteDatabase(name: string): unknown;
}
const idb = indexedDB as unknown as IDBFactory;

const done = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

const finished = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });

async function dumpDatabase(fullName: string): Promise<{ version: number; stores: StoreDump[] }> {
  const db = await done(idb.open(fullName));
  try {
    const names = [...db.objectStoreNames];
    if (names.length === 0) return { version: db.version, stores: [] };
    // One read transaction over every store: a consistent copy, never half of a write.
    const tx = db.transaction(names, 'readonly');
    const stores = await Promise.all(
      names.map(async (name): Promise<StoreDump> => {
        const store = tx.objectStore(name);
        const records: [unknown, unknown][] = [];
        await new Promise<void>((resolve, reject) => {
          const req = store.openCursor();
          req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'));
          req.onsuccess = () => {
            const cursor = req.result;
            if (!cursor) return resolve();
            records.push([cursor.primaryKey, cursor.value]);
            cursor.continue();
          };
        });
        const indexes = [...store.indexNames].map((n) => {
          const index = store.index(n);
          return { name: n, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
        });
        return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes, records };
      }),
    );
    await finished(tx);
    return { version: db.version, stores };
  } finally {
    db.close();
  }
}

async function restoreDatabase(fullName: string, dump: CryptoSnapshot['databases'][number]): Promise<void> {
  const open = idb.open(fullName, dump.version);
  open.onupgradeneeded = () => {
    const db = open.result;
    for (const s of dump.stores) {
      const store = db.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
      for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
    }
  };
  const db = await done(open);
  try {
    const names = dump.stores.map((s) => s.name);
    if (names.length === 0) return;
    const tx = db.transaction(names, 'readwrite');
    for (const s of dump.stores) {
      const store = tx.objectStore(s.name);
      for (const [key, value] of s.records) {
        if (s.keyPath === null) store.put(value, key as Key);
        else store.put(value);
      }
    }
    await finished(tx);
  } finally {
    db.close();
  }
}

/** Where the copy is kept: the file in the state folder, or a door file in the database. */
export interface CryptoCopy {
  /** For logs: the file, or the database entry. */
  readonly where: string;
  read(): Promise<Buffer | undefined>;
  write(bytes: Buffer): Promise<void>;
  /** Sets an unusable copy aside (renamed, never deleted); returns where it went. */
  setAside(): Promise<string>;
}

export function cryptoFile(stateDir: string): CryptoCopy {
  const file = path.join(stateDir, CRYPTO_STORE_FILE);
  return {
    where: file,
    async read() {
      try {
        return await readFile(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        return undefined;
      }
    },
    async write(bytes) {
      // The keys are private from the first byte: a chmod after the rename left a moment in which
      // the new file had the umask's 0644 (test/matrix-e2ee saw it once in a CI run).
      await writeAtomic(file, bytes, { mode: 0o600 });
    },
    async setAside() {
      const aside = `${file}.unusable-${Date.now()}`;
      await rename(file, aside);
      return aside;
    },
  };
}

/** The copy of one bot account in a door's files (the database). */
export function cryptoRows(files: DoorFiles, userId: string): CryptoCopy {
  const name = `crypto/${userId}`;
  return {
    where: `the database (${name})`,
    read: () => files.read(name),
    write: (bytes) => files.write(name, bytes),
    async setAside() {
      const aside = `${name}.unusable-${Date.now()}`;
      await files.rename(name, aside);
      return aside;
    },
  };
}

/**
 * The crypto store of one bot run: IndexedDB databases under a prefix unique to this run (several
 * bots may share a process, as in the tests), filled from the file at start and copied back to it.
 */
export class CryptoStoreFile {
  /** Where the copy is kept (for logs). */
  readonly file: string;
  /** The prefix matrix-js-sdk's `initRustCrypto` is given as `cryptoDatabasePrefix`. */
  readonly prefix: string;
  private readonly copy: CryptoCopy;
  private readonly userId: string;
  private readonly deviceId: string;
  private readonly log: Logger;
  private lastWritten: Buffer | undefined;
  private writing: Promise<void> = Promise.resolve();

  private constructor(copy: CryptoCopy, prefix: string, userId: string, deviceId: string, log: Logger) {
    this.copy = copy;
    this.file = copy.where;
    this.prefix = prefix;
    this.userId = userId;
    this.deviceId = deviceId;
    this.log = log;
  }

  /**
   * Opens the saved store of this account and device (the file in `stateDir`, or the given copy).
   * A store of another account or device is useless to this one (its keys belong to that device)
   * and an unreadable one cannot be trusted: either is set aside (renamed, never deleted) and the
   * crypto starts afresh.
   */
  static async open(where: string | CryptoCopy, userId: string, deviceId: string, log: Logger): Promise<{ store: CryptoStoreFile; restored: boolean }> {
    const copy = typeof where === 'string' ? cryptoFile(where) : where;
    const prefix = `lectern-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const store = new CryptoStoreFile(copy, prefix, userId, deviceId, log);
    const bytes = await copy.read();
    if (!bytes) return { store, restored: false };
    const snapshot = parseSnapshot(bytes);
    const reason = !snapshot ? 'has an unknown format' : snapshot.userId !== userId || snapshot.deviceId !== deviceId ? 'belongs to another account or device' : undefined;
    if (!snapshot || reason) {
      const aside = await copy.setAside();
      log.warn({ file: copy.where, aside, deviceId, was: snapshot ? { userId: snapshot.userId, deviceId: snapshot.deviceId } : undefined }, `the Matrix crypto store ${reason}; set aside, encryption starts afresh`);
      return { store, restored: false };
    }
    for (const db of snapshot.databases) await restoreDatabase(`${prefix}${db.name}`, db);
    store.lastWritten = v8.serialize({ ...snapshot, savedAt: 0 });
    return { store, restored: true };
  }

  /** Copies the store to the file, unless it is unchanged since the last copy; writes never overlap. */
  save(): Promise<void> {
    this.writing = this.writing.then(
      () => this.write(),
      () => this.write(),
    );
    return this.writing;
  }

  private async write(): Promise<void> {
    const all = await idb.databases();
    const databases: CryptoSnapshot['databases'] = [];
    for (const { name } of all) {
      if (!name?.startsWith(this.prefix)) continue;
      databases.push({ name: name.slice(this.prefix.length), ...(await dumpDatabase(name)) });
    }
    const snapshot: CryptoSnapshot = { format: CRYPTO_STORE_FORMAT, version: CRYPTO_STORE_VERSION, userId: this.userId, deviceId: this.deviceId, savedAt: 0, databases };
    // savedAt is left out of the comparison, so an unchanged store is not rewritten every sync.
    const body = v8.serialize(snapshot);
    if (this.lastWritten?.equals(body)) return;
    await this.copy.write(v8.serialize({ ...snapshot, savedAt: Date.now() }));
    this.lastWritten = body;
    this.log.debug({ file: this.file, databases: databases.length }, 'Matrix crypto store saved');
  }

  /** Drops this run's databases from memory once the crypto is stopped. */
  async close(): Promise<void> {
    await this.writing.catch(() => undefined);
    const all = await idb.databases();
    for (const { name } of all) if (name?.startsWith(this.prefix)) idb.deleteDatabase(name);
  }
}

export function parseSnapshot(bytes: Buffer): CryptoSnapshot | undefined {
  let value: unknown;
  try {
    value = v8.deserialize(bytes);
  } catch {
    return undefined;
  }
  const parsed = snapshotSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
