/**
 * `state-import`'s core part: the groups' settings and the threads a Lectern kept in its data
 * folder's files, copied into the database once, when a deployment moves to LECTERN_DATABASE_URL.
 * What the database already holds is newer and wins (a group's own setting, a thread it knows).
 */
import type { Logger } from 'pino';
import { ConversationStore } from '../conversation/store.ts';
import { SettingsStore } from '../settings/group-settings.ts';
import type { StateBackend } from '../state-backend.ts';

export interface Imported {
  groups: number;
  threads: number;
}

export async function importCoreState(stateDir: string, into: StateBackend, log: Logger, retentionDays: number): Promise<Imported> {
  const [fromSettings, toSettings] = [await SettingsStore.load(stateDir, log), await into.settings(log)];
  let groups = 0;
  for (const [collection, saved] of Object.entries(fromSettings.all())) {
    const stored = toSettings.get(collection);
    const missing = Object.fromEntries(Object.entries(saved).filter(([k]) => !(k in stored)));
    if (!Object.keys(missing).length) continue;
    await toSettings.set(collection, missing);
    groups++;
  }
  const fromThreads = await ConversationStore.load(stateDir, log, { retentionDays });
  const toThreads = await into.conversations(log, { retentionDays });
  const threads = await toThreads.adopt(fromThreads.records(), Date.now());
  return { groups, threads };
}
