/**
 * Which invites the bot accepts. With both allow-lists empty it joins any room it is invited to.
 * Otherwise a room is allowed when MATRIX_ALLOWED_ROOMS names it (by id, or by an alias that
 * resolves to it), or when MATRIX_ALLOWED_SERVERS holds the server of the room id or of the
 * person who invited the bot (an allowed server's users may bring it into their rooms).
 */
export interface AllowLists {
  rooms: readonly string[];
  servers: readonly string[];
}

export interface InviteFacts {
  roomId: string;
  inviter: string;
  /** Ids the configured room aliases resolve to now. */
  resolvedRoomIds: readonly string[];
}

/** The part after the first ':' of a user or room id; room ids of room version 12 have none. */
export function serverOf(id: string): string | undefined {
  const at = id.indexOf(':');
  return at === -1 ? undefined : id.slice(at + 1).toLowerCase();
}

export const allowListsEmpty = (lists: AllowLists): boolean => lists.rooms.length === 0 && lists.servers.length === 0;

export const configuredAliases = (lists: AllowLists): string[] => lists.rooms.filter((r) => r.startsWith('#'));

export function inviteAllowed(invite: InviteFacts, lists: AllowLists): boolean {
  if (allowListsEmpty(lists)) return true;
  if (lists.rooms.includes(invite.roomId) || invite.resolvedRoomIds.includes(invite.roomId)) return true;
  const servers = new Set(lists.servers.map((s) => s.toLowerCase()));
  const roomServer = serverOf(invite.roomId);
  const inviterServer = serverOf(invite.inviter);
  return (roomServer !== undefined && servers.has(roomServer)) || (inviterServer !== undefined && servers.has(inviterServer));
}
