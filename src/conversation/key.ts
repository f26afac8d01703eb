/**
 * Where a conversation happens, as one opaque key: the door (its profile id), the group or room it
 * belongs to, and the thread inside it. Keys never collide across doors or groups, so nothing a
 * thread remembers can surface in another server or room.
 */
export interface ThreadPlace {
  /** The door's profile id. */
  platform: string;
  /** The server, room or console the thread is in. */
  scope: string;
  /** The thread's own id there. */
  thread: string;
}

/** A JSON triple: ids may hold any character (room ids have `:` and `!`), so no separator can be trusted. */
export const conversationKey = (place: ThreadPlace): string => JSON.stringify([place.platform, place.scope, place.thread]);

export function placeOf(key: string): ThreadPlace | undefined {
  try {
    const parsed: unknown = JSON.parse(key);
    if (Array.isArray(parsed) && parsed.length === 3 && parsed.every((p) => typeof p === 'string')) {
      const [platform, scope, thread] = parsed as [string, string, string];
      return { platform, scope, thread };
    }
  } catch {
    // Not a key this module made.
  }
  return undefined;
}
