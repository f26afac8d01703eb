/**
 * A bounded, in-memory LRU of what buttons need to regenerate a page: the reply, the invocation
 * behind it and who asked. Keys are short and random, so they fit in a custom id and a key from
 * before a restart finds nothing (the button then says it has expired) instead of another reply.
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
