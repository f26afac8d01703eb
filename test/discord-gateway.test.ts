/**
 * The gateway transport end to end, with no Discord: discord.js logs in against a local gateway
 * stand-in (found through GET /gateway/bot on the REST stand-in), receives INTERACTION_CREATE
 * dispatches, and Lectern answers each through the interaction callback route, handled by the
 * same handler as HTTP.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';
import { startDiscord, type DiscordMessage } from '../src/platforms/discord/index.ts';
import { messageViolations } from '../src/platforms/discord/pages.ts';
import { autocompletePayload, commandPayload } from './helpers/discord-client.ts';
import { createDiscordTestDispatch } from './helpers/discord-dispatch.ts';
import { startGatewayMock, type GatewayMock } from './helpers/discord-gateway-mock.ts';
import { setGatewayUrl, startRestMock, type RestMock } from './helpers/discord-rest-mock.ts';
import { SCENARIO } from './helpers/discord-scenarios.ts';

const TOKEN = 'gateway-test-token';
const log = pino({ level: process.env.LECTERN_TEST_LOG ?? 'silent' });
let rest: RestMock;
let gateway: GatewayMock;
let tmp: string;
let running: Awaited<ReturnType<typeof startDiscord>> | undefined;

const callback = (i: { id: string; token: string }) => rest.next((r) => r.method === 'POST' && r.route === `/interactions/${i.id}/${i.token}/callback`);

beforeAll(async () => {
  rest = await startRestMock();
  gateway = await startGatewayMock();
  setGatewayUrl(gateway.url);
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-discord-gw-'));
  const config = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: rest.api, LECTERN_DATA_DIR: tmp });
  const { dispatch, autocomplete, commands, conversations } = await createDiscordTestDispatch();
  running = await startDiscord({ config, log, dispatch, autocomplete, commands, conversations, stateDir: path.join(tmp, 'state') });
});

afterAll(async () => {
  await running?.stop();
  setGatewayUrl(undefined);
  await gateway?.close();
  await rest?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('Discord gateway', () => {
  it('GIVEN a bot token THEN it identifies with the Guilds intent only (no message content) and serves no HTTP', async () => {
    const identify = await gateway.identified;
    expect(identify.token).toBe(TOKEN);
    expect(identify.intents).toBe(1);
    expect(running?.httpPort).toBeUndefined();
  });

  it('GIVEN INTERACTION_CREATE for a command THEN the answer is POSTed to the interaction callback, without the bot token, and pings nobody', async () => {
    const interaction = commandPayload('quote', { query: SCENARIO.hostile });
    gateway.dispatch('INTERACTION_CREATE', interaction);
    const sent = await callback(interaction);
    expect(sent.headers.authorization).toBeUndefined();
    const body = sent.body as { type: number; data: DiscordMessage };
    expect(body.type).toBe(4);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(messageViolations(body.data)).toEqual([]);
    expect(JSON.stringify(body.data)).not.toContain('@everyone');
  });

  it('GIVEN INTERACTION_CREATE for autocomplete THEN choices are POSTed to the callback (type 8)', async () => {
    const interaction = autocompletePayload('quote', 'work', '');
    gateway.dispatch('INTERACTION_CREATE', interaction);
    const body = (await callback(interaction)).body as { type: number; data: { choices: unknown[] } };
    expect(body.type).toBe(8);
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
  });

  it('GIVEN a slow command over the gateway THEN a deferral is POSTed, then the original response is edited', async () => {
    const interaction = commandPayload('quote', { query: SCENARIO.slow });
    gateway.dispatch('INTERACTION_CREATE', interaction);
    expect(((await callback(interaction)).body as { type: number }).type).toBe(5);
    const edit = await rest.next((r) => r.method === 'PATCH' && r.route === `/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`);
    expect((edit.body as DiscordMessage).allowed_mentions).toEqual({ parse: [] });
  });
});
