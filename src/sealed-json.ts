/**
 * Sealed JSON artifacts: a JSON object written after it passed its schema, ending with the
 * SHA-256 of every byte before the seal (`…,"seal":"<64 hex>"}` and a newline). A file whose seal
 * still matches holds exactly what was checked, so a load may skip walking the schema again
 * (for the corpus build, most of what validating it cost at every start); one without a seal
 * (written by an older Lectern) or whose bytes no longer match it (edited, damaged) is validated
 * in full, as before. The seal is a key zod's objects strip, so older readers ignore it.
 */
import { sha256 } from './hash.ts';

const SEAL_OPEN = ',"seal":"';
/** `,"seal":"` + 64 hex digits + `"}` + newline. */
const SEAL_LENGTH = SEAL_OPEN.length + 64 + 3;
const TAIL = /^,"seal":"([0-9a-f]{64})"\}\n$/;


/** The file's text for `checked` (an object that passed its schema): its JSON, sealed. */
export function sealedJson(checked: object): string {
  const open = JSON.stringify(checked).slice(0, -1);
  if (!open.startsWith('{')) throw new TypeError('only a JSON object can be sealed');
  return `${open}${SEAL_OPEN}${sha256(open)}"}\n`;
}

/** Whether the file's bytes end with a seal that matches them. */
export function sealHolds(bytes: Buffer): boolean {
  if (bytes.length <= SEAL_LENGTH) return false;
  const match = TAIL.exec(bytes.subarray(bytes.length - SEAL_LENGTH).toString('latin1'));
  return match !== null && match[1] === sha256(bytes.subarray(0, bytes.length - SEAL_LENGTH));
}

/**
 * The file's JSON (without its seal) and whether the seal held. Throws SyntaxError when the
 * bytes are not JSON.
 */
export function readSealedJson(bytes: Buffer): { json: unknown; sealed: boolean } {
  const sealed = sealHolds(bytes);
  const json = JSON.parse(bytes.toString('utf8')) as unknown;
  if (json && typeof json === 'object') delete (json as { seal?: unknown }).seal;
  return { json, sealed };
}
