/**
 * Turning a file's bytes into text. Texts arrive in UTF-8 (with or without a BOM) or, for Russian
 * texts from older sources, in Windows-1251 or KOI8-R; both must be decoded, never garbled.
 * Empty and binary files are refused with a message naming the file.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { DataError } from '../../errors.ts';

export type SourceEncoding = 'utf-8' | 'windows-1251' | 'koi8-r';

export interface Decoded {
  text: string;
  encoding: SourceEncoding;
}

const CYRILLIC = /[\u0400-\u04FF]/g;

/** Share of letters that are Cyrillic vowels among Cyrillic letters: real Russian text has ~40%. */
function russianScore(text: string): number {
  const cyr = text.match(CYRILLIC) ?? [];
  if (cyr.length === 0) return 0;
  const lower = text.toLowerCase();
  // Frequent Russian letters in their lower-case form: a KOI8-R file read as 1251 (or the
  // reverse) gives mostly upper-case/rare letters instead.
  const common = (lower.match(/[оеаинтсрвлкмдпу]/g) ?? []).length;
  const lowerShare = (text.match(/[\u0430-\u044F\u0451]/g) ?? []).length / cyr.length;
  return (common / cyr.length) * 0.5 + lowerShare * 0.5;
}

export function decodeText(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length === 0) throw new DataError('the file is empty; add text to it or remove it from the manifest', file);
  let body = bytes;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);

  // Binary files: NUL bytes or many control characters do not occur in text.
  let control = 0;
  const sample = body.subarray(0, Math.min(body.length, 65536));
  for (const b of sample) {
    if (b === 0) throw new DataError('the file looks binary (it contains NUL bytes); Lectern reads plain text here', file);
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (control > sample.length * 0.01) {
    throw new DataError('the file looks binary (many control characters); Lectern reads plain text here', file);
  }

  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    const text = utf8.decode(body);
    if (text.trim() === '') throw new DataError('the file contains only white space', file);
    return { text, encoding: 'utf-8' };
  } catch (err) {
    if (err instanceof DataError) throw err;
  }

  // Not UTF-8: decide between the two single-byte Cyrillic encodings by which one reads as Russian.
  const guess = chardet.detect(body);
  const candidates: SourceEncoding[] = ['windows-1251', 'koi8-r'];
  const scored = candidates.map((encoding) => {
    const text = iconv.decode(Buffer.from(body), encoding);
    const bonus = guess && guess.toLowerCase() === encoding ? 0.05 : 0;
    return { encoding, text, score: russianScore(text) + bonus };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0]!;
  if (best.score < 0.3) {
    throw new DataError(
      'the file is neither UTF-8 nor Russian text in Windows-1251 or KOI8-R; convert it to UTF-8',
      file,
    );
  }
  return { text: best.text, encoding: best.encoding };
}
