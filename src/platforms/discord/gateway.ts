/**
 * The gateway transport: discord.js keeps the connection (Guilds intent only; Lectern reads no
 * messages), and each INTERACTION_CREATE's raw payload goes to the same handler as HTTP, its
 * response POSTed to the interaction callback. THREAD_DELETE (a Guilds event) tells Lectern to
 * forget what it kept of a thread.
 */
import type { EventEmitter } from 'node:events';
import type { REST } from '@discordjs/rest';
import { GatewayDispatchEvents, type APIInteraction, type GatewayDispatchPayload } from 'discord-api-types/v10';
import { Client, GatewayIntentBits } from 'discord.js';
import type { Logger } from 'pino';
import type { InteractionHandler } from './handler.ts';
import { interactionCallback } from './rest.ts';

export interface Gateway {
  /** The websocket is up and identified. */
  connected(): boolean;
  stop(): Promise<void>;
}

export interface DeletedThread {
  id: string;
  guild_id?: string;
}

export async function startGateway(opts: { token: string; apiUrl?: string; rest: REST; handle: InteractionHandler; log: Logger; onThreadDelete?: (thread: DeletedThread) => Promise<unknown> }): Promise<Gateway> {
  const { log, rest } = opts;
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...(opts.apiUrl ? { rest: { api: opts.apiUrl } } : {}) });
  // discord.js emits every raw dispatch as "raw"; its typings leave that event out.
  (client as unknown as EventEmitter).on('raw', (packet: GatewayDispatchPayload) => {
    if (packet.t === GatewayDispatchEvents.ThreadDelete) {
      const thread = packet.d as DeletedThread;
      void opts.onThreadDelete?.(thread).catch((err: unknown) => log.error({ err, thread: thread.id }, 'could not forget a deleted thread'));
      return;
    }
    if (packet.t !== GatewayDispatchEvents.InteractionCreate) return;
    const interaction = packet.d as APIInteraction;
    void opts
      .handle(interaction, (body) => interactionCallback(rest, interaction.id, interaction.token, body))
      .catch((err: unknown) => log.error({ err, interaction: interaction.id }, 'gateway interaction left unanswered'));
  });
  client.on('error', (err) => log.error({ err }, 'Discord gateway error'));
  client.on('warn', (message) => log.warn({ message }, 'Discord gateway warning'));
  client.once('clientReady', (c) => log.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'connected to the Discord gateway'));
  await client.login(opts.token);
  return {
    connected: () => client.isReady(),
    async stop() {
      await client.destroy();
    },
  };
}
