/**
 * The one interface between the core and the doors Lectern answers through (the chat platforms,
 * the console, the line protocol…). The core knows a platform only as a `PlatformProfile` in the
 * invocation's scope: its reply budget, its capabilities, how it names a permission and how a file
 * is attached there, and its command prefix. Each platform lives in one folder under
 * src/platforms/ and is registered in one line of src/platforms/index.ts.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { SettingsStore } from '../settings/group-settings.ts';
import type { ConversationStore } from '../conversation/store.ts';
import type { StateBackend } from '../state-backend.ts';
import type { Budget } from '../reply/budget.ts';
import type { Reply } from '../reply/model.ts';
import type { Autocomplete, Dispatch } from './invocation.ts';
import type { CommandDefinition } from './types.ts';

export interface PlatformCapabilities {
  /** A passage can open a discussion thread (or the door has one discussion at a time). */
  threads: boolean;
  /** A file can be given with a command (attached, uploaded, or a path). */
  files: boolean;
  /** A reply can be shown to whoever asked alone. */
  hiddenReplies: boolean;
  /** Buttons or keys under an answer act on it. */
  buttons: boolean;
}

/** What a command may need of whoever asks it. */
export type Permission = 'manage';

export interface PlatformProfile {
  /** For logs and the library's record of who added a text; never a condition in the core. */
  id: string;
  /** What commands are typed after here ("/", "!"), as help and messages show them. */
  commandPrefix: string;
  capabilities: PlatformCapabilities;
  /** The limits of one message. */
  budget: Budget;
  /** Autocomplete limits, where the platform offers autocomplete. */
  choices?: { max: number; nameLength: number };
  /** The operator's own door (the console, the CLI): every permission is held. */
  operator?: boolean;
  /** The refusal for someone without a permission: who holds it here, and whom to ask. `doing` completes "may ___". */
  describePermission(permission: Permission, doing: string): string;
  /** How a file is given to a command here, as an instruction; `usage` is the command as typed ("library add"). */
  describeAttachment(usage: string): string;
  /** What only this door offers (buttons, keys, its own commands), added to /help. */
  helpFields?(): { name: string; value: string }[];
}

/** What a platform gets to run: the dispatcher and autocomplete every platform uses, and the app's parts it may need. */
export interface PlatformDeps {
  config: Config;
  log: Logger;
  dispatch: Dispatch;
  autocomplete: Autocomplete;
  commands: readonly CommandDefinition[];
  /** The groups' /settings, for the defaults of each invocation. */
  settings: SettingsStore;
  /** Threads, Discuss, Ibid. and notes: the one conversation module the dispatcher also records into. */
  conversations: ConversationStore;
  /** Where the doors keep their own state (the app's: files, or the shared database). */
  state?: StateBackend;
  /** The process's own streams, for doors that read and write them (the console, the line protocol). */
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream & { columns?: number; isTTY?: boolean }; interactive: boolean };
  /** Shown on an interactive door when it opens. */
  banner?: string;
}

export interface Platform {
  profile: PlatformProfile;
  /** Starts answering; resolves once the platform is running. */
  start(deps: PlatformDeps): Promise<void>;
  /** Stops answering and lets the answers under way finish. */
  stop(): Promise<void>;
  /** Resolves when the door closes by itself (the console's input ends); absent: it runs until stopped. */
  done?: Promise<void>;
  /** A reply as this platform sends it, one message per page (for tests and previews). */
  render(reply: Reply): unknown[];
  /** Connected and receiving commands (for /healthz); absent: always. */
  connected?(): boolean;
  /** Work waiting or running, by queue name (for /metrics). */
  queues?(): Record<string, number>;
}
