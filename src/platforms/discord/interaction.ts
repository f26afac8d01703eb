/**
 * Reading raw interaction payloads (discord-api-types' APIInteraction), as both transports
 * deliver them: who asked, where, with which options and permissions. Pure functions; nothing
 * here trusts a field to be present that Discord documents as optional.
 */
import {
  ApplicationCommandOptionType,
  ChannelType,
  InteractionType,
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIInteraction,
  type APIUser,
} from 'discord-api-types/v10';
import { EPHEMERAL, PERMISSION_ADMINISTRATOR, PERMISSION_MANAGE_GUILD } from './limits.ts';

export const userOf = (i: APIInteraction): APIUser | undefined => i.member?.user ?? i.user;

/** How the asker is shown here: their server nickname, else their display name, else their user name (never a mention). */
export function displayNameOf(i: APIInteraction): string | undefined {
  const user = userOf(i);
  return i.member?.nick ?? user?.global_name ?? user?.username ?? undefined;
}

export const channelIdOf = (i: APIInteraction): string | undefined => i.channel?.id ?? i.channel_id;

const THREAD_TYPES: readonly number[] = [ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread];
export const inThread = (i: APIInteraction): boolean => i.channel !== undefined && THREAD_TYPES.includes(i.channel.type);

/** The command an interaction is about, for logs. */
export function commandNameOf(i: APIInteraction): string | undefined {
  if (i.type === InteractionType.ApplicationCommand || i.type === InteractionType.ApplicationCommandAutocomplete) return i.data.name;
  if (i.type === InteractionType.MessageComponent) return i.data.custom_id.split(':')[1];
  return undefined;
}

type DataOption = APIApplicationCommandInteractionDataOption;

/** The leaf options, through subcommands and groups (Lectern has none, but a payload might). */
function leaves(options: readonly DataOption[] | undefined): DataOption[] {
  return (options ?? []).flatMap((o) =>
    o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup ? leaves(o.options as DataOption[] | undefined) : [o],
  );
}

/** Option values by name, as Discord sent them (strings, numbers, booleans); the commands' schemas validate them. */
export function argsOf(options: readonly DataOption[] | undefined): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const o of leaves(options)) if ('value' in o) args[o.name] = o.value;
  return args;
}

/** The file uploaded with an attachment option, as Discord resolved it; undefined when there is none. */
export function attachmentOf(i: APIInteraction): { option: string; attachment: APIAttachment } | undefined {
  if (i.type !== InteractionType.ApplicationCommand || !('options' in i.data)) return undefined;
  const option = leaves(i.data.options).find((o) => o.type === ApplicationCommandOptionType.Attachment);
  const resolved = 'resolved' in i.data ? i.data.resolved : undefined;
  const attachment = option && 'value' in option && resolved && 'attachments' in resolved ? resolved.attachments?.[String(option.value)] : undefined;
  return option && attachment ? { option: option.name, attachment } : undefined;
}

export function focusedOf(options: readonly DataOption[] | undefined): { name: string; value: string } | undefined {
  const focused = leaves(options).find((o) => 'focused' in o && o.focused);
  return focused && 'value' in focused ? { name: focused.name, value: String(focused.value ?? '') } : undefined;
}

function permissionBits(raw: unknown): bigint {
  if (typeof raw !== 'string' || !/^\d{1,40}$/u.test(raw)) return 0n;
  return BigInt(raw);
}

/** Manage Server (or Administrator), as computed by Discord for this member in this channel. */
export function canManageGuild(i: APIInteraction): boolean {
  if (!i.guild_id || !i.member) return false;
  const bits = permissionBits(i.member.permissions);
  return (bits & (PERMISSION_MANAGE_GUILD | PERMISSION_ADMINISTRATOR)) !== 0n;
}

/** The app's own permissions in the channel; undefined when the payload does not say. */
export function appPermissions(i: APIInteraction): bigint | undefined {
  return typeof i.app_permissions === 'string' ? permissionBits(i.app_permissions) : undefined;
}

export const isEphemeralMessage = (message: { flags?: number } | undefined): boolean => ((message?.flags ?? 0) & EPHEMERAL) !== 0;
