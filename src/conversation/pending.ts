/**
 * The rest of the last long answer in each conversation (a room, a thread, a console), for a
 * "more" command or a reaction on one of its parts. In memory, and where the state is shared (the
 * database) also in a door's rows, written behind each change in order, so a restart still
 * continues the answer. Pages are whatever the door sends (rendered messages).
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { KeyedRows } from '../state-backend.ts';

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

const StoredEntry = <Page>(page: z.ZodType<Page>) =>
  z.object({ scope: z.string(), pages: z.array(page), next: z.number().int().min(0), sentIds: z.array(z.string()), at: z.number() }).strict();

export class PendingStore<Page> {
  private readonly byKey = new Map<string, PendingPages<Page>>();
  private readonly rows: KeyedRows | undefined;
  private readonly log: Logger | undefined;
  /** Each key's writes, in order: a later change never lands before an earlier one. */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(persist?: { rows: KeyedRows; log: Logger }) {
    this.rows = persist?.rows;
    this.log = persist?.log;
  }

  /** The pages a shared store kept (oldest first, within the bound); a row that does not parse is dropped. */
  static async restore<Page>(rows: KeyedRows, page: z.ZodType<Page>, log: Logger): Promise<PendingStore<Page>> {
    const store = new PendingStore<Page>({ rows, log });
    const schema = StoredEntry(page);
    const kept: (PendingPages<Page> & { at: number })[] = [];
    for (const [key, value] of await rows.all()) {
      const parsed = schema.safeParse(value);
      if (parsed.success && parsed.data.next < parsed.data.pages.length) kept.push({ key, ...parsed.data });
      else store.write(key, undefined);
    }
    for (const { at: _at, ...entry } of kept.sort((a, b) => a.at - b.at)) store.byKey.set(entry.key, entry);
    return store;
  }

  /** Resolves once every change so far is stored. */
  async flush(): Promise<void> {
    await Promise.all([...this.writes.values()]);
  }

  /** Replaces whatever was waiting there: "more" continues the last long answer. */
  set(entry: PendingPages<Page>): void {
    this.byKey.delete(entry.key);
    this.byKey.set(entry.key, entry);
    this.write(entry.key, entry);
    while (this.byKey.size > MAX_ENTRIES) {
      const first = this.byKey.keys().next().value;
      if (first === undefined) break;
      this.byKey.delete(first);
      this.write(first, undefined);
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
    this.write(entry.key, undefined);
    this.set({ ...entry, key });
  }

  /** Takes the next page, dropping the entry once the last page is taken. */
  take(entry: PendingPages<Page>): { page: Page; index: number } | undefined {
    const page = entry.pages[entry.next];
    if (!page) return undefined;
    const index = entry.next++;
    if (entry.next >= entry.pages.length) {
      this.byKey.delete(entry.key);
      this.write(entry.key, undefined);
    } else this.write(entry.key, entry);
    return { page, index };
  }

  /** A part was sent as message `sentId`: a reaction on it asks for the next part. */
  sent(entry: PendingPages<Page>, sentId: string): void {
    entry.sentIds.push(sentId);
    if (this.byKey.get(entry.key) === entry) this.write(entry.key, entry);
  }

  /** Stores (or, undefined, drops) a key's entry behind the change; a failure is logged: the pages still go on in memory. */
  private write(key: string, entry: PendingPages<Page> | undefined): void {
    const rows = this.rows;
    if (!rows) return;
    const value = entry ? { scope: entry.scope, pages: entry.pages, next: entry.next, sentIds: [...entry.sentIds], at: Date.now() } : undefined;
    const previous = this.writes.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => (value ? rows.put(key, value) : rows.delete(key)))
      .catch((err: unknown) => this.log?.warn({ err }, 'could not store the pages waiting for "more"; they go on in memory'));
    this.writes.set(key, next);
    void next.then(() => {
      if (this.writes.get(key) === next) this.writes.delete(key);
    });
  }
}
