/**
 * Every file Lectern persists (builds, indexes, libraries, state) is written to a temporary file,
 * flushed to disk and renamed over the old one, so a crash leaves the previous version, never half
 * of a new one.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
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
