/**
 * The raw client-server shapes the bot reads (only the fields it uses), and small readers over
 * them. Events come from the network: every field is checked before it is trusted.
 */
import { encryptedFileOf, type EncryptedFile } from './attachment-crypto.ts';

export interface RawEvent {
  type: string;
  event_id: string;
  sender: string;
  origin_server_ts: number;
  state_key?: string;
  content: Record<string, unknown>;
  unsigned?: { prev_content?: Record<string, unknown>; [key: string]: unknown };
}

export interface SyncResponse {
  next_batch: string;
  rooms?: {
    join?: Record<string, { timeline?: { events?: RawEvent[]; limited?: boolean; prev_batch?: string }; state?: { events?: RawEvent[] } }>;
    invite?: Record<string, { invite_state?: { events?: Partial<RawEvent>[] } }>;
  };
}

export interface Attachment {
  eventId: string;
  mxcUrl: string;
  /** In an encrypted room: the key, IV and hash of the encrypted upload. */
  file?: EncryptedFile;
  name: string;
  mimetype?: string;
  size?: number;
}

const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function isRawEvent(v: unknown): v is RawEvent {
  const e = obj(v);
  return !!e && typeof e.type === 'string' && typeof e.event_id === 'string' && typeof e.sender === 'string' && typeof e.origin_server_ts === 'number' && !!obj(e.content);
}

export const relatesTo = (e: RawEvent): Record<string, unknown> | undefined => obj(e.content['m.relates_to']);

/** Edits are ignored: answering them would answer a command twice. */
export const isEdit = (e: RawEvent): boolean => relatesTo(e)?.rel_type === 'm.replace';

/** The thread an event is in, if any. */
export function threadRootOf(e: RawEvent): string | undefined {
  const rel = relatesTo(e);
  return rel?.rel_type === 'm.thread' ? str(rel.event_id) : undefined;
}

/** The event this one really replies to; the fallback reply a thread message carries for old clients does not count. */
export function inReplyTo(e: RawEvent): string | undefined {
  const rel = relatesTo(e);
  if (!rel || (rel.rel_type === 'm.thread' && rel.is_falling_back === true)) return undefined;
  return str(obj(rel['m.in_reply_to'])?.event_id);
}

/** The event a reaction is on. */
export function reactionTarget(e: RawEvent): string | undefined {
  if (e.type !== 'm.reaction') return undefined;
  const rel = relatesTo(e);
  return rel?.rel_type === 'm.annotation' ? str(rel.event_id) : undefined;
}

/** A command is a text message; notices are what bots write, so answering them could start a loop between bots. */
export function commandText(e: RawEvent): string | undefined {
  if (e.type !== 'm.room.message' || isEdit(e)) return undefined;
  const msgtype = e.content.msgtype;
  if (msgtype !== 'm.text') return undefined;
  return str(e.content.body);
}

/** Whether this is the bot's own join to a room it was not in (its timeline before that is history, not commands). */
export function isOwnJoin(e: RawEvent, userId: string): boolean {
  return e.type === 'm.room.member' && e.state_key === userId && e.content.membership === 'join' && e.unsigned?.prev_content?.membership !== 'join';
}

export function attachmentOf(e: RawEvent): Attachment | undefined {
  const c = e.content;
  if (e.type !== 'm.room.message' || !['m.file', 'm.image', 'm.video', 'm.audio'].includes(String(c.msgtype))) return undefined;
  const file = encryptedFileOf(c.file);
  const url = file?.url ?? str(c.url);
  if (!url?.startsWith('mxc://')) return undefined;
  const info = obj(c.info);
  const attachment: Attachment = { eventId: e.event_id, mxcUrl: url, name: str(c.filename) ?? str(c.body) ?? 'file' };
  if (file) attachment.file = file;
  const mimetype = str(info?.mimetype);
  if (mimetype) attachment.mimetype = mimetype;
  if (typeof info?.size === 'number') attachment.size = info.size;
  return attachment;
}

/** Who invited the bot, from the stripped state of an invite. */
export function inviterOf(invite: { invite_state?: { events?: Partial<RawEvent>[] } }, userId: string): string | undefined {
  const member = invite.invite_state?.events?.find((e) => e.type === 'm.room.member' && e.state_key === userId && obj(e.content)?.membership === 'invite');
  return typeof member?.sender === 'string' ? member.sender : undefined;
}
