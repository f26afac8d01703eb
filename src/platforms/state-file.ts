/**
 * The platforms' small state files (settings, threads, sync positions): a missing file is a first
 * start; an unreadable one is logged and set aside (renamed, never deleted) and the platform starts
 * afresh, since losing a setting is better than refusing to start.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import type { Logger } from 'pino';

export async function readStateFile<T>(file: string, parse: (text: string) => T | undefined, empty: () => T, log: Logger, what: string): Promise<T> {
  await mkdir(file.slice(0, Math.max(0, file.lastIndexOf('/'))) || '.', { recursive: true });
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (text === undefined) return empty();
  try {
    const data = parse(text);
    if (data) return data;
    log.warn({ file }, `${what} state file has an unknown format; starting afresh`);
  } catch (err) {
    log.warn({ err, file }, `${what} state file is not valid JSON; starting afresh`);
  }
  await rename(file, `${file}.unreadable-${Date.now()}`);
  return empty();
}
