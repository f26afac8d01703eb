/**
 * Names on disk. Nothing a user or a platform chose reaches a path: collection directories are a
 * strict slug of the id plus a hash of it, stored files are named by their SHA-256 and a fixed
 * extension, and work ids are checked against the manifest's slug pattern before any lookup.
 */
import { sha256 } from '../hash.ts';

export { sha256 };

/** `guild-123…-3f2a…`: readable in a directory listing, unique by the hash, never `..` or `/`. */
export function collectionKey(collection: string): string {
  const slug = collection.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/g, '');
  return `${slug || 'c'}-${sha256(`lectern.collection\u0000${collection}`).slice(0, 16)}`;
}

export const WORK_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const STORED_FILE = /^[0-9a-f]{64}\.(pdf|epub|html|md|txt)$/;
