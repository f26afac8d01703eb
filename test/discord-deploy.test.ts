/**
 * Registering commands: exactly the registry's commands in one bulk PUT, through
 * @discordjs/rest to a local stand-in for Discord's API. The script itself runs as `npm run
 * deploy-commands` would run it, as a child process.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REST } from '@discordjs/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitions } from '../commands/index.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { deployCommands } from '../src/platforms/discord/deploy.ts';
import { APP_ID, GUILD_ID } from './helpers/discord-client.ts';
import { BOT_APPLICATION_ID, startRestMock, type RestMock } from './helpers/discord-rest-mock.ts';

const run = promisify(execFile);
const SCRIPT = path.join(PROJECT_ROOT, 'src', 'platforms', 'discord', 'deploy.ts');
const TOKEN = 'deploy-test-token';

let mock: RestMock;

beforeAll(async () => {
  mock = await startRestMock();
});

afterAll(async () => {
  await mock?.close();
});

const registryNames = () => definitions().map((d) => d.name);

async function deployScript(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT, ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', LECTERN_DATA_DIR: path.join(PROJECT_ROOT, 'data'), ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('deploy-commands', () => {
  it("GIVEN a guild THEN one PUT to the guild commands route carries exactly the registry's commands (/settings for Manage Server, in servers only), with the bot token", async () => {
    const rest = new REST({ version: '10', api: mock.api }).setToken(TOKEN);
    const from = mock.requests.length;
    const body = await deployCommands({ rest, applicationId: APP_ID, guildId: GUILD_ID, definitions: definitions() });
    const sent = mock.requests.slice(from);
    expect(sent).toHaveLength(1);
    const [put] = sent;
    expect(put?.method).toBe('PUT');
    expect(put?.route).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put?.body).toEqual(body);
    expect((put?.body as { name: string }[]).map((c) => c.name)).toEqual(registryNames());
    const settings = (put?.body as { name: string; default_member_permissions?: string; contexts?: number[] }[]).find((c) => c.name === 'settings');
    expect(settings?.default_member_permissions).toBe('32');
    expect(settings?.contexts).toEqual([0]);
  });

  it('GIVEN the script with --guild THEN it learns the application id and makes one bulk PUT for that guild', async () => {
    const from = mock.requests.length;
    const result = await deployScript(['--guild', GUILD_ID], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: mock.api });
    expect(result.stderr).toContain(`Registered ${registryNames().length} commands`);
    expect(result.code).toBe(0);
    const sent = mock.requests.slice(from);
    expect(sent.map((r) => `${r.method} ${r.route}`)).toEqual(['GET /applications/@me', `PUT /applications/${BOT_APPLICATION_ID}/guilds/${GUILD_ID}/commands`]);
    expect(sent.every((r) => r.headers.authorization === `Bot ${TOKEN}`)).toBe(true);
    expect((sent[1]?.body as { name: string }[]).map((c) => c.name)).toEqual(registryNames());
  });

  it('GIVEN the script without --guild and with DISCORD_APPLICATION_ID THEN one global PUT', async () => {
    const from = mock.requests.length;
    const result = await deployScript([], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: mock.api, DISCORD_APPLICATION_ID: APP_ID });
    expect(result.code).toBe(0);
    expect(mock.requests.slice(from).map((r) => `${r.method} ${r.route}`)).toEqual([`PUT /applications/${APP_ID}/commands`]);
  });

  it('GIVEN a malformed guild id or no token THEN it says what is wrong and sends nothing', async () => {
    const from = mock.requests.length;
    const badGuild = await deployScript(['--guild', 'my-server'], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: mock.api });
    expect(badGuild.code).toBe(2);
    expect(badGuild.stderr).toContain('--guild takes a server id');
    const noToken = await deployScript([], { DISCORD_API_URL: mock.api });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('DISCORD_TOKEN is not set');
    expect(mock.requests.length).toBe(from);
  });

  it('GIVEN --dry-run THEN it prints the commands as JSON and sends nothing', async () => {
    const from = mock.requests.length;
    const result = await deployScript(['--dry-run']);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { name: string }[]).map((c) => c.name)).toEqual(registryNames());
    expect(mock.requests.length).toBe(from);
  });
});
