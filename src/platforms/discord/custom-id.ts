/**
 * Component custom ids: `l1:<kind>:<payload>:<mac>`, at most 100 characters. The version lets a
 * later Lectern recognise buttons it can no longer serve (and say so, politely) instead of
 * misreading them; the MAC (HMAC-SHA256 over everything before it, truncated) means a modified
 * client cannot make a button say something Lectern never wrote.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DISCORD_CUSTOM_ID_LIMIT } from './limits.ts';

export const CUSTOM_ID_VERSION = 'l1';
/** 10 base64url characters: 60 bits, plenty against guessing within Discord's rate limits. */
const MAC_LENGTH = 10;

export const CUSTOM_ID_KINDS = {
  /** The pager's own pages: `<reply key>.<page index>`. */
  page: 'pg',
  /** A command's own results paging: `<reply key>.<results page>`. */
  results: 'rs',
  translation: 'tr',
  context: 'cx',
  discuss: 'ds',
  cite: 'ci',
  /** A thread's notes: its bibliography, or its passages as a file. */
  bibliography: 'bi',
  notes: 'nt',
  /** The modal asking for the options a command's file came without: `<pending key>`. */
  form: 'fm',
} as const;
export type CustomIdKind = keyof typeof CUSTOM_ID_KINDS;

const KIND_BY_CODE = new Map<string, CustomIdKind>(Object.entries(CUSTOM_ID_KINDS).map(([k, v]): [string, CustomIdKind] => [v, k as CustomIdKind]));
/** Payloads are written by Lectern; this keeps them unambiguous between the colons. */
const PAYLOAD = /^[A-Za-z0-9._~|-]*$/u;

export type ParsedCustomId = { status: 'ok'; kind: CustomIdKind; payload: string } | { status: 'stale' } | { status: 'tampered' };

export class CustomIdSigner {
  private readonly secret: Buffer;

  constructor(secret: Uint8Array | string) {
    this.secret = Buffer.from(secret);
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, MAC_LENGTH);
  }

  /** The custom id, or undefined when the payload would not fit in 100 characters. */
  sign(kind: CustomIdKind, payload: string): string | undefined {
    if (!PAYLOAD.test(payload)) return undefined;
    const body = `${CUSTOM_ID_VERSION}:${CUSTOM_ID_KINDS[kind]}:${payload}`;
    const id = `${body}:${this.mac(body)}`;
    return id.length <= DISCORD_CUSTOM_ID_LIMIT ? id : undefined;
  }

  /** Room left for a payload of this kind. */
  payloadRoom(kind: CustomIdKind): number {
    return DISCORD_CUSTOM_ID_LIMIT - `${CUSTOM_ID_VERSION}:${CUSTOM_ID_KINDS[kind]}::`.length - MAC_LENGTH;
  }

  parse(customId: string): ParsedCustomId {
    const parts = customId.split(':');
    // Another version, or no version at all: a button from some other Lectern (or something else).
    if (parts[0] !== CUSTOM_ID_VERSION) return { status: 'stale' };
    if (parts.length !== 4) return { status: 'tampered' };
    const [version, code, payload, mac] = parts as [string, string, string, string];
    const expected = Buffer.from(this.mac(`${version}:${code}:${payload}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'tampered' };
    const kind = KIND_BY_CODE.get(code);
    if (!kind) return { status: 'stale' };
    return { status: 'ok', kind, payload };
  }
}
