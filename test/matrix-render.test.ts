/** The Matrix platform's pure parts: rendering, event size, message parsing, allow-lists, rate limit, state file. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.ts';
import { inviteAllowed } from '../src/platforms/matrix/allow.ts';
import { eventBytes, noticeContent, threadStartContent } from '../src/platforms/matrix/content.ts';
import { inReplyTo, isEdit, isOwnJoin, threadRootOf, type RawEvent } from '../src/platforms/matrix/events.ts';
import { fitPages } from '../src/platforms/matrix/pages.ts';
import { parseMessage, stripReplyFallback } from '../src/platforms/matrix/parse.ts';
import { RateLimiter } from '../src/platforms/rate-limit.ts';
import { renderMatrix } from '../src/platforms/matrix/render.ts';
import { MatrixState, STATE_FILE } from '../src/platforms/matrix/state.ts';
import { moveLegacyThreads } from '../src/platforms/matrix/legacy-threads.ts';
import { ConversationStore } from '../src/conversation/store.ts';
import { conversationKey } from '../src/conversation/key.ts';
import { MATRIX_EVENT_BYTES_LIMIT } from '../src/platforms/matrix/limits.ts';
import { columnsReply, errorReply, passagesReply, textReply } from '../src/reply/builders.ts';
import type { PassageView } from '../src/reply/model.ts';
import { definitions } from '../commands/index.ts';

const stacked = { layout: 'stacked' as const, prefix: '!' };
const table = { layout: 'side-by-side' as const, prefix: '!' };

const passage: PassageView = {
  id: 'trotskys-lies.p37',
  work: { id: 'trotskys-lies', title: "Trotsky's Lies", author: 'Grover Furr' },
  text: 'He wrote *very* **hot** <b>x</b> & "y" <a href="https://matrix.to/#/@alice:example.org">Alice</a>',
  lang: 'en',
  locator: { work: 'trotskys-lies', paragraph: 37 },
  locatorLabel: "Trotsky's Lies, ¶ 37",
  citation: "Furr, *Trotsky's Lies*, p. 35",
  footnotes: [{ marker: '[1]', text: 'A <note>.' }],
};

const pair = columnsReply({
  pairId: 'w.pair1',
  work: { id: 'w', title: 'W' },
  original: { label: 'Russian', text: 'Первый абзац.\n\nВторой абзац.', lang: 'ru', locator: { work: 'w', paragraph: 1 }, locatorLabel: '¶ 1' },
  translation: { label: 'English', text: 'First paragraph.\n\nSecond paragraph.', lang: 'en', locator: { work: 'w', paragraph: 2 }, locatorLabel: '¶ 2' },
  note: 'The translation is the one the source itself gives.',
});

describe('renderMatrix', () => {
  it('GIVEN corpus text with HTML and markup THEN the markup becomes tags and everything else is escaped', () => {
    const { body, formatted_body } = renderMatrix(passagesReply('Results', [passage]), stacked);
    expect(formatted_body).toContain('<em>very</em> <strong>hot</strong> &lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;');
    expect(formatted_body).not.toContain('<a ');
    expect(formatted_body).toContain('— Furr, <em>Trotsky&#39;s Lies</em>, p. 35');
    expect(formatted_body).toContain('<sup>[1]</sup> A &lt;note&gt;.');
    expect(body).toContain('He wrote very hot <b>x</b> & "y"');
    expect(body).toContain("— Furr, Trotsky's Lies, p. 35");
    expect(body).toContain("Trotsky's Lies, ¶ 37 · trotskys-lies.p37");
    expect(body).toContain('More: !cite trotskys-lies.p37 · !discuss trotskys-lies.p37 · !context trotskys-lies.p37');
  });

  it('GIVEN columns THEN stacked gives original then translation with labels and locators, table gives one row per paragraph pair', () => {
    const s = renderMatrix(pair, stacked);
    expect(s.formatted_body).not.toContain('<table>');
    expect(s.formatted_body).toContain('<p><strong>Russian</strong> · <em>¶ 1</em></p><blockquote><p>Первый абзац.</p><p>Второй абзац.</p></blockquote><p><strong>English</strong> · <em>¶ 2</em></p>');
    expect(s.body.indexOf('Russian · ¶ 1')).toBeLessThan(s.body.indexOf('English · ¶ 2'));

    const t = renderMatrix(pair, table);
    expect(t.formatted_body).toContain('<table><thead><tr><th>Russian</th><th>English</th></tr></thead><tbody>');
    expect(t.formatted_body).toContain('<tr><td>Первый абзац.</td><td>First paragraph.</td></tr><tr><td>Второй абзац.</td><td>Second paragraph.</td></tr>');
    expect(t.formatted_body).toContain('<tr><td><em>¶ 1</em></td><td><em>¶ 2</em></td></tr></tbody></table>');
    // Clients without HTML get the stacked text either way.
    expect(t.body).toBe(s.body);
  });

  it('GIVEN a page of several THEN the footer says which part and how to get the next', () => {
    const { body, formatted_body } = renderMatrix({ ...textReply('Long', 'x'), page: { index: 0, count: 3 } }, { layout: 'stacked', prefix: '?' });
    expect(body).toContain('Part 1 of 3. For part 2, send ?more or react to this message.');
    expect(formatted_body).toContain('<code>?more</code>');
    expect(renderMatrix({ ...textReply('Long', 'x'), page: { index: 2, count: 3 } }, stacked).body).toContain('Part 3 of 3.');
  });

  it('GIVEN an error reply THEN it is marked and carries no action hints', () => {
    const { body } = renderMatrix(errorReply('x.y', 'Bad <input>'), stacked);
    expect(body).toBe('⚠️ Error\n\nBad <input>');
  });
});

describe('content and size', () => {
  const message = { body: 'b', formatted_body: '<p>b</p>' };

  it('GIVEN a reply target THEN the relation is a reply, in the thread when there is one, and nobody is mentioned', () => {
    expect(noticeContent(message, { eventId: '$a' })).toEqual({ msgtype: 'm.notice', body: 'b', format: 'org.matrix.custom.html', formatted_body: '<p>b</p>', 'm.mentions': {}, 'm.relates_to': { 'm.in_reply_to': { event_id: '$a' } } });
    expect(noticeContent(message, { eventId: '$a', threadRoot: '$r' })['m.relates_to']).toEqual({ rel_type: 'm.thread', event_id: '$r', is_falling_back: false, 'm.in_reply_to': { event_id: '$a' } });
    expect(threadStartContent(message, '$r')['m.relates_to']).toEqual({ rel_type: 'm.thread', event_id: '$r', is_falling_back: true, 'm.in_reply_to': { event_id: '$r' } });
  });

  it('GIVEN a long Cyrillic reply that fits the character budget but not the byte limit THEN it is paged further, every event under the limit', () => {
    const text = Array.from({ length: 60 }, () => 'Съешь же ещё этих мягких французских булок, да выпей «чаю» & <чего-нибудь>. '.repeat(8)).join('\n\n');
    const { pages, largest } = fitPages(textReply('Длинный ответ', text), stacked);
    expect(largest).toBeLessThanOrEqual(MATRIX_EVENT_BYTES_LIMIT);
    for (const p of pages) expect(eventBytes(p)).toBeLessThanOrEqual(MATRIX_EVENT_BYTES_LIMIT);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]?.body).toContain(`Part 1 of ${pages.length}`);
    // Nothing is lost: every paragraph is on some page.
    expect(pages.map((p) => p.body).join('\n').split('Съешь').length - 1).toBe(60 * 8);
  });
});

describe('parseMessage', () => {
  const opts = { prefix: '!', userId: '@lectern:example.org', names: ['Lectern', 'lectern'], commands: definitions() };

  it('GIVEN a prefixed command, a mention by id or name THEN the same command comes out', () => {
    expect(parseMessage('!quote peppery dishes', opts)).toEqual({ command: 'quote', args: { query: 'peppery dishes' } });
    expect(parseMessage('@lectern:example.org quote peppery dishes', opts)).toEqual({ command: 'quote', args: { query: 'peppery dishes' } });
    expect(parseMessage('@lectern:example.org: !quote peppery', opts)).toEqual({ command: 'quote', args: { query: 'peppery' } });
    expect(parseMessage('Lectern: quote peppery', opts)).toEqual({ command: 'quote', args: { query: 'peppery' } });
    expect(parseMessage('lectern:', opts)).toEqual({ command: 'help', args: {} });
  });

  it('GIVEN chatter THEN nothing; GIVEN a typo THEN an error that suggests the command', () => {
    expect(parseMessage('lectern is great', opts)).toBeNull();
    expect(parseMessage('hello !quote', opts)).toBeNull();
    const typo = parseMessage('!qoute x', opts);
    expect(typo && 'error' in typo ? typo.error.message : '').toContain('!quote');
  });

  it('GIVEN the Matrix-only commands THEN they parse, layout names included', () => {
    expect(parseMessage('!more', opts)).toEqual({ command: 'more', args: {} });
    expect(parseMessage('!layout table', opts)).toEqual({ command: 'layout', args: { layout: 'table' } });
    expect(parseMessage('!discuss trotskys-lies.p37', opts)).toEqual({ command: 'discuss', args: { passage: 'trotskys-lies.p37' } });
  });

  it('GIVEN a body with a reply fallback THEN the quoted part is not read as the command', () => {
    expect(stripReplyFallback('> <@a:b> !works\n> more\n\n!help')).toBe('!help');
    expect(parseMessage('> <@a:b> hi\n\n!works', opts)).toEqual({ command: 'works', args: {} });
  });
});

describe('events', () => {
  const ev = (content: Record<string, unknown>, extra: Partial<RawEvent> = {}): RawEvent => ({ type: 'm.room.message', event_id: '$e', sender: '@a:b', origin_server_ts: 1, content, ...extra });

  it('GIVEN relations THEN edits, threads and real replies are told apart', () => {
    expect(isEdit(ev({ 'm.relates_to': { rel_type: 'm.replace', event_id: '$x' } }))).toBe(true);
    const inThread = ev({ 'm.relates_to': { rel_type: 'm.thread', event_id: '$root', is_falling_back: true, 'm.in_reply_to': { event_id: '$last' } } });
    expect(threadRootOf(inThread)).toBe('$root');
    expect(inReplyTo(inThread)).toBeUndefined();
    expect(inReplyTo(ev({ 'm.relates_to': { 'm.in_reply_to': { event_id: '$file' } } }))).toBe('$file');
  });

  it('GIVEN membership events THEN only a new join of the bot counts as its join', () => {
    const join = (prev?: string) => ev({ membership: 'join' }, { type: 'm.room.member', state_key: '@bot:b', ...(prev ? { unsigned: { prev_content: { membership: prev } } } : {}) });
    expect(isOwnJoin(join('invite'), '@bot:b')).toBe(true);
    expect(isOwnJoin(join('join'), '@bot:b')).toBe(false);
    expect(isOwnJoin(join(), '@other:b')).toBe(false);
  });
});

describe('inviteAllowed', () => {
  const invite = { roomId: '!r:one.org', inviter: '@u:two.org', resolvedRoomIds: [] as string[] };

  it('GIVEN empty lists THEN every invite; GIVEN lists THEN the room by id or alias, or a listed server of the room or inviter', () => {
    expect(inviteAllowed(invite, { rooms: [], servers: [] })).toBe(true);
    expect(inviteAllowed(invite, { rooms: ['!other:one.org'], servers: [] })).toBe(false);
    expect(inviteAllowed(invite, { rooms: ['!r:one.org'], servers: [] })).toBe(true);
    expect(inviteAllowed({ ...invite, resolvedRoomIds: ['!r:one.org'] }, { rooms: ['#study:one.org'], servers: [] })).toBe(true);
    expect(inviteAllowed(invite, { rooms: [], servers: ['ONE.org'] })).toBe(true);
    expect(inviteAllowed(invite, { rooms: [], servers: ['two.org'] })).toBe(true);
    expect(inviteAllowed(invite, { rooms: [], servers: ['three.org'] })).toBe(false);
    expect(inviteAllowed({ ...invite, roomId: '!v12roomid', inviter: '@u:three.org' }, { rooms: [], servers: ['one.org'] })).toBe(false);
  });
});

describe('RateLimiter', () => {
  it('GIVEN more than the limit in a window THEN one refusal to tell, then silence, then allowed again once the window moves on', () => {
    const limiter = new RateLimiter(2, 60_000);
    expect(['a', 'a', 'a', 'a'].map((k, i) => limiter.take(k, 1000 + i))).toEqual(['allow', 'allow', 'refuse-and-tell', 'refuse-silently']);
    expect(limiter.take('b', 1005)).toBe('allow');
    expect(limiter.take('a', 61_001)).toBe('allow');
    expect(limiter.take('a', 61_002)).toBe('allow');
    expect(limiter.take('a', 61_003)).toBe('refuse-and-tell');
  });
});

describe('MatrixState', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('GIVEN changes THEN they survive a reload, written atomically; GIVEN another account THEN the sync position is dropped', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-state-'));
    const log = silentLogger();
    const state = await MatrixState.load(dir, log);
    state.bindUser('@bot:a');
    await Promise.all([state.setSince('s1', 10), state.setLayout('!r', 'side-by-side')]);
    expect((await readdir(dir)).sort()).toEqual([STATE_FILE]);

    const again = await MatrixState.load(dir, log);
    again.bindUser('@bot:a');
    expect(again.since).toBe('s1');
    expect(again.layout('!r')).toBe('side-by-side');
    again.bindUser('@other:a');
    expect(again.since).toBeUndefined();
    expect(again.layout('!r')).toBe('side-by-side');
  });

  it('GIVEN a state file of format version 1 written when side by side was called table, with threads THEN it loads as side-by-side and its threads move to the conversation module once', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-state-'));
    const old = { version: 1, userId: '@bot:a', since: 's9', layouts: { '!r': 'table', '!s': 'stacked' }, threads: { $root: { roomId: '!r', workId: 'w', updatedAt: 5 } } };
    await writeFile(path.join(dir, STATE_FILE), JSON.stringify(old));
    const state = await MatrixState.load(dir, silentLogger());
    state.bindUser('@bot:a');
    expect(state.since).toBe('s9');
    expect(state.layout('!r')).toBe('side-by-side');
    expect(state.layout('!s')).toBe('stacked');
    const conversations = await ConversationStore.load(dir, silentLogger(), { retentionDays: 0 });
    expect(await moveLegacyThreads(state, conversations, silentLogger(), 100)).toBe(1);
    expect(conversations.scopeOf({ platform: 'matrix', scope: '!r', thread: '$root' })).toMatchObject({ workId: 'w' });
    // Once: the old file no longer holds them, and a new start finds them in conversations.json.
    expect(JSON.parse(await readFile(path.join(dir, STATE_FILE), 'utf8')).threads).toEqual({});
    expect(await moveLegacyThreads(await MatrixState.load(dir, silentLogger()), conversations, silentLogger(), 100)).toBe(0);
    const reloaded = await ConversationStore.load(dir, silentLogger(), { retentionDays: 0 });
    expect(reloaded.get(conversationKey({ platform: 'matrix', scope: '!r', thread: '$root' }))).toMatchObject({ workId: 'w', updatedAt: 5 });
  });

  it('GIVEN an unreadable state file THEN the bot starts afresh and keeps the bad file aside', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-state-'));
    await writeFile(path.join(dir, STATE_FILE), '{ not json');
    const state = await MatrixState.load(dir, silentLogger());
    expect(state.since).toBeUndefined();
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith(`${STATE_FILE}.unreadable-`))).toBe(true);
    await state.setSince('s2', 1);
    expect(JSON.parse(await readFile(path.join(dir, STATE_FILE), 'utf8')).since).toBe('s2');
  });
});
