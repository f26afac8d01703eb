/**
 * The one conversation module's memory: for each thread (keyed by door, group and thread), the
 * work under discussion, the last citation (for Ibid.), the passage a discussion was opened on, and
 * the notes log of what Lectern posted there. Kept in one versioned file (`conversations.json`,
 * zod-checked on load, written atomically) or, with LECTERN_DATABASE_URL, in database rows other
 * Lectern processes share (src/db/conversation-rows.ts); threads are bounded in number, notes per
 * thread, and in age (NOTES_RETENTION_DAYS), and a deleted thread is forgotten at once.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { UserError } from '../errors.ts';
import type { Reply } from '../reply/model.ts';
import { atMost, notSavedReason, READ_THROUGH_MS, readStateFile, StateWriter } from '../state-file.ts';
import { conversationKey, placeOf, type ThreadPlace } from './key.ts';
import { MAX_NOTES_PER_THREAD, noteEntryOf, type Asker } from './notes-log.ts';
import { CONVERSATIONS_FORMAT, ConversationsFile, type LastCitation, type NoteEntry, type ThreadRecord } from './records.ts';

export const CONVERSATIONS_FILE = 'conversations.json';
/** Threads remembered at most; the least recently used are forgotten first. */
export const MAX_THREADS = 5000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A thread as the platforms' own files kept it before this module existed. */
export interface LegacyThread {
  passage?: string;
  workId?: string;
  lastCitation?: LastCitation;
  updatedAt?: number;
}

/** What a command inside a thread sees of it. */
export interface ThreadScope {
  key: string;
  workId?: string;
  lastCitation?: LastCitation;
}

/** A discussion being opened: where, on which passage, under which title, and what it starts from. */
export interface Opening extends ThreadPlace {
  passage: string;
  title: string;
  workId?: string;
  lastCitation?: LastCitation;
  /** The reply that shows the passage: the thread's first note. */
  shown?: Reply;
}

/**
 * A change to the threads, as the store made it in memory; a shared store applies it to what is
 * stored (another process may have written the same thread since) rather than overwrite it.
 */
export type ThreadChange =
  /**
   * A discussion opened (`opened`: its passage, title, work and citation replace the stored ones) or
   * a command answered in it (`citation`: what Ibid. now refers to); `note` is appended.
   */
  | { kind: 'put'; key: string; record: ThreadRecord; note: NoteEntry | undefined; opened: boolean; citation?: LastCitation }
  /** Records from an older Lectern's files: kept unless the thread is known. */
  | { kind: 'adopt'; records: ThreadRecord[] }
  | { kind: 'forget'; key: string }
  /** Threads untouched since before `before` (ms) go. */
  | { kind: 'expire'; before: number };

/** Where the threads are kept: the file, or the database. The store holds them in memory for the doors' synchronous reads. */
export interface ConversationRepo {
  load(): Promise<{ threads: Record<string, ThreadRecord>; setAside?: string }>;
  /**
   * Keeps a change. Resolves with the threads it touched as now stored (null: gone) when the store
   * is shared, or undefined when memory is the truth. Rejects when the change was not kept.
   */
  write(change: ThreadChange, snapshot: () => ConversationsFile): Promise<Map<string, ThreadRecord | null> | undefined>;
  /** One thread as stored now (null: none), where other processes write too; absent when memory is the truth. */
  read?(key: string): Promise<ThreadRecord | null>;
  /** Called with the key of a thread another process changed ('*': any may have changed). */
  watch?(changed: (key: string) => void): Promise<void>;
  /**
   * True when what is stored already holds every change handed to `write` (none failed since the
   * last that was kept): `save` then has nothing to store. Absent: `save` always writes.
   */
  upToDate?(): boolean;
}

/** The conversations file: written whole and atomically after each change, set aside when unreadable. */
export function conversationsFile(stateDir: string, log: Logger): ConversationRepo {
  const file = path.join(stateDir, CONVERSATIONS_FILE);
  let current: () => ConversationsFile = () => empty();
  const writer = new StateWriter(file, () => current(), log, 'conversations');
  const empty = (): ConversationsFile => ({ format: CONVERSATIONS_FORMAT, version: 1, threads: {} });
  return {
    async load() {
      let aside: string | undefined;
      const data = await readStateFile(file, (text) => ConversationsFile.safeParse(JSON.parse(text)).data, empty, log, 'Conversations', (a) => (aside = a));
      return { threads: data.threads, ...(aside ? { setAside: aside } : {}) };
    },
    async write(change, snapshot) {
      current = snapshot;
      // Forgetting and expiring are not told to anyone: a failure is logged and the next write carries them.
      if (change.kind === 'forget' || change.kind === 'expire') await writer.save();
      else await writer.saveOrThrow();
      return undefined;
    },
    // Every change is written as it is made; only a failed write leaves the file behind memory.
    upToDate: () => writer.failure === undefined,
  };
}

export interface ConversationOptions {
  retentionDays: number;
  now?: number;
  /** MAX_THREADS unless a test wants a small bound. */
  maxThreads?: number;
}

export class ConversationStore {
  private data: ConversationsFile;
  private readonly repo: ConversationRepo;
  private readonly log: Logger;
  private readonly retentionMs: number;
  private readonly maxThreads: number;
  /** Where an unreadable conversations file was set aside at start-up; each thread is told once. */
  private readonly setAside: string | undefined;
  private readonly told = new Set<string>();
  /** The sequence number of the last stored version applied per thread: an older read never overwrites a newer one. */
  private readonly applied = new Map<string, number>();
  private seq = 0;
  /** Writes under way, so that close() waits for them. */
  private writing = new Set<Promise<unknown>>();

  private constructor(repo: ConversationRepo, threads: Record<string, ThreadRecord>, log: Logger, options: ConversationOptions, setAside?: string) {
    this.data = { format: CONVERSATIONS_FORMAT, version: 1, threads };
    this.repo = repo;
    this.log = log;
    this.retentionMs = options.retentionDays * DAY_MS;
    this.maxThreads = options.maxThreads ?? MAX_THREADS;
    this.setAside = setAside;
  }

  /** The conversations file in `stateDir`. */
  static async load(stateDir: string, log: Logger, options: ConversationOptions): Promise<ConversationStore> {
    return await ConversationStore.open(conversationsFile(stateDir, log), log, options);
  }

  /** The threads kept by `repo`; a shared one is followed, so a thread's record written by another process is seen here. */
  static async open(repo: ConversationRepo, log: Logger, options: ConversationOptions): Promise<ConversationStore> {
    const { threads, setAside } = await repo.load();
    const store = new ConversationStore(repo, threads, log, options, setAside);
    const now = options.now ?? Date.now();
    if (store.expire(now)) await store.write({ kind: 'expire', before: now - store.retentionMs }).catch(() => undefined);
    await repo.watch?.((key) => {
      if (key === '*') void store.reloadAll();
      else void store.refresh(key);
    });
    return store;
  }

  /**
   * Once per thread after the conversations file was found unreadable: what happened, for the next
   * command asked in a thread Lectern no longer has a record of (which threads were in the file
   * cannot be known, so every such thread is told).
   */
  takeNotice(key: string): string | undefined {
    if (!this.setAside || this.told.has(key) || this.data.threads[key]) return undefined;
    this.told.add(key);
    return `Lectern could not read what it kept of its discussion threads, so this thread starts afresh: its work, last citation (for Ibid.) and notes so far are lost (the damaged file was kept as ${path.basename(this.setAside)}).`;
  }

  get(key: string): ThreadRecord | undefined {
    return this.data.threads[key];
  }

  /** The thread as a command sees it; `key` alone for a thread Lectern has no record of yet. */
  scopeOf(place: ThreadPlace): ThreadScope {
    const key = conversationKey(place);
    return this.scopeOfKey(key);
  }

  private scopeOfKey(key: string): ThreadScope {
    const record = this.data.threads[key];
    return { key, ...(record?.workId ? { workId: record.workId } : {}), ...(record?.lastCitation ? { lastCitation: record.lastCitation } : {}) };
  }

  /**
   * The thread as stored now, where other processes write too (before each command, so that Ibid.
   * follows a citation made through another process); the thread as given where memory is the truth.
   */
  async fresh<T extends { key?: string | undefined; workId?: string | undefined; lastCitation?: LastCitation | undefined }>(thread: T): Promise<T> {
    const key = thread.key;
    if (!key || !this.repo.read) return thread;
    // A database that does not answer holds no command up for long: memory answers, the read applies when it comes.
    await atMost(this.refresh(key), READ_THROUGH_MS);
    const record = this.data.threads[key];
    if (!record) return thread;
    const { workId: _work, lastCitation: _citation, ...rest } = thread;
    return { ...rest, ...(record.workId ? { workId: record.workId } : {}), ...(record.lastCitation ? { lastCitation: record.lastCitation } : {}) } as T;
  }

  /** Reads one thread again from a shared store; a failed read is logged and memory is used. */
  async refresh(key: string): Promise<void> {
    if (!this.repo.read) return;
    const seq = ++this.seq;
    try {
      this.apply(key, await this.repo.read(key), seq);
    } catch (err) {
      this.log.warn({ err }, 'could not read a thread again; using what is in memory');
    }
  }

  private async reloadAll(): Promise<void> {
    const seq = ++this.seq;
    try {
      const { threads } = await this.repo.load();
      for (const key of new Set([...Object.keys(threads), ...Object.keys(this.data.threads)])) this.apply(key, threads[key] ?? null, seq);
    } catch (err) {
      this.log.warn({ err }, 'could not read the threads again; using what is in memory');
    }
  }

  private apply(key: string, record: ThreadRecord | null, seq: number): void {
    if ((this.applied.get(key) ?? 0) > seq) return;
    this.applied.set(key, seq);
    if (record) this.data.threads[key] = record;
    else delete this.data.threads[key];
  }

  /** Every thread remembered (state-import copies them into the database). */
  records(): ThreadRecord[] {
    return Object.values(this.data.threads);
  }

  /** The threads of one door (the CLI finds the console's by id). */
  threadsOf(platform: string): ThreadRecord[] {
    return Object.values(this.data.threads).filter((t) => t.platform === platform);
  }

  /** Remembers a discussion before it is announced, so a command sent as soon as it appears finds it. Rejects with `conversation.not-saved`. */
  async open(opening: Opening, asker: Asker): Promise<string> {
    const key = conversationKey(opening);
    const { platform, scope, thread, passage, title, workId, lastCitation, shown } = opening;
    const first = shown ? noteEntryOf('discuss', shown, asker) : undefined;
    const notes = [...(this.data.threads[key]?.notes ?? []), ...(first ? [first] : [])].slice(-MAX_NOTES_PER_THREAD);
    const now = asker.at;
    const record: ThreadRecord = { platform, scope, thread, passage, title, updatedAt: now, notes, ...(workId ? { workId } : {}), ...(lastCitation ? { lastCitation } : {}) };
    this.put(key, record, now);
    await this.saveOrTell({ kind: 'put', key, record, note: first, opened: true });
    return key;
  }

  /**
   * After a command answered in a thread: its last citation becomes what Ibid. refers to, and what
   * it posted goes into the notes. Returns the reply, told "Could not save: …" when the write failed.
   */
  async afterReply(key: string, command: string, reply: Reply, asker: Asker): Promise<Reply> {
    const entry = noteEntryOf(command, reply, asker);
    if (!entry && !reply.lastCitation) return reply;
    const previous = this.data.threads[key];
    const place = previous ?? placeOf(key);
    if (!place) return reply;
    const notes = [...(previous?.notes ?? []), ...(entry ? [entry] : [])].slice(-MAX_NOTES_PER_THREAD);
    const record: ThreadRecord = { ...place, ...previous, updatedAt: asker.at, notes };
    if (reply.lastCitation) record.lastCitation = reply.lastCitation;
    this.put(key, record, asker.at);
    try {
      await this.saveOrTell({ kind: 'put', key, record, note: entry, opened: false, ...(reply.lastCitation ? { citation: reply.lastCitation } : {}) });
      return reply;
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      return { ...reply, sections: [...reply.sections, { kind: 'text', text: `⚠ ${err.message}` }] };
    }
  }

  /**
   * What a platform's own file kept of a thread before this module existed (work, passage, last
   * citation), as this module's record, for `adopt`: one reading for every platform.
   */
  static legacyRecord(platform: string, scope: string, thread: string, old: LegacyThread, now: number): ThreadRecord {
    return {
      platform,
      scope,
      thread,
      updatedAt: old.updatedAt ?? now,
      notes: [],
      ...(old.passage ? { passage: old.passage } : {}),
      ...(old.workId ? { workId: old.workId } : {}),
      ...(old.lastCitation ? { lastCitation: old.lastCitation } : {}),
    };
  }

  /**
   * Thread records a platform kept in its own file before this module existed: taken in once (a
   * record already here is newer and wins); the platform then drops them from its file.
   */
  async adopt(records: ThreadRecord[], now: number): Promise<number> {
    const taken: ThreadRecord[] = [];
    for (const r of records) {
      const key = conversationKey(r);
      if (this.data.threads[key]) continue;
      this.put(key, r, now);
      taken.push(r);
    }
    if (taken.length) await this.saveOrTell({ kind: 'adopt', records: taken });
    return taken.length;
  }

  /** The thread was deleted where it lived: everything Lectern kept of it goes. */
  async forget(key: string): Promise<boolean> {
    if (!this.data.threads[key]) return false;
    delete this.data.threads[key];
    this.applied.set(key, ++this.seq);
    await this.write({ kind: 'forget', key }).catch((err: unknown) => this.log.error({ err }, 'could not forget a deleted thread; it goes with the next change'));
    return true;
  }

  /**
   * Resolves once every change made before the call is stored. Where everything already is (the
   * file after a one-shot command that changed nothing), nothing is written: rewriting the same
   * threads cost each CLI answer a write and an fsync, and could put back an older copy over what
   * another process (the console) wrote to the same file meanwhile.
   */
  async save(): Promise<void> {
    await Promise.allSettled([...this.writing]);
    if (this.repo.upToDate?.()) return;
    await this.write({ kind: 'expire', before: this.retentionMs > 0 ? Date.now() - this.retentionMs : 0 }).catch(() => undefined);
  }

  private put(key: string, record: ThreadRecord, now: number): void {
    this.data.threads[key] = record;
    this.expire(now);
    const keys = Object.keys(this.data.threads);
    if (keys.length <= this.maxThreads) return;
    const oldest = keys.sort((a, b) => (this.data.threads[a]?.updatedAt ?? 0) - (this.data.threads[b]?.updatedAt ?? 0));
    for (const k of oldest.slice(0, keys.length - this.maxThreads)) delete this.data.threads[k];
  }

  /** Forgets threads untouched for longer than the retention; true when any went. */
  private expire(now: number): boolean {
    if (!(this.retentionMs > 0)) return false;
    let any = false;
    for (const [k, t] of Object.entries(this.data.threads)) {
      if (now - t.updatedAt > this.retentionMs) {
        delete this.data.threads[k];
        any = true;
      }
    }
    return any;
  }

  /** Hands a change to the repo; what a shared store returns replaces memory (with other processes' notes merged in). */
  private async write(change: ThreadChange): Promise<void> {
    const writing = this.repo.write(change, () => this.data);
    this.writing.add(writing);
    try {
      const stored = await writing;
      // Numbered once stored: a read begun before this write ended may be older, one begun after is not.
      const seq = ++this.seq;
      if (stored) for (const [key, record] of stored) this.apply(key, record, seq);
    } finally {
      this.writing.delete(writing);
    }
  }

  private async saveOrTell(change: ThreadChange): Promise<void> {
    try {
      await this.write(change);
    } catch (err) {
      throw notSaved(err);
    }
  }
}

/** The same wording as /settings: what failed and what to do, for the person who asked. */
export function notSaved(err: unknown): UserError {
  const { why, code, check } = notSavedReason(err, "the thread's state could not be written");
  return new UserError(
    'conversation.not-saved',
    `Could not save: ${why}${code ? ` (${code})` : ''}. This thread's work, last citation and notes are kept until Lectern restarts; ask whoever runs Lectern to check ${check}.`,
  );
}
