/**
 * The collections held loaded, least recently used first, under a memory budget
 * (`LIBRARY_CACHE_MB`). A popular bot knows thousands of groups, most of them idle: each is loaded
 * on its first command and let go when the loaded ones together pass the budget, so memory follows
 * the groups in use, not the groups that exist. A collection with a change in progress is never
 * let go (its change swaps the view in when it commits), nor the one just used.
 */
export interface Cached {
  /** Estimated memory of the loaded collection, in bytes. */
  bytes: number;
}

export interface CacheStats {
  loaded: number;
  bytes: number;
  budget: number;
  evicted: number;
}

export class ViewCache<S extends Cached> {
  /** A Map keeps insertion order: a used entry is moved to the end, so the first is the least recently used. */
  private readonly entries = new Map<string, S>();
  private total = 0;
  private evicted = 0;
  private readonly budget: number;
  private readonly pinned: (key: string) => boolean;

  constructor(budgetBytes: number, pinned: (key: string) => boolean) {
    this.budget = budgetBytes;
    this.pinned = pinned;
  }

  /** The entry, now the most recently used. */
  get(key: string): S | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, entry: S): void {
    const old = this.entries.get(key);
    if (old !== undefined) this.total -= old.bytes;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.total += entry.bytes;
    this.shrink(key);
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.total -= old.bytes;
    this.entries.delete(key);
  }

  /** Lets the least recently used go until the rest fit the budget (a change or `keep` stays). */
  private shrink(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.budget) return;
      if (key === keep || this.pinned(key)) continue;
      this.entries.delete(key);
      this.total -= entry.bytes;
      this.evicted++;
    }
  }

  stats(): CacheStats {
    return { loaded: this.entries.size, bytes: this.total, budget: this.budget, evicted: this.evicted };
  }
}
