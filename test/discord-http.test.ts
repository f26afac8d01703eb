/**
 * The Discord HTTP interactions endpoint, for real: the server listens on 127.0.0.1, requests are
 * signed with a generated Ed25519 key exactly as Discord signs them, payloads are shaped as Discord
 * sends them, and every REST call (deferred edits, followups, threads) goes through
 * @discordjs/rest to a local stand-in for Discord's API, where the tests read what was sent.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE } from '../src/dispatch/dispatch.ts';
import type { Autocomplete, Dispatch, Invocation } from '../src/dispatch/invocation.ts';
import type { CommandDefinition } from '../src/dispatch/types.ts';
import { parseConfig, type Config } from '../src/config.ts';
import { CustomIdSigner } from '../src/platforms/discord/custom-id.ts';
import { BUTTON_KEY_FILE } from '../src/platforms/discord/button-key.ts';
import { createInteractionHandler, createInteractionServer, messageViolations, startDiscord, type DiscordMessage, type InteractionServer } from '../src/platforms/discord/index.ts';
import { createRest } from '../src/platforms/discord/rest.ts';
import { CONVERSATIONS_FILE } from '../src/conversation/store.ts';
import { conversationKey } from '../src/conversation/key.ts';
import {
  APP_ID,
  autocompletePayload,
  buttonPayload,
  CHANNEL_ID,
  commandPayload,
  generateDiscordKeys,
  GUILD_ID,
  MANAGER_PERMISSIONS,
  messageOf,
  OTHER_USER_ID,
  postInteraction,
  selectPayload,
  withAttachment,
  type KeyPair,
  type Posted,
} from './helpers/discord-client.ts';
import { createDiscordTestDispatch, type DiscordTestDispatch } from './helpers/discord-dispatch.ts';
import { startRestMock, THREAD_ID, type RecordedRequest, type RestMock } from './helpers/discord-rest-mock.ts';
import { SCENARIO } from './helpers/discord-scenarios.ts';
import { sampleMarkdown } from './helpers/library-samples.ts';
import { SettingsStore } from '../src/settings/group-settings.ts';
import { modalSubmitPayload } from './helpers/discord-client.ts';

const PASSAGE = 'trotskys-lies.p37';
const BOT_TOKEN = 'test-bot-token';
/** Settings tests use a server of their own, so the defaults they set do not leak into other tests. */
const SETTINGS_GUILD = '1200000000000000099';
/** Inputs that the real corpus answers as well as the fake dispatch does. */
const SAMPLE_ARGS: Record<string, Record<string, string | number | boolean>> = {
  quote: { query: 'peppery dishes' },
  translate: { query: 'консул Латвии' },
  context: { passage: PASSAGE },
  cite: { passage: PASSAGE },
  source: { text: "Trotsky's Lies" },
};

const log = pino({ level: process.env.LECTERN_TEST_LOG ?? 'silent' });
let keys: KeyPair;
let mock: RestMock;
let tmp: string;
let inner: DiscordTestDispatch;
let config: Config;
let server: InteractionServer;
let url: string;
const invocations: Invocation[] = [];

const dispatch: Dispatch = async (inv) => {
  invocations.push(inv);
  return inner.dispatch(inv);
};
const autocomplete: Autocomplete = async (request) => {
  if (request.value === 'explode') throw new Error('autocomplete exploded in the test');
  return inner.autocomplete(request);
};

const stateDir = (name: string) => path.join(tmp, name);

async function startServer(name: string, env: Record<string, string> = {}): Promise<InteractionServer> {
  const cfg = parseConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_HTTP_PORT: '0', DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: mock.api, LECTERN_DATA_DIR: tmp, RATE_LIMIT_PER_MINUTE: '1000', ...env });
  const handler = createInteractionHandler({ config: cfg, log, dispatch, autocomplete, commands: inner.commands, conversations: inner.conversations, settings: inner.settings, rest: createRest(cfg), secret: 'test-secret' });
  return createInteractionServer({ publicKey: keys.publicKeyHex, port: 0, handle: handler.handle, log });
}

const send = (payload: unknown) => postInteraction(url, keys, payload);
const lastInvocation = () => invocations[invocations.length - 1]!;

function messageData(res: Posted): DiscordMessage {
  const data = res.json?.data ?? {};
  return { embeds: data.embeds ?? [], components: data.components ?? [], allowed_mentions: data.allowed_mentions, ...(data.flags !== undefined ? { flags: data.flags } : {}) };
}

function expectWellFormed(message: DiscordMessage): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(message.embeds.length).toBeGreaterThan(0);
  expect(messageViolations(message)).toEqual([]);
}

const embedText = (m: { embeds: { title?: string; description?: string; fields?: { name: string; value: string }[]; footer?: { text: string } }[] }) =>
  m.embeds.map((e) => [e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text].filter(Boolean).join('\n')).join('\n');

const customIds = (m: DiscordMessage) => m.components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')));
const findId = (m: DiscordMessage, prefix: string) => customIds(m).find((id) => id.startsWith(prefix));

const originalRoute = (token: string) => `/webhooks/${APP_ID}/${token}/messages/@original`;
const isEdit = (token: string) => (r: RecordedRequest) => r.method === 'PATCH' && r.route === originalRoute(token);

/** A command answered inline, or deferred and then edited in: the message that ends up shown. */
async function answeredMessage(payload: ReturnType<typeof commandPayload>): Promise<DiscordMessage> {
  const res = await send(payload);
  expect(res.status).toBe(200);
  expect([4, 5]).toContain(res.json.type);
  if (res.json.type === 4) return messageData(res);
  const edit = await mock.next((r) => r.route.startsWith(`/webhooks/${APP_ID}/${payload.token}`) && r.method !== 'DELETE');
  return edit.body as DiscordMessage;
}

function sampleArgs(def: CommandDefinition): Record<string, string | number | boolean> {
  const args: Record<string, string | number | boolean> = {};
  for (const o of def.options ?? []) {
    const sample = SAMPLE_ARGS[def.name]?.[o.name];
    if (sample !== undefined) args[o.name] = sample;
    else if (o.required) args[o.name] = o.type === 'integer' ? (o.minValue ?? 1) : o.type === 'boolean' ? true : (o.choices?.[0]?.value as string | undefined) ?? 'peppery dishes';
  }
  return args;
}

beforeAll(async () => {
  keys = generateDiscordKeys();
  mock = await startRestMock();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-discord-'));
  inner = await createDiscordTestDispatch();
  config = parseConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_HTTP_PORT: '0', LECTERN_DATA_DIR: tmp });
  server = await startServer('main');
  url = `http://127.0.0.1:${server.port}/interactions`;
});

afterAll(async () => {
  await server?.close();
  await mock?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('Discord HTTP endpoint: signatures', () => {
  it('GIVEN a signed PING THEN it answers PONG', async () => {
    const res = await send({ id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ type: 1 });
  });

  it('GIVEN a body changed after signing, a wrong key, missing headers or a stale timestamp THEN 401, and nothing is dispatched', async () => {
    const before = invocations.length;
    const payload = commandPayload('quote', { query: 'peppery dishes' });
    const wrongKey = generateKeyPairSync('ed25519').privateKey;
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const results = await Promise.all([
      postInteraction(url, keys, payload, { tamper: (b) => b.replace('peppery', 'salted') }),
      postInteraction(url, keys, payload, { key: wrongKey }),
      postInteraction(url, keys, payload, { omit: ['signature'] }),
      postInteraction(url, keys, payload, { omit: ['timestamp'] }),
      postInteraction(url, keys, payload, { omit: ['signature', 'timestamp'] }),
      postInteraction(url, keys, payload, { timestamp: stale }),
      postInteraction(url, keys, { type: 1 }, { tamper: () => 'not json at all' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    expect(invocations.length).toBe(before);
  });

  it('GIVEN another path or method THEN 404 or 405', async () => {
    expect((await fetch(`http://127.0.0.1:${server.port}/`, { method: 'POST' })).status).toBe(404);
    const get = await fetch(url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('GIVEN a signed body that is not an interaction THEN 400', async () => {
    const res = await postInteraction(url, keys, ['not', 'an', 'interaction']);
    expect(res.status).toBe(400);
  });
});

describe('Discord HTTP endpoint: commands', () => {
  it('GIVEN every command definition with realistic options THEN each is answered with a well-formed message that pings nobody', async () => {
    expect(inner.commands.length).toBeGreaterThan(0);
    for (const def of inner.commands) {
      const args = sampleArgs(def);
      const message = await answeredMessage(commandPayload(def.name, args));
      expectWellFormed(message);
      expect(lastInvocation().command).toBe(def.name);
      expect(lastInvocation().scope).toMatchObject({ platform: { id: 'discord' }, collection: GUILD_ID });
    }
  });

  it('GIVEN /quote THEN the options arrive as args, the scope names the guild and user, and the reply is inline (type 4) with buttons', async () => {
    const res = await send(commandPayload('quote', { query: 'peppery dishes', limit: 2 }));
    expect(res.status).toBe(200);
    expect(res.json.type).toBe(4);
    const message = messageData(res);
    expectWellFormed(message);
    expect(message.flags ?? 0).toBe(0);
    expect(lastInvocation()).toMatchObject({ command: 'quote', args: { query: 'peppery dishes', limit: 2 }, scope: { platform: { id: 'discord' }, collection: GUILD_ID, userId: expect.any(String) } });
    expect(findId(message, 'l1:cx:')).toBeDefined();
    expect(message.components.some((row) => row.components.some((c) => c.type === 3))).toBe(true);
  });

  it('GIVEN hide:true THEN the answer is ephemeral (flags 64)', async () => {
    const res = await send(commandPayload('quote', { query: 'peppery dishes', hide: true }));
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags).toBe(64);
    expect(res.json.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN corpus text with @everyone, user/role/channel mentions, URLs, a masked link and markdown THEN none of it pings, links in disguise or breaks the layout', async () => {
    const res = await send(commandPayload('quote', { query: SCENARIO.hostile }));
    const message = messageData(res);
    expectWellFormed(message);
    const text = embedText(message);
    for (const raw of ['@everyone', '<@123>', '<@&456>', '<#789>', '[click](']) expect(text).not.toContain(raw);
    expect(text).toContain('<https://evil.example/login>');
    expect(text).not.toMatch(/(?<!<)https:\/\//);
    expect(text).toContain('\\[click\\]');
    expect(text).toContain('\n\\# heading');
    expect(text).toContain('\n\\> quoted');
    expect(text).toContain('\\|\\|spoiler\\|\\|');
    // The source's own markup is kept as Discord markdown.
    expect(text).toContain('**bold**');
  });

  it('GIVEN an answer slower than 2 s THEN the response defers (type 5) and the answer is edited in through the webhook, without the bot token', async () => {
    const payload = commandPayload('quote', { query: SCENARIO.slow });
    const res = await send(payload);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ type: 5, data: {} });
    const edit = await mock.next(isEdit(payload.token));
    expect(edit.headers.authorization).toBeUndefined();
    expectWellFormed(edit.body as DiscordMessage);
    expect((edit.body as { flags?: number }).flags).toBeUndefined();
  });

  it('GIVEN a slow answer asked hidden THEN the deferral itself is ephemeral', async () => {
    const payload = commandPayload('quote', { query: SCENARIO.slow, hide: true });
    const res = await send(payload);
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });
    expectWellFormed((await mock.next(isEdit(payload.token))).body as DiscordMessage);
  });

  it('GIVEN a slow answer that turns out to be an error THEN the public deferral is deleted and the error follows up, hidden', async () => {
    const payload = commandPayload('quote', { query: SCENARIO.slowError });
    const res = await send(payload);
    expect(res.json).toEqual({ type: 5, data: {} });
    const deleted = await mock.next((r) => r.method === 'DELETE' && r.route === originalRoute(payload.token));
    expect(deleted.headers.authorization).toBeUndefined();
    const follow = await mock.next((r) => r.method === 'POST' && r.route === `/webhooks/${APP_ID}/${payload.token}`);
    expect((follow.body as DiscordMessage).flags).toBe(64);
    expectWellFormed(follow.body as DiscordMessage);
    expect(mock.requests.some(isEdit(payload.token))).toBe(false);
  });

  it('GIVEN a dispatch that throws THEN the asker gets a generic ephemeral apology, and the next interaction is answered normally', async () => {
    const res = await send(commandPayload('quote', { query: SCENARIO.explode }));
    expect(res.status).toBe(200);
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags).toBe(64);
    expect(embedText(messageData(res))).toContain(INTERNAL_ERROR_MESSAGE);
    expect(embedText(messageData(res))).not.toContain('boom');
    const after = await send(commandPayload('quote', { query: 'peppery dishes' }));
    expect(after.json.type).toBe(4);
  });

  it('GIVEN an unknown passage THEN the error reply is ephemeral and has no buttons', async () => {
    const res = await send(commandPayload('context', { passage: 'no-such-work.p1' }));
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags).toBe(64);
    expect(res.json.data.components).toEqual([]);
  });
});

describe('Discord HTTP endpoint: pages and components', () => {
  it('GIVEN a long answer THEN it is paged, and its asker pressing Next gets page 2 in place (type 7)', async () => {
    const res = await send(commandPayload('quote', { query: SCENARIO.long }));
    const first = messageData(res);
    expectWellFormed(first);
    expect(first.embeds[0]?.title).toMatch(/\(part 1 of \d+\)/);
    const next = findId(first, 'l1:pg:');
    expect(next).toBeDefined();
    expect(next!.length).toBeLessThanOrEqual(100);
    const paged = await send(buttonPayload(next!, messageOf(first)));
    expect(paged.json.type).toBe(7);
    const second = messageData(paged);
    expectWellFormed(second);
    expect(second.embeds[0]?.title).toMatch(/\(part 2 of \d+\)/);
    expect(second.flags).toBeUndefined();
    // Back again.
    const previous = customIds(second).find((id) => id.startsWith('l1:pg:') && id !== next);
    const back = await send(buttonPayload(previous!, messageOf(second)));
    expect(back.json.data.embeds[0].title).toMatch(/\(part 1 of \d+\)/);
  });

  it('GIVEN someone else pressing Next on a public answer THEN they get their own ephemeral copy of page 2', async () => {
    const first = messageData(await send(commandPayload('quote', { query: SCENARIO.long })));
    const res = await send(buttonPayload(findId(first, 'l1:pg:')!, messageOf(first), { userId: OTHER_USER_ID }));
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags).toBe(64);
    expect(res.json.data.embeds[0].title).toMatch(/\(part 2 of \d+\)/);
  });

  it('GIVEN a hidden answer THEN only the person who asked can page it', async () => {
    const first = messageData(await send(commandPayload('quote', { query: SCENARIO.long, hide: true })));
    expect(first.flags).toBe(64);
    const message = messageOf(first);
    const other = await send(buttonPayload(findId(first, 'l1:pg:')!, message, { userId: OTHER_USER_ID }));
    expect(other.json.type).toBe(4);
    expect(other.json.data.flags).toBe(64);
    expect(embedText(messageData(other))).toContain('Only the person who asked can page this answer.');
    const owner = await send(buttonPayload(findId(first, 'l1:pg:')!, message));
    expect(owner.json.type).toBe(7);
  });

  it('GIVEN More results pressed THEN the command runs again for the next page, in place for its asker and as a hidden copy for anyone else', async () => {
    const first = messageData(await send(commandPayload('quote', { query: SCENARIO.results })));
    const more = findId(first, 'l1:rs:')!;
    expect(more).toBeDefined();
    const res = await send(buttonPayload(more, messageOf(first)));
    expect(res.json.type).toBe(7);
    expect(lastInvocation()).toMatchObject({ command: 'quote', args: { query: SCENARIO.results, page: 2 } });
    expect(res.json.data.embeds[0].title).toContain('results page 2');
    const other = await send(buttonPayload(more, messageOf(first), { userId: OTHER_USER_ID }));
    expect(other.json.type).toBe(4);
    expect(other.json.data.flags).toBe(64);
    expect(lastInvocation()).toMatchObject({ args: { page: 2, hide: true }, scope: { userId: OTHER_USER_ID } });
  });

  it('GIVEN a tampered, an unknown-version or an expired custom id THEN a polite ephemeral message, and nothing is dispatched', async () => {
    const first = messageData(await send(commandPayload('quote', { query: SCENARIO.long })));
    const id = findId(first, 'l1:pg:')!;
    const before = invocations.length;
    const tampered = await send(buttonPayload(id.replace(/\.(\d+):/, (_m, n: string) => `.${Number(n) + 1}:`), messageOf(first)));
    expect(tampered.json.data.flags).toBe(64);
    expect(embedText(messageData(tampered))).toContain('could not be verified');
    const old = await send(buttonPayload(`l0:next:${id.split(':')[2]}`, messageOf(first)));
    expect(embedText(messageData(old))).toContain('no longer remembers');
    const expired = await send(buttonPayload(new CustomIdSigner('test-secret').sign('page', 'zzzzzzzz.1')!, messageOf(first)));
    expect(embedText(messageData(expired))).toContain('no longer remembers');
    expect(invocations.length).toBe(before);
  });

  it('GIVEN Context pressed THEN the context command runs for that passage and answers with a new message', async () => {
    const first = messageData(await send(commandPayload('quote', { query: 'peppery dishes' })));
    const id = findId(first, 'l1:cx:')!;
    const target = id.split(':')[2]!;
    const res = await send(buttonPayload(id, messageOf(first)));
    expect([4, 5]).toContain(res.json.type);
    expect(lastInvocation()).toMatchObject({ command: 'context', args: { passage: target } });
  });

  it('GIVEN a style chosen in the cite select THEN /cite runs for that passage in that style', async () => {
    const first = messageData(await send(commandPayload('quote', { query: 'peppery dishes' })));
    const select = first.components.flatMap((r) => r.components).find((c) => c.type === 3) as { custom_id: string; options: { value: string }[] };
    const mla = select.options.find((o) => o.value.endsWith('|mla'))!;
    const res = await send(selectPayload(select.custom_id, [mla.value], messageOf(first)));
    expect(res.json.type).toBe(4);
    expectWellFormed(messageData(res));
    expect(lastInvocation()).toMatchObject({ command: 'cite', args: { passage: mla.value.split('|')[0], style: 'mla' } });
  });

  it('GIVEN a cite select value that is not a known style THEN nothing is dispatched', async () => {
    const first = messageData(await send(commandPayload('quote', { query: 'peppery dishes' })));
    const select = first.components.flatMap((r) => r.components).find((c) => c.type === 3) as { custom_id: string };
    const before = invocations.length;
    const res = await send(selectPayload(select.custom_id, [`${PASSAGE}|<@123>`], messageOf(first)));
    expect(res.json.data.flags).toBe(64);
    expect(invocations.length).toBe(before);
  });
});

describe('Discord HTTP endpoint: discussion threads', () => {
  it('GIVEN Discuss pressed THEN a public thread is opened on the reply, its first message holds the passage and citation, and inside it commands default to the work and Ibid. has a last citation', async () => {
    const first = messageData(await send(commandPayload('quote', { query: 'peppery dishes' })));
    const id = findId(first, 'l1:ds:')!;
    const message = messageOf(first);
    const press = buttonPayload(id, message);
    const res = await send(press);
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });

    const thread = await mock.next((r) => r.method === 'POST' && r.route === `/channels/${CHANNEL_ID}/messages/${message.id}/threads`);
    expect(thread.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
    const name = (thread.body as { name: string }).name;
    expect(name.length).toBeGreaterThan(0);
    expect(name.length).toBeLessThanOrEqual(100);
    expect(lastInvocation()).toMatchObject({ command: 'context', args: { passage: id.split(':')[2], before: 0, after: 0 } });

    const starter = await mock.next((r) => r.method === 'POST' && r.route === `/channels/${THREAD_ID}/messages`);
    expect(starter.headers.authorization).toBe(`Bot ${BOT_TOKEN}`);
    const starterBody = starter.body as DiscordMessage;
    expectWellFormed(starterBody);
    expect(starterBody.embeds[0]?.fields?.length).toBeGreaterThan(0);
    expect(findId(starterBody, 'l1:ds:')).toBeUndefined();

    const done = await mock.next(isEdit(press.token));
    expect(embedText(done.body as DiscordMessage)).toContain(`<#${THREAD_ID}>`);
    // Passage ids start with their work's id.
    const workId = id.split(':')[2]!.split('.')[0];
    const saved = JSON.parse(await readFile(path.join(inner.settingsDir, CONVERSATIONS_FILE), 'utf8'));
    expect(saved.threads[conversationKey({ platform: 'discord', scope: GUILD_ID, thread: THREAD_ID })]).toMatchObject({ platform: 'discord', scope: GUILD_ID, thread: THREAD_ID, workId, lastCitation: { workId } });

    const inThread = { channelId: THREAD_ID, channelType: 11 };
    await answeredMessage(commandPayload('source', { text: 'Ibid.' }, inThread));
    expect(lastInvocation().scope.thread).toMatchObject({ workId, lastCitation: { workId, text: expect.any(String) } });
    await answeredMessage(commandPayload('quote', { query: 'peppery dishes' }, inThread));
    expect(lastInvocation().scope.thread?.workId).toBe(workId);
  });

  it('GIVEN Discuss pressed on a message that already has a thread THEN the asker is told so', async () => {
    const first = messageData(await send(commandPayload('quote', { query: 'peppery dishes' })));
    const message = messageOf(first);
    mock.failNext((r) => r.route === `/channels/${CHANNEL_ID}/messages/${message.id}/threads`, 400, { code: 160004, message: 'A thread has already been created for this message' });
    const press = buttonPayload(findId(first, 'l1:ds:')!, message);
    await send(press);
    const edit = await mock.next(isEdit(press.token));
    expect(embedText(edit.body as DiscordMessage)).toContain('already has a discussion thread');
  });

  it('GIVEN Discuss pressed inside a thread or on a hidden answer THEN it explains instead of failing', async () => {
    const first = messageData(await send(commandPayload('quote', { query: 'peppery dishes' })));
    const id = findId(first, 'l1:ds:')!;
    const inThread = await send(buttonPayload(id, messageOf(first, undefined, THREAD_ID), { channelId: THREAD_ID, channelType: 11 }));
    expect(embedText(messageData(inThread))).toContain('already a thread');
    const hidden = await send(buttonPayload(id, messageOf({ ...first, flags: 64 })));
    expect(embedText(messageData(hidden))).toContain('only you can see');
  });
});

describe('Discord HTTP endpoint: autocomplete', () => {
  it('GIVEN an option with autocomplete THEN type 8 with at most 25 choices, names and values within 100 characters', async () => {
    const res = await send(autocompletePayload('quote', 'work', ''));
    expect(res.json.type).toBe(8);
    const choices = res.json.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(String(c.value).length).toBeLessThanOrEqual(100);
    }
  });

  it('GIVEN an autocomplete that fails THEN an empty list, never an error', async () => {
    const res = await send(autocompletePayload('quote', 'query', 'explode'));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ type: 8, data: { choices: [] } });
  });

  it('GIVEN an option without autocomplete or an unknown command THEN an empty list', async () => {
    expect((await send(autocompletePayload('quote', 'lang', 'e'))).json).toEqual({ type: 8, data: { choices: [] } });
    expect((await send(autocompletePayload('no-such-command', 'x', 'e'))).json).toEqual({ type: 8, data: { choices: [] } });
  });
});

describe('Discord HTTP endpoint: /settings', () => {
  const member = { guildId: SETTINGS_GUILD };
  const manager = { guildId: SETTINGS_GUILD, permissions: MANAGER_PERMISSIONS };

  it('GIVEN a member without Manage Server changing settings THEN refused, ephemerally, and nothing is stored', async () => {
    const res = await send(commandPayload('settings', { style: 'mla' }, member));
    expect(res.json.data.flags).toBe(64);
    expect(embedText(messageData(res))).toContain('Manage Server');
    await send(commandPayload('quote', { query: 'peppery dishes' }, member));
    expect(lastInvocation().scope.defaults.style).toBe(config.LECTERN_DEFAULT_STYLE);
  });

  it('GIVEN settings asked in a DM THEN they are said to belong to a server', async () => {
    const res = await send(commandPayload('settings', { style: 'mla' }, { guildId: null }));
    expect(embedText(messageData(res))).toContain('belong to a server');
  });

  it('GIVEN a manager setting style, visibility and layout THEN they are stored atomically, apply to later commands, and survive a restart', async () => {
    const res = await send(commandPayload('settings', { style: 'mla', visibility: 'hidden', layout: 'side-by-side' }, manager));
    expect(res.json.data.flags).toBe(64);
    expect(embedText(messageData(res))).toContain('Settings saved');

    const quote = await send(commandPayload('quote', { query: 'peppery dishes' }, member));
    expect(lastInvocation().scope.defaults).toEqual({ style: 'mla', visibility: 'hidden', layout: 'side-by-side' });
    expect(quote.json.data.flags).toBe(64);

    const sideBySide = await answeredMessage(commandPayload('translate', { query: 'консул Латвии' }, member));
    const inline = sideBySide.embeds.flatMap((e) => e.fields ?? []).filter((f) => f.inline !== undefined);
    expect(inline.length).toBeGreaterThanOrEqual(2);
    expect(inline.every((f) => f.inline === true)).toBe(true);

    await send(commandPayload('settings', { layout: 'stacked', visibility: 'public' }, manager));
    const stacked = await answeredMessage(commandPayload('translate', { query: 'консул Латвии' }, member));
    expect(stacked.embeds.flatMap((e) => e.fields ?? []).filter((f) => f.inline === true)).toEqual([]);

    const reloaded = await SettingsStore.load(inner.settingsDir, log);
    expect(reloaded.get(SETTINGS_GUILD)).toEqual({ style: 'mla', visibility: 'public', layout: 'stacked' });
  });

  it('GIVEN /settings with no options THEN anyone sees the current settings', async () => {
    const res = await send(commandPayload('settings', {}, member));
    expect(res.json.data.flags).toBe(64);
    expect(embedText(messageData(res))).toContain('mla');
  });
});

describe('Discord HTTP endpoint: /library with a file', () => {
  const LIBRARY_GUILD = '1200000000000000077';
  const manager = { guildId: LIBRARY_GUILD, permissions: MANAGER_PERMISSIONS };
  const member = { guildId: LIBRARY_GUILD };
  const downloads = () => mock.requests.filter((r) => r.route.startsWith('/attachments/')).length;

  it('GIVEN a member without Manage Server, or a file over the size limit THEN refused before anything is downloaded', async () => {
    const sample = sampleMarkdown();
    const url = mock.host(sample.name, sample.bytes, sample.contentType);
    const before = downloads();
    const refused = await answeredMessage(withAttachment(commandPayload('library', { action: 'add' }, member), 'file', { name: sample.name, size: sample.bytes.length, url }));
    expect(refused.flags).toBe(64);
    expect(lastInvocation().scope.canManage).toBe(false);
    const huge = await answeredMessage(withAttachment(commandPayload('library', { action: 'add' }, manager), 'file', { name: 'huge.pdf', size: 500 * 1024 * 1024, url }));
    expect(huge.flags).toBe(64);
    expect(downloads()).toBe(before);
  });

  it("GIVEN a member with Manage Server attaching a Markdown file THEN a form asks for title, author and year, and on submit the file is downloaded, added to this server's library only, and listed", async () => {
    const sample = sampleMarkdown();
    const url = mock.host(sample.name, sample.bytes, sample.contentType);
    const before = downloads();
    const modal = await send(withAttachment(commandPayload('library', { action: 'add' }, manager), 'file', { name: sample.name, size: sample.bytes.length, url, contentType: 'text/markdown' }));
    expect(modal.json.type).toBe(9);
    const inputs = modal.json.data.components.map((row: { components: { custom_id: string; max_length: number }[] }) => row.components[0]!);
    expect(inputs.map((c: { custom_id: string }) => c.custom_id)).toEqual(['title', 'author', 'year']);
    expect(modal.json.data.title.length).toBeLessThanOrEqual(45);
    expect(downloads()).toBe(before);
    // Someone else cannot submit the form; a forged form id is refused.
    const stranger = await send(modalSubmitPayload(modal.json.data.custom_id, { title: 'X' }, { ...manager, userId: '1000000000000000999' }));
    expect(stranger.json.data.flags).toBe(64);
    const forged = await send(modalSubmitPayload(`${modal.json.data.custom_id.slice(0, -2)}xx`, { title: 'X' }, manager));
    expect(forged.json.data.flags).toBe(64);
    // The title field left empty: the file's own title is kept.
    const added = await answeredMessage(modalSubmitPayload(modal.json.data.custom_id, { title: '', author: 'Reading Circle', year: '2024' }, manager) as never);
    expectWellFormed(added);
    expect(lastInvocation()).toMatchObject({ command: 'library', args: { action: 'add', author: 'Reading Circle', year: '2024', attachment: { name: sample.name, size: sample.bytes.length, contentType: 'text/markdown' } }, scope: { collection: LIBRARY_GUILD, canManage: true } });
    expect(lastInvocation().args.file).toBeUndefined();
    expect(added.embeds[0]?.title).toContain('Notes on the Reading Circle');
    expect(mock.requests.some((r) => r.method === 'GET' && url.endsWith(r.route))).toBe(true);
    const listed = await answeredMessage(commandPayload('library', {}, member));
    expect(embedText(listed)).toContain('Notes on the Reading Circle');
    const elsewhere = await answeredMessage(commandPayload('library', {}));
    expect(embedText(elsewhere)).not.toContain('Notes on the Reading Circle');
  });
});

describe('Discord HTTP endpoint: rate limit', () => {
  it('GIVEN more commands in a minute than RATE_LIMIT_PER_MINUTE THEN the excess is answered politely and ephemerally, autocomplete is not counted', async () => {
    const limited = await startServer('limited', { RATE_LIMIT_PER_MINUTE: '2' });
    try {
      const at = `http://127.0.0.1:${limited.port}/interactions`;
      const post = (p: unknown) => postInteraction(at, keys, p);
      expect((await post(commandPayload('works', {}))).json.type).toBe(4);
      expect((await post(autocompletePayload('quote', 'work', ''))).json.type).toBe(8);
      expect((await post(commandPayload('works', {}))).json.type).toBe(4);
      const before = invocations.length;
      const refused = await post(commandPayload('works', {}));
      expect(refused.json.data.flags).toBe(64);
      expect(embedText(messageData(refused))).toContain('Please slow down');
      expect(invocations.length).toBe(before);
      // Another member is not affected.
      expect((await post(commandPayload('works', {}, { userId: OTHER_USER_ID }))).json.data.embeds[0].title).not.toContain('slow down');
    } finally {
      await limited.close();
    }
  });
});

describe('startDiscord', () => {
  it('GIVEN only DISCORD_PUBLIC_KEY and DISCORD_HTTP_PORT=0 THEN it serves HTTP interactions on a free port and stops cleanly', async () => {
    const cfg = parseConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_HTTP_PORT: '0', LECTERN_DATA_DIR: tmp });
    const running = await startDiscord({ config: cfg, log, dispatch, autocomplete, commands: inner.commands, conversations: inner.conversations, stateDir: stateDir('started') });
    try {
      expect(running.httpPort).toBeGreaterThan(0);
      const at = `http://127.0.0.1:${running.httpPort}/interactions`;
      expect((await postInteraction(at, keys, { id: '1', application_id: APP_ID, type: 1, token: 't', version: 1 })).json).toEqual({ type: 1 });
      const res = await postInteraction(at, keys, commandPayload('quote', { query: 'peppery dishes' }));
      expect(res.json.type).toBe(4);
      // No bot token: Discuss explains rather than failing.
      const first = messageData(res);
      const discuss = await postInteraction(at, keys, buttonPayload(findId(first, 'l1:ds:')!, messageOf(first)));
      expect(embedText(messageData(discuss))).toContain('without a bot user');
    } finally {
      await running.stop();
    }
  });

  it('GIVEN an HTTP-only bot (no token, no DISCORD_BUTTON_SECRET) restarted THEN a button posted before the restart still works, by a key kept owner-only', async () => {
    const cfg = parseConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_HTTP_PORT: '0', LECTERN_DATA_DIR: tmp });
    const dir = stateDir('kept-key');
    const start = () => startDiscord({ config: cfg, log, dispatch, autocomplete, commands: inner.commands, conversations: inner.conversations, stateDir: dir });
    const press = async (running: Awaited<ReturnType<typeof start>>, first: DiscordMessage) =>
      await postInteraction(`http://127.0.0.1:${running.httpPort}/interactions`, keys, buttonPayload(findId(first, 'l1:cx:')!, messageOf(first)));
    const before = await start();
    let first: DiscordMessage;
    try {
      first = messageData(await postInteraction(`http://127.0.0.1:${before.httpPort}/interactions`, keys, commandPayload('quote', { query: 'peppery dishes', limit: 1 })));
    } finally {
      await before.stop();
    }
    const kept = path.join(dir, BUTTON_KEY_FILE);
    expect((await stat(kept)).mode & 0o777).toBe(0o600);
    // Context carries its passage in the button id, so after a restart only the key decides.
    const after = await start();
    try {
      const context = await press(after, first);
      expect(JSON.stringify(context.json)).not.toMatch(/"title":"(Expired|Not verified)"/);
      expect(embedText(messageData(context))).toContain('peppery');
    } finally {
      await after.stop();
    }
    // A kept key that does not parse is set aside and replaced: the old buttons stop working, nothing crashes.
    await writeFile(kept, 'not json');
    const replaced = await start();
    try {
      expect(JSON.stringify((await press(replaced, first)).json)).toContain('"title":"Not verified"');
      expect(JSON.parse(await readFile(kept, 'utf8'))).toMatchObject({ format: 1, key: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect((await readdir(dir)).some((n) => n.startsWith(`${BUTTON_KEY_FILE}.unreadable-`))).toBe(true);
    } finally {
      await replaced.stop();
    }
  });
});
