/**
 * Discord's HTTP interactions: `POST /interactions`, signature checked on the raw bytes before
 * anything is parsed (401 otherwise, as Discord's endpoint check expects), PING answered with PONG,
 * everything else handed to the same handler the gateway uses. The response is whatever the
 * handler answers first; its deferred work (edits, followups) goes on after the response is sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InteractionResponseType, InteractionType, type APIInteraction, type APIInteractionResponse } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { InteractionHandler } from './handler.ts';
import { checkSignature, publicKeyFromHex } from './verify.ts';

export const INTERACTIONS_PATH = '/interactions';
/** Interaction payloads are a few kilobytes; this bounds what an unsigned request can make us hold. */
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Bytes all requests together may hold while their bodies arrive: 1,000 slow 1 MB bodies must not
 * cost 1 GB. Past it a request is refused at once with 429 (Discord retries), never queued.
 */
export const MAX_INFLIGHT_BYTES = 16 * 1024 * 1024;
/** A client has this long to send its headers, and this long for the whole request. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;

export interface InteractionServerOptions {
  /** The application's public key from the Developer Portal (64 hex characters). */
  publicKey: string;
  handle: InteractionHandler;
  log: Logger;
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  now?: () => number;
  /**
   * Share the port with the other HTTP workers (SO_REUSEPORT, Linux; Node ≥ 23.1): the kernel
   * spreads new connections over every process listening on it.
   */
  reusePort?: boolean;
  /** Limits, lowered by tests. */
  limits?: Partial<{ maxBodyBytes: number; maxInflightBytes: number; headersTimeoutMs: number; requestTimeoutMs: number }>;
}

export interface InteractionServer {
  port: number;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}
class ServerBusy extends Error {}

/** Bytes held by the bodies being read, across every request of one server. */
class InflightBudget {
  held = 0;
  readonly max: number;
  constructor(max: number) {
    this.max = max;
  }
  take(n: number): boolean {
    if (this.held + n > this.max) return false;
    this.held += n;
    return true;
  }
  give(n: number): void {
    this.held -= n;
  }
}

/**
 * Reads a body up to `max` bytes. A declared length is reserved from the shared budget before a
 * byte is read (and refused whole if it does not fit); chunked bodies reserve as they arrive.
 */
async function readBody(req: IncomingMessage, max: number, budget: InflightBudget): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > max) throw new BodyTooLarge();
  let reserved = 0;
  const reserve = (n: number) => {
    if (!budget.take(n)) throw new ServerBusy();
    reserved += n;
  };
  try {
    if (Number.isFinite(declared)) reserve(declared);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      const c = chunk as Buffer;
      size += c.length;
      if (size > max) throw new BodyTooLarge();
      if (size > reserved) reserve(size - reserved);
      chunks.push(c);
    }
    return Buffer.concat(chunks);
  } finally {
    budget.give(reserved);
  }
}

/**
 * The fields the handler reads before its own error boundary: a signed payload without them is a
 * malformed request (400), not a crash (500).
 */
function shapeProblem(i: Record<string, unknown>): string | undefined {
  if (typeof i.id !== 'string' || typeof i.token !== 'string' || typeof i.application_id !== 'string') return 'id, token and application_id are required';
  const data = i.data as Record<string, unknown> | undefined;
  const needsData = i.type === InteractionType.ApplicationCommand || i.type === InteractionType.ApplicationCommandAutocomplete || i.type === InteractionType.MessageComponent || i.type === InteractionType.ModalSubmit;
  if (!needsData) return undefined;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'this interaction type needs data';
  if ((i.type === InteractionType.ApplicationCommand || i.type === InteractionType.ApplicationCommandAutocomplete) && typeof data.name !== 'string') return 'data.name is required';
  if ((i.type === InteractionType.MessageComponent || i.type === InteractionType.ModalSubmit) && typeof data.custom_id !== 'string') return 'data.custom_id is required';
  if (data.options !== undefined && !Array.isArray(data.options)) return 'data.options must be a list';
  if (data.components !== undefined && !Array.isArray(data.components)) return 'data.components must be a list';
  return undefined;
}

/** What Discord shows when the handler failed before answering: an apology only the asker sees. */
const APOLOGY: APIInteractionResponse = {
  type: InteractionResponseType.ChannelMessageWithSource,
  data: { content: 'Sorry, something went wrong while answering. Please try again.', flags: 64, allowed_mentions: { parse: [] } },
};

/** `close`: the request's body was not (fully) read, so the connection cannot be reused. */
function send(res: ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', 'content-length': Buffer.byteLength(text), ...(close ? { connection: 'close' } : {}) });
  res.end(text);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export async function createInteractionServer(opts: InteractionServerOptions): Promise<InteractionServer> {
  const key = publicKeyFromHex(opts.publicKey);
  const now = opts.now ?? Date.now;
  const log = opts.log;
  const maxBody = opts.limits?.maxBodyBytes ?? MAX_BODY_BYTES;
  const budget = new InflightBudget(opts.limits?.maxInflightBytes ?? MAX_INFLIGHT_BYTES);

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== INTERACTIONS_PATH) return send(res, 404, 'not found');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(res, 405, 'method not allowed');
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBody, budget);
    } catch (err) {
      if (err instanceof BodyTooLarge) return send(res, 413, 'request body too large', true);
      if (err instanceof ServerBusy) {
        log.warn({ held: budget.held, remote: req.socket.remoteAddress }, 'refused a request: too many bytes in flight');
        res.setHeader('retry-after', '1');
        return send(res, 429, 'too many requests in flight; retry', true);
      }
      // The client went away or timed out mid-body: nothing to answer.
      log.debug({ err }, 'request body not received');
      return send(res, 400, 'request body not received', true);
    }
    const check = checkSignature(key, { signature: header(req, 'x-signature-ed25519'), timestamp: header(req, 'x-signature-timestamp') }, body, now());
    if (check !== 'ok') {
      log.debug({ check, remote: req.socket.remoteAddress }, 'rejected a request with a bad signature');
      return send(res, 401, 'invalid request signature');
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
      if (typeof interaction !== 'object' || interaction === null || Array.isArray(interaction) || typeof interaction.type !== 'number') throw new Error('not an interaction');
    } catch {
      return send(res, 400, 'the body is not an interaction');
    }
    const problem = shapeProblem(interaction as unknown as Record<string, unknown>);
    if (problem) {
      log.debug({ type: interaction.type, problem }, 'refused a malformed interaction');
      return send(res, 400, `malformed interaction: ${problem}`);
    }
    if (interaction.type === InteractionType.Ping) return send(res, 200, { type: InteractionResponseType.Pong });

    let answered = false;
    const respond = async (response: APIInteractionResponse) => {
      answered = true;
      send(res, 200, response);
    };
    try {
      await opts.handle(interaction, respond);
    } catch (err) {
      log.error({ err, interaction: interaction.id }, 'the interaction handler failed without answering');
    }
    // Never a 5xx: Discord shows the asker a message of our own rather than "interaction failed".
    if (!answered) send(res, 200, APOLOGY);
  }

  const server = createServer(
    {
      headersTimeout: opts.limits?.headersTimeoutMs ?? HEADERS_TIMEOUT_MS,
      requestTimeout: opts.limits?.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      // How often Node checks those two timeouts (30 s by default, longer than the timeouts).
      connectionsCheckingInterval: Math.min(1_000, opts.limits?.headersTimeoutMs ?? HEADERS_TIMEOUT_MS),
    },
    (req, res) => {
      onRequest(req, res).catch((err: unknown) => {
        log.error({ err }, 'HTTP request failed');
        send(res, 400, 'bad request', true);
      });
    },
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port, host: opts.host ?? '127.0.0.1', ...(opts.reusePort ? { reusePort: true } : {}) }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ host: opts.host ?? '127.0.0.1', port, path: INTERACTIONS_PATH, ...(opts.reusePort ? { reusePort: true } : {}) }, 'Discord interactions endpoint listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
