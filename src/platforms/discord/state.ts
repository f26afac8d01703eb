/**
 * What the Discord platform keeps across restarts, in `discord.json` in the state dir: each
 * discussion thread's work and last citation. (Guild defaults lived here before /settings moved
 * into the registry; they are handed over once to the shared settings store.)
 * Writes are serialised and atomic (a temporary file renamed over the old one), so a crash leaves
 * the previous state, never half a file; an unreadable file is set aside and Lectern starts afresh.
 */
import path from 'node:path';
import { readStateFile, StateWriter } from '../../state-file.ts';
import type { Logger } from 'pino';
import type { CitationStyleId, LayoutPreference } from '../../dispatch/types.ts';
import type { Visibility } from '../../reply/model.ts';

export interface GuildSettings {
  style?: CitationStyleId;
  visibility?: Visibility;
  layout?: LayoutPreference;
}

export interface ThreadRecord {
  guildId?: string;
  /** The passage the thread was opened on. */
  passage?: string;
  workId?: string;
  lastCitation?: { workId: string; entryId?: string; text: string };
  updatedAt: number;
}

interface StoreData {
  version: 1;
  guilds: Record<string, GuildSettings>;
  threads: Record<string, ThreadRecord>;
}

export const DISCORD_STATE_FILE = 'discord.json';
/** Threads remembered at most; the least recently updated are forgotten first. */
const MAX_THREADS = 5000;

const empty = (): StoreData => ({ version: 1, guilds: {}, threads: {} });

function parseData(text: string): StoreData | undefined {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || (data as { version?: unknown }).version !== 1) return undefined;
  const d = data as Partial<StoreData>;
  return { version: 1, guilds: { ...d.guilds }, threads: { ...d.threads } };
}

export class DiscordState {
  readonly file: string;
  private data: StoreData;
  private readonly writer: StateWriter;

  private constructor(file: string, data: StoreData, log: Logger) {
    this.file = file;
    this.data = data;
    this.writer = new StateWriter(file, () => this.data, log, 'Discord');
  }

  static async load(stateDir: string, log: Logger): Promise<DiscordState> {
    const file = path.join(stateDir, DISCORD_STATE_FILE);
    const data = await readStateFile(file, (text) => parseData(text) ?? undefined, empty, log, 'Discord');
    return new DiscordState(file, data, log);
  }

  /** Guild defaults saved by an older Lectern, removed from this file once the caller has kept them. */
  async takeLegacyGuildSettings(keep: (guilds: Record<string, GuildSettings>) => Promise<void>): Promise<number> {
    const guilds = this.data.guilds;
    const count = Object.keys(guilds).length;
    if (!count) return 0;
    await keep(guilds);
    this.data.guilds = {};
    await this.save();
    return count;
  }

  thread(channelId: string | undefined): ThreadRecord | undefined {
    return channelId ? this.data.threads[channelId] : undefined;
  }

  updateThread(threadId: string, patch: Omit<Partial<ThreadRecord>, 'updatedAt'>, now: number): Promise<void> {
    this.data.threads[threadId] = { ...this.data.threads[threadId], ...patch, updatedAt: now };
    const ids = Object.keys(this.data.threads);
    if (ids.length > MAX_THREADS) {
      const oldest = ids.sort((a, b) => (this.data.threads[a]?.updatedAt ?? 0) - (this.data.threads[b]?.updatedAt ?? 0));
      for (const id of oldest.slice(0, ids.length - MAX_THREADS)) delete this.data.threads[id];
    }
    return this.save();
  }

  /** Resolves once everything changed before the call is on disk. */
  save(): Promise<void> {
    return this.writer.save();
  }
}
