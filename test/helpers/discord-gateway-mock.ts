/**
 * A local stand-in for Discord's gateway: the handshake a bot goes through (HELLO, IDENTIFY,
 * READY, heartbeats), then whatever dispatches the test sends, such as INTERACTION_CREATE.
 * discord.js finds it through the REST stand-in's GET /gateway/bot.
 *
 * With `shards: n` it plays a sharded bot's gateway as Discord does: every connection identifies
 * with `shard: [id, n]` (a wrong count or id is closed with 4010, as Discord closes it), and a
 * dispatch that names a guild goes only to the connection of the guild's shard,
 * (guild_id >> 22) % n; one without a guild goes to shard 0, as DMs do.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { APP_ID } from './discord-client.ts';

export interface Identify {
  token: string;
  intents: number;
  shard?: [number, number];
}

export interface GatewayMock {
  url: string;
  /** The first IDENTIFY payload's `d`, once a client has sent it. */
  identified: Promise<Identify>;
  /** Every IDENTIFY so far, in order (a restarted shard identifies again). */
  identifies: Identify[];
  /** Resolves on the `nth` IDENTIFY (1-based) of this shard. */
  waitForIdentify(shard: number, nth?: number): Promise<Identify>;
  /** Sends a dispatch to the connection of its guild's shard; returns that shard. */
  dispatch(event: string, data: unknown): number;
  close(): Promise<void>;
}

/** The shard Discord sends a guild's events to. */
export const shardOfGuild = (guildId: string, shards: number): number => Number((BigInt(guildId) >> 22n) % BigInt(shards));

export async function startGatewayMock(options: { shards?: number } = {}): Promise<GatewayMock> {
  const shardCount = options.shards ?? 1;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  /** The live connection of each shard, once identified. */
  const sockets = new Map<number, WebSocket>();
  const seqs = new Map<WebSocket, number>();
  const identifies: Identify[] = [];
  const waiters: { shard: number; nth: number; resolve: (d: Identify) => void }[] = [];
  let first: (d: Identify) => void = () => {};
  const identified = new Promise<Identify>((resolve) => {
    first = resolve;
  });
  const send = (ws: WebSocket, payload: { op: number; t: string | null; d: unknown }) => {
    const s = payload.op === 0 ? (seqs.get(ws) ?? 0) + 1 : null;
    if (s !== null) seqs.set(ws, s);
    ws.send(JSON.stringify({ ...payload, s }));
  };

  wss.on('connection', (ws) => {
    send(ws, { op: 10, d: { heartbeat_interval: 45_000 }, t: null });
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: Identify };
      if (msg.op === 1) send(ws, { op: 11, d: null, t: null });
      if (msg.op !== 2) return;
      const [id, count] = msg.d.shard ?? [0, 1];
      if (count !== shardCount || id < 0 || id >= count) {
        ws.close(4010, 'Invalid shard');
        return;
      }
      sockets.set(id, ws);
      ws.on('close', () => {
        if (sockets.get(id) === ws) sockets.delete(id);
      });
      identifies.push(msg.d);
      first(msg.d);
      const nth = identifies.filter((i) => (i.shard?.[0] ?? 0) === id).length;
      for (const w of [...waiters]) {
        if (w.shard === id && w.nth === nth) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(msg.d);
        }
      }
      send(ws, {
        op: 0,
        t: 'READY',
        d: {
          v: 10,
          user: { id: APP_ID, username: 'Lectern', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
          guilds: [],
          session_id: `test-session-${id}-${nth}`,
          resume_gateway_url: url,
          application: { id: APP_ID, flags: 0 },
          shard: [id, count],
        },
      });
    });
  });

  return {
    url,
    identified,
    identifies,
    waitForIdentify(shard, nth = 1) {
      const done = identifies.filter((i) => (i.shard?.[0] ?? 0) === shard)[nth - 1];
      if (done) return Promise.resolve(done);
      return new Promise((resolve) => waiters.push({ shard, nth, resolve }));
    },
    dispatch(event, data) {
      const guild = (data as { guild_id?: string }).guild_id;
      const shard = guild ? shardOfGuild(guild, shardCount) : 0;
      const ws = sockets.get(shard);
      if (!ws) throw new Error(`gateway stand-in: shard ${shard} is not connected`);
      send(ws, { op: 0, t: event, d: data });
      return shard;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
