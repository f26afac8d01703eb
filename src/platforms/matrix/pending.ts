/**
 * The rest of the last long answer in each room or thread, for `!more` and for a reaction on one
 * of its parts. Kept in memory only: after a restart, asking again is cheap.
 */
import type { RenderedMessage } from './render.ts';

export interface PendingPages {
  roomId: string;
  threadRoot?: string;
  pages: RenderedMessage[];
  /** Index of the next page to send. */
  next: number;
  /** The events the parts were sent as: a reaction on any of them asks for the next part. */
  sentEventIds: string[];
}

/** Rooms and threads with pages waiting, at most; the longest unused are dropped first. */
const MAX_ENTRIES = 500;

export const pagingKey = (roomId: string, threadRoot?: string): string => `${roomId}\u0000${threadRoot ?? ''}`;

export class PendingStore {
  private readonly byKey = new Map<string, PendingPages>();

  /** Replaces whatever was waiting in that room or thread: `!more` continues the last long answer. */
  set(entry: PendingPages): void {
    const key = pagingKey(entry.roomId, entry.threadRoot);
    this.byKey.delete(key);
    this.byKey.set(key, entry);
    while (this.byKey.size > MAX_ENTRIES) {
      const first = this.byKey.keys().next().value;
      if (first === undefined) break;
      this.byKey.delete(first);
    }
  }

  get(roomId: string, threadRoot?: string): PendingPages | undefined {
    return this.byKey.get(pagingKey(roomId, threadRoot));
  }

  /** The entry one of whose parts is `eventId`, if it still has pages to send. */
  bySentEvent(roomId: string, eventId: string): PendingPages | undefined {
    for (const entry of this.byKey.values()) {
      if (entry.roomId === roomId && entry.sentEventIds.includes(eventId)) return entry;
    }
    return undefined;
  }

  /** The rest of an answer sent to the room continues in a thread (the parts of a `!discuss` root). */
  moveToThread(entry: PendingPages, threadRoot: string): void {
    this.byKey.delete(pagingKey(entry.roomId, entry.threadRoot));
    this.set({ ...entry, threadRoot });
  }

  /** Takes the next page, dropping the entry once the last page is taken. */
  take(entry: PendingPages): { page: RenderedMessage; index: number } | undefined {
    const page = entry.pages[entry.next];
    if (!page) return undefined;
    const index = entry.next;
    entry.next++;
    const key = pagingKey(entry.roomId, entry.threadRoot);
    if (entry.next >= entry.pages.length) this.byKey.delete(key);
    return { page, index };
  }
}
