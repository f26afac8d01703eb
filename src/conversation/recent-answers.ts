/**
 * The answers that buttons under a message still act on (next/previous page, cite, translation,
 * discuss, a form waiting to be sent): a bounded, in-memory LRU of the reply, the invocation behind
 * it and who asked. Where a door pages by buttons rather than by a "more" command (pending.ts), this
 * is its pending pages: each page is rendered again from the stored reply through the one pager.
 * Keys are short and random, so they fit in a button's id, and a key from before a restart finds
 * nothing (the button then says it has expired) instead of another reply.
 */
import { randomBytes } from 'node:crypto';

export class RecentStore<V> {
  readonly max: number;
  readonly ttlMs: number;
  private readonly entries = new Map<string, { value: V; at: number }>();

  constructor(max: number, ttlMs: number) {
    this.max = max;
    this.ttlMs = ttlMs;
  }

  put(value: V, now: number): string {
    let key = randomBytes(6).toString('base64url');
    while (this.entries.has(key)) key = randomBytes(6).toString('base64url');
    this.entries.set(key, { value, at: now });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return key;
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
