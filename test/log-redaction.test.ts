/**
 * No secret in any log line at any level: every failure path that logs an error is driven for real
 * (signed interactions against the HTTP endpoint, @discordjs/rest against a local stand-in for
 * Discord's API that fails on cue, matrix-js-sdk against a local homeserver stand-in that refuses)
 * with the production logger at trace level, and the captured lines are searched for the secrets.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredSecrets, parseConfig } from '../src/config.ts';
import { createLogger, REDACTED } from '../src/logger.ts';
import { createInteractionHandler, createInteractionServer, type InteractionServer } from '../src/platforms/discord/index.ts';
import { createRest, interactionCallback } from '../src/platforms/discord/rest.ts';
import { connect, sendMessage } from '../src/platforms/matrix/client.ts';
import { MatrixState } from '../src/platforms/matrix/state.ts';
import { APP_ID, commandPayload, generateDiscordKeys, postInteraction, type KeyPair } from './helpers/discord-client.ts';
import { startRestMock, type RestMock } from './helpers/discord-rest-mock.ts';
import { createDiscordTestDispatch } from './helpers/discord-dispatch.ts';
import { SCENARIO } from './helpers/discord-scenarios.ts';

const BOT_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GhIjKl.bot-token-secret-value';
const MATRIX_TOKEN = 'syt_bGVjdGVybg_matrix_access_token_secret';
const MATRIX_PASSWORD = 'correct horse battery staple';

const lines: string[] = [];
const destination = { write: (s: string) => void lines.push(s) };
const output = () => lines.join('');

let tmp: string;
let mock: RestMock;
let keys: KeyPair;
let server: InteractionServer;
let url: string;
let idle: () => Promise<void>;
const interactionTokens: string[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-redact-'));
  mock = await startRestMock();
  keys = generateDiscordKeys();
  const config = parseConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_HTTP_PORT: '0', DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: mock.api, LECTERN_DATA_DIR: tmp, RATE_LIMIT_PER_MINUTE: '1000' });
  const log = createLogger({ level: 'trace', secrets: configuredSecrets(config), destination });
  const fake = await createDiscordTestDispatch();
  const handler = createInteractionHandler({
    config,
    log,
    dispatch: fake.dispatch,
    autocomplete: fake.autocomplete,
    commands: fake.commands,
    conversations: fake.conversations,
    settings: fake.settings,
    rest: createRest(config),
    secret: 'test-secret',
  });
  idle = handler.idle;
  server = await createInteractionServer({ publicKey: keys.publicKeyHex, port: 0, handle: handler.handle, log });
  url = `http://127.0.0.1:${server.port}/interactions`;
});

afterAll(async () => {
  await server?.close();
  await mock?.close();
  await rm(tmp, { recursive: true, force: true });
});

function expectNoSecrets(): void {
  const text = output();
  for (const secret of [BOT_TOKEN, MATRIX_TOKEN, MATRIX_PASSWORD, ...interactionTokens]) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/\/webhooks\/\d+\/(?!\[REDACTED\])/);
  expect(text).not.toMatch(/\/interactions\/\d+\/(?!\[REDACTED\])/);
}

describe('Logs: no secret at any level', () => {
  it('GIVEN a deferred edit and its apology both failing (the token expired) THEN the errors are logged without the webhook token or the message body', async () => {
    const payload = commandPayload('quote', { query: SCENARIO.slow });
    interactionTokens.push(payload.token);
    const webhook = (r: { route: string }) => r.route.startsWith(`/webhooks/${APP_ID}/${payload.token}`);
    mock.failNext(webhook, 404, { code: 10015, message: 'Unknown Webhook' });
    mock.failNext(webhook, 404, { code: 10015, message: 'Unknown Webhook' });
    const res = await postInteraction(url, keys, payload);
    expect(res.json.type).toBe(5);
    await idle();
    const text = output();
    expect(text).toContain('interaction failed');
    expect(text).toContain('could not even send the apology');
    expect(text).toContain('Unknown Webhook');
    expect(text).not.toContain('peppery');
    expectNoSecrets();
  });

  it('GIVEN a command whose dispatch throws THEN the failure is logged and no token of the interaction appears', async () => {
    const payload = commandPayload('quote', { query: SCENARIO.explode });
    interactionTokens.push(payload.token);
    await postInteraction(url, keys, payload);
    await idle();
    expect(output()).toContain('boom from the test dispatch');
    expectNoSecrets();
  });

  it('GIVEN an interaction callback refused by Discord (the gateway path) THEN the logged DiscordAPIError has no url and no request body', async () => {
    const log = createLogger({ level: 'trace', secrets: [BOT_TOKEN], destination });
    const token = 'aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMDpzZWNyZXQ';
    interactionTokens.push(token);
    mock.failNext((r) => r.route.startsWith('/interactions/'), 400, { code: 40060, message: 'Interaction has already been acknowledged.' });
    const rest = createRest({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: mock.api });
    const err = await interactionCallback(rest, '1300000000000000077', token, { type: 4, data: { content: 'secret reply text' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(JSON.stringify(err)).toContain(token); // the error itself carries it: the logger must drop it
    log.error({ err, interaction: { id: '1', token } }, 'gateway interaction left unanswered');
    const text = output();
    expect(text).toContain('already been acknowledged');
    expect(text).not.toContain('secret reply text');
    expectNoSecrets();
  });

  it('GIVEN secrets in fields, headers and free text THEN every one is masked', () => {
    const log = createLogger({ level: 'trace', secrets: [BOT_TOKEN, MATRIX_TOKEN, MATRIX_PASSWORD], destination }).child({ request: 'r1' });
    log.trace({ token: MATRIX_TOKEN, headers: { authorization: `Bearer ${MATRIX_TOKEN}` } }, 'request');
    log.debug({ req: { headers: { authorization: `Bot ${BOT_TOKEN}` } } }, 'rest');
    log.info(`GET https://matrix.example/_matrix/client/v3/sync?access_token=${MATRIX_TOKEN}&since=s1`);
    log.warn(`POST /api/v10/webhooks/${APP_ID}/${interactionTokens[0]}/messages/@original failed`);
    log.error({ err: new Error(`login refused for password ${MATRIX_PASSWORD}`) }, 'login');
    expect(output()).toContain(REDACTED);
    expectNoSecrets();
  });
});

describe('Logs: the Matrix recovery key', () => {
  it('GIVEN MATRIX_RECOVERY_KEY in the config and a message that carries it THEN the line is masked', () => {
    const key = 'EsTc 1234 abcd EFGH 5678 ijkl MNOP 9012 qrst UVWX yz34 abcd';
    const config = parseConfig({ MATRIX_HOMESERVER_URL: 'http://127.0.0.1:1', MATRIX_ACCESS_TOKEN: 'syt_test_token_value', MATRIX_RECOVERY_KEY: key });
    expect(configuredSecrets(config)).toContain(key);
    const out: string[] = [];
    const log = createLogger({ level: 'trace', secrets: configuredSecrets(config), destination: { write: (l: string) => void out.push(l) } });
    log.error({ err: new Error(`could not restore with ${key}`) }, 'cross-signing failed');
    expect(out.join('')).toContain('cross-signing failed');
    expect(out.join('')).not.toContain(key);
  });
});

describe('Logs: Matrix failures', () => {
  let homeserver: Server;
  let base: string;
  beforeAll(async () => {
    // Refuses logins, answers whoami, and fails sends with an error that echoes what it was sent.
    homeserver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (req.url?.includes('/login')) return json(403, { errcode: 'M_FORBIDDEN', error: `Invalid password for request ${body}` });
        if (req.url?.includes('/whoami')) return json(200, { user_id: '@lectern:example.org', device_id: 'DEV' });
        if (req.url?.includes('/profile/')) return json(404, { errcode: 'M_NOT_FOUND', error: 'no profile' });
        return json(500, { errcode: 'M_UNKNOWN', error: `internal error handling ${req.headers.authorization}` });
      });
    });
    await new Promise<void>((resolve) => homeserver.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(homeserver.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => homeserver.close(() => resolve())));

  it('GIVEN a refused password login and failing sends THEN neither the password nor the access token is logged', async () => {
    const loginConfig = parseConfig({ MATRIX_HOMESERVER_URL: base, MATRIX_USER_ID: '@lectern:example.org', MATRIX_PASSWORD, LECTERN_DATA_DIR: tmp });
    const log = createLogger({ level: 'trace', secrets: configuredSecrets(loginConfig), destination });
    const state = await MatrixState.load(tmp, log);
    const refused = await connect(loginConfig, state, log).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    log.error({ err: refused }, 'Matrix could not start');

    const tokenConfig = parseConfig({ MATRIX_HOMESERVER_URL: base, MATRIX_ACCESS_TOKEN: MATRIX_TOKEN, LECTERN_DATA_DIR: tmp });
    const tokenLog = createLogger({ level: 'trace', secrets: configuredSecrets(tokenConfig), destination });
    const conn = await connect(tokenConfig, state, tokenLog);
    const failed = await sendMessage(conn, '!room:example.org', { msgtype: 'm.notice', body: 'hello' }, 'k1', tokenLog).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    tokenLog.error({ err: failed }, 'answering an event failed');
    const text = output();
    expect(text).toContain('M_FORBIDDEN');
    expect(text).toContain('sending failed; retrying');
    expectNoSecrets();
  }, 30_000);
});
