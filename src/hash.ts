import { createHash } from 'node:crypto';

/** The SHA-256 of bytes or text as 64 hex digits: stored files' names, seals, snapshots' digests. */
export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
