/**
 * Downloading an uploaded file for `!library add`, through the authenticated media endpoint
 * (Synapse refuses unauthenticated downloads of new media). Only called after the library's checks
 * on the announced size have passed; the size is checked again on the bytes.
 */
import { decryptAttachment, encryptAttachment } from './attachment-crypto.ts';
import type { Connection } from './client.ts';
import type { Attachment } from './events.ts';

export const MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024;

export async function downloadMedia(conn: Connection, mxcUrl: string, limit = MAX_DOWNLOAD_BYTES): Promise<Uint8Array> {
  const m = /^mxc:\/\/([^/]+)\/([A-Za-z0-9_-]+)$/.exec(mxcUrl);
  if (!m) throw new Error(`not an mxc:// URL: ${mxcUrl.slice(0, 80)}`);
  const base = conn.client.getHomeserverUrl().replace(/\/$/, '');
  const url = `${base}/_matrix/client/v1/media/download/${encodeURIComponent(m[1]!)}/${encodeURIComponent(m[2]!)}`;
  const res = await fetch(url, { headers: { Authorization: `Bearer ${conn.client.getAccessToken() ?? ''}` } });
  if (!res.ok) throw new Error(`media download failed: ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > limit) throw new Error('media larger than allowed');
  return bytes;
}

/** The attachment as the library command takes it: name, size, type, and a way to get the bytes. */
export function libraryAttachment(conn: Connection, a: Attachment) {
  return {
    name: a.name,
    ...(a.size !== undefined ? { size: a.size } : {}),
    ...(a.mimetype ? { contentType: a.mimetype } : {}),
    eventId: a.eventId,
    mxcUrl: a.mxcUrl,
    fetch: async () => {
      const bytes = await downloadMedia(conn, a.mxcUrl);
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
