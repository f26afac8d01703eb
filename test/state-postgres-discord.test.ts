/**
 * Issue 17 at the Discord door: two HTTP-interactions endpoints, each on its own Lectern app, share
 * one PostgreSQL database (as several stateless processes behind one port do). A button pressed on
 * one's answer is served by the other; a guild setting made through one decides how the other
 * answers its next command (hidden answers are decided before dispatch).
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitions } from '../commands/index.ts';
import { parseConfig } from '../src/config.ts';
import { createAutocomplete } from '../src/dispatch/autocomplete.ts';
import { createInteractionHandler, createInteractionServer, type DiscordMessage, type InteractionServer } from '../src/platforms/discord/index.ts';
import { createRest } from '../src/platforms/discord/rest.ts';
import { buttonPayload, commandPayload, generateDiscordKeys, MANAGER_PERMISSIONS, messageOf, postInteraction, type KeyPair, type Posted } from './helpers/discord-client.ts';
import { startRestMock, type RestMock } from './helpers/discord-rest-mock.ts';
import { SCENARIO, withDiscordScenarios } from './helpers/discord-scenarios.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { appOnDatabase, closeAll, type DatabaseApp } from './helpers/postgres-app.ts';
import type { KeyedRows } from '../src/state-backend.ts';

const log = pino({ level: 'silent' });
let pg: TestPostgres;
let keys: KeyPair;
let mock: RestMock;
const servers: InteractionServer[] = [];
let urls: string[] = [];

/** Rows whose writes take `ms` to land, as on a loaded database. */
function slowWrites(rows: KeyedRows, ms: number): KeyedRows {
  return { all: () => rows.all(), get: (k) => rows.get(k), delete: (k) => rows.delete(k), prune: (t) => rows.prune?.(t) ?? Promise.resolve(), put: async (k, v) => (await new Promise((r) => setTimeout(r, ms)), await rows.put(k, v)) };
}

/** One endpoint: its own app on the shared database, no bot token (HTTP only), the same signing secret as its siblings. */
async function endpoint(app: DatabaseApp, opts: { writeDelayMs?: number } = {}): Promise<string> {
  const config = parseConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_HTTP_PORT: '0', DISCORD_API_URL: mock.api, LECTERN_DATA_DIR: app.app.config.dataDir, RATE_LIMIT_PER_MINUTE: '1000' });
  const handler = createInteractionHandler({
    config,
    log,
    dispatch: withDiscordScenarios(app.dispatch),
    autocomplete: createAutocomplete(app.app),
    commands: definitions(),
    conversations: app.app.conversations,
    settings: app.app.settings,
    rest: createRest(config),
    secret: 'shared-secret',
    rows: (door, kind) => (opts.writeDelayMs ? slowWrites(app.app.state.rows!(door, kind), opts.writeDelayMs) : app.app.state.rows!(door, kind)),
  });
  const server = await createInteractionServer({ publicKey: keys.publicKeyHex, port: 0, handle: handler.handle, log });
  servers.push(server);
  return `http://127.0.0.1:${server.port}/interactions`;
}

beforeAll(async () => {
  keys = generateDiscordKeys();
  [pg, mock] = await Promise.all([startPostgres(), startRestMock()]);
  const url = await pg.newDatabase();
  urls = [await endpoint(await appOnDatabase(url)), await endpoint(await appOnDatabase(url)), await endpoint(await appOnDatabase(url), { writeDelayMs: 300 })];
}, 120_000);
afterAll(async () => {
  for (const s of servers) await s.close();
  await closeAll();
  await mock?.close();
  await pg?.stop();
});

function messageData(res: Posted): DiscordMessage {
  const data = res.json?.data ?? {};
  return { embeds: data.embeds ?? [], components: data.components ?? [], allowed_mentions: data.allowed_mentions, ...(data.flags !== undefined ? { flags: data.flags } : {}) };
}
const customIds = (m: DiscordMessage) => m.components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')));

describe('GIVEN two HTTP-interactions endpoints (two Lectern apps) on one database', () => {
  it("THEN Next pressed on one endpoint's long answer is answered by the other with page 2, in place", async () => {
    const first = messageData(await postInteraction(urls[0]!, keys, commandPayload('quote', { query: SCENARIO.long })));
    expect(first.embeds[0]?.title).toMatch(/\(part 1 of \d+\)/);
    const next = customIds(first).find((id) => id.startsWith('l1:pg:'));
    expect(next).toBeDefined();
    const paged = await postInteraction(urls[1]!, keys, buttonPayload(next!, messageOf(first)));
    expect(paged.json.type).toBe(7);
    expect(messageData(paged).embeds[0]?.title).toMatch(/\(part 2 of \d+\)/);
  }, 60_000);

  it('THEN a button pressed the moment an answer arrives is served by the other endpoint, though the answering one writes slowly', async () => {
    // The answer goes out only once its buttons' entry is stored (up to 500 ms), so the other process finds it.
    const first = messageData(await postInteraction(urls[2]!, keys, commandPayload('quote', { query: SCENARIO.long })));
    const next = customIds(first).find((id) => id.startsWith('l1:pg:'));
    const paged = await postInteraction(urls[1]!, keys, buttonPayload(next!, messageOf(first)));
    expect(JSON.stringify(paged.json)).not.toContain('"title":"Expired"');
    expect(messageData(paged).embeds[0]?.title).toMatch(/\(part 2 of \d+\)/);
  }, 60_000);

  it("THEN answers become hidden on the other endpoint as soon as an organiser sets it through one", async () => {
    const manager = { permissions: MANAGER_PERMISSIONS };
    const before = await postInteraction(urls[1]!, keys, commandPayload('quote', { query: 'peppery dishes', limit: 1 }));
    expect(messageData(before).flags ?? 0).toBe(0);
    const set = await postInteraction(urls[0]!, keys, commandPayload('settings', { visibility: 'hidden' }, manager));
    expect(set.status).toBe(200);
    const after = await postInteraction(urls[1]!, keys, commandPayload('quote', { query: 'peppery dishes', limit: 1 }));
    // 64: ephemeral, only the asker sees it.
    expect(messageData(after).flags).toBe(64);
  }, 60_000);
});
