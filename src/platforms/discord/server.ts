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

export interface InteractionServerOptions {
  /** The application's public key from the Developer Portal (64 hex characters). */
  publicKey: string;
  handle: InteractionHandler;
  log: Logger;
  host?: string;
  /** 0 picks a free port (tests). */
  port: number;
  now?: () => number;
}

export interface InteractionServer {
  port: number;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', 'content-length': Buffer.byteLength(text) });
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

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== INTERACTIONS_PATH) return send(res, 404, 'not found');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(res, 405, 'method not allowed');
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof BodyTooLarge) return send(res, 413, 'request body too large');
      throw err;
    }
    const check = checkSignature(key, { signature: header(req, 'x-signature-ed25519'), timestamp: header(req, 'x-signature-timestamp') }, body, now());
    if (check !== 'ok') {
      log.debug({ check, remote: req.socket.remoteAddress }, 'rejected a request with a bad signature');
      return send(res, 401, 'invalid request signature');
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
      if (typeof interaction !== 'object' || interaction === null || typeof interaction.type !== 'number') throw new Error('not an interaction');
    } catch {
      return send(res, 400, 'the body is not an interaction');
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
    if (!answered) send(res, 500, 'internal error');
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      log.error({ err }, 'HTTP request failed');
      send(res, 500, 'internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ host: opts.host ?? '127.0.0.1', port, path: INTERACTIONS_PATH }, 'Discord interactions endpoint listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
