/**
 * The one conversation module, on the real corpus through the real dispatcher: a discussion's work,
 * its last citation (Ibid.) and its notes are kept per thread, survive a restart, never cross
 * threads or groups, expire, and a failed write is told in the reply.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { conversationKey } from '../src/conversation/key.ts';
import { fitPages } from '../src/conversation/pager.ts';
import { CONVERSATIONS_FILE, ConversationStore } from '../src/conversation/store.ts';
import { discussionTitle, discussRequest, openingOf } from '../src/conversation/discuss.ts';
import { createDispatch } from '../src/dispatch/dispatch.ts';
import type { Dispatch } from '../src/dispatch/invocation.ts';
import { silentLogger } from '../src/logger.ts';
import type { Reply } from '../src/reply/model.ts';
import { createRealDispatch, testScope, type RealDispatch } from './helpers/real-dispatch.ts';

let real: RealDispatch;
let dir: string;
const log = silentLogger();
const PASSAGE = 'trotskys-lies.p37';

beforeAll(async () => {
  real = await createRealDispatch();
  dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-conv-'));
}, 120_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function discussion(store: ConversationStore, place: { platform: string; scope: string; thread: string }, dispatch: Dispatch) {
  const shown = await dispatch({ ...discussRequest(PASSAGE), scope: testScope() });
  expect(shown.error).toBeUndefined();
  return store.open(openingOf(place, PASSAGE, shown, discussionTitle(shown, 100)), { name: 'Ada', at: Date.now() });
}

describe('GIVEN a discussion opened on a passage and commands asked in it', () => {
  it('THEN the thread defaults to its work, Ibid. follows its last citation, the notes list what Lectern posted, and all of it survives a reload', async () => {
    const store = await ConversationStore.load(path.join(dir, 'a'), log, { retentionDays: 90 });
    const dispatch = createDispatch({ ...real.app, conversations: store }, commands);
    const place = { platform: 'console', scope: 'local', thread: 't1' };
    const key = await discussion(store, place, dispatch);
    expect(store.get(key)).toMatchObject({ passage: PASSAGE, workId: 'trotskys-lies', title: expect.stringContaining("Trotsky's Lies") });

    const quoted = await dispatch({ command: 'quote', args: { query: 'peppery dishes' }, scope: testScope({ userName: 'Ada', thread: store.scopeOf(place) }) });
    const first = quoted.sections.find((s) => s.kind === 'passage');
    expect(first?.kind === 'passage' && first.passage.work.id).toBe('trotskys-lies');
    const cited = await dispatch({ command: 'source', args: { text: '(Main 185)' }, scope: testScope({ userName: 'Bo', thread: store.scopeOf(place) }) });
    expect(cited.lastCitation?.entryId).toBeDefined();
    const ibid = await dispatch({ command: 'source', args: { text: 'Ibid.' }, scope: testScope({ userName: 'Bo', thread: store.scopeOf(place) }) });
    // Ibid. in the thread is the entry the thread cited last.
    expect(ibid.lastCitation?.entryId).toBe(cited.lastCitation?.entryId);

    const reloaded = await ConversationStore.load(path.join(dir, 'a'), log, { retentionDays: 90 });
    const record = reloaded.get(key)!;
    expect(record.lastCitation?.workId).toBe('trotskys-lies');
    expect(record.notes.map((n) => [n.command, n.by])).toEqual([['discuss', 'Ada'], ['quote', 'Ada'], ['source', 'Bo'], ['source', 'Bo']]);
    expect(record.notes[2]!.citations[0]?.entryId).toBe(cited.lastCitation?.entryId);
    expect(record.notes[0]!.passages.map((p) => p.id)).toEqual([PASSAGE]);
    expect(record.notes[1]!.passages.length).toBeGreaterThan(0);
  }, 60_000);

  it('THEN another thread, or the same thread id in another group or door, sees none of it', async () => {
    const store = await ConversationStore.load(path.join(dir, 'b'), log, { retentionDays: 90 });
    const dispatch = createDispatch({ ...real.app, conversations: store }, commands);
    await discussion(store, { platform: 'discord', scope: 'g1', thread: 'x' }, dispatch);
    expect(store.scopeOf({ platform: 'discord', scope: 'g2', thread: 'x' })).toEqual({ key: conversationKey({ platform: 'discord', scope: 'g2', thread: 'x' }) });
    expect(store.scopeOf({ platform: 'matrix', scope: 'g1', thread: 'x' }).workId).toBeUndefined();
    expect(store.threadsOf('matrix')).toEqual([]);
  }, 60_000);
});

describe('GIVEN the conversations file', () => {
  it('THEN it carries its format and version, and an unknown version is set aside instead of trusted', async () => {
    const at = path.join(dir, 'c');
    const store = await ConversationStore.load(at, log, { retentionDays: 90 });
    await store.open({ platform: 'console', scope: 'local', thread: 't', passage: PASSAGE, title: 'T' }, { name: 'Ada', at: Date.now() });
    const saved = JSON.parse(await readFile(path.join(at, CONVERSATIONS_FILE), 'utf8'));
    expect(saved).toMatchObject({ format: 'lectern.conversations', version: 1 });
    await writeFile(path.join(at, CONVERSATIONS_FILE), JSON.stringify({ ...saved, version: 2 }));
    const again = await ConversationStore.load(at, log, { retentionDays: 90 });
    expect(again.threadsOf('console')).toEqual([]);
  });

  it('THEN threads untouched for longer than NOTES_RETENTION_DAYS are gone on the next start, and a deleted thread at once', async () => {
    const at = path.join(dir, 'd');
    const store = await ConversationStore.load(at, log, { retentionDays: 30 });
    const day = 24 * 60 * 60 * 1000;
    const old = await store.open({ platform: 'console', scope: 'local', thread: 'old', passage: PASSAGE, title: 'T' }, { name: 'Ada', at: Date.now() - 31 * day });
    const fresh = await store.open({ platform: 'console', scope: 'local', thread: 'new', passage: PASSAGE, title: 'T' }, { name: 'Ada', at: Date.now() });
    const later = await ConversationStore.load(at, log, { retentionDays: 30 });
    expect(later.get(old)).toBeUndefined();
    expect(later.get(fresh)).toBeDefined();
    expect(await later.forget(fresh)).toBe(true);
    expect((await ConversationStore.load(at, log, { retentionDays: 30 })).get(fresh)).toBeUndefined();
  });

  it('THEN closing a store that changed nothing leaves the file as it was, and a change whose write failed is written at close', async () => {
    const at = path.join(dir, 'f');
    const file = path.join(at, CONVERSATIONS_FILE);
    const first = await ConversationStore.load(at, log, { retentionDays: 90 });
    const key = await first.open({ platform: 'console', scope: 'local', thread: 't', passage: PASSAGE, title: 'T' }, { name: 'Ada', at: Date.now() });
    // The same threads in other bytes than Lectern writes: any rewrite would show.
    const compact = JSON.stringify(JSON.parse(await readFile(file, 'utf8')));
    await writeFile(file, compact);
    const unchanged = await ConversationStore.load(at, log, { retentionDays: 90 });
    expect(unchanged.get(key)).toBeDefined();
    await unchanged.save();
    expect(await readFile(file, 'utf8')).toBe(compact);

    // A forget whose write fails (the file's place taken by a folder) is carried by the save at close.
    await rm(file);
    await mkdir(path.join(file, 'blocker'), { recursive: true });
    expect(await unchanged.forget(key)).toBe(true);
    await rm(file, { recursive: true });
    await unchanged.save();
    expect((await ConversationStore.load(at, log, { retentionDays: 90 })).get(key)).toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ threads: {} });
  });

  it('THEN a write that fails is told in the reply ("Could not save: …"), not only logged', async () => {
    const at = path.join(dir, 'e');
    const store = await ConversationStore.load(at, log, { retentionDays: 90 });
    const dispatch = createDispatch({ ...real.app, conversations: store }, commands);
    const place = { platform: 'console', scope: 'local', thread: 't' };
    await discussion(store, place, dispatch);
    // The file's place taken by a folder: the rename over it fails as a full or read-only disk would.
    await rm(path.join(at, CONVERSATIONS_FILE));
    await mkdir(path.join(at, CONVERSATIONS_FILE, 'blocker'), { recursive: true });
    const reply = await dispatch({ command: 'quote', args: { query: 'peppery dishes' }, scope: testScope({ thread: store.scopeOf(place) }) });
    const text = reply.sections.flatMap((s) => (s.kind === 'text' ? [s.text] : [])).join(' ');
    expect(text).toMatch(/Could not save: .*thread/);
    expect(reply.sections.some((s) => s.kind === 'passage')).toBe(true);
  }, 60_000);
});

describe('GIVEN a conversations file that cannot be read', () => {
  it('THEN it is set aside, and the next command in each thread says the thread starts afresh, once; commands outside threads are not told', async () => {
    const at = path.join(dir, 'f');
    await mkdir(at, { recursive: true });
    await writeFile(path.join(at, CONVERSATIONS_FILE), '{"format": "lectern.conversations", "version": 1, "threads": {');
    const store = await ConversationStore.load(at, log, { retentionDays: 90 });
    const dispatch = createDispatch({ ...real.app, conversations: store }, commands);
    const warnings = (reply: Reply) => reply.sections.flatMap((s) => (s.kind === 'text' && s.text.startsWith('⚠') ? [s.text] : []));
    const place = { platform: 'discord', scope: 'g1', thread: 't' };

    const first = await dispatch({ command: 'quote', args: { query: 'peppery dishes' }, scope: testScope({ thread: store.scopeOf(place) }) });
    expect(warnings(first)).toEqual([expect.stringMatching(/could not read what it kept of its discussion threads.*starts afresh.*conversations\.json\.unreadable-\d+/)]);
    expect(first.sections.some((s) => s.kind === 'passage')).toBe(true);
    const second = await dispatch({ command: 'quote', args: { query: 'peppery dishes' }, scope: testScope({ thread: store.scopeOf(place) }) });
    expect(warnings(second)).toEqual([]);
    const outside = await dispatch({ command: 'quote', args: { query: 'peppery dishes' }, scope: testScope() });
    expect(warnings(outside)).toEqual([]);
    const other = await dispatch({ command: 'quote', args: { query: 'Kirov' }, scope: testScope({ thread: store.scopeOf({ ...place, thread: 'u' }) }) });
    expect(warnings(other)).toHaveLength(1);
  }, 60_000);
});

describe('GIVEN the one shrink-and-retry pager', () => {
  it('THEN pages measured over their limit are paged again smaller, and what still does not fit goes to the fallback', () => {
    const reply: Reply = { title: 'T', sections: [{ kind: 'text', text: 'A sentence of some length. '.repeat(400) }], actions: [], visibility: 'public' };
    const budget = { maxBody: 4000, maxField: 1000, maxFieldName: 100, maxTitle: 100, maxFields: 10, maxTotal: 4000 };
    // A door whose messages are twice the text's length, limited to 3,000.
    const pages = fitPages(reply, budget, { render: (p) => JSON.stringify(p).repeat(2), excess: (m) => m.length / 3000, fallback: () => 'too big', minText: 300 });
    expect(pages.length).toBeGreaterThan(4);
    expect(pages.every((p) => p.length <= 3000)).toBe(true);
    const never = fitPages(reply, budget, { render: (p) => JSON.stringify(p), excess: () => 2, fallback: () => 'too big', minText: 300 });
    expect(never.every((p) => p === 'too big')).toBe(true);
  });
});
