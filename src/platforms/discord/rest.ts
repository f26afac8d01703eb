/**
 * The REST calls the platform makes, through @discordjs/rest (which queues around rate limits).
 * Interaction webhooks are authorised by their token in the route, so they are sent without the
 * bot's Authorization header and work for HTTP-only applications with no bot token at all.
 */
import { REST } from '@discordjs/rest';
import { Routes, type APIInteractionResponse, type APIThreadChannel } from 'discord-api-types/v10';
import type { Config } from '../../config.ts';
import type { DiscordMessage } from './render.ts';

export function createRest(config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>): REST {
  const rest = new REST({ version: '10', ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}) });
  if (config.DISCORD_TOKEN) rest.setToken(config.DISCORD_TOKEN);
  return rest;
}

/** An edit cannot change whether a message is ephemeral: the flag goes only on new messages. */
const editBody = ({ flags: _flags, files: _files, ...rest }: DiscordMessage) => rest;
const bodyOf = ({ files: _files, ...rest }: DiscordMessage) => rest;
/** Files go as multipart parts beside the JSON (@discordjs/rest builds it). */
const filesOf = (m: DiscordMessage) => (m.files?.length ? { files: m.files.map((f) => ({ name: f.name, data: f.data, contentType: f.contentType })) } : {});

export async function interactionCallback(rest: REST, id: string, token: string, body: APIInteractionResponse): Promise<void> {
  await rest.post(Routes.interactionCallback(id, token), { body, auth: false });
}

export async function editOriginal(rest: REST, applicationId: string, token: string, message: DiscordMessage): Promise<void> {
  await rest.patch(Routes.webhookMessage(applicationId, token, '@original'), { body: editBody(message), ...filesOf(message), auth: false });
}

export async function deleteOriginal(rest: REST, applicationId: string, token: string): Promise<void> {
  await rest.delete(Routes.webhookMessage(applicationId, token, '@original'), { auth: false });
}

export async function followup(rest: REST, applicationId: string, token: string, message: DiscordMessage): Promise<void> {
  await rest.post(Routes.webhook(applicationId, token), { body: bodyOf(message), ...filesOf(message), auth: false });
}

/** A public thread on a message (the bot's own reply); its id is the thread's channel id. */
export async function startThread(rest: REST, channelId: string, messageId: string, name: string): Promise<APIThreadChannel> {
  return (await rest.post(Routes.threads(channelId, messageId), { body: { name, auto_archive_duration: 1440 } })) as APIThreadChannel;
}

export async function postMessage(rest: REST, channelId: string, message: DiscordMessage): Promise<{ id: string }> {
  return (await rest.post(Routes.channelMessages(channelId), { body: editBody(message) })) as { id: string };
}
