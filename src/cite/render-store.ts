/**
 * Rendered references and citations kept on disk (`citations.json` in the build directory), so a
 * one-shot CLI answer does not start citeproc for a work whose reference and citation shape it has
 * rendered before: building a style's engine and a first render cost ~0.2 s of CPU, most of a warm
 * answer's. Keys are the record's content, the style and the format (format.ts), so a changed
 * record is a new entry; the file also names the citeproc packages and a hash of the bundled CSL
 * styles, and any change of those drops it whole. Versioned and validated on load like every
 * artifact; written atomically (a temporary file renamed over the old one) a moment after a new
 * entry and at exit. A file that cannot be read or written only costs the renders again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { STYLE_FILES } from './style-files.ts';
import { writeCacheSync } from '../atomic-write.ts';
import { stampedValueSync, type Stamped } from '../stamp-cache.ts';

export const RENDER_STORE_FILE = 'citations.json';
const FORMAT_VERSION = 1;
/** Entries kept at most, least recently added dropped first. */
const MAX_ENTRIES = 5_000;
/** A new entry is written this long after it was made (or at exit), so a burst costs one write. */
const WRITE_DELAY_MS = 2_000;

const StoreFile = z.object({
  format: z.literal('lectern.citations'),
  version: z.literal(FORMAT_VERSION),
  engine: z.string(),
  entries: z.array(z.tuple([z.string(), z.string()])),
});

export interface RenderStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  /** Writes pending entries now (also done at exit). */
  flush(): void;
}

/** What the renders depend on besides the record: the citeproc packages and the CSL styles' text. */
function engineFingerprint(): Stamped {
  const hash = createHash('sha256');
  const require = createRequire(import.meta.url);
  const files: string[] = [];
  for (const pkg of ['@citation-js/core', '@citation-js/plugin-csl', 'citeproc']) {
    try {
      const manifest = require.resolve(`${pkg}/package.json`);
      hash.update(`${pkg}@${(JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version}\n`);
      files.push(manifest);
    } catch {
      hash.update(`${pkg}@?\n`);
    }
  }
  for (const file of Object.values(STYLE_FILES)) {
    const csl = fileURLToPath(new URL(`../../data/csl/${file}`, import.meta.url));
    hash.update(readFileSync(csl));
    files.push(csl);
  }
  // A package installed where there was none, or moved, changes the installed packages' lock file.
  files.push(fileURLToPath(new URL('../../node_modules/.package-lock.json', import.meta.url)));
  return { value: hash.digest('hex').slice(0, 32), files };
}

/** Beside the store: its engine fingerprint with the stamps of the files it was made from (src/stamp-cache.ts). */
export const ENGINE_STAMPS_FILE = 'citations.stamps.json';

/** The store in `file`, read on first use. */
export function fileRenderStore(file: string): RenderStore {
  let entries: Map<string, string> | undefined;
  let engine = '';
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;

  const load = (): Map<string, string> => {
    if (entries) return entries;
    // Hashing ~250 KB of styles at every start only to find them unchanged: kept while their stamps hold.
    engine = stampedValueSync(path.join(path.dirname(file), ENGINE_STAMPS_FILE), 'citation-engine', engineFingerprint);
    entries = new Map();
    try {
      const parsed = StoreFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success && parsed.data.engine === engine) entries = new Map(parsed.data.entries);
    } catch {
      // Missing or unreadable: start empty; the next write replaces it.
    }
    return entries;
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty || !entries) return;
    dirty = false;
    try {
      writeCacheSync(file, JSON.stringify({ format: 'lectern.citations', version: FORMAT_VERSION, engine, entries: [...entries] }));
    } catch {
      // A cache: the next process renders again.
    }
  };

  const store: RenderStore = {
    get: (key) => load().get(key),
    set(key, value) {
      const map = load();
      map.set(key, value);
      while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
      if (!dirty) {
        dirty = true;
        pending.add(store);
        timer = setTimeout(flush, WRITE_DELAY_MS);
        timer.unref();
      }
    },
    flush() {
      pending.delete(store);
      flush();
    },
  };
  return store;
}

/** Stores with entries not yet written: one exit hook writes them all. */
const pending = new Set<RenderStore>();
process.on('exit', () => {
  for (const store of [...pending]) store.flush();
});
