/**
 * Files uploaded with a command (/library's `file`). The command receives the name, size and type
 * Discord reports and a `fetch` it calls only after its own checks, so an oversized upload is
 * refused without being downloaded; the download itself stops one byte past the limit, which is
 * enough for the command to say the file is too large.
 */
import type { APIAttachment } from 'discord-api-types/v10';
import { UserError } from '../../errors.ts';

export interface CommandAttachment {
  name: string;
  size: number;
  contentType?: string;
  fetch: () => Promise<Uint8Array>;
}

/** A stalled CDN must not hold a command forever. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

const failed = () => new UserError('attachment.download', 'Lectern could not download the attached file from Discord. Please try again.');

async function download(url: string, maxBytes: number): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch {
    throw failed();
  }
  if (!res.ok || !res.body) throw failed();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      if (size > maxBytes) break;
    }
  } catch {
    throw failed();
  } finally {
    await reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

export function commandAttachment(a: APIAttachment, maxBytes: number): CommandAttachment {
  return { name: a.filename, size: a.size, ...(a.content_type ? { contentType: a.content_type } : {}), fetch: () => download(a.url, maxBytes) };
}
