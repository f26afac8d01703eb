/**
 * /notes on Discord, through the HTTP interactions endpoint (real Ed25519-signed requests) and the
 * gateway stand-in, both served by one startDiscord, REST against a local stand-in: a scripted
 * discussion quotes three passages from two works, cites a short form and shows a translation; the
 * notes come back as attachments citation-js reads, nothing from another server's thread appears,
 * nobody is mentioned, and THREAD_DELETE forgets the thread.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { conversationKey } from '../src/conversation/key.ts';
import { startDiscord, type DiscordMessage } from '../src/platforms/discord/index.ts';
import { buttonPayload, CHANNEL_ID, commandPayload, generateDiscordKeys, GUILD_ID, messageOf, postInteraction, type KeyPair } from './helpers/discord-client.ts';
import { createDiscordTestDispatch, type DiscordTestDispatch } from './helpers/discord-dispatch.ts';
import { startGatewayMock, type GatewayMock } from './helpers/discord-gateway-mock.ts';
import { setGatewayUrl, startRestMock, THREAD_ID, type RecordedRequest, type RestMock } from './helpers/discord-rest-mock.ts';
import { createRealDispatch } from './helpers/real-dispatch.ts';
import { expectPassagesInOrder, quotedIds, readBack } from './helpers/notes-check.ts';

const log = pino({ level: 'silent' });
const OTHER_GUILD = '1200000000000000077';
const OTHER_THREAD = '1400000000000000077';
const inThread = { channelId: THREAD_ID, channelType: 11 };
const key = conversationKey({ platform: 'discord', scope: GUILD_ID, thread: THREAD_ID });

let keys: KeyPair;
let rest: RestMock;
let gateway: GatewayMock;
let inner: DiscordTestDispatch;
let running: Awaited<ReturnType<typeof startDiscord>> | undefined;
let url: string;
let tmp: string;

const send = (payload: unknown) => postInteraction(url, keys, payload);
const webhook = (token: string) => (r: RecordedRequest) => r.route.startsWith('/webhooks/') && r.route.includes(token) && r.method !== 'DELETE';
const text = (m: DiscordMessage) => JSON.stringify(m.embeds);

/** A command in the discussion thread over HTTP: the message that ends up shown (inline, or the edit after a deferral). */
async function ask(name: string, options: Record<string, string | number | boolean>, who: Parameters<typeof commandPayload>[2] = inThread): Promise<RecordedRequest | { body: DiscordMessage; files?: undefined }> {
  const payload = commandPayload(name, options, who);
  const res = await send(payload);
  expect(res.status).toBe(200);
  if (res.json.type === 4) return { body: res.json.data as DiscordMessage };
  expect(res.json.type).toBe(5);
  return rest.next(webhook(payload.token));
}

beforeAll(async () => {
  keys = generateDiscordKeys();
  rest = await startRestMock();
  gateway = await startGatewayMock();
  setGatewayUrl(gateway.url);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-notes-discord-'));
  inner = await createDiscordTestDispatch();
  const config = parseConfig({ DISCORD_TOKEN: 'notes-bot-token', DISCORD_API_URL: rest.api, DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_HTTP_PORT: '0', LECTERN_DATA_DIR: tmp, RATE_LIMIT_PER_MINUTE: '1000' });
  running = await startDiscord({ config, log, dispatch: inner.dispatch, autocomplete: inner.autocomplete, commands: inner.commands, conversations: inner.conversations, settings: inner.settings, stateDir: path.join(tmp, 'state') });
  url = `http://127.0.0.1:${running.httpPort}/interactions`;
  await gateway.identified;
}, 120_000);

afterAll(async () => {
  await running?.stop();
  setGatewayUrl(undefined);
  await gateway?.close();
  await rest?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('GIVEN a discussion on Discord that quotes three passages from two works, cites a short form and shows a translation', () => {
  it('THEN /notes sums it up with Bibliography and Notes buttons, and both kinds come back as attachments that hold everything, and nothing of another server', async () => {
    const first = await send(commandPayload('quote', { query: 'peppery dishes' }));
    const message = messageOf(first.json.data);
    const discuss = (first.json.data as DiscordMessage).components.flatMap((r) => r.components).find((c) => 'custom_id' in c && c.custom_id.startsWith('l1:ds:'));
    expect((await send(buttonPayload((discuss as { custom_id: string }).custom_id, message))).json.type).toBe(5);
    await rest.next((r) => r.method === 'POST' && r.route === `/channels/${THREAD_ID}/messages`);
    await rest.next((r) => r.method === 'PATCH' && r.route.endsWith('/messages/@original'));

    await ask('quote', { query: 'Kirov', limit: 1 });
    await ask('quote', { query: 'Trotsky', work: 'evidence-collaboration-essay', limit: 1 });
    await ask('source', { text: '(Main 185)' });
    await ask('translate', { query: 'консул Латвии' });
    // Another server's thread: what is quoted there belongs to its own notes only.
    await ask('quote', { query: 'Trotsky', work: 'continuing-revolution-speech', limit: 1 }, { guildId: OTHER_GUILD, channelId: OTHER_THREAD, channelType: 11 });

    const record = inner.conversations.get(key)!;
    const ids = quotedIds(record);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids.map((id) => id.split('.')[0])).size).toBe(2);
    expect(record.notes.every((n) => n.by === 'Reader')).toBe(true);

    const summary = (await ask('notes', {})).body as DiscordMessage;
    expect(summary.allowed_mentions).toEqual({ parse: [] });
    expect(text(summary)).toContain("Trotsky's Lies");
    expect(text(summary)).toMatch(/Evidence of Leon Trotsky.s Collaboration/);
    const buttons = summary.components.flatMap((r) => r.components).map((c) => ('custom_id' in c ? c.custom_id : ''));
    expect(buttons.some((id) => id.startsWith('l1:bi:'))).toBe(true);
    expect(buttons.some((id) => id.startsWith('l1:nt:'))).toBe(true);

    for (const format of ['bibtex', 'ris', 'csl-json'] as const) {
      const sent = (await ask('notes', { kind: 'bibliography', format })) as RecordedRequest;
      expect(sent.files).toHaveLength(1);
      expect((sent.body as DiscordMessage).allowed_mentions).toEqual({ parse: [] });
      const items = readBack(sent.files![0]!.text);
      const titles = items.map((i) => String(i.title));
      expect(titles.some((t) => /Trotsky.s Lies/.test(t))).toBe(true);
      expect(titles.some((t) => /Collaboration/.test(t))).toBe(true);
      expect(titles.some((t) => /Arrest and .Testimony/.test(t))).toBe(true);
      expect(titles.some((t) => /Continuing Revolution/.test(t))).toBe(false);
    }

    const notes = (await ask('notes', { kind: 'notes' })) as RecordedRequest;
    const markdown = notes.files![0]!.text;
    expect(notes.files![0]!.name).toMatch(/\.md$/);
    const { app } = await createRealDispatch();
    expectPassagesInOrder(markdown, app.view({ collection: GUILD_ID }).corpus, ids);
    expect(markdown).toContain('Translation given by the source');
    expect(markdown).toContain('asked for by Reader');
    expect(markdown).toMatch(/## Bibliography[\s\S]*Main, Steven J\./);
    expect(markdown).not.toContain('continuing-revolution-speech');
    expect(markdown).not.toMatch(/<@|@everyone|1220000000000000001/);
  }, 120_000);

  it('THEN over the gateway the Notes button answers with the Markdown attached, and THREAD_DELETE forgets the thread', async () => {
    const summary = (await ask('notes', {})).body as DiscordMessage;
    const id = summary.components.flatMap((r) => r.components).map((c) => ('custom_id' in c ? c.custom_id : '')).find((c) => c.startsWith('l1:nt:'))!;
    const press = buttonPayload(id, messageOf(summary, undefined, THREAD_ID), inThread);
    gateway.dispatch('INTERACTION_CREATE', press);
    const deferred = await rest.next((r) => r.method === 'POST' && r.route === `/interactions/${press.id}/${press.token}/callback`);
    expect((deferred.body as { type: number }).type).toBe(5);
    const edit = await rest.next(webhook(press.token));
    expect(edit.files?.[0]?.text).toMatch(/^# Notes: /);

    gateway.dispatch('THREAD_DELETE', { id: THREAD_ID, guild_id: GUILD_ID, parent_id: CHANNEL_ID, type: 11 });
    await expect.poll(() => inner.conversations.get(key), { timeout: 10_000 }).toBeUndefined();
    const after = (await ask('notes', {})).body as DiscordMessage;
    expect(text(after)).toMatch(/posted nothing in this thread/);
    expect(inner.conversations.get(conversationKey({ platform: 'discord', scope: OTHER_GUILD, thread: OTHER_THREAD }))).toBeDefined();
  }, 120_000);
});
