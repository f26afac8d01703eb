import { describe, expect, it } from 'vitest';
import { HEALTHY_RUN_MS, nextRespawnPause, RESPAWN_PAUSE_MAX_MS, RESPAWN_PAUSE_MS } from '../src/platforms/discord/respawn-pause.ts';

describe('GIVEN a shard or HTTP worker process that died', () => {
  it('THEN the first pause is short, doubles while it keeps dying young, stops growing at the maximum, and starts over after a healthy run', () => {
    const pauses: number[] = [];
    let pause: number | undefined;
    for (let i = 0; i < 10; i++) pauses.push((pause = nextRespawnPause(pause, 1_000)));
    expect(pauses.slice(0, 4)).toEqual([RESPAWN_PAUSE_MS, RESPAWN_PAUSE_MS * 2, RESPAWN_PAUSE_MS * 4, RESPAWN_PAUSE_MS * 8]);
    expect(pauses.at(-1)).toBe(RESPAWN_PAUSE_MAX_MS);
    expect(nextRespawnPause(RESPAWN_PAUSE_MAX_MS, HEALTHY_RUN_MS + 1)).toBe(RESPAWN_PAUSE_MS);
  });
});
