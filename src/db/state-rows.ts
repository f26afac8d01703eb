/**
 * What the state's database rows share: transactions, the change feed other processes follow, and
 * the wording of a write the database did not take.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { StateWriteError } from '../state-file.ts';
import { checkOut } from './checkout.ts';
import type { Database } from './database.ts';

/** The channel the 002_state triggers announce every change on, as {"t": what, "k": key}. */
export const STATE_CHANNEL = 'lectern_state';

export type ChangeKind = 'settings' | 'thread';

/** Runs `work` in one transaction on one pooled connection; a connection that failed is not reused. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const { client, release } = await checkOut(pool);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
    throw err;
  } finally {
    release(broken);
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN']);

const codeOf = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** Whether an error says the database could not be reached (down, restarting, network), rather than that it refused something. */
export function isUnreachable(err: unknown): boolean {
  const code = codeOf(err);
  const message = (err as { message?: unknown } | undefined)?.message;
  return Boolean(
    (code && UNREACHABLE.has(code)) || code?.startsWith('08') || code === '57P01' || (typeof message === 'string' && /Connection terminated|connection timeout|timeout exceeded|Client has encountered a connection error/i.test(message)),
  );
}

/** A database error as the person whose change it was is told it (the store adds what still applies). */
export function writeError(err: unknown): StateWriteError {
  const code = codeOf(err);
  const why = isUnreachable(err)
    ? 'the database could not be reached'
    : code === '53100'
      ? "the database's disk is full"
      : code === '25006'
        ? 'the database is read-only'
        : code === '42501' || code?.startsWith('28')
          ? 'the database does not let Lectern write'
          : 'the database did not take the change';
  return new StateWriteError(why, code, { cause: err });
}

/** Runs a write, its failure logged with the cause and turned into a StateWriteError. */
export async function writing<T>(log: Logger, what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    log.error({ err }, `could not save ${what} in the database`);
    throw writeError(err);
  }
}

/**
 * Follows the change feed: each store is told the key another process (or this one) changed, and
 * '*' when the feed was interrupted (anything may have changed meanwhile).
 */
export class StateChanges {
  private readonly db: Database;
  private readonly log: Logger;
  private readonly subscribers = new Map<ChangeKind, Set<(key: string) => void>>();
  private listening: Promise<() => void> | undefined;

  constructor(db: Database, log: Logger) {
    this.db = db;
    this.log = log;
  }

  async on(kind: ChangeKind, changed: (key: string) => void): Promise<void> {
    let set = this.subscribers.get(kind);
    if (!set) this.subscribers.set(kind, (set = new Set()));
    set.add(changed);
    this.listening ??= this.db.listen(STATE_CHANNEL, (payload) => this.deliver(payload));
    await this.listening;
  }

  private deliver(payload: string): void {
    if (payload === '*') {
      for (const set of this.subscribers.values()) for (const s of set) s('*');
      return;
    }
    try {
      const { t, k } = JSON.parse(payload) as { t?: unknown; k?: unknown };
      if (typeof k !== 'string') return;
      for (const s of this.subscribers.get(t as ChangeKind) ?? []) s(k);
    } catch (err) {
      this.log.warn({ err, payload: payload.slice(0, 200) }, 'unreadable state change notification; ignored');
    }
  }

  async close(): Promise<void> {
    const stop = await this.listening?.catch(() => undefined);
    stop?.();
    this.subscribers.clear();
  }
}
