/**
 * Per-group defaults (citation style, whether answers are public, how translations are laid out),
 * set with /settings by a group's organisers and applied to every command in that group. One file
 * for all groups and platforms, written atomically; an unreadable file is set aside, not trusted.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LAYOUTS, type CitationStyleId, type LayoutPreference } from '../dispatch/types.ts';
import { UserError } from '../errors.ts';
import { readStateFile, StateWriter } from '../state-file.ts';
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

const SettingsFile = z.object({
  format: z.literal('lectern.settings'),
  version: z.literal(1),
  groups: z.record(z.string(), GroupSettings),
});
type SettingsFile = z.infer<typeof SettingsFile>;

export class SettingsStore {
  private data: SettingsFile;
  private readonly writer: StateWriter;
  /** Where an unreadable settings file was set aside at start-up; each group is told once. */
  private readonly setAside: string | undefined;
  private readonly told = new Set<string>();

  private constructor(file: string, data: SettingsFile, log: Logger, setAside?: string) {
    this.data = data;
    this.writer = new StateWriter(file, () => this.data, log, 'settings');
    this.setAside = setAside;
  }

  static async load(stateDir: string, log: Logger): Promise<SettingsStore> {
    const file = path.join(stateDir, SETTINGS_FILE);
    const empty = (): SettingsFile => ({ format: 'lectern.settings', version: 1, groups: {} });
    let aside: string | undefined;
    const data = await readStateFile(file, (text) => SettingsFile.safeParse(JSON.parse(text)).data, empty, log, 'Settings', (a) => (aside = a));
    return new SettingsStore(file, data, log, aside);
  }

  /**
   * Once per group after the settings file was found unreadable: what happened, for the group's next
   * command (every group's settings were in that file, so every group that has none now is told).
   */
  takeNotice(collection: string | undefined, prefix = '/'): string | undefined {
    if (!this.setAside || !collection || this.told.has(collection) || this.data.groups[collection]) return undefined;
    this.told.add(collection);
    return `This group's settings could not be read and are back to the defaults (the damaged file was kept as ${path.basename(this.setAside)}). Organisers can set them again with ${prefix}settings.`;
  }

  get(collection: string | undefined): GroupSettings {
    return collection ? { ...this.data.groups[collection] } : {};
  }

  /**
   * Applies a change at once and resolves when it is on disk. A failed write is logged with its
   * cause and rejects with a user error saying so (the change still applies until a restart, and
   * the next change writes it again).
   */
  async set(collection: string, patch: GroupSettings): Promise<void> {
    this.data = { ...this.data, groups: { ...this.data.groups, [collection]: { ...this.data.groups[collection], ...patch } } };
    try {
      await this.writer.saveOrThrow();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UserError(
        'settings.not-saved',
        `Could not save: ${code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'the data folder is not writable' : code === 'ENOSPC' ? 'the disk is full' : 'the settings file could not be written'}${code ? ` (${code})` : ''}. The change applies until Lectern restarts; ask whoever runs Lectern to check its data folder, then set it again.`,
      );
    }
  }
}
