/**
 * Message content around a rendered page: always an `m.notice` (bots answer in notices, and
 * notices are what other bots ignore), `"m.mentions": {}` so nobody is pinged (not even the
 * person a reply answers), and no reply fallback in the body (it would carry a user id).
 */
import type { RenderedMessage } from './render.ts';

export const HTML_FORMAT = 'org.matrix.custom.html';

/** Where an answer goes: a reply to `eventId`, inside the thread rooted at `threadRoot` when there is one. */
export interface ReplyTarget {
  eventId: string;
  threadRoot?: string;
}

export type NoticeContent = {
  msgtype: 'm.notice';
  body: string;
  format: typeof HTML_FORMAT;
  formatted_body: string;
  'm.mentions': Record<string, never>;
  'm.relates_to'?: Record<string, unknown>;
};

export function noticeContent(message: RenderedMessage, target?: ReplyTarget): NoticeContent {
  const content: NoticeContent = {
    msgtype: 'm.notice',
    body: message.body,
    format: HTML_FORMAT,
    formatted_body: message.formatted_body,
    'm.mentions': {},
  };
  if (target?.threadRoot) {
    // A real reply inside the thread, so is_falling_back is false (spec: threading, "replies within threads").
    content['m.relates_to'] = { rel_type: 'm.thread', event_id: target.threadRoot, is_falling_back: false, 'm.in_reply_to': { event_id: target.eventId } };
  } else if (target) {
    content['m.relates_to'] = { 'm.in_reply_to': { event_id: target.eventId } };
  }
  return content;
}

/** The first message of a thread: not a reply to anything, so the reply relation is only the fallback for clients without threads. */
export function threadStartContent(message: RenderedMessage, threadRoot: string): NoticeContent {
  return {
    ...noticeContent(message),
    'm.relates_to': { rel_type: 'm.thread', event_id: threadRoot, is_falling_back: true, 'm.in_reply_to': { event_id: threadRoot } },
  };
}

/** Event ids are at most 255 bytes; sizes are measured with the longest relation an answer can carry. */
const LONGEST_ID = `$${'x'.repeat(254)}`;
const LONGEST_ROOM = `!${'x'.repeat(254)}`;
const LONGEST_USER = `@${'x'.repeat(254)}`;

/**
 * Bytes of the event as the homeserver will hold it, less what it adds itself (hashes,
 * signatures, auth and prev events), which MATRIX_EVENT_BYTES_LIMIT leaves room for.
 */
export function eventBytes(message: RenderedMessage): number {
  const content = noticeContent(message, { eventId: LONGEST_ID, threadRoot: LONGEST_ID });
  const event = { type: 'm.room.message', room_id: LONGEST_ROOM, sender: LONGEST_USER, event_id: LONGEST_ID, origin_server_ts: Date.now(), content };
  return Buffer.byteLength(JSON.stringify(event), 'utf8');
}
