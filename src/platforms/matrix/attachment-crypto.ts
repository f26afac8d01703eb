/**
 * Encrypted attachments (the Matrix spec's EncryptedFile, "Sending encrypted attachments"): the
 * file is encrypted with AES-256-CTR under a fresh key and IV, the ciphertext is uploaded, and the
 * key, IV and the ciphertext's SHA-256 travel inside the (itself encrypted) event. On receipt the
 * hash is checked before anything is decrypted, so a tampered or truncated download is refused.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { UserError } from '../../errors.ts';

/** The `file` object of an encrypted attachment, as the event carries it. */
export interface EncryptedFile {
  url: string;
  key: { kty: 'oct'; key_ops: string[]; alg: 'A256CTR'; k: string; ext: true };
  iv: string;
  hashes: { sha256: string };
  v: 'v2';
}

/** Unpadded base64, as the spec writes IVs and hashes; keys are unpadded base64url (JWK). */
const unpadded = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
const fromBase64 = (s: string) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

export function encryptAttachment(plain: Uint8Array): { data: Uint8Array; file: Omit<EncryptedFile, 'url'> } {
  const key = randomBytes(32);
  // The spec's IV: 64 random bits, then a 64-bit block counter starting at zero (so it never wraps into the random half).
  const iv = Buffer.concat([randomBytes(8), Buffer.alloc(8)]);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    data,
    file: {
      key: { kty: 'oct', key_ops: ['encrypt', 'decrypt'], alg: 'A256CTR', k: key.toString('base64url'), ext: true },
      iv: unpadded(iv),
      hashes: { sha256: unpadded(createHash('sha256').update(data).digest()) },
      v: 'v2',
    },
  };
}

export const attachmentErrors = {
  damaged: () => new UserError('attachment.hash-mismatch', 'The encrypted file does not match its hash: it was damaged or altered on the way. Upload it again.'),
  malformed: () => new UserError('attachment.malformed-key', 'The encrypted file came with a malformed key or IV, so it cannot be decrypted. Upload it again from another client.'),
};

/** Reads the `file` object of an event's content, checking every field it needs. */
export function encryptedFileOf(v: unknown): EncryptedFile | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const f = v as Record<string, any>;
  const ok =
    typeof f.url === 'string' &&
    f.url.startsWith('mxc://') &&
    typeof f.iv === 'string' &&
    typeof f.hashes?.sha256 === 'string' &&
    typeof f.key?.k === 'string' &&
    f.key?.alg === 'A256CTR' &&
    f.key?.kty === 'oct';
  return ok ? (f as EncryptedFile) : undefined;
}

export function decryptAttachment(data: Uint8Array, file: Omit<EncryptedFile, 'url'>): Uint8Array {
  const expected = fromBase64(file.hashes.sha256);
  const actual = createHash('sha256').update(data).digest();
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw attachmentErrors.damaged();
  const key = fromBase64(file.key.k);
  const iv = fromBase64(file.iv);
  if (key.length !== 32 || iv.length !== 16) throw attachmentErrors.malformed();
  const decipher = createDecipheriv('aes-256-ctr', key, iv);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}
