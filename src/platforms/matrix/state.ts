/**
 * What the Matrix bot keeps across restarts, in one JSON file in the state dir: the sync position
 * (so a restart neither replays nor misses commands), the uploaded filter and each room's layout.
 * Threads live in the conversation module; those older versions kept here are handed over once.
 * Every write goes to a temporary file that is renamed over the old one, so a crash mid-write
 * leaves the previous state, never half a file. With LECTERN_DATABASE_URL the same state is kept in
 * database rows instead (src/db/matrix-rows.ts): each bot account its own sync position.
 */
import path from 'node:path';
import { readStateFile, StateWriter } from '../../state-file.ts';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { MatrixLayout } from './render.ts';
import { LAYOUTS } from '../../dispatch/types.ts';
import type { KeyedRows } from '../../state-backend.ts';
import { MATRIX_PROFILE_ID } from './profile.ts';

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

export function parseState(text: string): MatrixStateData | undefined {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || (data as { version?: unknown }).version !== 1) return undefined;
  const d = data as Partial<MatrixStateData>;
  // Files written before the layouts had one name say `table` for side by side.
  const layouts = Object.fromEntries(Object.entries({ ...d.layouts }).map(([room, l]) => [room, (l as string) === 'table' ? 'side-by-side' : l])) as Record<string, MatrixLayout>;
  return { ...empty(), ...d, layouts, threads: { ...d.threads } };
}

/** A change to the Matrix state, for a store that keeps each part apart (the database). */
export type MatrixChange = { kind: 'account' } | { kind: 'layout'; roomId: string } | { kind: 'legacy-threads' };

/** Where the Matrix state is kept: the file, or the database. */
export interface MatrixStateRepo {
  /** The state of `userId` (when known before logging in) and every room's layout. */
  load(userId: string | undefined): Promise<{ data: MatrixStateData; setAside?: string }>;
  /** Where every account has its own sync position (the database): that account's; absent where one file holds one account. */
  account?(userId: string): Promise<Pick<MatrixStateData, 'deviceId' | 'since' | 'sinceSavedAt' | 'filter'>>;
  /** Keeps a change (`snapshot` is the whole state); rejects when it was not kept. */
  write(change: MatrixChange, snapshot: () => MatrixStateData): Promise<void>;
}

/** matrix.json: written whole and atomically; set aside when unreadable. */
export function matrixStateFile(stateDir: string, log: Logger): MatrixStateRepo {
  const file = path.join(stateDir, STATE_FILE);
  let current: () => MatrixStateData = empty;
  const writer = new StateWriter(file, () => current(), log, 'Matrix');
  return {
    async load() {
      let aside: string | undefined;
      const data = await readStateFile(file, (text) => parseState(text) ?? undefined, empty, log, 'Matrix', (a) => (aside = a));
      return { data, ...(aside ? { setAside: aside } : {}) };
    },
    async write(change, snapshot) {
      current = snapshot;
      if (change.kind === 'layout') await writer.saveOrThrow();
      else await writer.save();
    },
  };
}

export class MatrixState {
  private data: MatrixStateData;
  private readonly log: Logger;
  private readonly repo: MatrixStateRepo;
  /** Where an unreadable state file was set aside at start-up; each room is told once that its layout is back to the default. */
  private readonly setAside: string | undefined;
  private readonly told = new Set<string>();

  private constructor(repo: MatrixStateRepo, data: MatrixStateData, log: Logger, setAside?: string) {
    this.repo = repo;
    this.data = data;
    this.log = log;
    this.setAside = setAside;
  }

  /** matrix.json in `stateDir`: a missing file is a first start; an unreadable one is logged and set aside, and the bot starts afresh. */
  static async load(stateDir: string, log: Logger): Promise<MatrixState> {
    return await MatrixState.open(matrixStateFile(stateDir, log), log);
  }

  /** The state `repo` keeps; `userId` (MATRIX_USER_ID, when set) picks the account's own where each has one. */
  static async open(repo: MatrixStateRepo, log: Logger, userId?: string): Promise<MatrixState> {
    const { data, setAside } = await repo.load(userId);
    return new MatrixState(repo, data, log, setAside);
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

  /**
   * Binds the state to an account. Where every account has its own state, that account's is read;
   * where one file holds one account, switching accounts drops the sync position, device and
   * filter, which belong to the old one.
   */
  async bindUser(userId: string): Promise<void> {
    if (this.data.userId === userId) return;
    if (this.repo.account) {
      const own = await this.repo.account(userId);
      this.data = { ...this.data, userId, deviceId: own.deviceId, since: own.since, sinceSavedAt: own.sinceSavedAt, filter: own.filter };
      return;
    }
    if (this.data.userId === undefined) {
      this.data.userId = userId;
      return;
    }
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

  /** Rejects when the layout could not be stored (it still applies until a restart), so the room can be told. */
  async setLayout(roomId: string, layout: MatrixLayout): Promise<void> {
    this.data.layouts[roomId] = layout;
    await this.repo.write({ kind: 'layout', roomId }, () => this.data);
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
    await this.repo.write({ kind: 'legacy-threads' }, () => this.data).catch((err: unknown) => this.log.error({ err }, 'could not drop the handed-over threads from the Matrix state'));
    return count;
  }

  /** Resolves once the account's state (sync position, device, filter) is stored; a failure is logged, and the next change writes it again. */
  async save(): Promise<void> {
    try {
      await this.repo.write({ kind: 'account' }, () => this.data);
    } catch (err) {
      this.log.error({ err }, 'could not save the Matrix sync state');
    }
  }
}

const AccountRow = z
  .object({
    deviceId: z.string().optional(),
    since: z.string().optional(),
    sinceSavedAt: z.number().optional(),
    filter: z.object({ id: z.string(), definition: z.string() }).strict().optional(),
  })
  .strict();
const LayoutRow = z.enum(LAYOUTS);

/**
 * The Matrix state in a shared store's rows: one per bot account (its sync position, device and
 * filter, so two bots on one database never take each other's) and one per room (its layout).
 * Each row is checked on read; one that does not parse is logged and left out.
 */
export function matrixStateRows(rows: (door: string, kind: string) => KeyedRows, log: Logger): MatrixStateRepo {
  const accounts = rows(MATRIX_PROFILE_ID, 'account');
  const layouts = rows(MATRIX_PROFILE_ID, 'layout');
  const account = async (userId: string) => {
    const value = await accounts.get(userId);
    if (value === undefined) return {};
    const parsed = AccountRow.safeParse(value);
    if (!parsed.success) log.warn({ userId }, 'the stored Matrix sync state of this account has an unknown format; sync starts afresh');
    return parsed.data ?? {};
  };
  return {
    async load(userId) {
      const own: Record<string, MatrixLayout> = {};
      for (const [room, value] of await layouts.all()) {
        const parsed = LayoutRow.safeParse(value);
        if (parsed.success) own[room] = parsed.data;
        else log.warn({ room }, 'a stored Matrix room layout has an unknown format; the room uses the default');
      }
      return { data: { ...empty(), ...(userId ? { userId, ...(await account(userId)) } : {}), layouts: own } };
    },
    account,
    async write(change, snapshot) {
      const d = snapshot();
      if (change.kind === 'account' && d.userId) {
        const row = { deviceId: d.deviceId, since: d.since, sinceSavedAt: d.sinceSavedAt, filter: d.filter };
        await accounts.put(d.userId, Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)));
      }
      const layout = change.kind === 'layout' ? d.layouts[change.roomId] : undefined;
      if (change.kind === 'layout' && layout) await layouts.put(change.roomId, layout);
    },
  };
}
