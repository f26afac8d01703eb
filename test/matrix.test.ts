/**
 * The Matrix bot against a real Synapse (installed by the harness on first run): people talk to it
 * with plain client-server calls, and every assertion is about what the room then holds.
 * Two bot accounts: the main one with no allow-lists, and a second one with an allow-list, a low
 * rate limit and small pages, so those behaviours are tested without touching the first.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatch, Invocation } from '../src/dispatch/invocation.ts';
import { parseConfig } from '../src/config.ts';
import { MATRIX_EVENT_BYTES_LIMIT, MATRIX_BUDGET } from '../src/platforms/matrix/limits.ts';
import { startMatrixBot, type MatrixBot } from '../src/platforms/matrix/index.ts';
import { conversationKey } from '../src/conversation/key.ts';
import { CONVERSATIONS_FILE } from '../src/conversation/store.ts';
import { expectPassagesInOrder, quotedIds, readBack } from './helpers/notes-check.ts';
import { HIDDEN_NOTE } from '../src/platforms/matrix/answer.ts';
import { STATE_FILE } from '../src/platforms/matrix/state.ts';
import { MatrixUser, waitFor, type MatrixEvent } from './harness/matrix-user.ts';
import { CACHE_DIR, startSynapse, type Synapse, type SynapseUser } from './harness/synapse.ts';
import { createTestDispatch } from './helpers/matrix-dispatch.ts';

/** Inputs that the real corpus answers as well as the fake dispatch does. */
const PASSAGE = 'trotskys-lies.p37';
const QUOTE = '!quote peppery dishes';
const TRANSLATE = '!translate консул Латвии';
const LONG = `!context ${PASSAGE} 5 5`;
/** The test's own dispatch wrapper throws on this query, to exercise the bot's error boundary. */
const EXPLODE = '!quote explode-in-dispatch';

/** Tags the renderer writes; anything else in a formatted_body would have come from corpus text. */
const OWN_TAGS = new Set(['p', 'br', 'strong', 'em', 'u', 'blockquote', 'sup', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

let synapse: Synapse;
let human: MatrixUser;
let reader: MatrixUser;
let botUser: SynapseUser;
let bot2User: SynapseUser;
let bot: MatrixBot | undefined;
let bot2: MatrixBot | undefined;
let tmp: string;
let inner: Awaited<ReturnType<typeof createTestDispatch>>;
const invocations: Invocation[] = [];
const log = pino({ level: 'debug' }, pino.destination({ dest: path.join(CACHE_DIR, 'matrix-bot-test.log'), sync: true, mkdir: true, append: false }));

const dispatch: Dispatch = async (inv) => {
  invocations.push(inv);
  if (inv.args.query === 'explode-in-dispatch') throw new Error('boom from the test dispatch');
  return inner.dispatch(inv);
};

const stateDir = (name: string) => path.join(tmp, name);

async function startBot(user: SynapseUser, name: string, env: Record<string, string> = {}, extra: { pageBudget?: typeof MATRIX_BUDGET } = {}): Promise<MatrixBot> {
  const config = parseConfig({
    MATRIX_HOMESERVER_URL: synapse.url,
    MATRIX_ACCESS_TOKEN: user.accessToken,
    LECTERN_DATA_DIR: tmp,
    RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  return startMatrixBot({ config, log: log.child({ bot: name }), dispatch, commands: inner.commands, stateDir: stateDir(name), settings: inner.app.settings, conversations: inner.app.conversations, ...extra });
}

async function joinedRoom(options: { alias?: string; botId: string }): Promise<string> {
  const roomId = await human.createRoom(options.alias ? { alias: options.alias } : {});
  await human.invite(roomId, options.botId);
  await waitFor(async () => ((await human.membership(roomId, options.botId)) === 'join' ? true : undefined), `${options.botId} to join`);
  return roomId;
}

/** Sends `body` and waits for the bot's answer to it. */
async function ask(roomId: string, body: string, botId = botUser.userId, options: { threadRoot?: string; replyTo?: string } = {}): Promise<{ asked: string; reply: MatrixEvent }> {
  const asked = await human.send(roomId, body, options);
  return { asked, reply: await human.waitForReply(roomId, asked, botId) };
}

function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => (m[1] ?? '').toLowerCase());
}

function expectCleanNotice(reply: MatrixEvent): void {
  expect(reply.type).toBe('m.room.message');
  expect(reply.content.msgtype).toBe('m.notice');
  expect(reply.content.format).toBe('org.matrix.custom.html');
  expect(typeof reply.content.body).toBe('string');
  expect(reply.content.body.length).toBeGreaterThan(0);
  expect(reply.content['m.mentions']).toEqual({});
  // Nobody is pinged: no user ids or pills, only the renderer's own tags.
  expect(reply.content.body).not.toContain(human.userId);
  expect(reply.content.formatted_body).not.toContain('matrix.to');
  for (const tag of tagsOf(reply.content.formatted_body)) expect(OWN_TAGS).toContain(tag);
}

const stateOf = async (name: string) => JSON.parse(await readFile(path.join(stateDir(name), STATE_FILE), 'utf8'));
const conversationsFile = async () => JSON.parse(await readFile(path.join(inner.app.config.stateDir, CONVERSATIONS_FILE), "utf8"));

beforeAll(async () => {
  const started = performance.now();
  synapse = await startSynapse();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'lectern-matrix-'));
  inner = await createTestDispatch();
  [botUser, bot2User] = await Promise.all([synapse.register('lectern'), synapse.register('lectern2')]);
  human = new MatrixUser(synapse.url, await synapse.register('human'));
  reader = new MatrixUser(synapse.url, await synapse.register('reader'));
  bot = await startBot(botUser, 'main');
  log.info({ installMs: synapse.installMs, setupMs: Math.round(performance.now() - started) }, 'Synapse ready');
  // The first run installs Synapse into .cache/ (about a minute on a fresh machine).
}, 600_000);

afterAll(async () => {
  await bot?.stop();
  await bot2?.stop();
  await synapse?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('Matrix bot start-up', () => {
  it('GIVEN a refused token or a wrong password THEN start-up fails with a message that names the setting', async () => {
    await expect(startBot({ ...botUser, accessToken: 'not-a-token' }, 'bad-token')).rejects.toThrow(/refused MATRIX_ACCESS_TOKEN \(M_UNKNOWN_TOKEN\)/);
    await expect(startBot(botUser, 'bad-password', { MATRIX_ACCESS_TOKEN: '', MATRIX_USER_ID: botUser.userId, MATRIX_PASSWORD: 'wrong' })).rejects.toThrow(/refused MATRIX_USER_ID and MATRIX_PASSWORD \(M_FORBIDDEN\)/);
  });

  it('GIVEN an unreachable homeserver THEN start-up says so', async () => {
    await expect(startBot(botUser, 'unreachable', { MATRIX_HOMESERVER_URL: 'http://127.0.0.1:9' })).rejects.toThrow(/Cannot reach the Matrix homeserver at http:\/\/127.0.0.1:9/);
  });
});

describe('Matrix bot, main account', () => {
  let room: string;

  beforeAll(async () => {
    room = await joinedRoom({ botId: botUser.userId });
  });

  it('GIVEN an invite THEN the bot joins, and GIVEN !quote THEN it answers with an m.notice reply that pings nobody', async () => {
    const { asked, reply } = await ask(room, QUOTE);
    expectCleanNotice(reply);
    expect(reply.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: asked } });
    expect(reply.content.formatted_body).toContain('<blockquote>');
    const inv = invocations.find((i) => i.requestId === asked);
    expect(inv?.command).toBe('quote');
    expect(inv?.scope).toMatchObject({ platform: { id: 'matrix', commandPrefix: '!' }, collection: room, userId: human.userId, defaults: { visibility: 'public', layout: 'stacked' } });
    expect(inv?.scope.thread).toBeUndefined();
    // The human created the room, and creators of version-12 rooms outrank every level: an organiser.
    expect(inv?.scope.canManage).toBe(true);
  });

  it('GIVEN each of the other commands THEN each is answered with its own content, in a clean m.notice reply', async () => {
    const cases: [string, RegExp][] = [
      ['!source (Vozhdy 250)', /Fel.shtinsky[\s\S]*Vozhdy v zakone[\s\S]*250/],
      ['!source (Rogovin, 2009, p. 189) --style apa', /Rogovin, Z\. V\. \(2009\)[\s\S]*Mehring Books/],
      [`!cite ${PASSAGE} --style mla`, /Furr, Grover\./],
      [`!context ${PASSAGE} 1 1`, new RegExp(PASSAGE.replace('.', '\\.'))],
      ['!works', /Trotsky.s Lies[\s\S]*continuing-revolution-speech/],
      ['!help', /quote[\s\S]*source[\s\S]*translate/],
    ];
    for (const [command, expected] of cases) {
      const { asked, reply } = await ask(room, command);
      expectCleanNotice(reply);
      expect(reply.content['m.relates_to'], command).toEqual({ 'm.in_reply_to': { event_id: asked } });
      expect(reply.content.body, command).toMatch(expected);
      expect(reply.content.body, command).not.toMatch(/^(Error|Unknown command)/);
    }
  });

  it('GIVEN a command sent as a reply to an uploaded file THEN the command receives the file', async () => {
    const file = await human.sendEvent(room, 'm.room.message', { msgtype: 'm.file', body: 'notes.txt', filename: 'notes.txt', url: 'mxc://localhost/abcdef', info: { mimetype: 'text/plain', size: 1234 } });
    const { asked, reply } = await ask(room, QUOTE, botUser.userId, { replyTo: file });
    expectCleanNotice(reply);
    const got = invocations.find((i) => i.requestId === asked)?.args.attachment as Record<string, unknown>;
    expect(got).toMatchObject({ eventId: file, mxcUrl: 'mxc://localhost/abcdef', name: 'notes.txt', contentType: 'text/plain', size: 1234 });
    expect(typeof got.fetch).toBe('function');
    const plain = await ask(room, QUOTE);
    expect(invocations.find((i) => i.requestId === plain.asked)?.args.attachment).toBeUndefined();
  });

  it('GIVEN !library add as a reply to an uploaded text THEN the room can quote it and another room cannot', async () => {
    const text = 'The Grain Question\n\nThe procurement crisis of the winter of 1927 was discussed at length by the Politburo in January 1928, when the zagotovki fell far short of the plan.\n';
    const mxc = await human.upload('grain.txt', new TextEncoder().encode(text), 'text/plain');
    const file = await human.sendEvent(room, 'm.room.message', { msgtype: 'm.file', body: 'grain.txt', filename: 'grain.txt', url: mxc, info: { mimetype: 'text/plain', size: text.length } });
    const added = await ask(room, '!library add title:"The Grain Question" author:"A. Reader" year:1999', botUser.userId, { replyTo: file });
    expectCleanNotice(added.reply);
    expect(added.reply.content.body).toMatch(/Added|added/);
    const found = await ask(room, '!quote zagotovki procurement');
    expect(found.reply.content.body).toContain('The procurement crisis of the winter of 1927');
    const other = await joinedRoom({ botId: botUser.userId });
    const missing = await ask(other, '!quote zagotovki procurement');
    expect(missing.reply.content.body).not.toContain('The procurement crisis');

    // A member below MATRIX_LIBRARY_POWER_LEVEL is refused, and nothing is downloaded or added.
    await human.invite(room, reader.userId);
    await reader.join(room);
    const asked = await reader.send(room, '!library add title:"Another Text"', { replyTo: file });
    const refused = await reader.waitForReply(room, asked, botUser.userId);
    expect(refused.content.body).toMatch(/power level|organis|permission/i);
    const listed = await ask(room, '!library');
    expect(listed.reply.content.body).not.toContain('Another Text');
  });

  it('GIVEN a mention by user id, by name with a colon THEN both are commands; GIVEN the name without a colon THEN nothing', async () => {
    const byId = await ask(room, `${botUser.userId} help`);
    expectCleanNotice(byId.reply);
    expect(byId.reply.content.body).toContain('!more');
    const byName = await ask(room, 'lectern: quote peppery dishes');
    expect(invocations.find((i) => i.requestId === byName.asked)?.command).toBe('quote');
    const chatter = await human.send(room, 'lectern is great');
    const marker = await ask(room, '!help');
    expectCleanNotice(marker.reply);
    expect(await human.repliesTo(room, chatter, botUser.userId)).toHaveLength(0);
  });

  it('GIVEN a typo or an unknown passage THEN the answer is an error notice that says what is wrong', async () => {
    const typo = await ask(room, '!qoute peppery');
    expectCleanNotice(typo.reply);
    expect(typo.reply.content.body).toMatch(/quote/);
    const unknown = await ask(room, '!context no-such-work.p999999');
    expectCleanNotice(unknown.reply);
    expect(unknown.reply.content.body).toContain('⚠️');
  });

  it('GIVEN --hide THEN the answer says hidden replies do not exist on Matrix, and only then', async () => {
    const hidden = await ask(room, `${QUOTE} --hide`);
    expect(hidden.reply.content.body).toContain(HIDDEN_NOTE);
    const plain = await ask(room, QUOTE);
    expect(plain.reply.content.body).not.toContain(HIDDEN_NOTE);
  });

  it('GIVEN a translation THEN it is stacked by default; GIVEN !layout table (the old word for side-by-side) THEN the room gets a table, persisted as side-by-side', async () => {
    const stacked = await ask(room, TRANSLATE);
    expectCleanNotice(stacked.reply);
    expect(stacked.reply.content.formatted_body).not.toContain('<table>');
    expect(stacked.reply.content.formatted_body).toMatch(/<blockquote>[\s\S]*<blockquote>/);

    const set = await ask(room, '!layout table');
    expect(set.reply.content.body).toContain('side by side');
    expect((await stateOf('main')).layouts[room]).toBe('side-by-side');
    const table = await ask(room, TRANSLATE);
    expect(table.reply.content.formatted_body).toContain('<table>');
    expect(table.reply.content.formatted_body).toContain('<th>');
    expect(invocations.find((i) => i.requestId === table.asked)?.scope.defaults.layout).toBe('side-by-side');

    const bad = await ask(room, '!layout sideways');
    expect(bad.reply.content.body).toContain('!layout stacked');
    await ask(room, '!layout stacked');
    expect((await stateOf('main')).layouts[room]).toBe('stacked');
  });

  it('GIVEN !settings layout:side-by-side from a room moderator THEN translations there become a table; GIVEN a member below the power level THEN refused', async () => {
    const other = await joinedRoom({ botId: botUser.userId });
    await human.invite(other, reader.userId);
    await reader.join(other);
    const asked = await reader.send(other, '!settings layout:side-by-side');
    const refused = await reader.waitForReply(other, asked, botUser.userId);
    expect(refused.content.body).toMatch(/organis|power level/i);
    expect(inner.app.settings.get(other).layout).toBeUndefined();

    const shown = await ask(other, '!settings');
    expectCleanNotice(shown.reply);
    expect(shown.reply.content.body).toContain('stacked');
    const saved = await ask(other, '!settings layout:side-by-side style:apa');
    expect(saved.reply.content.body).toContain('Settings saved');
    expect(inner.app.settings.get(other)).toEqual({ layout: 'side-by-side', style: 'apa' });
    const table = await ask(other, TRANSLATE);
    expect(table.reply.content.formatted_body).toContain('<table>');
    expect(invocations.find((i) => i.requestId === table.asked)?.scope.defaults.layout).toBe('side-by-side');
    await ask(other, '!settings layout:stacked');
  });

  it('GIVEN a command in a thread THEN the answer is in that thread, as a reply to the command', async () => {
    const root = await human.send(room, 'Reading group, week 3');
    const { asked, reply } = await ask(room, QUOTE, botUser.userId, { threadRoot: root });
    expectCleanNotice(reply);
    expect(reply.content['m.relates_to']).toEqual({ rel_type: 'm.thread', event_id: root, is_falling_back: false, 'm.in_reply_to': { event_id: asked } });
    // A thread Lectern did not open: the conversation module knows it by key only, with no work to default to.
    expect(invocations.find((i) => i.requestId === asked)?.scope.thread).toEqual({ key: conversationKey({ platform: 'matrix', scope: room, thread: root }) });
  });

  it('GIVEN !discuss THEN a root holds the passage, a thread starts, and commands there default to its work and last citation', async () => {
    const { asked, reply: root } = await ask(room, `!discuss ${PASSAGE}`);
    expectCleanNotice(root);
    expect(root.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: asked } });
    expect(root.content.body).toContain(PASSAGE);
    const context = invocations.find((i) => i.requestId === asked);
    expect(context).toMatchObject({ command: 'context', args: { passage: PASSAGE, before: 0, after: 0 } });

    const start = await waitFor(
      async () => (await human.messages(room)).find((e) => e.sender === botUser.userId && e.content['m.relates_to']?.rel_type === 'm.thread' && e.content['m.relates_to']?.event_id === root.event_id),
      'the first message of the thread',
    );
    expect(start.content['m.relates_to']).toEqual({ rel_type: 'm.thread', event_id: root.event_id, is_falling_back: true, 'm.in_reply_to': { event_id: root.event_id } });

    // The thread's record is written before its first message is sent: the conversation file has it.
    const key = conversationKey({ platform: 'matrix', scope: room, thread: root.event_id });
    const record = await waitFor(async () => (await conversationsFile()).threads[key], 'the thread in the conversations file');
    expect(record).toMatchObject({ platform: 'matrix', scope: room, thread: root.event_id, workId: 'trotskys-lies', passage: PASSAGE });
    expect(record.lastCitation.text.length).toBeGreaterThan(0);

    const ibid = await ask(room, '!source Ibid.', botUser.userId, { threadRoot: root.event_id });
    expect(ibid.reply.content['m.relates_to']).toMatchObject({ rel_type: 'm.thread', event_id: root.event_id });
    const inv = invocations.find((i) => i.requestId === ibid.asked);
    expect(inv?.scope.thread).toEqual({ key, workId: 'trotskys-lies', lastCitation: record.lastCitation });
  });

  it('GIVEN a discussion that quotes three passages from two works, cites a short form and shows a translation THEN !notes gives both kinds (an m.file citation-js reads, the notes as HTML), naming nobody; another room stays out; redacting the root forgets the thread', async () => {
    const { reply: root } = await ask(room, `!discuss ${PASSAGE}`);
    const key = conversationKey({ platform: 'matrix', scope: room, thread: root.event_id });
    await waitFor(async () => inner.app.conversations.get(key), 'the discussion');
    const inThread = { threadRoot: root.event_id };
    for (const body of ['!quote Kirov limit:1', '!quote Trotsky work:evidence-collaboration-essay limit:1', '!source (Main 185)', '!translate консул Латвии']) await ask(room, body, botUser.userId, inThread);
    const other = await joinedRoom({ botId: botUser.userId });
    await ask(other, '!quote Trotsky work:continuing-revolution-speech limit:1', botUser.userId, { threadRoot: await human.send(other, 'Elsewhere') });

    const summary = await ask(room, '!notes', botUser.userId, inThread);
    expectCleanNotice(summary.reply);
    expect(summary.reply.content.body).toMatch(/Trotsky's Lies: \d passages quoted/);
    expect(summary.reply.content.body).toContain('!notes kind:bibliography');

    const fileIn = async (after: string, ext: string) => {
      const event = await waitFor(async () => {
        const events = await human.messages(room);
        const at = events.findIndex((e) => e.event_id === after);
        return events.slice(at).find((e) => e.content.msgtype === 'm.file' && String(e.content.body).endsWith(ext) && e.content['m.relates_to']?.event_id === root.event_id);
      }, `the ${ext} file`);
      expect(event.content['m.mentions']).toEqual({});
      const [server, media] = String(event.content.url).slice('mxc://'.length).split('/');
      const res = await fetch(`${synapse.url}/_matrix/client/v1/media/download/${server}/${media}`, { headers: { authorization: `Bearer ${human.user.accessToken}` } });
      return await res.text();
    };
    const bib = await ask(room, '!notes kind:bibliography format:bibtex', botUser.userId, inThread);
    expectCleanNotice(bib.reply);
    expect(bib.reply.content.body).toContain('Main, Steven J.');
    const titles = readBack(await fileIn(bib.asked, '.bib')).map((i) => String(i.title));
    expect(titles.some((t) => /Collaboration/.test(t))).toBe(true);
    expect(titles.some((t) => /Continuing Revolution/.test(t))).toBe(false);

    const notes = await ask(room, '!notes kind:notes', botUser.userId, inThread);
    const html = await waitFor(async () => (await human.messages(room)).find((e) => e.sender === botUser.userId && String(e.content.body).startsWith('# Notes:') && e.content['m.relates_to']?.event_id === root.event_id), 'the notes as HTML');
    expect(html.content['m.mentions']).toEqual({});
    expect(html.content.formatted_body).toContain('<blockquote>');
    expect(html.content.formatted_body).not.toMatch(/matrix\.to|@human/);
    const markdown = await fileIn(notes.asked, '.md');
    expectPassagesInOrder(markdown, inner.app.view({ collection: room }).corpus, quotedIds(inner.app.conversations.get(key)!));
    expect(markdown).not.toContain('continuing-revolution-speech');

    await human.request('PUT', `/rooms/${encodeURIComponent(room)}/redact/${encodeURIComponent(root.event_id)}/${Date.now()}`, { reason: 'done' });
    await waitFor(async () => (inner.app.conversations.get(key) ? undefined : true), 'the thread forgotten');
  }, 180_000);

  it('GIVEN the dispatch throws THEN the bot apologises without details and goes on answering', async () => {
    const { reply } = await ask(room, EXPLODE);
    expectCleanNotice(reply);
    expect(reply.content.body).toContain('Something went wrong');
    expect(reply.content.body).not.toContain('boom');
    const after = await ask(room, '!help');
    expectCleanNotice(after.reply);
  });

  it('GIVEN its own messages, edits and notices THEN the bot does not answer them', async () => {
    const own = await new MatrixUser(synapse.url, botUser).send(room, '!help');
    const original = await human.send(room, 'just talking');
    const edit = await human.edit(room, original, '!help');
    const notice = await human.send(room, '!help', { msgtype: 'm.notice' });
    await ask(room, '!works');
    for (const id of [own, original, edit, notice]) expect(await human.repliesTo(room, id, botUser.userId)).toHaveLength(0);
  });

  it('GIVEN a long answer THEN every event the bot sends stays under the Matrix size limit', async () => {
    await ask(room, '!works');
    await ask(room, LONG);
    const events = (await human.messages(room)).filter((e) => e.sender === botUser.userId && e.type === 'm.room.message');
    expect(events.length).toBeGreaterThan(5);
    for (const e of events) expect(Buffer.byteLength(JSON.stringify(e), 'utf8')).toBeLessThan(MATRIX_EVENT_BYTES_LIMIT);
  });

  it('GIVEN the bot is stopped THEN a command sent meanwhile is answered once after the restart, and nothing older again', async () => {
    const before = await ask(room, '!help');
    await bot?.stop();
    bot = undefined;
    const whileDown = await human.send(room, QUOTE);
    // The restart logs in with the password: the sync position belongs to the account, not the token.
    bot = await startBot(botUser, 'main', { MATRIX_ACCESS_TOKEN: '', MATRIX_USER_ID: botUser.userId, MATRIX_PASSWORD: botUser.password });
    const answered = await human.waitForReply(room, whileDown, botUser.userId);
    expectCleanNotice(answered);
    await ask(room, '!works');
    expect(await human.repliesTo(room, whileDown, botUser.userId)).toHaveLength(1);
    expect(await human.repliesTo(room, before.asked, botUser.userId)).toHaveLength(1);
  });

  it('GIVEN more messages while the bot was away than one sync timeline holds THEN the command before them is still answered', async () => {
    await bot?.stop();
    bot = undefined;
    const early = await human.send(room, QUOTE);
    // The sync filter's timeline holds 100 events: the command falls outside it, in the gap.
    for (let i = 0; i < 110; i++) await human.send(room, `chatter ${i}`);
    bot = await startBot(botUser, 'main');
    const answered = await human.waitForReply(room, early, botUser.userId);
    expectCleanNotice(answered);
  });

  it('GIVEN a bot that lost its state THEN it starts from now: commands already in the room are not answered again', async () => {
    const before = await ask(room, '!help');
    await bot?.stop();
    await rm(stateDir('main'), { recursive: true, force: true });
    bot = await startBot(botUser, 'main');
    await ask(room, '!works');
    expect(await human.repliesTo(room, before.asked, botUser.userId)).toHaveLength(1);
  });
});

describe('Matrix bot with an allow-list, a low rate limit and small pages', () => {
  /** The human sends 6 commands to this bot in all; the reader is the one who floods it. */
  const LIMIT = 8;
  let room: string;

  beforeAll(async () => {
    bot2 = await startBot(bot2User, 'second', { MATRIX_ALLOWED_ROOMS: `#allowed:${synapse.serverName}`, RATE_LIMIT_PER_MINUTE: String(LIMIT) }, { pageBudget: { ...MATRIX_BUDGET, maxBody: 800, maxField: 800, maxTotal: 1200 } });
    room = await joinedRoom({ alias: 'allowed', botId: bot2User.userId });
    await human.invite(room, reader.userId);
    await reader.join(room);
  });

  it('GIVEN an invite to a room not in the allow-list THEN the bot declines it', async () => {
    const other = await human.createRoom({ name: 'not allowed' });
    await human.invite(other, bot2User.userId);
    const membership = await waitFor(async () => {
      const m = await human.membership(other, bot2User.userId);
      return m === 'invite' ? undefined : m;
    }, 'the invite to be answered');
    expect(membership).toBe('leave');
  });

  it('GIVEN a long answer THEN part 1 comes first, !more sends part 2 and a reaction on it part 3', async () => {
    const first = await ask(room, LONG, bot2User.userId);
    expectCleanNotice(first.reply);
    expect(first.reply.content.body).toMatch(/Part 1 of (\d+)/);
    const count = Number(/Part 1 of (\d+)/.exec(first.reply.content.body)?.[1]);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(first.reply.content.body).toContain('!more');

    const more = await ask(room, '!more', bot2User.userId);
    expect(more.reply.content.body).toContain(`Part 2 of ${count}`);
    expect(more.reply.content['m.relates_to']).toEqual({ 'm.in_reply_to': { event_id: more.asked } });

    await human.react(room, more.reply.event_id, '👍');
    const third = await human.waitForReply(room, more.reply.event_id, bot2User.userId);
    expect(third.content.body).toContain(`Part 3 of ${count}`);
  });

  it('GIVEN a long answer in a thread THEN !more in that thread continues it', async () => {
    const root = await human.send(room, 'thread for paging');
    const first = await ask(room, LONG, bot2User.userId, { threadRoot: root });
    expect(first.reply.content.body).toContain('Part 1 of');
    const more = await ask(room, '!more', bot2User.userId, { threadRoot: root });
    expect(more.reply.content.body).toContain('Part 2 of');
    expect(more.reply.content['m.relates_to']).toMatchObject({ rel_type: 'm.thread', event_id: root });
  });

  it('GIVEN more commands than the rate limit THEN the excess is refused once, politely, and then ignored', async () => {
    const sent: string[] = [];
    for (let i = 0; i < LIMIT + 2; i++) sent.push(await reader.send(room, '!help'));
    const marker = await ask(room, '!help', bot2User.userId);
    expectCleanNotice(marker.reply);
    const replies = await Promise.all(sent.map((id) => human.repliesTo(room, id, bot2User.userId)));
    expect(replies.slice(0, LIMIT).every((r) => r.length === 1)).toBe(true);
    expect(replies[LIMIT]?.[0]?.content.body).toContain('Please slow down');
    expect(replies[LIMIT + 1]).toHaveLength(0);
    // Power level 0: not an organiser.
    expect(invocations.find((i) => i.requestId === sent[0])?.scope.canManage).toBe(false);
  });
});
