/**
 * The rest of the last long answer in each conversation (a room, a thread, a console), for a
 * "more" command or a reaction on one of its parts. In memory only: after a restart, asking again
 * is cheap. Pages are whatever the door sends (rendered messages).
 */
export interface PendingPages<Page> {
  /** The conversation the pages belong to (its key). */
  key: string;
  /** The group it is in, so a reaction on a part is matched within its room only. */
  scope: string;
  pages: Page[];
  /** Index of the next page to send. */
  next: number;
  /** The messages the parts were sent as: a reaction on any of them asks for the next part. */
  sentIds: string[];
}

/** Conversations with pages waiting, at most; the longest unused are dropped first. */
const MAX_ENTRIES = 500;

export class PendingStore<Page> {
  private readonly byKey = new Map<string, PendingPages<Page>>();

  /** Replaces whatever was waiting there: "more" continues the last long answer. */
  set(entry: PendingPages<Page>): void {
    this.byKey.delete(entry.key);
    this.byKey.set(entry.key, entry);
    while (this.byKey.size > MAX_ENTRIES) {
      const first = this.byKey.keys().next().value;
      if (first === undefined) break;
      this.byKey.delete(first);
    }
  }

  get(key: string): PendingPages<Page> | undefined {
    return this.byKey.get(key);
  }

  /** The entry one of whose parts is `sentId`, if it still has pages to send. */
  bySent(scope: string, sentId: string): PendingPages<Page> | undefined {
    for (const entry of this.byKey.values()) if (entry.scope === scope && entry.sentIds.includes(sentId)) return entry;
    return undefined;
  }

  /** The rest of an answer continues in another conversation (the parts of a discussion's first message go to its thread). */
  move(entry: PendingPages<Page>, key: string): void {
    this.byKey.delete(entry.key);
    this.set({ ...entry, key });
  }

  /** Takes the next page, dropping the entry once the last page is taken. */
  take(entry: PendingPages<Page>): { page: Page; index: number } | undefined {
    const page = entry.pages[entry.next];
    if (!page) return undefined;
    const index = entry.next++;
    if (entry.next >= entry.pages.length) this.byKey.delete(entry.key);
    return { page, index };
  }
}
