/**
 * What the Discord platform itself keeps in `discord.json` in the state dir: nothing any more but
 * what older versions left there to hand over once — guild defaults (now in the shared settings
 * store) and discussion threads (now in the conversation module). Writes are serialised and
 * atomic; an unreadable file is set aside and Lectern starts afresh.
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

/** A discussion thread as older versions kept it, by thread (channel) id. */
export interface LegacyThread {
  guildId?: string;
  passage?: string;
  workId?: string;
  lastCitation?: { workId: string; entryId?: string; text: string };
  updatedAt?: number;
}

interface StoreData {
  version: 1;
  guilds: Record<string, GuildSettings>;
  threads: Record<string, LegacyThread>;
}

export const DISCORD_STATE_FILE = 'discord.json';

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

  /** Threads saved by an older Lectern, removed from this file once the caller has kept them (a failed keep leaves them for the next start). */
  async takeLegacyThreads(keep: (threads: Record<string, LegacyThread>) => Promise<void>): Promise<number> {
    const threads = this.data.threads;
    const count = Object.keys(threads).length;
    if (!count) return 0;
    await keep(threads);
    this.data.threads = {};
    await this.save();
    return count;
  }

  /** Resolves once everything changed before the call is on disk. */
  save(): Promise<void> {
    return this.writer.save();
  }
}
