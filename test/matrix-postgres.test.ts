/**
 * Issue 17 for the Matrix bot, against a real Synapse and a real PostgreSQL on 127.0.0.1: the bot
 * restarted as a new Lectern app on the same database, with a data folder of its own (as on another
 * machine), logs in as the same device (its crypto store came from the database), answers no
 * command twice (the sync position came from there), keeps the room's layout and continues a long
 * answer with !more.
 */
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definitions } from '../commands/index.ts';
import { parseConfig } from '../src/config.ts';
import { MATRIX_BUDGET } from '../src/platforms/matrix/limits.ts';
import { startMatrixBot, type MatrixBot } from '../src/platforms/matrix/index.ts';
import { MatrixUser, waitFor, type MatrixEvent } from './harness/matrix-user.ts';
import { CACHE_DIR, startSynapse, type Synapse, type SynapseUser } from './harness/synapse.ts';
import { startPostgres, type TestPostgres } from './helpers/postgres.ts';
import { appOnDatabase, closeAll, type DatabaseApp } from './helpers/postgres-app.ts';

const log = pino({ level: 'debug' }, pino.destination({ dest: path.join(CACHE_DIR, 'matrix-postgres-test.log'), sync: true, mkdir: true, append: false }));
let synapse: Synapse;
let pg: TestPostgres;
let url: string;
let botUser: SynapseUser;
let human: MatrixUser;
let bot: MatrixBot | undefined;

/** The bot on its own app (and data folder) on the shared database; it logs in with its password, as a deployment does. */
async function startBot(app: DatabaseApp): Promise<MatrixBot> {
  const config = parseConfig({ MATRIX_HOMESERVER_URL: synapse.url, MATRIX_USER_ID: botUser.userId, MATRIX_PASSWORD: botUser.password, LECTERN_DATA_DIR: app.app.config.dataDir, RATE_LIMIT_PER_MINUTE: '1000' });
  return await startMatrixBot({
    config,
    log,
    dispatch: app.dispatch,
    commands: definitions(),
    stateDir: app.app.config.stateDir,
    settings: app.app.settings,
    conversations: app.app.conversations,
    state: app.app.state,
    syncTimeoutMs: 1_000,
    pageBudget: { ...MATRIX_BUDGET, maxBody: 800, maxField: 800, maxTotal: 1200 },
  });
}

async function ask(roomId: string, body: string): Promise<{ asked: string; reply: MatrixEvent }> {
  const asked = await human.send(roomId, body);
  return { asked, reply: await human.waitForReply(roomId, asked, botUser.userId) };
}

beforeAll(async () => {
  [synapse, pg] = await Promise.all([startSynapse(), startPostgres()]);
  url = await pg.newDatabase();
  botUser = await synapse.register('lectern-pg');
  human = new MatrixUser(synapse.url, await synapse.register('human-pg'));
}, 600_000);
afterAll(async () => {
  await bot?.stop();
  await closeAll();
  await synapse?.stop();
  await pg?.stop();
});

describe('GIVEN the Matrix bot on LECTERN_DATABASE_URL, restarted on another data folder', () => {
  it('THEN it is the same device, answers nothing twice, keeps the room layout and continues a long answer', async () => {
    const first = await appOnDatabase(url);
    bot = await startBot(first);
    const device = bot.deviceId;
    const room = await human.createRoom({});
    await human.invite(room, botUser.userId);
    await waitFor(async () => ((await human.membership(room, botUser.userId)) === 'join' ? true : undefined), 'the bot to join');
    expect((await ask(room, '!layout side-by-side')).reply.content.body).toContain('side by side');
    const long = await ask(room, '!context trotskys-lies.p37 5 5');
    const count = Number(/Part 1 of (\d+)/.exec(String(long.reply.content.body))?.[1]);
    expect(count).toBeGreaterThanOrEqual(2);
    await bot.stop();
    bot = undefined;
    await first.close();

    const again = await appOnDatabase(url);
    bot = await startBot(again);
    expect(bot.deviceId).toBe(device);
    const more = await ask(room, '!more');
    expect(more.reply.content.body).toContain(`Part 2 of ${count}`);
    expect((await ask(room, '!layout')).reply.content.body).toContain('side by side in a table');
    // The commands before the restart were answered once each: the sync went on from where it was.
    expect(await human.repliesTo(room, long.asked, botUser.userId)).toHaveLength(1);
  }, 180_000);
});
