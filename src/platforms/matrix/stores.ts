/**
 * Where the Matrix bot keeps what it must not lose: its sync position and room layouts, and its
 * end-to-end crypto store. Files in the state folder, or, where the app's state is shared (the
 * database), that account's rows and crypto copy there.
 */
import type { Logger } from 'pino';
import type { StateBackend } from '../../state-backend.ts';
import { cryptoRows, type CryptoCopy } from './crypto-store.ts';
import { MATRIX_PROFILE_ID } from './profile.ts';
import { MatrixState, matrixStateRows } from './state.ts';
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
