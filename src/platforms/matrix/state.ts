/**
 * What the Matrix bot keeps across restarts, in one JSON file in the state dir: the sync position
 * (so a restart neither replays nor misses commands), the uploaded filter and each room's layout.
 * Threads live in the conversation module; those older versions kept here are handed over once.
 * Every write goes to a temporary file that is renamed over
 * the old one, so a crash mid-write leaves the previous state, never half a file.
 */
import path from 'node:path';
import { readStateFile, StateWriter } from '../../state-file.ts';
import type { Logger } from 'pino';
import type { MatrixLayout } from './render.ts';

/** A thread as older versions kept it, by root event id. */
export interface LegacyThread {
  roomId: string;
  passage?: string;
  workId?: string;
  lastCitation?: { workId: string; entryId?: string; text: string };
  updatedAt?: number;
}

export interface MatrixStateData {
  version: 1;
  /** Whose sync position this is: a token for another account would be meaningless. */
  userId?: string;
  deviceId?: string;
  since?: string;
  /** When `since` was written (ms since the epoch). */
  sinceSavedAt?: number;
  filter?: { id: string; definition: string };
  layouts: Record<string, MatrixLayout>;
  threads: Record<string, LegacyThread>;
}

export const STATE_FILE = 'matrix.json';

const empty = (): MatrixStateData => ({ version: 1, layouts: {}, threads: {} });

function parseState(text: string): MatrixStateData | undefined {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || (data as { version?: unknown }).version !== 1) return undefined;
  const d = data as Partial<MatrixStateData>;
  // Files written before the layouts had one name say `table` for side by side.
  const layouts = Object.fromEntries(Object.entries({ ...d.layouts }).map(([room, l]) => [room, (l as string) === 'table' ? 'side-by-side' : l])) as Record<string, MatrixLayout>;
  return { ...empty(), ...d, layouts, threads: { ...d.threads } };
}

export class MatrixState {
  readonly file: string;
  private data: MatrixStateData;
  private readonly log: Logger;
  private readonly writer: StateWriter;
  /** Where an unreadable state file was set aside at start-up; each room is told once that its layout is back to the default. */
  private readonly setAside: string | undefined;
  private readonly told = new Set<string>();

  private constructor(file: string, data: MatrixStateData, log: Logger, setAside?: string) {
    this.file = file;
    this.data = data;
    this.log = log;
    this.writer = new StateWriter(file, () => this.data, log, 'Matrix');
    this.setAside = setAside;
  }

  /** A missing file is a first start; an unreadable one is logged and set aside, and the bot starts afresh. */
  static async load(stateDir: string, log: Logger): Promise<MatrixState> {
    const file = path.join(stateDir, STATE_FILE);
    let aside: string | undefined;
    const data = await readStateFile(file, (text) => parseState(text) ?? undefined, empty, log, 'Matrix', (a) => (aside = a));
    return new MatrixState(file, data, log, aside);
  }

  get since(): string | undefined {
    return this.data.since;
  }
  get sinceSavedAt(): number | undefined {
    return this.data.sinceSavedAt;
  }
  get deviceId(): string | undefined {
    return this.data.deviceId;
  }
  get filter(): MatrixStateData['filter'] {
    return this.data.filter;
  }

  /** Binds the state to an account; switching accounts drops the sync position, device and filter, which belong to the old one. */
  bindUser(userId: string): void {
    if (this.data.userId === undefined) this.data.userId = userId;
    if (this.data.userId === userId) return;
    this.log.warn({ was: this.data.userId, now: userId }, 'Matrix account changed; sync starts afresh');
    this.data = { ...this.data, userId, since: undefined, sinceSavedAt: undefined, filter: undefined, deviceId: undefined };
  }

  setDevice(deviceId: string): Promise<void> {
    this.data.deviceId = deviceId;
    return this.save();
  }

  setSince(token: string, now: number): Promise<void> {
    this.data.since = token;
    this.data.sinceSavedAt = now;
    return this.save();
  }

  setFilter(filter: { id: string; definition: string }): Promise<void> {
    this.data.filter = filter;
    return this.save();
  }

  layout(roomId: string): MatrixLayout | undefined {
    return this.data.layouts[roomId];
  }

  /** Rejects when the file could not be written (the layout still applies until a restart), so the room can be told. */
  async setLayout(roomId: string, layout: MatrixLayout): Promise<void> {
    this.data.layouts[roomId] = layout;
    await this.writer.saveOrThrow();
  }

  /**
   * Once per room after the state file was found unreadable: which rooms had their own `!layout`
   * cannot be known, so every room without one now is told, on its next answer.
   */
  takeLayoutNotice(roomId: string, prefix: string): string | undefined {
    if (!this.setAside || this.told.has(roomId) || this.data.layouts[roomId]) return undefined;
    this.told.add(roomId);
    return `Lectern could not read what it kept for its Matrix rooms, so this room's translation layout is back to the default (the damaged file was kept as ${path.basename(this.setAside)}); ${prefix}layout sets it again.`;
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
