/**
 * The one place the Discord tests take their dispatch from: the real commands on the real corpus
 * (test/helpers/real-dispatch.ts). To run them on the deterministic fake instead, import
 * `createFakeDiscordDispatch as createInner` from './discord-scenarios.ts'. Either way the
 * scenarios the tests need whatever the corpus holds (a slow answer, hostile corpus text, a long
 * passage, a dispatch that throws) are added on top by `withDiscordScenarios`.
 */
import type { Autocomplete, Dispatch } from '../../src/dispatch/invocation.ts';
import type { CommandDefinition } from '../../src/dispatch/types.ts';
import type { SettingsStore } from '../../src/settings/group-settings.ts';
import type { ConversationStore } from '../../src/conversation/store.ts';
import { withDiscordScenarios } from './discord-scenarios.ts';
import { createRealDispatch as createInner } from './real-dispatch.ts';

export interface DiscordTestDispatch {
  dispatch: Dispatch;
  autocomplete: Autocomplete;
  commands: CommandDefinition[];
  /** The app's /settings store, which the dispatcher reads and the handler must share. */
  settings: SettingsStore;
  /** Where that store keeps its file. */
  settingsDir: string;
  /** The app's conversation module, which the dispatcher records into and the handler must share. */
  conversations: ConversationStore;
}

export async function createDiscordTestDispatch(): Promise<DiscordTestDispatch> {
  const inner = await createInner();
  return { dispatch: withDiscordScenarios(inner.dispatch), autocomplete: inner.autocomplete, commands: inner.commands, settings: inner.app.settings, settingsDir: inner.app.config.stateDir, conversations: inner.app.conversations };
}
