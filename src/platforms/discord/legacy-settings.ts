/**
 * Lectern once kept each guild's /settings in discord.json. They now live in the settings store
 * shared with Matrix; on start-up whatever the old file still holds is moved over once.
 */
import type { Logger } from 'pino';
import { GroupSettings, type SettingsStore } from '../../settings/group-settings.ts';
import type { DiscordState } from './state.ts';

export async function moveLegacyGuildSettings(store: DiscordState, settings: SettingsStore, log: Logger): Promise<number> {
  const moved = await store.takeLegacyGuildSettings(async (guilds) => {
    for (const [guildId, saved] of Object.entries(guilds)) {
      const parsed = GroupSettings.safeParse(saved);
      if (!parsed.success) {
        log.warn({ guildId, saved }, 'dropped unreadable guild settings from discord.json');
        continue;
      }
      // A setting already made through the shared store is newer than the old file's.
      await settings.set(guildId, { ...parsed.data, ...settings.get(guildId) });
    }
  });
  if (moved) log.info({ guilds: moved }, 'moved guild settings from discord.json to settings.json');
  return moved;
}
