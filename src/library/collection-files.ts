/**
 * A collection on disk, under `<stateDir>/library/<collection key>/`:
 *
 *   collection.json          the manifest: the works and the name of the build they make (zod, versioned)
 *   files/<sha256>.<ext>     the files as uploaded, by content hash
 *   build-<hash>.json        the built works (the corpus schema), named by what they were built from
 *   index-<hash>.json        one work's search index, named by the work as built (the bundled one is shared)
 *
 * The manifest is the commit point: builds and indexes are written first under new names, and a
 * new manifest is renamed into place last. A crash at any moment leaves the previous manifest
 * naming the previous build, which is still there; files nothing names are removed later.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeAtomic } from '../atomic-write.ts';
import { ManifestWork } from '../corpus/manifest.ts';
import { CORPUS_FORMAT_VERSION, WorkBuild } from '../corpus/work.ts';
import { DataError } from '../errors.ts';
import { LIBRARY_FORMATS } from './extract/types.ts';
import { collectionKey, sha256, STORED_FILE } from './keys.ts';
import { indexLines } from '../search/saved-index.ts';

export const LIBRARY_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'collection.json';

export const LibraryEntry = z
  .object({
    meta: ManifestWork,
    source: z
      .object({
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        /** The stored file's name: `<sha256>.<ext>`. */
        file: z.string().regex(STORED_FILE),
        format: z.enum(LIBRARY_FORMATS),
        /** The name it was uploaded under, for display only. */
        name: z.string().max(300),
        size: z.number().int().nonnegative(),
        contentType: z.string().max(200).optional(),
        pages: z.number().int().positive().optional(),
      })
      .strict(),
    addedBy: z.string().max(200),
    addedAt: z.string(),
  })
  .strict();
export type LibraryEntry = z.infer<typeof LibraryEntry>;

export const CollectionManifest = z
  .object({
    format: z.literal('lectern.library'),
    version: z.literal(LIBRARY_FORMAT_VERSION),
    /** The platform's id (guild, room or room group), kept for people reading the directory. */
    collection: z.string(),
    /** Hash naming the build of these works, or null before the first. */
    build: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    works: z.array(LibraryEntry),
  })
  .strict();
export type CollectionManifest = z.infer<typeof CollectionManifest>;

export const CollectionBuild = z.object({
  format: z.literal('lectern.library-build'),
  version: z.literal(LIBRARY_FORMAT_VERSION),
  corpusVersion: z.literal(CORPUS_FORMAT_VERSION),
  inputs: z.string(),
  works: z.array(WorkBuild),
});
export type CollectionBuild = z.infer<typeof CollectionBuild>;

/** What a build is made from: each work's metadata and file, and the pipeline's format. */
export function buildInputs(entries: LibraryEntry[]): string {
  return sha256(JSON.stringify({ library: LIBRARY_FORMAT_VERSION, corpus: CORPUS_FORMAT_VERSION, works: entries.map((e) => ({ meta: e.meta, sha256: e.source.sha256 })) }));
}

function parseBuild(raw: string, inputs: string): WorkBuild[] | undefined {
  const parsed = CollectionBuild.safeParse(JSON.parse(raw));
  return parsed.success && parsed.data.inputs === inputs ? parsed.data.works : undefined;
}

export const emptyManifest = (collection: string): CollectionManifest => ({ format: 'lectern.library', version: LIBRARY_FORMAT_VERSION, collection, build: null, works: [] });

export class CollectionStore {
  readonly dir: string;
  readonly collection: string;

  constructor(libraryRoot: string, collection: string) {
    this.collection = collection;
    this.dir = path.join(libraryRoot, collectionKey(collection));
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  storedFile(name: string): string {
    if (!STORED_FILE.test(name)) throw new DataError(`not a stored file name: ${name.slice(0, 80)}`);
    return path.join(this.dir, 'files', name);
  }

  buildFile = (hash: string) => this.file(`build-${hash}.json`);
  indexFile = (hash: string) => this.file(`index-${hash}.json`);

  private parseManifest(raw: string): CollectionManifest {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new DataError('the collection manifest is not valid JSON', this.file(MANIFEST_FILE));
    }
    const parsed = CollectionManifest.safeParse(json);
    if (!parsed.success) throw new DataError(`the collection manifest is invalid: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, this.file(MANIFEST_FILE));
    if (parsed.data.collection !== this.collection) throw new DataError(`the manifest belongs to collection "${parsed.data.collection}"`, this.file(MANIFEST_FILE));
    return parsed.data;
  }

  /** Synchronous, for the first command of a collection after a start (see LibraryManager.view). */
  readManifestSync(): CollectionManifest {
    const file = this.file(MANIFEST_FILE);
    if (!existsSync(file)) return emptyManifest(this.collection);
    return this.parseManifest(readFileSync(file, 'utf8'));
  }

  async readManifest(): Promise<CollectionManifest> {
    try {
      return this.parseManifest(await readFile(this.file(MANIFEST_FILE), 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyManifest(this.collection);
      throw err;
    }
  }

  /** The build a manifest names, when it is there, valid, and built from these works by this Lectern; and its size (the cache's estimate). */
  readBuildSync(manifest: CollectionManifest): { works: WorkBuild[]; bytes: number } | undefined {
    if (manifest.works.length === 0) return { works: [], bytes: 0 };
    if (!manifest.build || manifest.build !== buildInputs(manifest.works)) return undefined;
    try {
      const raw = readFileSync(this.buildFile(manifest.build), 'utf8');
      const works = parseBuild(raw, manifest.build);
      return works && { works, bytes: raw.length };
    } catch {
      return undefined;
    }
  }

  /** readBuildSync without holding the thread while the file is read. */
  async readBuild(manifest: CollectionManifest): Promise<{ works: WorkBuild[]; bytes: number } | undefined> {
    if (manifest.works.length === 0) return { works: [], bytes: 0 };
    if (!manifest.build || manifest.build !== buildInputs(manifest.works)) return undefined;
    try {
      const raw = await readFile(this.buildFile(manifest.build), 'utf8');
      const works = parseBuild(raw, manifest.build);
      return works && { works, bytes: raw.length };
    } catch {
      return undefined;
    }
  }

  /** A work's saved index, as its lines (read as bytes: never one string, however large). */
  readIndexSync(hash: string): string[] | undefined {
    try {
      return indexLines(readFileSync(this.indexFile(hash)));
    } catch {
      return undefined;
    }
  }

  async readIndex(hash: string): Promise<string[] | undefined> {
    try {
      return indexLines(await readFile(this.indexFile(hash)));
    } catch {
      return undefined;
    }
  }

  async writeFile(name: string, bytes: Uint8Array): Promise<boolean> {
    const target = this.storedFile(name);
    if (existsSync(target)) return false;
    await mkdir(path.dirname(target), { recursive: true });
    await writeAtomic(target, bytes);
    return true;
  }

  readStoredFile(name: string): Promise<Buffer> {
    return readFile(this.storedFile(name));
  }

  /** Writes the build; its size in bytes (the cache's estimate). */
  async writeBuild(works: WorkBuild[], inputs: string): Promise<number> {
    const build: CollectionBuild = { format: 'lectern.library-build', version: LIBRARY_FORMAT_VERSION, corpusVersion: CORPUS_FORMAT_VERSION, inputs, works };
    const json = JSON.stringify(build);
    await writeAtomic(this.buildFile(inputs), json);
    return json.length;
  }

  async writeIndex(hash: string, serialized: readonly string[]): Promise<void> {
    await writeAtomic(this.indexFile(hash), serialized);
  }

  /** The commit: after this rename the new works are the library. */
  async commit(manifest: CollectionManifest): Promise<void> {
    CollectionManifest.parse(manifest);
    await writeAtomic(this.file(MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  /** Removes builds, indexes, files and temporaries the manifest does not name (left by a crash or an older state). */
  async collectGarbage(manifest: CollectionManifest, indexKeys: string[]): Promise<string[]> {
    const keep = new Set([MANIFEST_FILE, 'files']);
    if (manifest.build) keep.add(`build-${manifest.build}.json`);
    for (const key of indexKeys) keep.add(`index-${key}.json`);
    const files = new Set(manifest.works.map((w) => w.source.file));
    const removed: string[] = [];
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      if (!keep.has(name)) {
        await rm(this.file(name), { force: true, recursive: true });
        removed.push(name);
      }
    }
    for (const name of await readdir(path.join(this.dir, 'files')).catch(() => [] as string[])) {
      if (!files.has(name)) {
        await rm(path.join(this.dir, 'files', name), { force: true });
        removed.push(`files/${name}`);
      }
    }
    return removed;
  }
}

/** Collections that have a directory (doctor checks each). */
export function collectionDirs(libraryRoot: string): string[] {
  try {
    return readdirSync(libraryRoot).filter((d) => existsSync(path.join(libraryRoot, d, MANIFEST_FILE)));
  } catch {
    return [];
  }
}

export function manifestCollection(libraryRoot: string, dir: string): string | undefined {
  try {
    const json = JSON.parse(readFileSync(path.join(libraryRoot, dir, MANIFEST_FILE), 'utf8')) as { collection?: unknown };
    return typeof json.collection === 'string' && collectionKey(json.collection) === dir ? json.collection : undefined;
  } catch {
    return undefined;
  }
}
