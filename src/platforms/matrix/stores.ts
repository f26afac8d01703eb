/**
 * Where the Matrix bot keeps what it must not lose: its sync position and room layouts, and its
 * end-to-end crypto store. Files in the state folder, or, where the app's state is shared (the
 * database), that account's rows and crypto copy there.
 */
import type { Logger } from 'pino';
import type { StateBackend } from '../../state-backend.ts';
import { cryptoFile, cryptoRows, parseSnapshot, type CryptoCopy } from './crypto-store.ts';
import { MATRIX_PROFILE_ID } from './profile.ts';
import { MatrixState, matrixStateFile, matrixStateRows } from './state.ts';
import { PendingStore } from '../../conversation/pending.ts';
import { RenderedPage, type RenderedMessage } from './render.ts';

export interface MatrixStores {
  /** The state; `userId` (MATRIX_USER_ID, when set) names the account before it logs in. */
  state(log: Logger, userId?: string): Promise<MatrixState>;
  /** The crypto store's copy of an account: the state folder (a path), or the database's. */
  crypto(userId: string): string | CryptoCopy;
  /** The parts of long answers waiting for "more": in memory, and where the state is shared, kept there too (so they survive a restart). */
  pending(log: Logger): Promise<PendingStore<RenderedMessage>>;
}

export function matrixStores(stateDir: string, backend?: StateBackend): MatrixStores {
  const rows = backend?.rows?.bind(backend);
  const files = backend?.files?.bind(backend);
  return {
    state: async (log, userId) => (rows ? await MatrixState.open(matrixStateRows(rows, log), log, userId) : await MatrixState.load(stateDir, log)),
    crypto: (userId) => (files ? cryptoRows(files(MATRIX_PROFILE_ID), userId) : stateDir),
    pending: async (log) => (rows ? await PendingStore.restore(rows(MATRIX_PROFILE_ID, 'pending'), RenderedPage, log) : new PendingStore<RenderedMessage>()),
  };
}

/**
 * `state-import`'s Matrix part: the bot's sync position, device, filter and room layouts from
 * matrix.json, and its crypto store's copy, into the database once. What the database already holds
 * wins; the crypto copy goes in only with the device it belongs to.
 */
export async function importMatrixState(stateDir: string, into: StateBackend, log: Logger): Promise<{ account?: string; layouts: number; crypto: boolean }> {
  const rows = into.rows?.bind(into);
  const files = into.files?.bind(into);
  if (!rows || !files) return { layouts: 0, crypto: false };
  const { data } = await matrixStateFile(stateDir, log).load(undefined);
  const repo = matrixStateRows(rows, log);
  const stored = await repo.load(data.userId);
  let layouts = 0;
  for (const roomId of Object.keys(data.layouts)) {
    if (stored.data.layouts[roomId]) continue;
    await repo.write({ kind: 'layout', roomId }, () => data);
    layouts++;
  }
  const fresh = data.userId !== undefined && stored.data.deviceId === undefined && stored.data.since === undefined;
  if (fresh) await repo.write({ kind: 'account' }, () => data);
  const device = fresh ? data.deviceId : stored.data.deviceId;
  const bytes = await cryptoFile(stateDir).read();
  const snapshot = bytes ? parseSnapshot(bytes) : undefined;
  let crypto = false;
  if (bytes && snapshot && snapshot.userId === data.userId && snapshot.deviceId === device) {
    const copy = cryptoRows(files(MATRIX_PROFILE_ID), snapshot.userId);
    if (!(await copy.read())) {
      await copy.write(bytes);
      crypto = true;
    }
  }
  return { ...(fresh && data.userId ? { account: data.userId } : {}), layouts, crypto };
}
