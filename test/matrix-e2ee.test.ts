/**
 * The Matrix bot in end-to-end encrypted rooms, against a real Synapse: the person in the room runs
 * matrix-js-sdk with its Rust crypto (as Element does), so every command the bot reads was
 * encrypted by a real client and every answer is read back by one. What is asserted is what that
 * client decrypts, and that the wire carried only m.room.encrypted.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, PROJECT_ROOT } from '../src/config.ts';
import type { Budget } from '../src/reply/budget.ts';
import { MATRIX_BUDGET } from '../src/platforms/matrix/limits.ts';
import { startMatrixBot, type MatrixBot } from '../src/platforms/matrix/index.ts';
import { CRYPTO_STORE_FILE } from '../src/platforms/matrix/crypto-store.ts';
import { STATE_FILE } from '../src/platforms/matrix/state.ts';
import { E2eeUser, type Seen } from './harness/e2ee-user.ts';
import { MatrixUser, waitFor } from './harness/matrix-user.ts';
import { CACHE_DIR, startSynapse, type Synapse, type SynapseUser } from './harness/synapse.ts';
import { createTestDispatch } from './helpers/matrix-dispatch.ts';

const QUOTE = '!quote peppery dishes';
const TRANSLATE = '!translate консул Латвии';
const PASSAGE = 'trotskys-lies.p37';

let synapse: Synapse;
let botUser: SynapseUser;
let alice: E2eeUser;
/** The same person through plain HTTP: what the homeserver stores, and raw events the SDK would not send. */
let aliceRaw: MatrixUser;
let bot: MatrixBot | undefined;
let tmp: string;
let inner: Awaited<ReturnType<typeof createTestDispatch>>;
let room: string;
const log = pino({ level: 'debug' }, pino.destination({ dest: path.join(CACHE_DIR, 'matrix-e2ee-test.log'), sync: true, mkdir: true, append: false }));

async function startBot(env: Record<string, string> = {}, name = 'e2ee', extra: { pageBudget?: Budget } = {}): Promise<MatrixBot> {
  const config = parseConfig({
    MATRIX_HOMESERVER_URL: synapse.url,
    MATRIX_USER_ID: botUser.userId,
    MATRIX_PASSWORD: botUser.password,
    LECTERN_DATA_DIR: tmp,
    RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  return startMatrixBot({ config, log: log.child({ bot: name }), dispatch: inner.dispatch, commands: inner.commands, stateDir: config.stateDir, settings: inner.app.settings, conversations: inner.app.conversations, keyWaitMs: 2000, ...extra });
}

async function ask(roomId: string, body: string, options: { threadRoot?: string; replyTo?: string } = {}): Promise<{ asked: string; reply: Seen }> {
  const asked = await alice.send(roomId, body, options);
  return { asked, reply: await alice.waitForReply(roomId, asked, botUser.userId) };
}

/** The bot's answer as the homeserver holds it: encrypted, with only the relation in the clear. */
async function expectEncryptedOnTheWire(roomId: string, eventId: string): Promise<void> {
  const stored = (await aliceRaw.messages(roomId)).find((e) => e.event_id === eventId);
  expect(stored?.type).toBe('m.room.encrypted');
  expect(stored?.content.algorithm).toBe('m.megolm.v1.aes-sha2');
  expect(JSON.stringify(stored?.content)).not.toMatch(/peppery|консул|Lectern/i);
}

function expectNotice(reply: Seen): void {
  expect(reply.wireType).toBe('m.room.encrypted');
  expect(reply.type).toBe('m.room.message');
  expect(reply.content.msgtype).toBe('m.notice');
  expect(reply.content['m.mentions']).toEqual({});
}

beforeAll(async () => {
  synapse = await startSynapse();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-e2ee-'));
  inner = await createTestDispatch();
  botUser = await synapse.register('lectern');
  const aliceUser = await synapse.register('alice');
  aliceRaw = new MatrixUser(synapse.url, aliceUser);
  alice = await E2eeUser.start(synapse.url, aliceUser);
  bot = await startBot();
  room = await alice.createEncryptedRoom('Encrypted reading group');
  await alice.client.invite(room, botUser.userId);
  await waitFor(async () => ((await aliceRaw.membership(room, botUser.userId)) === 'join' ? true : undefined), 'the bot to join');
}, 600_000);

afterAll(async () => {
  await bot?.stop();
  alice?.stop();
  await synapse?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('Matrix bot in an encrypted room', () => {
  it('GIVEN !quote in an encrypted room THEN the answer is encrypted and decrypts to the passage, as a reply', async () => {
    const { asked, reply } = await ask(room, QUOTE);
    expectNotice(reply);
    expect(reply.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: asked } });
    expect(reply.content.body).toMatch(/pepper/i);
    expect(reply.content.formatted_body).toContain('<blockquote>');
    await expectEncryptedOnTheWire(room, reply.eventId);
  });

  it('GIVEN !translate THEN the encrypted answer holds the Russian original and the English', async () => {
    const { reply } = await ask(room, TRANSLATE);
    expectNotice(reply);
    expect(reply.content.body).toMatch(/консул/i);
    expect(reply.content.body).toMatch(/consul/i);
  });

  it('GIVEN a command in a thread THEN the encrypted answer is in that thread', async () => {
    const root = await alice.send(room, 'Week 4: the Latvian consul');
    const { asked, reply } = await ask(room, QUOTE, { threadRoot: root });
    expectNotice(reply);
    expect(reply.content['m.relates_to']).toEqual({ rel_type: 'm.thread', event_id: root, is_falling_back: false, 'm.in_reply_to': { event_id: asked } });
  });
});

describe('Matrix bot in an encrypted room: files', () => {
  const text = 'The Grain Question\n\nThe procurement crisis of the winter of 1927 was discussed at length by the Politburo in January 1928, when the zagotovki fell far short of the plan.\n';

  it('GIVEN an encrypted file and !library add in reply THEN the bot decrypts it and the room can quote it', async () => {
    const file = await alice.sendEncryptedFile(room, 'grain.txt', new TextEncoder().encode(text), 'text/plain');
    const stored = (await aliceRaw.messages(room)).find((e) => e.event_id === file);
    expect(stored?.type).toBe('m.room.encrypted');
    const added = await ask(room, '!library add title:"The Grain Question" author:"A. Reader" year:1999', { replyTo: file });
    expectNotice(added.reply);
    expect(added.reply.content.body).toMatch(/added/i);
    const found = await ask(room, '!quote zagotovki procurement');
    expect(found.reply.content.body).toContain('The procurement crisis of the winter of 1927');
  });

  it('GIVEN an encrypted file whose hash does not match THEN it is refused and nothing is added', async () => {
    const file = await alice.sendEncryptedFile(room, 'tampered.txt', new TextEncoder().encode('The Tampered Text\n\nA paragraph about the kolkhoz markets.\n'), 'text/plain', { tamper: true });
    const refused = await ask(room, '!library add title:"The Tampered Text"', { replyTo: file });
    expectNotice(refused.reply);
    expect(refused.reply.content.body).toMatch(/does not match its hash[\s\S]*Upload it again/);
    const listed = await ask(room, '!library');
    expect(listed.reply.content.body).not.toContain('The Tampered Text');
  });

  it('GIVEN a file the bot sends to an encrypted room THEN it is an encrypted attachment that decrypts to the bytes', async () => {
    const bytes = new TextEncoder().encode('@book{rogovin2009, title={1937}}\n');
    const eventId = await bot!.sendFile(room, { name: 'notes.bib', bytes, mimetype: 'application/x-bibtex' }, 'test-notes');
    const seen = await waitFor(async () => (await alice.timeline(room)).find((e) => e.eventId === eventId), 'the file event');
    expect(seen.wireType).toBe('m.room.encrypted');
    expect(seen.content.msgtype).toBe('m.file');
    expect(seen.content.url).toBeUndefined();
    expect(await alice.downloadEncrypted(seen.content.file)).toEqual(bytes);
  });
});

describe('Matrix bot in an encrypted room: restarts and lost keys', () => {
  it('GIVEN the bot is stopped and the sender starts a new session THEN the command sent meanwhile is answered after the restart, from the same device', async () => {
    const before = await alice.client.getCrypto()!.getUserDeviceInfo([botUser.userId], true);
    const devicesBefore = [...(before.get(botUser.userId)?.values() ?? [])];
    expect(devicesBefore.map((d) => d.deviceId)).toEqual([bot!.deviceId]);
    await bot!.stop();
    bot = undefined;
    // A new Megolm session: its key reaches the bot only as an Olm message sent while it was down.
    await alice.client.getCrypto()!.forceDiscardSession(room);
    const whileDown = await alice.send(room, TRANSLATE);
    bot = await startBot();
    const answered = await alice.waitForReply(room, whileDown, botUser.userId);
    expectNotice(answered);
    expect(answered.content.body).toMatch(/консул/i);
    expect(bot.deviceId).toBe(devicesBefore[0]?.deviceId);
    const after = await alice.client.getCrypto()!.getUserDeviceInfo([botUser.userId], true);
    const devicesAfter = [...(after.get(botUser.userId)?.values() ?? [])];
    expect(devicesAfter.map((d) => [d.deviceId, d.getFingerprint()])).toEqual(devicesBefore.map((d) => [d.deviceId, d.getFingerprint()]));
    expect(await alice.repliesTo(room, whileDown, botUser.userId)).toHaveLength(1);
    const file = path.join(tmp, 'state', CRYPTO_STORE_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path.join(tmp, 'state', STATE_FILE), 'utf8')).deviceId).toBe(bot.deviceId);
  });

  it('GIVEN a message whose keys never reach the bot THEN the sender is asked to resend it, once, and it is not answered', async () => {
    const crypto = alice.client.getCrypto()!;
    // Alice's client withholds the room key from unverified devices, as a cautious client may: the bot's message has no key.
    await crypto.forceDiscardSession(room);
    crypto.globalBlacklistUnverifiedDevices = true;
    const withheld = await alice.send(room, QUOTE);
    crypto.globalBlacklistUnverifiedDevices = false;
    await crypto.forceDiscardSession(room);
    const stored = (await aliceRaw.messages(room)).find((e) => e.event_id === withheld);
    expect(stored?.type).toBe('m.room.encrypted');
    const reply = await alice.waitForReply(room, withheld, botUser.userId);
    expectNotice(reply);
    expect(reply.content.body).toMatch(/could not decrypt[\s\S]*send it again/i);
    await ask(room, '!works');
    expect(await alice.repliesTo(room, withheld, botUser.userId)).toHaveLength(1);
  });
});

describe('Matrix bot in an encrypted room: long answers', () => {
  it('GIVEN a long answer THEN every encrypted event stays under the Matrix event limit', async () => {
    const { reply } = await ask(room, `!context ${PASSAGE} 30 30`);
    expectNotice(reply);
    const mine = (await aliceRaw.messages(room)).filter((e) => e.sender === botUser.userId && e.type === 'm.room.encrypted');
    expect(mine.length).toBeGreaterThan(3);
    for (const e of mine) expect(Buffer.byteLength(JSON.stringify(e))).toBeLessThan(65_536);
  });

  it('GIVEN small pages THEN part 1 comes encrypted, !more and a reaction send the next parts, and !more in a thread continues there', async () => {
    await bot!.stop();
    bot = await startBot({}, 'e2ee-small-pages', { pageBudget: { ...MATRIX_BUDGET, maxBody: 800, maxField: 800, maxTotal: 1200 } });
    try {
      const first = await ask(room, `!context ${PASSAGE} 5 5`);
      expectNotice(first.reply);
      const count = Number(/Part 1 of (\d+)/.exec(first.reply.content.body)?.[1]);
      expect(count).toBeGreaterThanOrEqual(3);
      const more = await ask(room, '!more');
      expectNotice(more.reply);
      expect(more.reply.content.body).toContain(`Part 2 of ${count}`);
      expect(more.reply.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: more.asked } });
      await alice.react(room, more.reply.eventId, '👍');
      const third = await alice.waitForReply(room, more.reply.eventId, botUser.userId);
      expectNotice(third);
      expect(third.content.body).toContain(`Part 3 of ${count}`);

      const root = await alice.send(room, 'thread for paging');
      const inThread = await ask(room, `!context ${PASSAGE} 5 5`, { threadRoot: root });
      expect(inThread.reply.content.body).toContain('Part 1 of');
      const next = await ask(room, '!more', { threadRoot: root });
      expectNotice(next.reply);
      expect(next.reply.content.body).toContain('Part 2 of');
      expect(next.reply.content['m.relates_to']).toMatchObject({ rel_type: 'm.thread', event_id: root });
    } finally {
      await bot.stop();
      bot = await startBot();
    }
  });
});

/** `npm run lectern -- matrix-setup` as an operator runs it, in its own process. */
function matrixSetupCli(args: string[] = []): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MATRIX_HOMESERVER_URL: synapse.url, MATRIX_USER_ID: botUser.userId, MATRIX_PASSWORD: botUser.password, LECTERN_DATA_DIR: tmp, LOG_LEVEL: 'warn' };
  return new Promise((resolve) => {
    // Asynchronously: the test's own Matrix client keeps syncing meanwhile.
    execFile(process.execPath, ['src/main.ts', 'matrix-setup', ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/**
 * Alice's client learns of new signatures from the device-list changes her sync reports, not at once
 * (a tracked user's devices are not downloaded again on asking): waited for, not read once.
 */
function becomesSignedByOwner(deviceId: string): Promise<true> {
  return waitFor(async () => ((await signedByOwner(deviceId)) ? (true as const) : undefined), `device ${deviceId} signed by its owner`, 60_000);
}

async function signedByOwner(deviceId: string): Promise<boolean | undefined> {
  const crypto = alice.client.getCrypto()!;
  await crypto.getUserDeviceInfo([botUser.userId], true);
  return (await crypto.getDeviceVerificationStatus(botUser.userId, deviceId))?.signedByOwner;
}

describe('Matrix bot cross-signing with a recovery key', () => {
  it('GIVEN matrix-setup THEN it prints a recovery key once; GIVEN the key in MATRIX_RECOVERY_KEY THEN the device and a new one are signed by the bot\'s own key', async () => {
    const deviceId = bot!.deviceId;
    expect(await signedByOwner(deviceId)).toBe(false);
    await bot!.stop();
    bot = undefined;
    const setup = await matrixSetupCli();
    expect(setup.status, setup.stderr).toBe(0);
    const recoveryKey = setup.stdout.trim();
    expect(recoveryKey).toMatch(/^(\w{4} ){11}\w{4}$/);
    // The key is not written anywhere by Lectern (the operator keeps it).
    expect(await readFile(path.join(tmp, 'state', STATE_FILE), 'utf8')).not.toContain(recoveryKey);

    const again = await matrixSetupCli();
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already has cross-signing keys[\s\S]*--reset/);

    bot = await startBot({ MATRIX_RECOVERY_KEY: recoveryKey });
    expect(bot.deviceId).toBe(deviceId);
    expect(await becomesSignedByOwner(deviceId)).toBe(true);
    const { reply } = await ask(room, QUOTE);
    expectNotice(reply);

    // A second data directory is a new device: the recovery key alone signs it.
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'lectern-e2ee-2-'));
    const second = await startBot({ MATRIX_RECOVERY_KEY: recoveryKey, LECTERN_DATA_DIR: elsewhere }, 'second-device');
    try {
      expect(second.deviceId).not.toBe(deviceId);
      expect(await becomesSignedByOwner(second.deviceId)).toBe(true);
    } finally {
      await second.stop();
      await rm(elsewhere, { recursive: true, force: true });
    }
    const wrong = await mkdtemp(path.join(os.tmpdir(), 'lectern-e2ee-3-'));
    await expect(startBot({ MATRIX_RECOVERY_KEY: 'EsTc LW2K PGiF wKEA 3As5 g5c4 BXwk qeeJ ZJV8 Q9fu gUMN UE4d', LECTERN_DATA_DIR: wrong }, 'wrong-key')).rejects.toThrow(/MATRIX_RECOVERY_KEY (is not|does not open)/);
    await expect(startBot({ MATRIX_RECOVERY_KEY: 'not a key', LECTERN_DATA_DIR: wrong }, 'bad-key')).rejects.toThrow(/MATRIX_RECOVERY_KEY is not a Matrix recovery key/);
    await rm(wrong, { recursive: true, force: true });
    // Other devices of the bot's account in the room do not stop it answering.
    const { reply: still } = await ask(room, TRANSLATE);
    expectNotice(still);
  }, 240_000);
});

describe('Matrix bot with an encrypted and an unencrypted room', () => {
  it('GIVEN a second, unencrypted room THEN the bot answers there in the clear, as before', async () => {
    const plain = await aliceRaw.createRoom({ name: 'Open reading group' });
    await aliceRaw.invite(plain, botUser.userId);
    await waitFor(async () => ((await aliceRaw.membership(plain, botUser.userId)) === 'join' ? true : undefined), 'the bot to join');
    const asked = await aliceRaw.send(plain, QUOTE);
    const reply = await aliceRaw.waitForReply(plain, asked, botUser.userId);
    expect(reply.type).toBe('m.room.message');
    expect(reply.content.msgtype).toBe('m.notice');
    expect(reply.content.body).toMatch(/pepper/i);
    const eventId = await bot!.sendFile(plain, { name: 'notes.txt', bytes: new TextEncoder().encode('notes'), mimetype: 'text/plain' }, 'plain-notes');
    const sent = (await aliceRaw.messages(plain)).find((e) => e.event_id === eventId);
    expect(sent?.type).toBe('m.room.message');
    expect(sent?.content.url).toMatch(/^mxc:\/\//);
    // And the encrypted room still gets encrypted answers.
    const { reply: again } = await ask(room, QUOTE);
    expectNotice(again);
  });
});
