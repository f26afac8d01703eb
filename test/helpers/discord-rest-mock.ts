/**
 * A local stand-in for Discord's REST API, on 127.0.0.1: it records every request (method, route,
 * headers, JSON body) and answers the routes Lectern calls as Discord would. Give its `api` to
 * @discordjs/rest (or as DISCORD_API_URL) and no request leaves the machine.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The path after `/api/v10`, e.g. `/webhooks/1/tok/messages/@original`. */
  route: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** Files sent as multipart parts beside `payload_json` (which becomes `body`). */
  files?: { field: string; name: string; contentType: string; text: string }[];
}

/** A multipart request as Discord reads it: the JSON part, and each file part. */
async function parseMultipart(raw: Buffer, contentType: string): Promise<{ body: unknown; files: NonNullable<RecordedRequest['files']> }> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: NonNullable<RecordedRequest['files']> = [];
  let body: unknown;
  for (const [field, value] of form.entries()) {
    if (field === 'payload_json') body = JSON.parse(String(value));
    else if (typeof value !== 'string') files.push({ field, name: value.name, contentType: value.type, text: await value.text() });
  }
  return { body, files };
}

export interface RestMock {
  /** For `new REST({ api })` and DISCORD_API_URL. */
  api: string;
  requests: RecordedRequest[];
  /** The first request (already made, or still to come) that matches. */
  next(match: (r: RecordedRequest) => boolean): Promise<RecordedRequest>;
  /** Makes the next request to a route fail as Discord would (status and JSON error). */
  failNext(match: (r: RecordedRequest) => boolean, status: number, error: { code: number; message: string }): void;
  /** Serves a file as Discord's CDN would serve an upload; returns its URL. */
  host(name: string, bytes: Uint8Array, contentType?: string): string;
  close(): Promise<void>;
}

export const THREAD_ID = '1400000000000000001';
export const BOT_APPLICATION_ID = '1100000000000000001';

let nextId = 1500000000000000000n;
/** Where GET /gateway/bot points (a fake gateway started by the test), and the shards it recommends. */
let gatewayUrl: string | undefined;
let gatewayBot = { shards: 1, maxConcurrency: 1 };
export const setGatewayUrl = (url: string | undefined, bot: { shards?: number; maxConcurrency?: number } = {}) => {
  gatewayUrl = url;
  gatewayBot = { shards: bot.shards ?? 1, maxConcurrency: bot.maxConcurrency ?? 1 };
};

function answer(r: RecordedRequest): { status: number; body: unknown } {
  const { method, route } = r;
  if (method === 'POST' && /^\/channels\/\d+\/messages\/\d+\/threads$/.test(route)) {
    const parent = route.split('/')[2];
    return { status: 201, body: { id: THREAD_ID, type: 11, parent_id: parent, name: (r.body as { name?: string }).name, guild_id: '1' } };
  }
  if (method === 'POST' && /^\/channels\/\d+\/messages$/.test(route)) return { status: 200, body: { id: String(nextId++), channel_id: route.split('/')[2], ...(r.body as object) } };
  if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(route)) {
    return { status: 200, body: (r.body as object[]).map((c) => ({ id: String(nextId++), application_id: route.split('/')[2], version: '1', ...c })) };
  }
  if (method === 'GET' && route === '/gateway/bot' && gatewayUrl) {
    return { status: 200, body: { url: gatewayUrl, shards: gatewayBot.shards, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: gatewayBot.maxConcurrency } } };
  }
  if (method === 'GET' && route === '/applications/@me') return { status: 200, body: { id: BOT_APPLICATION_ID, name: 'Lectern' } };
  if (method === 'DELETE') return { status: 204, body: undefined };
  if (route.startsWith('/webhooks/') || route.startsWith('/interactions/')) return { status: method === 'POST' && route.startsWith('/interactions/') ? 204 : 200, body: method === 'POST' && route.startsWith('/interactions/') ? undefined : { id: String(nextId++), ...(r.body as object) } };
  return { status: 404, body: { message: 'Unknown route', code: 0 } };
}

export async function startRestMock(): Promise<RestMock> {
  const requests: RecordedRequest[] = [];
  const waiters: { match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }[] = [];
  const files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  const failures: { match: (r: RecordedRequest) => boolean; status: number; error: { code: number; message: string } }[] = [];

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void onRequest(req, res, Buffer.concat(chunks)));
  });
  async function onRequest(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const file = files.get(decodeURIComponent(url.pathname));
      if (file && req.method === 'GET') {
        requests.push({ method: 'GET', route: decodeURIComponent(url.pathname), headers: req.headers, body: undefined });
        res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length }).end(Buffer.from(file.bytes));
        return;
      }
      const type = String(req.headers['content-type'] ?? '');
      const text = raw.toString('utf8');
      const multipart = type.startsWith('multipart/form-data') ? await parseMultipart(raw, type) : undefined;
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        route: decodeURIComponent(url.pathname).replace(/^\/api\/v10/, ''),
        headers: req.headers,
        body: multipart ? multipart.body : text ? JSON.parse(text) : undefined,
        ...(multipart ? { files: multipart.files } : {}),
      };
      requests.push(recorded);
      const failure = failures.findIndex((f) => f.match(recorded));
      const { status, body } = failure >= 0 ? { status: failures[failure]!.status, body: failures.splice(failure, 1)[0]!.error } : answer(recorded);
      if (body === undefined) res.writeHead(status).end();
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      for (const w of [...waiters]) {
        if (w.match(recorded)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(recorded);
        }
      }
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    api: `http://127.0.0.1:${port}/api`,
    requests,
    next(match) {
      const done = requests.find(match);
      if (done) return Promise.resolve(done);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    failNext(match, status, error) {
      failures.push({ match, status, error });
    },
    host(name, bytes, contentType = 'application/octet-stream') {
      const route = `/attachments/${files.size + 1}/${name}`;
      files.set(route, { bytes, contentType });
      return `http://127.0.0.1:${port}${route}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
