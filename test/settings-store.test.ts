import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.ts';
import { moveLegacyGuildSettings, moveLegacyThreads } from '../src/platforms/discord/legacy-settings.ts';
import { ConversationStore } from '../src/conversation/store.ts';
import { DISCORD_STATE_FILE, DiscordState } from '../src/platforms/discord/state.ts';
import { SETTINGS_FILE, SettingsStore } from '../src/settings/group-settings.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lectern-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('GIVEN the settings store', () => {
  it('THEN a saved change survives a reload, is versioned on disk, and groups do not share settings', async () => {
    const store = await SettingsStore.load(dir, silentLogger());
    await store.set('guild-a', { style: 'apa' });
    await store.set('guild-a', { layout: 'side-by-side' });
    const again = await SettingsStore.load(dir, silentLogger());
    expect(again.get('guild-a')).toEqual({ style: 'apa', layout: 'side-by-side' });
    expect(again.get('guild-b')).toEqual({});
    expect(again.get(undefined)).toEqual({});
    const onDisk = JSON.parse(await readFile(path.join(dir, SETTINGS_FILE), 'utf8'));
    expect(onDisk).toMatchObject({ format: 'lectern.settings', version: 1 });
  });

  it('THEN a write that fails is reported (settings.not-saved), the change still applies, and the next change writes everything', async () => {
    const store = await SettingsStore.load(dir, silentLogger());
    // A directory where the file should be makes the rename fail.
    await mkdir(path.join(dir, SETTINGS_FILE));
    await expect(store.set('guild-a', { style: 'apa' })).rejects.toMatchObject({ identifier: 'settings.not-saved', message: expect.stringMatching(/^Could not save: /) });
    expect(store.get('guild-a')).toEqual({ style: 'apa' });
    await rm(path.join(dir, SETTINGS_FILE), { recursive: true });
    await store.set('guild-b', { layout: 'stacked' });
    const again = await SettingsStore.load(dir, silentLogger());
    expect(again.get('guild-a')).toEqual({ style: 'apa' });
    expect(again.get('guild-b')).toEqual({ layout: 'stacked' });
  });

  it('THEN an unreadable or unknown-version file is set aside and Lectern starts with the defaults', async () => {
    await writeFile(path.join(dir, SETTINGS_FILE), JSON.stringify({ format: 'lectern.settings', version: 99, groups: { g: { style: 'apa' } } }));
    expect((await SettingsStore.load(dir, silentLogger())).get('g')).toEqual({});
    await writeFile(path.join(dir, SETTINGS_FILE), '{ not json');
    expect((await SettingsStore.load(dir, silentLogger())).get('g')).toEqual({});
  });
});

describe('GIVEN a discord.json from before /settings joined the registry', () => {
  it('THEN its guild settings move to settings.json once, newer shared settings win, bad entries are dropped, threads stay', async () => {
    await writeFile(
      path.join(dir, DISCORD_STATE_FILE),
      JSON.stringify({
        version: 1,
        guilds: { old: { style: 'mla', visibility: 'hidden' }, both: { style: 'mla', layout: 'side-by-side' }, bad: { style: 'harvard' } },
        threads: { t1: { workId: 'trotskys-lies', updatedAt: 1 } },
      }),
    );
    const settings = await SettingsStore.load(dir, silentLogger());
    await settings.set('both', { style: 'apa' });
    const store = await DiscordState.load(dir, silentLogger());
    expect(await moveLegacyGuildSettings(store, settings, silentLogger())).toBe(3);
    expect(settings.get('old')).toEqual({ style: 'mla', visibility: 'hidden' });
    expect(settings.get('both')).toEqual({ style: 'apa', layout: 'side-by-side' });
    expect(settings.get('bad')).toEqual({});

    const reloaded = await DiscordState.load(dir, silentLogger());
    expect(await moveLegacyGuildSettings(reloaded, settings, silentLogger())).toBe(0);
    // The old file's threads (this one without its guild) move to the conversation module, once.
    const conversations = await ConversationStore.load(dir, silentLogger(), { retentionDays: 0 });
    expect(await moveLegacyThreads(reloaded, conversations, silentLogger(), 100)).toBe(1);
    expect(conversations.scopeOf({ platform: 'discord', scope: '', thread: 't1' })).toMatchObject({ workId: 'trotskys-lies' });
    expect(await moveLegacyThreads(await DiscordState.load(dir, silentLogger()), conversations, silentLogger(), 100)).toBe(0);
    expect((await SettingsStore.load(dir, silentLogger())).get('old')).toEqual({ style: 'mla', visibility: 'hidden' });
  });
});
