/**
 * The /sync loop. Without a saved position the first sync is an initial sync: its timelines are
 * history, not commands, and are not handed on. With one, sync resumes from it, and a timeline the
 * server cut short ("limited") is completed back to the saved position, so commands sent while
 * the bot was away are answered and none twice: the position saved is that of the last batch whose
 * commands (and every earlier batch's) are answered.
 *
 * The loop never waits for commands: a batch is handed on, and the next /sync starts at once, so a
 * slow command in one room (a large `!library add`) keeps no other room from being heard.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { HTTPError, MatrixError } from 'matrix-js-sdk';
import type { Logger } from 'pino';
import { fetchGap, syncRequest, type Connection } from './client.ts';
import { isOwnJoin, isRawEvent, type SyncResponse } from './events.ts';
import type { MatrixState } from './state.ts';

export interface Batch {
  response: SyncResponse;
  /** An initial sync: timelines are history, only invites count. */
  initial: boolean;
}

export interface SyncLoopOptions {
  conn: Connection;
  state: MatrixState;
  filterId: string;
  log: Logger;
  signal: AbortSignal;
  /**
   * Takes a batch in (quickly: it must not wait for commands) and returns `done`, which settles
   * once every command in it is answered (or has failed and been logged).
   */
  onBatch(batch: Batch): Promise<{ done: Promise<void> }>;
  now(): number;
  /** Long-poll timeout. */
  timeoutMs?: number;
  /** Told after every /sync whether it succeeded (health). */
  onStatus?(ok: boolean): void;
}

const isFatal = (err: unknown) => err instanceof MatrixError && (err.errcode === 'M_UNKNOWN_TOKEN' || err.errcode === 'M_MISSING_TOKEN' || err.httpStatus === 401);

/** Prepends the missed part of every limited timeline of a room the bot was already in. */
async function completeTimelines(conn: Connection, response: SyncResponse, since: string, log: Logger): Promise<void> {
  for (const [roomId, room] of Object.entries(response.rooms?.join ?? {})) {
    const timeline = room.timeline;
    if (!timeline?.limited || !timeline.prev_batch) continue;
    const events = (timeline.events ?? []).filter(isRawEvent);
    // A room just joined: what came before the join is history, not missed commands.
    if (events.some((e) => isOwnJoin(e, conn.userId))) continue;
    try {
      const gap = await fetchGap(conn, roomId, timeline.prev_batch, since);
      const seen = new Set(events.map((e) => e.event_id));
      timeline.events = [...gap.filter((e) => !seen.has(e.event_id)), ...events];
      log.info({ room: roomId, recovered: gap.length }, 'completed a limited timeline');
    } catch (err) {
      log.warn({ err, room: roomId }, 'could not fetch the events missed in a limited timeline');
    }
  }
}

/**
 * Synapse caches /sync responses for two minutes by their parameters, timeout included, and an
 * initial sync returns at once whatever its timeout: a timeout unique to this start keeps a quick
 * restart from being handed the previous start's stale initial sync, whose position lies before
 * events that would then be answered again.
 */
export const initialSyncTimeout = (now: number): number => 1 + (now % 997);

export async function runSyncLoop(opts: SyncLoopOptions): Promise<void> {
  const { conn, state, log, signal } = opts;
  let failures = 0;
  // Where the next /sync starts; the saved position (state.since) trails it until batches are answered.
  let cursor = state.since;
  const unanswered: { token: string; answered: boolean }[] = [];
  const advance = () => {
    let last: string | undefined;
    while (unanswered[0]?.answered) last = unanswered.shift()!.token;
    if (last) void state.setSince(last, opts.now()).catch((err: unknown) => log.error({ err }, 'could not save the sync position'));
  };
  while (!signal.aborted) {
    const since = cursor;
    let response: SyncResponse;
    try {
      response = await syncRequest(conn, { since, filter: opts.filterId, timeoutMs: since ? (opts.timeoutMs ?? 30_000) : initialSyncTimeout(opts.now()) }, signal);
    } catch (err) {
      if (signal.aborted) break;
      if (isFatal(err)) {
        log.fatal({ err }, 'the homeserver refused the access token; the Matrix bot stops');
        throw err;
      }
      failures++;
      opts.onStatus?.(false);
      const wait = Math.min(60_000, 1000 * 2 ** Math.min(failures, 6));
      log.warn({ err, failures, wait, status: err instanceof HTTPError ? err.httpStatus : undefined }, 'sync failed; retrying');
      try {
        await sleep(wait, undefined, { signal });
      } catch {
        break;
      }
      continue;
    }
    failures = 0;
    opts.onStatus?.(true);
    if (since) await completeTimelines(conn, response, since, log);
    const entry = { token: response.next_batch, answered: false };
    unanswered.push(entry);
    let done: Promise<void>;
    try {
      ({ done } = await opts.onBatch({ response, initial: !since }));
    } catch (err) {
      done = Promise.reject(err);
    }
    void done
      // The handlers have their own error boundary; this is a last resort, and the batch is not retried.
      .catch((err: unknown) => log.error({ err }, 'handling a sync batch failed'))
      .finally(() => {
        entry.answered = true;
        advance();
      });
    cursor = response.next_batch;
  }
}
