/**
 * The HTTP interactions endpoint under hostile requests, on 127.0.0.1 with real Ed25519
 * signatures: malformed but signed payloads answer 4xx (never 5xx), slow headers and slow bodies
 * are cut off, and the bytes held by bodies in flight stay under a cap.
 */
import { connect, type Socket } from 'node:net';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import { createInteractionServer, type InteractionServer } from '../src/platforms/discord/index.ts';
import { commandPayload, generateDiscordKeys, postInteraction, type KeyPair } from './helpers/discord-client.ts';

const log = pino({ level: process.env.LECTERN_TEST_LOG ?? 'silent' });
const LIMITS = { maxBodyBytes: 1024 * 1024, maxInflightBytes: 3 * 1024 * 1024, headersTimeoutMs: 400, requestTimeoutMs: 800 };

let keys: KeyPair;
let server: InteractionServer;
let url: string;
const handled: APIInteraction[] = [];

/** Answers like the real handler for sound payloads; throws for "explode" before answering. */
async function handle(interaction: APIInteraction, respond: (r: APIInteractionResponse) => Promise<void>): Promise<void> {
  handled.push(interaction);
  if ((interaction as { data?: { name?: string } }).data?.name === 'explode') throw new Error('handler failed before answering');
  await respond({ type: 4, data: { content: 'ok', allowed_mentions: { parse: [] } } });
}

beforeAll(async () => {
  keys = generateDiscordKeys();
  server = await createInteractionServer({ publicKey: keys.publicKeyHex, port: 0, handle, log, limits: LIMITS });
  url = `http://127.0.0.1:${server.port}/interactions`;
});
afterAll(async () => server?.close());

const open = (): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const s = connect(server.port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });

/** Everything the server sends until it closes the connection (or `ms` pass). */
const readAll = (s: Socket, ms = 5_000): Promise<{ text: string; closedAfterMs: number }> =>
  new Promise((resolve) => {
    const started = Date.now();
    let text = '';
    s.on('data', (d: Buffer) => (text += d.toString()));
    const done = () => resolve({ text, closedAfterMs: Date.now() - started });
    s.on('close', done);
    setTimeout(() => {
      s.destroy();
    }, ms).unref();
  });

describe('Discord HTTP endpoint: malformed signed payloads', () => {
  it.each([
    ['a command without data', { type: 2 }],
    ['a component without data', { type: 3 }],
    ['autocomplete without data', { type: 4 }],
    ['a modal submit without data', { type: 5 }],
    ['a command whose data is a string', { type: 2, data: 'quote' }],
    ['a command without a name', { type: 2, data: { options: [] } }],
    ['a component without a custom id', { type: 3, data: { component_type: 2 } }],
    ['options that are not a list', { type: 2, data: { name: 'quote', options: 'x' } }],
  ])('GIVEN %s THEN 400, and the handler never sees it', async (_name, shape) => {
    const before = handled.length;
    const payload = { ...commandPayload('quote'), ...shape };
    if (!('data' in shape)) delete (payload as { data?: unknown }).data;
    const res = await postInteraction(url, keys, payload);
    expect(res.status).toBe(400);
    expect(res.text).toContain('malformed interaction');
    expect(handled.length).toBe(before);
  });

  it('GIVEN a JSON array, a number or null as the body THEN 400', async () => {
    for (const body of [[], 42, null, 'text']) expect((await postInteraction(url, keys, body)).status).toBe(400);
  });

  it('GIVEN a handler that fails before answering THEN 200 with an apology only the asker sees, never 500', async () => {
    const res = await postInteraction(url, keys, commandPayload('explode'));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
  });

  it('GIVEN 300 signed payloads of arbitrary shape THEN every answer is 2xx or 4xx', async () => {
    const interaction = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer()),
        token: fc.oneof(fc.string(), fc.constant(undefined)),
        application_id: fc.string(),
        type: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.string()),
        data: fc.oneof(fc.jsonValue(), fc.record({ name: fc.oneof(fc.string(), fc.integer()), custom_id: fc.string(), options: fc.jsonValue(), components: fc.jsonValue() }, { requiredKeys: [] })),
        member: fc.jsonValue(),
        guild_id: fc.oneof(fc.string(), fc.constant(null)),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(interaction, async (payload) => {
        const res = await postInteraction(url, keys, payload);
        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Discord HTTP endpoint: slow and heavy clients', () => {
  it('GIVEN a client that never finishes its headers THEN the server answers 408 and closes within the header timeout', async () => {
    const s = await open();
    s.write('POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const { text, closedAfterMs } = await readAll(s);
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(LIMITS.headersTimeoutMs + 2_000);
  });

  it('GIVEN a client that sends its body too slowly THEN the server answers 408 and closes within the request timeout', async () => {
    const s = await open();
    s.write('POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":');
    const { text, closedAfterMs } = await readAll(s);
    expect(text).toMatch(/HTTP\/1\.1 (408|400)/);
    expect(closedAfterMs).toBeLessThan(LIMITS.requestTimeoutMs + 2_000);
  });

  it('GIVEN more slow 1 MB bodies than the in-flight cap THEN those past the cap are refused at once with 429, and the endpoint serves again once they are gone', async () => {
    const mb = 1024 * 1024 - 1;
    const sockets = await Promise.all(Array.from({ length: 6 }, () => open()));
    const answers = sockets.map((s) => readAll(s, 3_000));
    for (const s of sockets) s.write(`POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${mb}\r\n\r\n${'x'.repeat(1000)}`);
    const results = await Promise.all(answers);
    const refused = results.filter((r) => /^HTTP\/1\.1 429/.test(r.text));
    // Three fit under the 3 MB cap; the rest are refused, long before the request timeout.
    expect(refused.length).toBe(3);
    for (const r of refused) expect(r.text.toLowerCase()).toContain('retry-after: 1');
    for (const s of sockets) s.destroy();
    await new Promise((r) => setTimeout(r, 100));
    const res = await postInteraction(url, keys, commandPayload('quote'));
    expect(res.status).toBe(200);
  });

  it('GIVEN a body declared larger than 1 MB THEN 413 without reading it', async () => {
    const s = await open();
    s.write(`POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`);
    const { text } = await readAll(s, 2_000);
    expect(text).toMatch(/^HTTP\/1\.1 413/);
  });
});
