/**
 * A user's power level in a room, for commands gated on it (`!library add`). Since room version
 * 12 the creators of a room outrank everyone and are not listed in m.room.power_levels, so the
 * create event is read too.
 */
import type { Config } from '../../config.ts';
import { Method } from 'matrix-js-sdk';
import type { Connection } from './client.ts';

export interface RoomPower {
  levels?: Record<string, unknown>;
  creators: string[];
  /** Room versions 12 and later give creators a power above any number. */
  creatorsOutrankAll: boolean;
}

/** What a creator of a version-12 room has: above any level a room can set. */
export const CREATOR_POWER = Number.MAX_SAFE_INTEGER;

const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

export function outranksAll(roomVersion: string): boolean {
  return /^\d+$/.test(roomVersion) ? Number(roomVersion) >= 12 : roomVersion.includes('hydra');
}

export function powerLevelOf(power: RoomPower | undefined, userId: string): number {
  if (power?.creatorsOutrankAll && power.creators.includes(userId)) return CREATOR_POWER;
  const own = obj(power?.levels?.users)?.[userId];
  if (typeof own === 'number') return own;
  const fallback = power?.levels?.users_default;
  return typeof fallback === 'number' ? fallback : 0;
}

/** The create event as a whole (`format=event`), since its sender is the creator; older servers give only the content, where older rooms name the creator. */
export async function fetchRoomPower(conn: Connection, roomId: string): Promise<RoomPower> {
  const room = encodeURIComponent(roomId);
  const [levels, create] = await Promise.all([
    conn.client.getStateEvent(roomId, 'm.room.power_levels', '').catch(() => undefined),
    conn.client.http.authedRequest<Record<string, unknown>>(Method.Get, `/rooms/${room}/state/m.room.create/`, { format: 'event' }),
  ]);
  const content = obj(create.content) ?? create;
  const creator = typeof create.sender === 'string' ? create.sender : typeof content.creator === 'string' ? content.creator : undefined;
  const additional = Array.isArray(content.additional_creators) ? content.additional_creators.filter((c): c is string => typeof c === 'string') : [];
  const version = typeof content.room_version === 'string' ? content.room_version : '1';
  return { ...(levels ? { levels } : {}), creators: [...(creator ? [creator] : []), ...additional], creatorsOutrankAll: outranksAll(version) };
}

/** May a member at this power level change the group's library and settings? */
export const canManageAt = (level: number | undefined, config: Pick<Config, 'MATRIX_LIBRARY_POWER_LEVEL'>): boolean =>
  level !== undefined && level >= config.MATRIX_LIBRARY_POWER_LEVEL;
