/**
 * A local stand-in for Discord's gateway: the handshake a bot goes through (HELLO, IDENTIFY,
 * READY, heartbeats), then whatever dispatches the test sends, such as INTERACTION_CREATE.
 * discord.js finds it through the REST stand-in's GET /gateway/bot.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { APP_ID } from './discord-client.ts';

export interface GatewayMock {
  url: string;
  /** The IDENTIFY payload's `d`, once the client has sent it. */
  identified: Promise<{ token: string; intents: number }>;
  dispatch(event: string, data: unknown): void;
  close(): Promise<void>;
}

export async function startGatewayMock(): Promise<GatewayMock> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  let socket: WebSocket | undefined;
  let seq = 0;
  let identify: (d: { token: string; intents: number }) => void = () => {};
  const identified = new Promise<{ token: string; intents: number }>((resolve) => {
    identify = resolve;
  });
  const send = (payload: unknown) => socket?.send(JSON.stringify(payload));

  wss.on('connection', (ws) => {
    socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: { token: string; intents: number } };
      if (msg.op === 1) send({ op: 11, d: null, s: null, t: null });
      if (msg.op === 2) {
        identify(msg.d);
        send({
          op: 0,
          s: ++seq,
          t: 'READY',
          d: {
            v: 10,
            user: { id: APP_ID, username: 'Lectern', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
            guilds: [],
            session_id: 'test-session',
            resume_gateway_url: url,
            application: { id: APP_ID, flags: 0 },
            shard: [0, 1],
          },
        });
      }
    });
  });

  return {
    url,
    identified,
    dispatch(event, data) {
      send({ op: 0, s: ++seq, t: event, d: data });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
