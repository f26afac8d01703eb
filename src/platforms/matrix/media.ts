/**
 * Downloading an uploaded file for `!library add`, through the authenticated media endpoint
 * (Synapse refuses unauthenticated downloads of new media). Only called after the library's checks
 * on the size the event announces have passed; since that can lie, the download is refused by the
 * Content-Length the homeserver declares and then by the bytes as they stream in, before more than
 * the limit is ever held in memory.
 */
import { libraryErrors } from '../../library/errors.ts';
import { decryptAttachment, encryptAttachment } from './attachment-crypto.ts';
import type { Connection } from './client.ts';
import type { Attachment } from './events.ts';

const DOWNLOAD_TIMEOUT_MS = 60_000;

export async function downloadMedia(conn: Connection, mxcUrl: string, limit: number): Promise<Uint8Array> {
  const m = /^mxc:\/\/([^/]+)\/([A-Za-z0-9_-]+)$/.exec(mxcUrl);
  if (!m) throw new Error(`not an mxc:// URL: ${mxcUrl.slice(0, 80)}`);
  const base = conn.client.getHomeserverUrl().replace(/\/$/, '');
  const url = `${base}/_matrix/client/v1/media/download/${encodeURIComponent(m[1]!)}/${encodeURIComponent(m[2]!)}`;
  const controller = new AbortController();
  // A stalled homeserver must not hold the room's queue forever.
  const res = await fetch(url, { headers: { Authorization: `Bearer ${conn.client.getAccessToken() ?? ''}` }, signal: AbortSignal.any([controller.signal, AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)]) });
  if (!res.ok) throw new Error(`media download failed: ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    controller.abort();
    throw libraryErrors.tooLarge(declared, Math.round(limit / 1024 / 1024));
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > limit) {
      controller.abort();
      throw libraryErrors.tooLarge(size, Math.round(limit / 1024 / 1024));
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The attachment as the library command takes it: name, size, type, and a way to get the bytes. */
export function libraryAttachment(conn: Connection, a: Attachment, maxBytes: number) {
  return {
    name: a.name,
    ...(a.size !== undefined ? { size: a.size } : {}),
    ...(a.mimetype ? { contentType: a.mimetype } : {}),
    eventId: a.eventId,
    mxcUrl: a.mxcUrl,
    fetch: async () => {
      const bytes = await downloadMedia(conn, a.mxcUrl, maxBytes);
      return a.file ? decryptAttachment(bytes, a.file) : bytes;
    },
  };
}

/**
 * The content of a file message for a room: in an encrypted room the file is encrypted before it
 * is uploaded and the event carries its key (the event itself is then encrypted when sent); in
 * another room it is uploaded as it is.
 */
export async function fileContent(conn: Connection, roomId: string, file: { name: string; bytes: Uint8Array; mimetype: string }): Promise<Record<string, unknown>> {
  const info = { mimetype: file.mimetype, size: file.bytes.length };
  const base = { msgtype: 'm.file', body: file.name, filename: file.name, info, 'm.mentions': {} };
  if (await conn.e2ee?.isEncrypted(roomId)) {
    const { data, file: keys } = encryptAttachment(file.bytes);
    const { content_uri } = await conn.client.uploadContent(data, { type: 'application/octet-stream', includeFilename: false });
    return { ...base, file: { url: content_uri, ...keys } };
  }
  const { content_uri } = await conn.client.uploadContent(file.bytes, { type: file.mimetype, name: file.name });
  return { ...base, url: content_uri };
}
