/**
 * The Discord platform. `startDiscord` connects over the gateway when DISCORD_TOKEN is set and
 * serves HTTP interactions when DISCORD_PUBLIC_KEY and DISCORD_HTTP_PORT are; both feed the same
 * handler. With DISCORD_SHARDS or DISCORD_HTTP_WORKERS those jobs go to child processes instead
 * (shards.ts, http-workers.ts), each of which runs this with its one job (config.role).
 * The renderer, the command conversion and the HTTP server are usable on their own.
 */
import { createHmac } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Autocomplete, Dispatch } from '../../dispatch/invocation.ts';
import type { CommandDefinition } from '../../dispatch/types.ts';
import { discordGatewayEnabled, discordHttpEnabled, type Config } from '../../config.ts';
import { startGateway, type DeletedThread, type Gateway } from './gateway.ts';
import { conversationKey } from '../../conversation/key.ts';
import { discordProfile } from './profile.ts';
import { createInteractionHandler } from './handler.ts';
import { createRest } from './rest.ts';
import { createInteractionServer, type InteractionServer } from './server.ts';
import { DiscordState } from './state.ts';
import { keptButtonKey } from './button-key.ts';
import { moveLegacyGuildSettings, moveLegacyThreads } from './legacy-settings.ts';
import type { ConversationStore } from '../../conversation/store.ts';
import { SettingsStore } from '../../settings/group-settings.ts';
import type { StateBackend } from '../../state-backend.ts';

export { applicationCommands, toDiscordCommand } from './commands.ts';
export { createInteractionHandler, toDiscordChoices, type Handler, type HandlerOptions, type InteractionHandler } from './handler.ts';
export { discordPages, messageViolations } from './pages.ts';
export { renderMessage, type DiscordMessage, type RenderOptions } from './render.ts';
export { createInteractionServer, INTERACTIONS_PATH, type InteractionServer, type InteractionServerOptions } from './server.ts';
export { DiscordState } from './state.ts';

export interface StartDiscordOptions {
  config: Config;
  log: Logger;
  dispatch: Dispatch;
  autocomplete: Autocomplete;
  commands: CommandDefinition[];
  stateDir: string;
  /** Key for the buttons' MACs; by default derived from DISCORD_BUTTON_SECRET, the bot token, or a key kept in the state folder (buttons survive restarts). */
  secret?: Uint8Array | string;
  /** The groups' /settings (the app's store), read for each interaction's defaults. */
  settings?: SettingsStore;
  /** The conversation module the dispatcher records into (the app's). */
  conversations: ConversationStore;
  /** Where the state is kept (the app's): shared rows keep the answers buttons act on across processes. */
  state?: StateBackend;
}

export interface RunningDiscord {
  /** The gateway is up (or, HTTP only, the endpoint listens). */
  connected(): boolean;
  stop(): Promise<void>;
  /** The HTTP interactions port, when serving HTTP (useful with DISCORD_HTTP_PORT=0). */
  httpPort?: number;
}

/** Every process of one bot (shards, HTTP workers) must derive the same key, or one's buttons fail in another. */
async function customIdSecret(config: Config, stateDir: string, log: Logger): Promise<Buffer> {
  const from = config.DISCORD_BUTTON_SECRET ?? config.DISCORD_TOKEN ?? (await keptButtonKey(stateDir, log));
  return createHmac('sha256', from).update('lectern custom ids').digest();
}

export async function startDiscord(opts: StartDiscordOptions): Promise<RunningDiscord> {
  const { config, log } = opts;
  await mkdir(opts.stateDir, { recursive: true });
  const store = await DiscordState.load(opts.stateDir, log);
  const settings = opts.settings ?? (await SettingsStore.load(opts.stateDir, log));
  await moveLegacyGuildSettings(store, settings, log);
  await moveLegacyThreads(store, opts.conversations, log, Date.now());
  const rest = createRest(config);
  const handler = createInteractionHandler({
    config,
    log,
    dispatch: opts.dispatch,
    autocomplete: opts.autocomplete,
    commands: opts.commands,
    conversations: opts.conversations,
    settings,
    rest,
    secret: opts.secret ?? (await customIdSecret(config, opts.stateDir, log)),
    ...(opts.state?.rows ? { rows: opts.state.rows.bind(opts.state) } : {}),
  });

  let server: InteractionServer | undefined;
  let gateway: Gateway | undefined;
  try {
    if (discordHttpEnabled(config)) {
      const reusePort = config.role.kind === 'discord-http-worker';
      server = await createInteractionServer({ publicKey: config.DISCORD_PUBLIC_KEY!, host: config.DISCORD_HTTP_HOST, port: config.DISCORD_HTTP_PORT!, handle: handler.handle, log, reusePort });
    }
    // With DISCORD_SHARDS the shard processes hold the gateway, not this one (the token stays for REST).
    const gatewayToken = discordGatewayEnabled(config) ? config.DISCORD_TOKEN : undefined;
    if (gatewayToken) {
      // A deleted thread's work, citation and notes go with it.
      const onThreadDelete = async (t: DeletedThread) => {
        if (t.guild_id && (await opts.conversations.forget(conversationKey({ platform: discordProfile.id, scope: t.guild_id, thread: t.id })))) log.info({ thread: t.id }, 'thread deleted; its notes are forgotten');
      };
      gateway = await startGateway({ token: gatewayToken, ...(config.DISCORD_API_URL ? { apiUrl: config.DISCORD_API_URL } : {}), rest, handle: handler.handle, log, onThreadDelete });
    }
  } catch (err) {
    await server?.close();
    throw err;
  }

  return {
    ...(server ? { httpPort: server.port } : {}),
    connected: () => (gateway ? gateway.connected() : server !== undefined),
    async stop() {
      await gateway?.stop();
      await server?.close();
      await handler.idle();
      await store.save();
      log.info('Discord stopped');
    },
  };
}
