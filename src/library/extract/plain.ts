/**
 * Plain text: decoded (UTF-8, Windows-1251 or KOI8-R, detected) and handed to the pipeline as it
 * is, which reads plain texts the way it reads the bundled ones. The first line is offered as the
 * title; the organiser can change it.
 */
import { decodeUpload } from './decode.ts';
import { cleanTitle } from './metadata.ts';
import type { Extracted } from './types.ts';

export function extractPlain(bytes: Uint8Array, name: string): Extracted {
  const { text, encoding } = decodeUpload(bytes, name);
  const first = text.split(/\r?\n/).find((l) => l.trim())?.trim();
  const title = first && first.length <= 120 && !/[.;,]$/.test(first) ? cleanTitle(first) : undefined;
  // Form feeds would read as page breaks with labels the text never meant.
  const clean = text.replace(/\f/g, '\n');
  return { format: 'text', text: clean, hints: {}, metadata: { ...(title ? { title } : {}), basis: 'first line of the text' }, encoding };
}
