/**
 * The state in PostgreSQL (LECTERN_DATABASE_URL): settings, threads and the doors' own state as
 * rows every Lectern process on the database shares (db/migrations/002_state.sql). Each store keeps
 * its rows in memory for the doors' synchronous reads, follows the other processes' changes
 * (LISTEN/NOTIFY), and reads a group's settings and a thread again before each command.
 */
import type { Logger } from 'pino';
import { ConversationStore } from '../conversation/store.ts';
import { SettingsStore } from '../settings/group-settings.ts';
import type { StateBackend } from '../state-backend.ts';
import { conversationRows } from './conversation-rows.ts';
import type { Database } from './database.ts';
import { doorFiles, doorRows } from './door-rows.ts';
import { settingsRows } from './settings-rows.ts';
import { StateChanges } from './state-rows.ts';

export function databaseStateBackend(db: Database, log: Logger): StateBackend & { close(): Promise<void> } {
  const changes = new StateChanges(db, log);
  return {
    kind: 'postgres',
    where: db.where,
    settings: async (slog) => await SettingsStore.open(settingsRows(db, changes, slog), slog),
    conversations: async (clog, options) => await ConversationStore.open(conversationRows(db, changes, clog, options), clog, options),
    rows: (door, kind) => doorRows(db, log, door, kind),
    files: (door) => doorFiles(db, log, door),
    close: () => changes.close(),
  };
}
