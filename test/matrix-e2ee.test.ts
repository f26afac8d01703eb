/**
 * The Matrix bot in end-to-end encrypted rooms, against a real Synapse: the person in the room runs
 * matrix-js-sdk with its Rust crypto (as Element does), so every command the bot reads was
 * encrypted by a real client and every answer is read back by one. What is asserted is what that
 * client decrypts, and that the wire carried only m.room.encrypted.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { startMatrixBot, type MatrixBot } from '../src/platforms/matrix/index.ts';
import { CRYPTO_STORE_FILE } from '../src/platforms/matrix/crypto-store.ts';
import { STATE_FILE } from '../src/platforms/matrix/state.ts';
import { E2eeUser, type Seen } from './harness/e2ee-user.ts';
import { MatrixUser, waitFor } from './harness/matrix-user.ts';
import { CACHE_DIR, startSynapse, type Synapse, type SynapseUser } from './harness/synapse.ts';
import { createTestDispatch } from './helpers/matrix-dispatch.ts';

const QUOTE = '!quote peppery dishes';
const TRANSLATE = '!translate консул Латвии';

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

async function startBot(env: Record<string, string> = {}): Promise<MatrixBot> {
  const config = parseConfig({
    MATRIX_HOMESERVER_URL: synapse.url,
    MATRIX_USER_ID: botUser.userId,
    MATRIX_PASSWORD: botUser.password,
    LECTERN_DATA_DIR: tmp,
    RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  return startMatrixBot({ config, log: log.child({ bot: 'e2ee' }), dispatch: inner.dispatch, commands: inner.commands, stateDir: path.join(tmp, 'bot'), settings: inner.app.settings, keyWaitMs: 2000 });
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
