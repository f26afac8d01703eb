/**
 * Lectern once kept each guild's /settings and its discussion threads in discord.json. They now
 * live in the settings store and the conversation module shared with the other doors; on start-up
 * whatever the old file still holds is moved over once.
 */
import type { Logger } from 'pino';
import { GroupSettings, type SettingsStore } from '../../settings/group-settings.ts';
import { ConversationStore } from '../../conversation/store.ts';
import { discordProfile } from './profile.ts';
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

/** Discussion threads older versions kept in discord.json move to the conversation module once. */
export async function moveLegacyThreads(store: DiscordState, conversations: ConversationStore, log: Logger, now: number): Promise<number> {
  const moved = await store.takeLegacyThreads(async (threads) => {
    const records = Object.entries(threads).map(([id, t]) => ConversationStore.legacyRecord(discordProfile.id, t.guildId ?? '', id, t, now));
    await conversations.adopt(records, now);
  });
  if (moved) log.info({ threads: moved }, 'moved discussion threads from discord.json to conversations.json');
  return moved;
}
