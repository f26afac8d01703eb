/**
 * Discord's request signatures: Ed25519 over `timestamp + raw body`, checked with node:crypto
 * against the application's public key, before anything in the request is parsed. A timestamp
 * far from now is refused too, so a captured request cannot be replayed later.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { SIGNATURE_MAX_AGE_SECONDS } from './limits.ts';

const HEX_KEY = /^[0-9a-fA-F]{64}$/u;
const HEX_SIGNATURE = /^[0-9a-fA-F]{128}$/u;
const TIMESTAMP = /^\d{1,15}$/u;

/** The Developer Portal's public key (64 hex characters: the raw 32 bytes) as a key object. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!HEX_KEY.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be 64 hexadecimal characters');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') }, format: 'jwk' });
}

export type SignatureCheck = 'ok' | 'missing' | 'malformed' | 'stale' | 'invalid';

export function checkSignature(
  key: KeyObject,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: Buffer,
  nowMs: number,
): SignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return 'missing';
  if (!HEX_SIGNATURE.test(signature) || !TIMESTAMP.test(timestamp)) return 'malformed';
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_MAX_AGE_SECONDS) return 'stale';
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex')) ? 'ok' : 'invalid';
  } catch {
    return 'invalid';
  }
}
