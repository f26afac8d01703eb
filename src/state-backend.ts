/**
 * Where Lectern keeps what it remembers between commands and restarts: the groups' /settings, the
 * threads (work, Ibid., notes), and each door's own state. Files in the data folder for one
 * process, or PostgreSQL rows (LECTERN_DATABASE_URL) that several processes share. app.ts picks
 * one; the stores above it, and everything that uses them, are the same either way.
 */
import type { Logger } from 'pino';
import { ConversationStore, conversationsFile, type ConversationOptions } from './conversation/store.ts';
import { SettingsStore, settingsFile } from './settings/group-settings.ts';

/**
 * A door's own rows in a shared store, by key: JSON values the door validates when it reads them
 * (its own zod schema), so a door needs no table of its own.
 */
export interface KeyedRows {
  /** Every row's value, by key. */
  all(): Promise<Map<string, unknown>>;
  get(key: string): Promise<unknown>;
  /** Rejects with a StateWriteError when the row was not stored. */
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Drops the rows not written for `ms` (entries that expire). */
  prune?(ms: number): Promise<void>;
}

/** A door's own files in a shared store (bytes by name), for state that is not JSON. */
export interface DoorFiles {
  read(name: string): Promise<Buffer | undefined>;
  /** Rejects with a StateWriteError when the file was not stored. */
  write(name: string, bytes: Buffer): Promise<void>;
  /** Moves a file to another name (setting an unusable one aside); nothing when there is none. */
  rename(name: string, to: string): Promise<void>;
}

export interface StateBackend {
  readonly kind: 'files' | 'postgres';
  /** Where, for logs and messages (a database URL without its password). */
  readonly where: string;
  settings(log: Logger): Promise<SettingsStore>;
  conversations(log: Logger, options: ConversationOptions): Promise<ConversationStore>;
  /** A door's rows of one kind where the state is shared; absent for files (each door keeps its own file in the state folder). */
  rows?(door: string, kind: string): KeyedRows;
  /** A door's files where the state is shared; absent for files in the state folder. */
  files?(door: string): DoorFiles;
}

/** Files in the state folder, one per store, each versioned, validated on load and written atomically. */
export function fileStateBackend(stateDir: string): StateBackend {
  return {
    kind: 'files',
    where: stateDir,
    settings: async (log) => await SettingsStore.open(settingsFile(stateDir, log), log),
    conversations: async (log, options) => await ConversationStore.open(conversationsFile(stateDir, log), log, options),
  };
}
