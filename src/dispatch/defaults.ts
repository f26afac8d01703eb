/**
 * A group's defaults, resolved in one place: what the door starts from (the configured defaults),
 * overridden by the group's /settings. Dispatch applies it to every invocation; doors call it too
 * where they must know the outcome before dispatch answers (whether to defer an ephemeral reply,
 * which layout to render in).
 */
import type { GroupSettings } from '../settings/group-settings.ts';
import type { Scope } from './types.ts';

export interface SettingsSource {
  get(collection: string | undefined): GroupSettings;
}

export function resolveDefaults(base: Scope['defaults'], settings: SettingsSource | undefined, collection: string | undefined): Scope['defaults'] {
  return { ...base, ...(settings?.get(collection) ?? {}) };
}
