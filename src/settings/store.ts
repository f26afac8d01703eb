/**
 * Per-group defaults (citation style, whether answers are public, how translations are laid out),
 * set with /settings by a group's organisers and applied to every command in that group. One file
 * for all groups and platforms, written atomically; an unreadable file is set aside, not trusted.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CitationStyleId, LayoutPreference } from '../commands/types.ts';
import { writeAtomic } from '../corpus/build.ts';
import { readStateFile } from '../platforms/state-file.ts';
import type { Visibility } from '../reply/model.ts';

export const SETTINGS_FILE = 'settings.json';

export const GroupSettings = z
  .object({
    style: z.enum(['chicago', 'chicago-note', 'mla', 'apa']).optional(),
    visibility: z.enum(['public', 'hidden']).optional(),
    layout: z.enum(['side-by-side', 'stacked']).optional(),
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
  private readonly file: string;
  private data: SettingsFile;
  private writing: Promise<void> = Promise.resolve();

  private constructor(file: string, data: SettingsFile) {
    this.file = file;
    this.data = data;
  }

  static async load(stateDir: string, log: Logger): Promise<SettingsStore> {
    const file = path.join(stateDir, SETTINGS_FILE);
    const empty = (): SettingsFile => ({ format: 'lectern.settings', version: 1, groups: {} });
    const data = await readStateFile(file, (text) => SettingsFile.safeParse(JSON.parse(text)).data, empty, log, 'Settings');
    return new SettingsStore(file, data);
  }

  get(collection: string | undefined): GroupSettings {
    return collection ? { ...this.data.groups[collection] } : {};
  }

  /** Saves a change; writes are queued so two changes never interleave on disk. */
  set(collection: string, patch: GroupSettings): Promise<void> {
    this.data = { ...this.data, groups: { ...this.data.groups, [collection]: { ...this.data.groups[collection], ...patch } } };
    const text = `${JSON.stringify(this.data, null, 1)}\n`;
    this.writing = this.writing.then(() => writeAtomic(this.file, text));
    return this.writing;
  }
}
