/**
 * How long to wait before starting a dead shard or HTTP worker process again: short after a
 * process that ran a while (it died of something passing), doubled each time one dies young (a
 * process that cannot start — an unreachable database, a broken data dir — must not spin a core).
 */
export const RESPAWN_PAUSE_MS = 500;
export const RESPAWN_PAUSE_MAX_MS = 30_000;
/** A process that ran this long died of something else than its start: the pause starts over. */
export const HEALTHY_RUN_MS = 60_000;

export function nextRespawnPause(previousMs: number | undefined, ranMs: number): number {
  if (previousMs === undefined || ranMs > HEALTHY_RUN_MS) return RESPAWN_PAUSE_MS;
  return Math.min(previousMs * 2, RESPAWN_PAUSE_MAX_MS);
}
