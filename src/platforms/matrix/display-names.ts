/**
 * A member's display name in a room, for the thread's notes ("asked by Alice"): read from the
 * room's member state and kept for a while, since members rarely rename. The user id's localpart
 * stands in when the name cannot be read; it is never a mention.
 */
import type { Connection } from './client.ts';

const MAX_NAMES = 2000;
const TTL_MS = 10 * 60 * 1000;

export function displayNames(conn: Pick<Connection, 'client'>, now: () => number = Date.now): (roomId: string, userId: string) => Promise<string> {
  const cache = new Map<string, { name: string; at: number }>();
  return async (roomId, userId) => {
    const key = `${roomId} ${userId}`;
    const hit = cache.get(key);
    if (hit && now() - hit.at < TTL_MS) return hit.name;
    let name = userId.slice(1, userId.includes(':') ? userId.indexOf(':') : undefined);
    try {
      const member = (await conn.client.getStateEvent(roomId, 'm.room.member', userId)) as { displayname?: unknown };
      if (typeof member.displayname === 'string' && member.displayname.trim()) name = member.displayname.trim();
    } catch {
      // No member state readable (left the room, or a server hiccup): the localpart will do.
    }
    cache.delete(key);
    cache.set(key, { name, at: now() });
    if (cache.size > MAX_NAMES) cache.delete(cache.keys().next().value as string);
    return name;
  };
}
