/**
 * Command definitions (plain data, shared by every platform) as Discord application commands.
 * Pure: the deploy script sends what these return.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type APIApplicationCommandAttachmentOption,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { CommandDefinition, CommandOption } from '../../dispatch/types.ts';
import { PERMISSION_MANAGE_GUILD } from './limits.ts';

const OPTION_TYPES = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;

function toDiscordOption(o: CommandOption): APIApplicationCommandBasicOption {
  const option: Record<string, unknown> = {
    type: OPTION_TYPES[o.type],
    name: o.name,
    description: o.description,
    required: o.required ?? false,
  };
  if (o.choices) option.choices = o.choices.map((c) => ({ name: c.name, value: o.type === 'integer' ? Number(c.value) : String(c.value) }));
  if (o.autocomplete) option.autocomplete = true;
  if (o.type === 'integer') {
    if (o.minValue !== undefined) option.min_value = o.minValue;
    if (o.maxValue !== undefined) option.max_value = o.maxValue;
  }
  if (o.type === 'string' && o.maxLength !== undefined) option.max_length = o.maxLength;
  return option as unknown as APIApplicationCommandBasicOption;
}

/**
 * Options only Discord can offer, which the shared definitions (text, numbers, booleans) cannot
 * express: the file /library adds. The handler hands the upload to the command as `attachment`.
 */
export const FILE_OPTIONS: Record<string, APIApplicationCommandAttachmentOption> = {
  library: { type: ApplicationCommandOptionType.Attachment, name: 'file', description: 'The file to add: PDF, EPUB, HTML, Markdown or plain text', required: false },
};

export function toDiscordCommand(def: CommandDefinition): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const file = FILE_OPTIONS[def.name];
  return {
    type: ApplicationCommandType.ChatInput,
    name: def.name,
    description: def.description,
    // Options naming local files (the console's out:) are not for a chat platform.
    options: [...(def.options ?? []).filter((o) => !o.local).map(toDiscordOption), ...(file ? [file] : [])],
    // Organisers' commands: shown to members with Manage Server by default, and only in servers
    // (servers can change who sees them, so the command checks the permission too).
    ...(def.requires === 'manage' ? { default_member_permissions: String(PERMISSION_MANAGE_GUILD), contexts: [InteractionContextType.Guild] } : {}),
  };
}

/** Exactly what `deploy-commands` registers: the registry's commands. */
export function applicationCommands(definitions: readonly CommandDefinition[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const names = new Set<string>();
  const out = definitions.map(toDiscordCommand);
  for (const c of out) {
    if (names.has(c.name)) throw new Error(`two commands are named "${c.name}"; Discord needs unique names`);
    names.add(c.name);
  }
  return out;
}
