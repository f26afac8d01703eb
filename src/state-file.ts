/**
 * The platforms' small state files (settings, threads, sync positions): a missing file is a first
 * start; an unreadable one is logged and set aside (renamed, never deleted) and the platform starts
 * afresh, since losing a setting is better than refusing to start.
 */
import { mkdir, readFile, rename } from 'node:fs/promises';
import type { Logger } from 'pino';
import { writeAtomic } from './atomic-write.ts';

export async function readStateFile<T>(
  file: string,
  parse: (text: string) => T | undefined,
  empty: () => T,
  log: Logger,
  what: string,
  /** Told where an unreadable file was set aside, so that the people it belonged to can be told. */
  onSetAside?: (aside: string) => void,
): Promise<T> {
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
  const aside = `${file}.unreadable-${Date.now()}`;
  await rename(file, aside);
  log.error({ file, aside }, `${what} state file set aside; starting afresh`);
  onSetAside?.(aside);
  return empty();
}

/**
 * Saves one state file. Writes are serialised, and changes made while one is under way are folded
 * into the next: `save()` resolves once everything changed before the call is on disk. A failed
 * write is logged, not thrown: the state stays in memory and the next change writes it again.
 */
export class StateWriter {
  private readonly file: string;
  private readonly snapshot: () => unknown;
  private readonly log: Logger;
  private readonly what: string;
  private writing: Promise<void> = Promise.resolve();
  private queued = false;
  /** Why the last write failed; undefined once a write succeeds. */
  failure: Error | undefined;

  constructor(file: string, snapshot: () => unknown, log: Logger, what: string) {
    this.file = file;
    this.snapshot = snapshot;
    this.log = log;
    this.what = what;
  }

  save(): Promise<void> {
    if (this.queued) return this.writing;
    this.queued = true;
    this.writing = this.writing
      .then(async () => {
        this.queued = false;
        await writeAtomic(this.file, `${JSON.stringify(this.snapshot(), null, 1)}\n`);
        this.failure = undefined;
      })
      .catch((err: unknown) => {
        this.failure = err instanceof Error ? err : new Error(String(err));
        this.log.error({ err, file: this.file }, `could not write the ${this.what} state`);
      });
    return this.writing;
  }

  /** Like save(), but rejects when the write that carries this change failed (for replies that say "saved"). */
  async saveOrThrow(): Promise<void> {
    await this.save();
    if (this.failure) throw this.failure;
  }
}

/**
 * A change the database did not take (it could not be reached, or refused it): said in the reply
 * like a file that could not be written, never thrown past the store.
 */
export class StateWriteError extends Error {
  readonly why: string;
  readonly code: string | undefined;
  constructor(why: string, code: string | undefined, options?: { cause?: unknown }) {
    super(`${why}${code ? ` (${code})` : ''}`, options);
    this.name = 'StateWriteError';
    this.why = why;
    this.code = code;
  }
}

/** Why a state write failed and what its operator should check, in words for the person whose change it was. */
export function notSavedReason(err: unknown, what: string): { why: string; code: string | undefined; check: string } {
  if (err instanceof StateWriteError) return { why: err.why, code: err.code, check: 'its database' };
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'the data folder is not writable' : code === 'ENOSPC' ? 'the disk is full' : what;
  return { why, code, check: 'its data folder' };
}

/** How long a command waits for a shared store's read-through before it goes on with what is in memory. */
export const READ_THROUGH_MS = 2_000;

/** Resolves when `work` settles or after `ms`, whichever comes first; `work` goes on either way. */
export async function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([work.then(() => undefined, () => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
