/**
 * The one conversation module's memory: for each thread (keyed by door, group and thread), the
 * work under discussion, the last citation (for Ibid.), the passage a discussion was opened on, and
 * the notes log of what Lectern posted there. One versioned file (`conversations.json`, zod-checked
 * on load, written atomically); threads are bounded in number, notes per thread, and in age
 * (NOTES_RETENTION_DAYS), and a deleted thread is forgotten at once.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { UserError } from '../errors.ts';
import type { Reply } from '../reply/model.ts';
import { readStateFile, StateWriter } from '../state-file.ts';
import { conversationKey, placeOf, type ThreadPlace } from './key.ts';
import { MAX_NOTES_PER_THREAD, noteEntryOf, type Asker } from './notes-log.ts';
import { CONVERSATIONS_FORMAT, ConversationsFile, type LastCitation, type ThreadRecord } from './records.ts';

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

export class ConversationStore {
  private data: ConversationsFile;
  private readonly writer: StateWriter;
  private readonly retentionMs: number;
  /** Where an unreadable conversations file was set aside at start-up; each thread is told once. */
  private readonly setAside: string | undefined;
  private readonly told = new Set<string>();

  private constructor(file: string, data: ConversationsFile, log: Logger, retentionDays: number, setAside?: string) {
    this.data = data;
    this.writer = new StateWriter(file, () => this.data, log, 'conversations');
    this.retentionMs = retentionDays * DAY_MS;
    this.setAside = setAside;
  }

  static async load(stateDir: string, log: Logger, options: { retentionDays: number; now?: number }): Promise<ConversationStore> {
    const file = path.join(stateDir, CONVERSATIONS_FILE);
    const empty = (): ConversationsFile => ({ format: CONVERSATIONS_FORMAT, version: 1, threads: {} });
    let aside: string | undefined;
    const data = await readStateFile(file, (text) => ConversationsFile.safeParse(JSON.parse(text)).data, empty, log, 'Conversations', (a) => (aside = a));
    const store = new ConversationStore(file, data, log, options.retentionDays, aside);
    if (store.expire(options.now ?? Date.now())) await store.writer.save();
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
    const record = this.data.threads[key];
    return { key, ...(record?.workId ? { workId: record.workId } : {}), ...(record?.lastCitation ? { lastCitation: record.lastCitation } : {}) };
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
    this.put(key, { platform, scope, thread, passage, title, updatedAt: now, notes, ...(workId ? { workId } : {}), ...(lastCitation ? { lastCitation } : {}) }, now);
    await this.saveOrTell();
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
      await this.saveOrTell();
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
    let adopted = 0;
    for (const r of records) {
      const key = conversationKey(r);
      if (this.data.threads[key]) continue;
      this.put(key, r, now);
      adopted++;
    }
    if (adopted) await this.saveOrTell();
    return adopted;
  }

  /** The thread was deleted where it lived: everything Lectern kept of it goes. */
  async forget(key: string): Promise<boolean> {
    if (!this.data.threads[key]) return false;
    delete this.data.threads[key];
    await this.writer.save();
    return true;
  }

  /** Resolves once everything changed before the call is on disk. */
  save(): Promise<void> {
    return this.writer.save();
  }

  private put(key: string, record: ThreadRecord, now: number): void {
    this.data.threads[key] = record;
    this.expire(now);
    const keys = Object.keys(this.data.threads);
    if (keys.length <= MAX_THREADS) return;
    const oldest = keys.sort((a, b) => (this.data.threads[a]?.updatedAt ?? 0) - (this.data.threads[b]?.updatedAt ?? 0));
    for (const k of oldest.slice(0, keys.length - MAX_THREADS)) delete this.data.threads[k];
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

  private async saveOrTell(): Promise<void> {
    try {
      await this.writer.saveOrThrow();
    } catch (err) {
      throw notSaved(err);
    }
  }
}

/** The same wording as /settings: what failed and what to do, for the person who asked. */
export function notSaved(err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'the data folder is not writable' : code === 'ENOSPC' ? 'the disk is full' : "the thread's state could not be written";
  return new UserError(
    'conversation.not-saved',
    `Could not save: ${why}${code ? ` (${code})` : ''}. This thread's work, last citation and notes are kept until Lectern restarts; ask whoever runs Lectern to check its data folder.`,
  );
}
