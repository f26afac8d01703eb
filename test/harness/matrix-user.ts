/**
 * A person in the Matrix tests: plain client-server API calls with fetch, so what the tests send
 * is exactly what a client sends, with no SDK in between.
 */
import { randomUUID } from 'node:crypto';
import type { SynapseUser } from './synapse.ts';

export interface MatrixEvent {
  type: string;
  event_id: string;
  sender: string;
  origin_server_ts: number;
  state_key?: string;
  content: Record<string, any>;
}

export interface SendOptions {
  threadRoot?: string;
  replyTo?: string;
  msgtype?: string;
}

export class MatrixUser {
  readonly url: string;
  readonly user: SynapseUser;

  constructor(url: string, user: SynapseUser) {
    this.url = url;
    this.user = user;
  }

  get userId(): string {
    return this.user.userId;
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/_matrix/client/v3${path}`, {
      method,
      headers: { authorization: `Bearer ${this.user.accessToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  async createRoom(options: { alias?: string; name?: string } = {}): Promise<string> {
    const body: Record<string, unknown> = { preset: 'private_chat', name: options.name ?? 'Lectern test' };
    if (options.alias) body.room_alias_name = options.alias;
    const { room_id } = await this.request<{ room_id: string }>('POST', '/createRoom', body);
    return room_id;
  }

  invite(roomId: string, userId: string): Promise<unknown> {
    return this.request('POST', `/rooms/${encodeURIComponent(roomId)}/invite`, { user_id: userId });
  }

  join(roomId: string): Promise<unknown> {
    return this.request('POST', `/join/${encodeURIComponent(roomId)}`, {});
  }

  /** Uploads a file to the media repository and returns its mxc:// URL. */
  async upload(name: string, bytes: Uint8Array, contentType: string): Promise<string> {
    const res = await fetch(`${this.url}/_matrix/media/v3/upload?filename=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.user.accessToken}`, 'content-type': contentType },
      body: bytes,
    });
    const json = (await res.json()) as { content_uri?: string };
    if (!res.ok || !json.content_uri) throw new Error(`upload → ${res.status} ${JSON.stringify(json)}`);
    return json.content_uri;
  }

  async sendEvent(roomId: string, type: string, content: Record<string, unknown>): Promise<string> {
    const { event_id } = await this.request<{ event_id: string }>('PUT', `/rooms/${encodeURIComponent(roomId)}/send/${type}/${randomUUID()}`, content);
    return event_id;
  }

  send(roomId: string, body: string, options: SendOptions = {}): Promise<string> {
    const content: Record<string, unknown> = { msgtype: options.msgtype ?? 'm.text', body };
    if (options.threadRoot) {
      content['m.relates_to'] = { rel_type: 'm.thread', event_id: options.threadRoot, is_falling_back: true, 'm.in_reply_to': { event_id: options.replyTo ?? options.threadRoot } };
    } else if (options.replyTo) {
      content['m.relates_to'] = { 'm.in_reply_to': { event_id: options.replyTo } };
    }
    return this.sendEvent(roomId, 'm.room.message', content);
  }

  react(roomId: string, eventId: string, key: string): Promise<string> {
    return this.sendEvent(roomId, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: eventId, key } });
  }

  edit(roomId: string, eventId: string, body: string): Promise<string> {
    return this.sendEvent(roomId, 'm.room.message', {
      msgtype: 'm.text',
      body: `* ${body}`,
      'm.new_content': { msgtype: 'm.text', body },
      'm.relates_to': { rel_type: 'm.replace', event_id: eventId },
    });
  }

  /** The room's latest events, oldest first. */
  async messages(roomId: string, limit = 500): Promise<MatrixEvent[]> {
    const page = await this.request<{ chunk: MatrixEvent[] }>('GET', `/rooms/${encodeURIComponent(roomId)}/messages?dir=b&limit=${limit}`);
    return page.chunk.reverse();
  }

  async membership(roomId: string, userId: string): Promise<string | undefined> {
    try {
      const content = await this.request<{ membership?: string }>('GET', `/rooms/${encodeURIComponent(roomId)}/state/m.room.member/${encodeURIComponent(userId)}`);
      return content.membership;
    } catch {
      return undefined;
    }
  }

  /** Events from `sender` that reply to `eventId` (directly or inside a thread). */
  async repliesTo(roomId: string, eventId: string, sender: string): Promise<MatrixEvent[]> {
    return (await this.messages(roomId)).filter((e) => e.sender === sender && e.content['m.relates_to']?.['m.in_reply_to']?.event_id === eventId && e.content['m.relates_to']?.is_falling_back !== true);
  }

  async waitForReply(roomId: string, eventId: string, sender: string, timeoutMs = 20_000): Promise<MatrixEvent> {
    return waitFor(async () => (await this.repliesTo(roomId, eventId, sender))[0], `a reply from ${sender} to ${eventId}`, timeoutMs);
  }
}

/** Polls until `probe` gives a value; the timeout only bounds a failing test, nothing asserts on time. */
export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
