/**
 * The one place the Discord tests take their dispatch from: the real commands on the real corpus
 * (test/helpers/real-dispatch.ts). To run them on the deterministic fake instead, import
 * `createFakeDiscordDispatch as createInner` from './fake-discord-dispatch.ts'. Either way the
 * scenarios the tests need whatever the corpus holds (a slow answer, hostile corpus text, a long
 * passage, a dispatch that throws) are added on top by `withDiscordScenarios`.
 */
import type { Autocomplete, Dispatch } from '../../src/dispatch/invocation.ts';
import type { CommandDefinition } from '../../src/dispatch/types.ts';
import type { SettingsStore } from '../../src/settings/group-settings.ts';
import { withDiscordScenarios } from './fake-discord-dispatch.ts';
import { createRealDispatch as createInner } from './real-dispatch.ts';

export interface DiscordTestDispatch {
  dispatch: Dispatch;
  autocomplete: Autocomplete;
  commands: CommandDefinition[];
  /** The app's /settings store, which the dispatcher reads and the handler must share. */
  settings: SettingsStore;
  /** Where that store keeps its file. */
  settingsDir: string;
}

export async function createDiscordTestDispatch(): Promise<DiscordTestDispatch> {
  const inner = await createInner();
  // The real helper may hand back the registry's commands rather than their definitions.
  const commands = (inner.commands as readonly (CommandDefinition | { data: CommandDefinition })[]).map((c) => ('data' in c ? c.data : c));
  return { dispatch: withDiscordScenarios(inner.dispatch), autocomplete: inner.autocomplete, commands, settings: inner.app.settings, settingsDir: inner.app.config.stateDir };
}
