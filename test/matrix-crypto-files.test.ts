/**
 * The two files of Matrix encryption that need no homeserver: encrypted attachments (checked
 * against WebCrypto, an independent AES-CTR) and the crypto store's copy on disk (or, with
 * LECTERN_DATABASE_URL, in the database).
 */
import { webcrypto } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { indexedDB } from 'fake-indexeddb';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.ts';
import { decryptAttachment, encryptAttachment, encryptedFileOf } from '../src/platforms/matrix/attachment-crypto.ts';
import { CRYPTO_STORE_FILE, CRYPTO_STORE_FORMAT, CryptoStoreFile, cryptoRows, parseSnapshot } from '../src/platforms/matrix/crypto-store.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { databaseStateBackend } from '../src/db/state-backend.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';

describe('encrypted attachments', () => {
  it('GIVEN any bytes THEN encrypting and decrypting gives them back, and WebCrypto decrypts them too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), async (plain) => {
        const { data, file } = encryptAttachment(plain);
        expect(decryptAttachment(data, file)).toEqual(Buffer.from(plain));
        const iv = Buffer.from(file.iv, 'base64');
        expect(iv.subarray(8)).toEqual(Buffer.alloc(8));
        const key = await webcrypto.subtle.importKey('jwk', file.key, { name: 'AES-CTR' }, false, ['decrypt']);
        expect(new Uint8Array(await webcrypto.subtle.decrypt({ name: 'AES-CTR', counter: iv, length: 64 }, key, data))).toEqual(plain);
      }),
      { numRuns: 50 },
    );
  });

  it('GIVEN a changed byte of the ciphertext THEN decrypting refuses it with attachment.hash-mismatch', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 500 }), fc.nat(), (plain, at) => {
        const { data, file } = encryptAttachment(plain);
        const bad = Buffer.from(data);
        bad[at % bad.length] = (bad[at % bad.length] ?? 0) ^ 1;
        expect(() => decryptAttachment(bad, file)).toThrow(UserError);
        try {
          decryptAttachment(bad, file);
        } catch (err) {
          expect((err as UserError).identifier).toBe('attachment.hash-mismatch');
        }
      }),
      { numRuns: 50 },
    );
  });

  it('GIVEN a file object without key, IV, hash or mxc URL THEN it is not taken for an encrypted attachment', () => {
    const { file } = encryptAttachment(new Uint8Array([1, 2, 3]));
    expect(encryptedFileOf({ ...file, url: 'mxc://localhost/abc' })).toBeDefined();
    expect(encryptedFileOf({ ...file, url: 'https://example.org/x' })).toBeUndefined();
    expect(encryptedFileOf({ ...file, url: 'mxc://localhost/abc', hashes: {} })).toBeUndefined();
    expect(encryptedFileOf({ ...file, url: 'mxc://localhost/abc', key: { ...file.key, alg: 'A128CBC' } })).toBeUndefined();
    expect(encryptedFileOf('mxc://localhost/abc')).toBeUndefined();
  });
});

/** The project compiles without the DOM library, so IndexedDB's own types are not at hand here. */
type Db = any;

/** Fills a database the way the Rust crypto's store does: out-of-line and in-line keys, indexes, byte arrays. */
async function fillDatabase(name: string): Promise<void> {
  const open = indexedDB.open(name, 7);
  open.onupgradeneeded = () => {
    const db = open.result;
    db.createObjectStore('core');
    const sessions = db.createObjectStore('inbound_group_sessions', { keyPath: 'id' });
    sessions.createIndex('by_room', 'room', { unique: false });
  };
  const db = await new Promise<Db>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const tx = db.transaction(['core', 'inbound_group_sessions'], 'readwrite');
  tx.objectStore('core').put(new Uint8Array([9, 8, 7, 6]), 'pickled_account');
  tx.objectStore('core').put({ nested: [1, 'two', new Uint8Array([3])] }, ['compound', 1]);
  tx.objectStore('inbound_group_sessions').put({ id: 's1', room: '!a:x', pickle: new Uint8Array(32).fill(5) });
  tx.objectStore('inbound_group_sessions').put({ id: 's2', room: '!b:x', pickle: new Uint8Array(32).fill(6) });
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

async function readDatabase(name: string): Promise<{ version: number; core: unknown[]; sessions: unknown[]; byRoom: unknown }> {
  const open = indexedDB.open(name);
  const db = await new Promise<Db>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const tx = db.transaction(['core', 'inbound_group_sessions'], 'readonly');
  const get = (req: any) => new Promise<any>((resolve) => (req.onsuccess = () => resolve(req.result)));
  const result = {
    version: db.version,
    core: await get(tx.objectStore('core').getAll()),
    sessions: await get(tx.objectStore('inbound_group_sessions').getAll()),
    byRoom: await get(tx.objectStore('inbound_group_sessions').index('by_room').get('!b:x')),
  };
  db.close();
  return result;
}

describe('the Matrix crypto store on disk', () => {
  let dir: string;
  let logged: string;
  let log: pino.Logger;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-crypto-'));
    logged = '';
    log = pino({ level: 'trace' }, new Writable({ write: (chunk, _enc, done) => ((logged += String(chunk)), done()) }));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN a saved store THEN the next start restores every store, key, index and byte array, and nothing of them is logged', async () => {
    const { store, restored } = await CryptoStoreFile.open(dir, '@bot:x', 'DEVICE', log);
    expect(restored).toBe(false);
    await fillDatabase(`${store.prefix}::matrix-sdk-crypto`);
    await store.save();
    const file = path.join(dir, CRYPTO_STORE_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const before = await readDatabase(`${store.prefix}::matrix-sdk-crypto`);

    const next = await CryptoStoreFile.open(dir, '@bot:x', 'DEVICE', log);
    expect(next.restored).toBe(true);
    expect(next.store.prefix).not.toBe(store.prefix);
    expect(await readDatabase(`${next.store.prefix}::matrix-sdk-crypto`)).toEqual(before);
    expect(before.core).toContainEqual(new Uint8Array([9, 8, 7, 6]));
    // Key material never reaches the log: neither the bytes nor their base64.
    expect(logged).not.toContain(Buffer.from([9, 8, 7, 6]).toString('base64'));
    expect(logged).not.toContain('pickle');
    await store.close();
    await next.store.close();
  });

  it('GIVEN no change since the last save THEN the file is not written again', async () => {
    const { store } = await CryptoStoreFile.open(dir, '@bot:x', 'DEVICE', log);
    await fillDatabase(`${store.prefix}::matrix-sdk-crypto`);
    await store.save();
    const first = await readFile(path.join(dir, CRYPTO_STORE_FILE));
    await new Promise((r) => setTimeout(r, 20));
    await store.save();
    expect(await readFile(path.join(dir, CRYPTO_STORE_FILE))).toEqual(first);
    await store.close();
  });

  it('GIVEN the store of another device, or a file that is not a store THEN it is set aside, not used, not deleted', async () => {
    const { store } = await CryptoStoreFile.open(dir, '@bot:x', 'OLD', log);
    await fillDatabase(`${store.prefix}::matrix-sdk-crypto`);
    await store.save();
    await store.close();
    const other = await CryptoStoreFile.open(dir, '@bot:x', 'NEW', log);
    expect(other.restored).toBe(false);
    expect((await readdir(dir)).filter((f) => f.startsWith(`${CRYPTO_STORE_FILE}.unusable-`))).toHaveLength(1);
    expect(logged).toMatch(/belongs to another account or device/);

    await writeFile(path.join(dir, CRYPTO_STORE_FILE), '{"version":1}');
    const garbage = await CryptoStoreFile.open(dir, '@bot:x', 'NEW', log);
    expect(garbage.restored).toBe(false);
    expect(logged).toMatch(/has an unknown format/);
  });

  it('GIVEN a version-1 file as written by the first release THEN it still loads', async () => {
    const v1 = {
      format: CRYPTO_STORE_FORMAT,
      version: 1,
      userId: '@bot:x',
      deviceId: 'DEVICE',
      savedAt: 1_700_000_000_000,
      databases: [{ name: '::matrix-sdk-crypto', version: 3, stores: [{ name: 'core', keyPath: null, autoIncrement: false, indexes: [], records: [['account', new Uint8Array([1, 2])]] }] }],
    };
    expect(parseSnapshot(v8.serialize(v1))).toBeDefined();
    expect(parseSnapshot(v8.serialize({ ...v1, version: 2 }))).toBeUndefined();
    expect(parseSnapshot(Buffer.from('not v8'))).toBeUndefined();
    await writeFile(path.join(dir, CRYPTO_STORE_FILE), v8.serialize(v1));
    const { store, restored } = await CryptoStoreFile.open(dir, '@bot:x', 'DEVICE', log);
    expect(restored).toBe(true);
    const open = indexedDB.open(`${store.prefix}::matrix-sdk-crypto`);
    const db = await new Promise<Db>((resolve) => (open.onsuccess = () => resolve(open.result)));
    expect(db.version).toBe(3);
    const value = await new Promise((resolve) => {
      const req = db.transaction(['core'], 'readonly').objectStore('core').get('account');
      req.onsuccess = () => resolve(req.result);
    });
    expect(value).toEqual(new Uint8Array([1, 2]));
    db.close();
    await store.close();
  });
});

describe('GIVEN LECTERN_DATABASE_URL: the Matrix crypto store in the database (a real PostgreSQL)', () => {
  let server: TestPostgres;
  let db: Database;
  const log = pino({ level: 'silent' });

  beforeAll(async () => {
    server = await startPostgres();
    db = await openDatabase(await server.newDatabase(), log);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await server?.stop();
  });

  it('THEN a bot started elsewhere on the same database restores every key of its account, another account has its own copy, and another device’s is set aside there', async () => {
    const files = databaseStateBackend(db, log).files!('matrix');
    const { store, restored } = await CryptoStoreFile.open(cryptoRows(files, '@bot:x'), '@bot:x', 'DEVICE', log);
    expect(restored).toBe(false);
    await fillDatabase(`${store.prefix}::matrix-sdk-crypto`);
    await store.save();
    const before = await readDatabase(`${store.prefix}::matrix-sdk-crypto`);
    // Nothing in the data folder: a bot on another machine opens it from the database.
    const next = await CryptoStoreFile.open(cryptoRows(databaseStateBackend(db, log).files!('matrix'), '@bot:x'), '@bot:x', 'DEVICE', log);
    expect(next.restored).toBe(true);
    expect(await readDatabase(`${next.store.prefix}::matrix-sdk-crypto`)).toEqual(before);
    expect((await CryptoStoreFile.open(cryptoRows(files, '@other:x'), '@other:x', 'DEVICE', log)).restored).toBe(false);
    expect(await files.read('crypto/@bot:x')).toBeDefined();

    const moved = await CryptoStoreFile.open(cryptoRows(files, '@bot:x'), '@bot:x', 'NEW', log);
    expect(moved.restored).toBe(false);
    expect(await files.read('crypto/@bot:x')).toBeUndefined();
    const { rows } = await db.pool.query<{ name: string }>("SELECT name FROM lectern_door_files WHERE door = 'matrix' AND name LIKE 'crypto/@bot:x.unusable-%'");
    expect(rows).toHaveLength(1);
    await Promise.all([store.close(), next.store.close(), moved.store.close()]);
  }, 60_000);
});
