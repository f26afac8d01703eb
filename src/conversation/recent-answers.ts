/**
 * The answers that buttons under a message still act on (next/previous page, cite, translation,
 * discuss, a form waiting to be sent): a bounded, in-memory LRU of the reply, the invocation behind
 * it and who asked. Where a door pages by buttons rather than by a "more" command (pending.ts), this
 * is its pending pages: each page is rendered again from the stored reply through the one pager.
 * Keys are short and random, so they fit in a button's id, and a key from before a restart finds
 * nothing (the button then says it has expired) instead of another reply. Where the state is shared
 * (the database), each entry is also written to a door's rows, so a button pressed on an answer
 * another process (or this one before a restart) gave still finds it: `fetch` reads it from there.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { KeyedRows } from '../state-backend.ts';

export interface RecentShared<V> {
  rows: KeyedRows;
  /** The value as stored (JSON) back into what the door holds; undefined when it does not parse. */
  parse(value: unknown): V | undefined;
  log: Logger;
}

/** Stored rows older than the time to live are pruned every this many puts. */
const PRUNE_EVERY = 100;

export class RecentStore<V> {
  readonly max: number;
  readonly ttlMs: number;
  private readonly entries = new Map<string, { value: V; at: number }>();
  private readonly shared: RecentShared<V> | undefined;
  private readonly writes = new Set<Promise<void>>();
  private puts = 0;

  constructor(max: number, ttlMs: number, shared?: RecentShared<V>) {
    this.max = max;
    this.ttlMs = ttlMs;
    this.shared = shared;
  }

  put(value: V, now: number): string {
    // 9 bytes where other processes share the keys (72 bits: no two processes draw the same one).
    const size = this.shared ? 9 : 6;
    let key = randomBytes(size).toString('base64url');
    while (this.entries.has(key)) key = randomBytes(size).toString('base64url');
    this.entries.set(key, { value, at: now });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    if (this.shared) this.store(this.shared, key, value, now);
    return key;
  }

  /** Like get, and where the store is shared, an entry another process (or this one before a restart) put. */
  async fetch(key: string, now: number): Promise<V | undefined> {
    const here = this.get(key, now);
    if (here !== undefined || !this.shared) return here;
    try {
      const stored = (await this.shared.rows.get(key)) as { value?: unknown; at?: unknown } | undefined;
      if (!stored || typeof stored.at !== 'number' || now - stored.at > this.ttlMs) return undefined;
      const value = this.shared.parse(stored.value);
      if (value === undefined) return undefined;
      this.entries.set(key, { value, at: now });
      while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
      return value;
    } catch (err) {
      this.shared.log.warn({ err }, 'could not read a stored answer; the button says it has expired');
      return undefined;
    }
  }

  /** Resolves once every entry put so far is stored. */
  async flush(): Promise<void> {
    await Promise.all([...this.writes]);
  }

  /**
   * `flush`, waiting at most `maxMs`: a door sends an answer only once its buttons' entry is stored,
   * or a press that reaches another process at once finds nothing; a slow database must still not
   * hold the answer past the platform's deadline.
   */
  async settled(maxMs: number): Promise<void> {
    if (!this.writes.size) return;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)));
    try {
      await Promise.race([this.flush(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private store(shared: RecentShared<V>, key: string, value: V, now: number): void {
    const prune = ++this.puts % PRUNE_EVERY === 0;
    const write = (async () => {
      await shared.rows.put(key, { value, at: now });
      if (prune) await shared.rows.prune?.(this.ttlMs);
    })().catch((err: unknown) => shared.log.warn({ err }, 'could not store an answer for its buttons; they work in this process only'));
    this.writes.add(write);
    void write.then(() => this.writes.delete(write));
  }

  /** The value, marked as recently used; undefined when unknown or expired. */
  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now - entry.at > this.ttlMs) return undefined;
    entry.at = now;
    this.entries.set(key, entry);
    return entry.value;
  }

  get size(): number {
    return this.entries.size;
  }
}
