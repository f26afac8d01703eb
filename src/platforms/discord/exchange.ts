/**
 * One interaction's conversation with Discord. The first answer goes back through the transport
 * (the HTTP response, or the gateway's callback POST) and must come within 3 s; after a deferral,
 * the answer edits the deferred response, and anything after that is a followup. Callers say what
 * they want shown ("a new message", "this message, updated") and this picks the call.
 */
import type { REST } from '@discordjs/rest';
import { InteractionResponseType, type APIInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import { EPHEMERAL } from './limits.ts';
import type { DiscordMessage } from './render.ts';
import { deleteOriginal, editOriginal, followup } from './rest.ts';

export type Respond = (body: APIInteractionResponse) => Promise<void>;

type State = 'none' | 'deferred-message' | 'deferred-update' | 'answered';

const isHidden = (m: DiscordMessage) => ((m.flags ?? 0) & EPHEMERAL) !== 0;
const withoutFlags = ({ flags: _flags, ...rest }: DiscordMessage): DiscordMessage => rest;

export class Exchange {
  readonly interaction: APIInteraction;
  log: Logger;
  private state: State = 'none';
  private deferredHidden = false;
  private readonly transport: Respond;
  private readonly rest: REST;

  constructor(interaction: APIInteraction, log: Logger, transport: Respond, rest: REST) {
    this.interaction = interaction;
    this.log = log;
    this.transport = transport;
    this.rest = rest;
  }

  get responded(): boolean {
    return this.state !== 'none';
  }

  /** The interaction's one response; a second is a bug, not something to send. */
  async respond(body: APIInteractionResponse): Promise<void> {
    if (this.state !== 'none') throw new Error(`interaction ${this.interaction.id} already has a response`);
    this.state =
      body.type === InteractionResponseType.DeferredChannelMessageWithSource ? 'deferred-message' : body.type === InteractionResponseType.DeferredMessageUpdate ? 'deferred-update' : 'answered';
    await this.transport(body);
  }

  /** "Lectern is thinking…": the answer will be a new message, hidden or not as said here. */
  async deferMessage(hidden: boolean): Promise<void> {
    this.deferredHidden = hidden;
    await this.respond({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: hidden ? { flags: EPHEMERAL } : {} });
  }

  /** The answer will replace the message whose component was used. */
  async deferUpdate(): Promise<void> {
    await this.respond({ type: InteractionResponseType.DeferredMessageUpdate });
  }

  private get token(): [string, string] {
    return [this.interaction.application_id, this.interaction.token];
  }

  /** A new message in the channel (or only for the asker when its flags say so). */
  async send(message: DiscordMessage): Promise<void> {
    switch (this.state) {
      case 'none':
        return this.respond({ type: InteractionResponseType.ChannelMessageWithSource, data: message });
      case 'deferred-message':
        this.state = 'answered';
        // A deferral's visibility is fixed: an answer that turns out hidden (an error) cannot go into a public one.
        if (isHidden(message) && !this.deferredHidden) {
          await deleteOriginal(this.rest, ...this.token);
          return followup(this.rest, ...this.token, message);
        }
        return editOriginal(this.rest, ...this.token, message);
      default:
        this.state = 'answered';
        return followup(this.rest, ...this.token, message);
    }
  }

  /** The message whose component was used, changed in place. */
  async update(message: DiscordMessage): Promise<void> {
    switch (this.state) {
      case 'none':
        return this.respond({ type: InteractionResponseType.UpdateMessage, data: withoutFlags(message) });
      case 'deferred-update':
        this.state = 'answered';
        return editOriginal(this.rest, ...this.token, message);
      default:
        return this.send(message);
    }
  }
}
