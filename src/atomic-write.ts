/**
 * Every file Lectern persists (builds, indexes, libraries, state) is written to a temporary file,
 * flushed to disk and renamed over the old one, so a crash leaves the previous version, never half
 * of a new one.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** `data` as lines (each written with a newline, one at a time): a file larger than one string may hold. */
export async function writeAtomic(file: string, data: string | Uint8Array | readonly string[], opts: { mode?: number } = {}): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await open(tmp, 'w', opts.mode ?? 0o666);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      else for (const line of data) await handle.write(`${line}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * A cache file (one that is made again when it is missing or does not check out) written whole or
 * not at all, synchronously and without the flush: a process reading it meanwhile sees the old one
 * or the new one. Throws when it cannot be written; no temporary file is left behind.
 */
export function writeCacheSync(file: string, data: string | Uint8Array): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
