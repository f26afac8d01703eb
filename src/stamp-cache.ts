/**
 * A value computed from files (a fingerprint of their bytes), kept in a small cache file with each
 * file's stamp — size, modification and change times, inode — and used again while every stamp
 * still matches: a one-shot answer read and hashed the corpus's sources (twice) and the CSL styles
 * only to learn they had not changed. The change time cannot be set by copying or `touch`, so an
 * edited file (or one replaced by another) never keeps its stamp. The cache is versioned and
 * checked when read; a missing, damaged, foreign or stale one is computed again and rewritten
 * whole (writeCacheSync). Where it cannot be written, the value is computed each time.
 */
import { readFileSync, statSync } from 'node:fs';
import { writeCacheSync } from './atomic-write.ts';

const FORMAT = 'lectern.stamps';
const VERSION = 1;

type Stamp = [file: string, size: number, mtimeMs: number, ctimeMs: number, ino: number];

interface StampFile {
  format: typeof FORMAT;
  version: number;
  /** What the value is of (a cache file may hold the value of one key only). */
  key: string;
  stamps: Stamp[];
  value: string;
}

/** What `compute` returns: the value and every file (or folder, whose listing it read) it was made from. */
export interface Stamped {
  value: string;
  files: string[];
}

function stampOf(file: string): Stamp | undefined {
  const s = statSync(file, { throwIfNoEntry: false, bigint: false });
  return s && [file, s.size, s.mtimeMs, s.ctimeMs, s.ino];
}

const isStamp = (s: unknown): s is Stamp => Array.isArray(s) && s.length === 5 && typeof s[0] === 'string' && s.slice(1).every((n) => typeof n === 'number');

/** The cached value when the cache file holds `key` and every file it names still has its stamp. */
export function cachedValue(cacheFile: string, key: string): string | undefined {
  let saved: Partial<StampFile>;
  try {
    saved = JSON.parse(readFileSync(cacheFile, 'utf8')) as Partial<StampFile>;
  } catch {
    return undefined;
  }
  if (saved?.format !== FORMAT || saved.version !== VERSION || saved.key !== key || typeof saved.value !== 'string' || !Array.isArray(saved.stamps) || !saved.stamps.every(isStamp)) return undefined;
  for (const stamp of saved.stamps) {
    const now = stampOf(stamp[0]);
    if (!now || !now.every((v, i) => v === stamp[i])) return undefined;
  }
  return saved.value;
}

function record(cacheFile: string, key: string, stamps: Stamp[], value: string): void {
  try {
    writeCacheSync(cacheFile, JSON.stringify({ format: FORMAT, version: VERSION, key, stamps, value } satisfies StampFile));
  } catch {
    // A cache: without it the value is computed each time.
  }
}

/** The value of `key`: from the cache while its files are unchanged, else computed (and recorded). */
export async function stampedValue(cacheFile: string, key: string, compute: () => Promise<Stamped>): Promise<string> {
  const cached = cachedValue(cacheFile, key);
  if (cached !== undefined) return cached;
  const started = Date.now();
  const made = await compute();
  keep(cacheFile, key, made, started);
  return made.value;
}

export function stampedValueSync(cacheFile: string, key: string, compute: () => Stamped): string {
  const cached = cachedValue(cacheFile, key);
  if (cached !== undefined) return cached;
  const started = Date.now();
  const made = compute();
  keep(cacheFile, key, made, started);
  return made.value;
}

/**
 * The file system's clock is coarse (it may lag the system's by a scheduler tick): a file whose
 * change time is this close to the start of the computation may have changed during it.
 */
const CLOCK_SLACK_MS = 1_000;

/**
 * Records `made` with its files' stamps, taken after it was computed: only when every file last
 * changed well before the computation started, so none can have changed while it read them (such a
 * value is simply not kept, and the next call computes again).
 */
function keep(cacheFile: string, key: string, made: Stamped, started: number): void {
  const stamps: Stamp[] = [];
  for (const file of made.files) {
    const s = stampOf(file);
    // A file that is not there cannot be checked, one changed lately may have changed meanwhile.
    if (!s || s[3] >= started - CLOCK_SLACK_MS) return;
    stamps.push(s);
  }
  record(cacheFile, key, stamps, made.value);
}
