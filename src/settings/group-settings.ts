/**
 * Per-group defaults (citation style, whether answers are public, how translations are laid out),
 * set with /settings by a group's organisers and applied to every command in that group. Kept in one
 * file for all groups and platforms (written atomically; an unreadable file is set aside, not
 * trusted) or, with LECTERN_DATABASE_URL, one database row per group (src/db/settings-rows.ts).
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LAYOUTS, type CitationStyleId, type LayoutPreference } from '../dispatch/types.ts';
import { UserError } from '../errors.ts';
import { atMost, notSavedReason, READ_THROUGH_MS, readStateFile, StateWriter } from '../state-file.ts';
import { VISIBILITIES, type Visibility } from '../reply/model.ts';
import { STYLE_IDS } from '../cite/ids.ts';

export const SETTINGS_FILE = 'settings.json';

export const GroupSettings = z
  .object({
    style: z.enum(STYLE_IDS).optional(),
    visibility: z.enum(VISIBILITIES).optional(),
    layout: z.enum(LAYOUTS).optional(),
  })
  .strict();
export interface GroupSettings {
  style?: CitationStyleId;
  visibility?: Visibility;
  layout?: LayoutPreference;
}

export const SettingsFile = z.object({
  format: z.literal('lectern.settings'),
  version: z.literal(1),
  groups: z.record(z.string(), GroupSettings),
});
export type SettingsFile = z.infer<typeof SettingsFile>;

/** Where the settings are kept: the file, or the database. The store above it holds them in memory for the doors' synchronous reads. */
export interface SettingsRepo {
  /** Every group's settings; `setAside` names a damaged store that was put aside (each group is then told once). */
  load(): Promise<{ groups: Record<string, GroupSettings>; setAside?: string }>;
  /**
   * Keeps one group's change. Resolves with the group's settings as now stored when the store is
   * shared (another process's change to the same group merged in), or undefined when memory is
   * the truth. Rejects when the change was not kept.
   */
  save(collection: string, patch: GroupSettings, snapshot: () => SettingsFile): Promise<GroupSettings | undefined>;
  /** The group's settings as stored now (null: none), for a store other processes write too; absent when memory is the truth. */
  read?(collection: string): Promise<GroupSettings | null>;
  /** Called with a group another process changed ('*': any group may have changed). */
  watch?(changed: (collection: string) => void): Promise<void>;
}

/** The settings file: the whole file written atomically after each change, set aside when unreadable. */
export function settingsFile(stateDir: string, log: Logger): SettingsRepo {
  const file = path.join(stateDir, SETTINGS_FILE);
  let writer: StateWriter | undefined;
  let current: () => SettingsFile = () => empty();
  const empty = (): SettingsFile => ({ format: 'lectern.settings', version: 1, groups: {} });
  return {
    async load() {
      let aside: string | undefined;
      const data = await readStateFile(file, (text) => SettingsFile.safeParse(JSON.parse(text)).data, empty, log, 'Settings', (a) => (aside = a));
      return { groups: data.groups, ...(aside ? { setAside: aside } : {}) };
    },
    async save(_collection, _patch, snapshot) {
      current = snapshot;
      writer ??= new StateWriter(file, () => current(), log, 'settings');
      await writer.saveOrThrow();
      return undefined;
    },
  };
}

export class SettingsStore {
  private data: SettingsFile;
  private readonly repo: SettingsRepo;
  private readonly log: Logger;
  /** Where an unreadable settings store was set aside at start-up; each group is told once. */
  private readonly setAside: string | undefined;
  private readonly told = new Set<string>();
  /** Re-reads in flight and applied, per group: an older read never overwrites a newer one. */
  private readonly reads = new Map<string, number>();
  private readSeq = 0;

  private constructor(repo: SettingsRepo, groups: Record<string, GroupSettings>, log: Logger, setAside?: string) {
    this.data = { format: 'lectern.settings', version: 1, groups };
    this.repo = repo;
    this.log = log;
    this.setAside = setAside;
  }

  /** The settings file in `stateDir`. */
  static async load(stateDir: string, log: Logger): Promise<SettingsStore> {
    return await SettingsStore.open(settingsFile(stateDir, log), log);
  }

  /** The settings kept by `repo`; a shared one is followed: another process's change applies here from its next command. */
  static async open(repo: SettingsRepo, log: Logger): Promise<SettingsStore> {
    const { groups, setAside } = await repo.load();
    const store = new SettingsStore(repo, groups, log, setAside);
    await repo.watch?.((collection) => {
      if (collection === '*') void store.reloadAll();
      else void store.refresh(collection);
    });
    return store;
  }

  /**
   * Once per group after the settings store was found unreadable: what happened, for the group's next
   * command (every group's settings were in that file, so every group that has none now is told).
   */
  takeNotice(collection: string | undefined, prefix = '/'): string | undefined {
    if (!this.setAside || !collection || this.told.has(collection) || this.data.groups[collection]) return undefined;
    this.told.add(collection);
    return `This group's settings could not be read and are back to the defaults (the damaged file was kept as ${path.basename(this.setAside)}). Organisers can set them again with ${prefix}settings.`;
  }

  /** Every group's settings (state-import copies them into the database). */
  all(): Record<string, GroupSettings> {
    return { ...this.data.groups };
  }

  get(collection: string | undefined): GroupSettings {
    return collection ? { ...this.data.groups[collection] } : {};
  }

  /**
   * Reads the group's settings again where other processes write them too (before each command, so
   * a change made through another process applies to this one's next command). A failed read is
   * logged and the settings in memory are used.
   */
  async refresh(collection: string | undefined): Promise<void> {
    if (!collection || !this.repo.read) return;
    // A database that does not answer holds no command up for long: memory answers, the read applies when it comes.
    await atMost(this.reread(collection, this.repo.read), READ_THROUGH_MS);
  }

  private async reread(collection: string, read: NonNullable<SettingsRepo['read']>): Promise<void> {
    const seq = ++this.readSeq;
    try {
      this.apply(collection, await read(collection), seq);
    } catch (err) {
      this.log.warn({ err, collection }, 'could not read the group settings again; using those in memory');
    }
  }

  private async reloadAll(): Promise<void> {
    const seq = ++this.readSeq;
    try {
      const { groups } = await this.repo.load();
      for (const collection of new Set([...Object.keys(groups), ...Object.keys(this.data.groups)])) this.apply(collection, groups[collection] ?? null, seq);
    } catch (err) {
      this.log.warn({ err }, 'could not read the group settings again; using those in memory');
    }
  }

  private apply(collection: string, stored: GroupSettings | null, seq: number): void {
    if ((this.reads.get(collection) ?? 0) > seq) return;
    this.reads.set(collection, seq);
    const groups = { ...this.data.groups };
    if (stored) groups[collection] = stored;
    else delete groups[collection];
    this.data = { ...this.data, groups };
  }

  /**
   * Applies a change at once and resolves when it is stored. A failed write is logged with its
   * cause and rejects with a user error saying so (the change still applies here until a restart,
   * and the next change writes it again).
   */
  async set(collection: string, patch: GroupSettings): Promise<void> {
    this.data = { ...this.data, groups: { ...this.data.groups, [collection]: { ...this.data.groups[collection], ...patch } } };
    let stored: GroupSettings | undefined;
    try {
      stored = await this.repo.save(collection, patch, () => this.data);
    } catch (err) {
      const { why, code, check } = notSavedReason(err, 'the settings file could not be written');
      throw new UserError(
        'settings.not-saved',
        `Could not save: ${why}${code ? ` (${code})` : ''}. The change applies until Lectern restarts; ask whoever runs Lectern to check ${check}, then set it again.`,
      );
    }
    if (stored) this.apply(collection, stored, ++this.readSeq);
  }
}
