/**
 * Many group libraries on disk without ingesting each: one group's library is built for real, then
 * its directory is copied under other collections' names with the manifest's collection rewritten
 * (the build and index are named by the works, not the collection, so the copies are valid).
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { collectionKey } from '../../src/library/keys.ts';

export async function copyCollection(libraryRoot: string, from: string, names: string[]): Promise<void> {
  const source = path.join(libraryRoot, collectionKey(from));
  const manifest = JSON.parse(await readFile(path.join(source, 'collection.json'), 'utf8')) as { collection: string };
  for (const name of names) {
    const dir = path.join(libraryRoot, collectionKey(name));
    await cp(source, dir, { recursive: true });
    await writeFile(path.join(dir, 'collection.json'), JSON.stringify({ ...manifest, collection: name }));
  }
}
