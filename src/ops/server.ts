/**
 * The operations endpoint (LECTERN_OPS_PORT): `GET /healthz` answers 200 when the search index is
 * loaded and every configured platform is connected, 503 otherwise, with the details as JSON;
 * `GET /metrics` is the Prometheus text exposition. Nothing else is served, and no request body is
 * read. It binds LECTERN_OPS_HOST (127.0.0.1 by default; 0.0.0.0 in the container image).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.ts';

export interface PlatformHealth {
  name: string;
  /** Connected and able to receive commands. */
  connected(): boolean;
}

export interface HealthSources {
  /**
   * Works in the loaded index (0: not loaded). Absent in a process that only supervises others (gateway
   * shards, HTTP workers): each of those loads the index before it counts as connected.
   */
  indexWorks?(): number;
  platforms(): PlatformHealth[];
}

export interface Health {
  ok: boolean;
  /** `in-children`: this process holds no index; its shard or worker processes do. */
  index: { loaded: boolean; works: number } | 'in-children';
  platforms: Record<string, 'connected' | 'disconnected'>;
}

export function health(sources: HealthSources): Health {
  const works = sources.indexWorks?.();
  const platforms = Object.fromEntries(sources.platforms().map((p) => [p.name, p.connected() ? ('connected' as const) : ('disconnected' as const)]));
  const connected = Object.values(platforms).every((s) => s === 'connected');
  if (works === undefined) return { ok: connected, index: 'in-children', platforms };
  return { ok: works > 0 && connected, index: { loaded: works > 0, works }, platforms };
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

export async function startOpsServer(opts: { host: string; port: number; metrics: Metrics; sources: HealthSources; log: Logger }): Promise<OpsServer> {
  const server = createServer({ headersTimeout: 5_000, requestTimeout: 10_000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    }
    if (path === '/healthz') {
      const h = health(opts.sources);
      return send(res, h.ok ? 200 : 503, 'application/json', JSON.stringify(h));
    }
    if (path === '/metrics') {
      opts.metrics
        .text()
        .then((text) => send(res, 200, opts.metrics.registry.contentType, text))
        .catch((err: unknown) => {
          opts.log.error({ err }, 'could not collect the metrics');
          send(res, 500, 'text/plain; charset=utf-8', 'metrics unavailable');
        });
      return;
    }
    send(res, 404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  opts.log.info({ host: opts.host, port }, 'health and metrics endpoint listening (/healthz, /metrics)');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
