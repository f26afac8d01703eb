/**
 * Per-group defaults (citation style, whether answers are public, how translations are laid out),
 * set with /settings by a group's organisers and applied to every command in that group. One file
 * for all groups and platforms, written atomically; an unreadable file is set aside, not trusted.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { LAYOUTS, type CitationStyleId, type LayoutPreference } from '../dispatch/types.ts';
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

  private constructor(file: string, data: SettingsFile, log: Logger) {
    this.data = data;
    this.writer = new StateWriter(file, () => this.data, log, 'settings');
  }

  static async load(stateDir: string, log: Logger): Promise<SettingsStore> {
    const file = path.join(stateDir, SETTINGS_FILE);
    const empty = (): SettingsFile => ({ format: 'lectern.settings', version: 1, groups: {} });
    const data = await readStateFile(file, (text) => SettingsFile.safeParse(JSON.parse(text)).data, empty, log, 'Settings');
    return new SettingsStore(file, data, log);
  }

  get(collection: string | undefined): GroupSettings {
    return collection ? { ...this.data.groups[collection] } : {};
  }

  /** Applies a change at once and resolves when it is on disk (a failed write is logged and retried with the next change). */
  set(collection: string, patch: GroupSettings): Promise<void> {
    this.data = { ...this.data, groups: { ...this.data.groups, [collection]: { ...this.data.groups[collection], ...patch } } };
    return this.writer.save();
  }
}
