/**
 * The groups' /settings in the database: one row per group, its settings as JSON checked with the
 * file's schema on read. A change merges into the stored row (two processes setting different
 * things for one group keep both) and is announced to the other processes.
 */
import type { Logger } from 'pino';
import { GroupSettings, type SettingsRepo } from '../settings/group-settings.ts';
import type { Database } from './database.ts';
import { writing, type StateChanges } from './state-rows.ts';

export function settingsRows(db: Database, changes: StateChanges, log: Logger): SettingsRepo {
  const parse = (collection: string, value: unknown): GroupSettings | undefined => {
    const parsed = GroupSettings.safeParse(value);
    if (!parsed.success) log.warn({ collection }, "a group's stored settings have an unknown format; the group uses the defaults");
    return parsed.data as GroupSettings | undefined;
  };
  return {
    async load() {
      const { rows } = await db.pool.query<{ collection: string; settings: unknown }>('SELECT collection, settings FROM lectern_group_settings');
      const groups: Record<string, GroupSettings> = {};
      for (const r of rows) {
        const s = parse(r.collection, r.settings);
        if (s) groups[r.collection] = s;
      }
      return { groups };
    },
    async save(collection, patch) {
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const unset = Object.entries(patch).filter(([, v]) => v === undefined).map(([k]) => k);
      const { rows } = await writing(log, 'the group settings', () =>
        db.pool.query<{ settings: unknown }>(
          `INSERT INTO lectern_group_settings (collection, settings) VALUES ($1, $2)
           ON CONFLICT (collection) DO UPDATE SET settings = (lectern_group_settings.settings || excluded.settings) - $3::text[], updated_at = now()
           RETURNING settings`,
          [collection, JSON.stringify(set), unset],
        ),
      );
      return parse(collection, rows[0]?.settings) ?? {};
    },
    async read(collection) {
      const { rows } = await db.pool.query<{ settings: unknown }>('SELECT settings FROM lectern_group_settings WHERE collection = $1', [collection]);
      return rows[0] ? (parse(collection, rows[0].settings) ?? null) : null;
    },
    watch: (changed) => changes.on('settings', changed),
  };
}
