/** Bytes to text for the text-based formats, with the pipeline's decoder and library error messages. */
import { decodeText } from '../../corpus/ingest/decode.ts';
import { UserError } from '../../errors.ts';
import { libraryErrors } from '../errors.ts';

export function decodeUpload(bytes: Uint8Array, name: string): { text: string; encoding: string } {
  if (bytes.length === 0) throw libraryErrors.empty();
  try {
    const decoded = decodeText(bytes, name);
    // A Latin-1 text (French, German) also "decodes" as Windows-1251, its accented letters turned
    // into scattered Cyrillic ones; real Russian text is mostly Cyrillic.
    if (decoded.encoding !== 'utf-8') {
      const letters = decoded.text.match(/\p{L}/gu)?.length ?? 0;
      const cyrillic = decoded.text.match(/[\u0400-\u04FF]/g)?.length ?? 0;
      if (cyrillic < letters * 0.5) throw libraryErrors.encoding();
    }
    return decoded;
  } catch (err) {
    if (err instanceof UserError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (/empty|only white space/.test(message)) throw libraryErrors.empty();
    if (/binary/.test(message)) throw libraryErrors.unsupported(name);
    throw libraryErrors.encoding();
  }
}
