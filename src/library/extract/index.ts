/**
 * Which extractor reads a file: the bytes decide (a PDF header, an EPUB's zip), then the name and
 * the content type the platform reported; what none of them claims is read as plain text, and
 * refused if it is not text. Each extractor is imported when a file of its format first comes:
 * pdf.js, linkedom, Readability and marked cost close to a second of start-up together, which a
 * process that never reads a file (the CLI's one-shot answers, the main thread) should not pay.
 */
import type { ExtractLimits, Extracted, LibraryFormat } from './types.ts';
import { libraryErrors } from '../errors.ts';

export type { Extracted, ExtractedMetadata, LibraryFormat } from './types.ts';

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

export function detectFormat(bytes: Uint8Array, name: string, contentType?: string): LibraryFormat {
  // Byte for character (latin1), as fflate's strFromU8(…, true) read it; fflate itself is loaded only to unzip an EPUB.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (head.includes('application/epub+zip') || /\.epub$/i.test(name)) return 'epub';
    throw libraryErrors.unsupported(name);
  }
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const type = (contentType ?? '').toLowerCase().split(';')[0]!.trim();
  if (['html', 'htm', 'xhtml'].includes(ext) || type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (['md', 'markdown', 'mdown', 'mkd'].includes(ext) || type === 'text/markdown') return 'markdown';
  if (/^\s*(<!doctype html|<html[\s>])/i.test(head.replace(/^\uFEFF/, ''))) return 'html';
  if (ext === 'pdf' || type === 'application/pdf') throw libraryErrors.malformed('PDF', 'it does not start like a PDF');
  if (ext === 'epub' || type === 'application/epub+zip') throw libraryErrors.malformed('EPUB', 'it is not a zip archive');
  if (['doc', 'docx', 'odt', 'rtf', 'djvu', 'mobi', 'azw', 'azw3', 'fb2', 'jpg', 'jpeg', 'png', 'gif', 'zip'].includes(ext)) throw libraryErrors.unsupported(name);
  return 'text';
}

export const FORMAT_EXTENSION: Record<LibraryFormat, string> = { pdf: 'pdf', epub: 'epub', html: 'html', markdown: 'md', text: 'txt' };

type Extractor = (bytes: Uint8Array, name: string, limits: ExtractLimits) => Extracted | Promise<Extracted>;

const extractors: Record<LibraryFormat, () => Promise<Extractor>> = {
  pdf: async () => {
    const { extractPdf, loadPdfJs } = await import('./pdf.ts');
    await loadPdfJs();
    return (bytes, _name, limits) => extractPdf(bytes, limits);
  },
  epub: async () => {
    const { extractEpub } = await import('./epub.ts');
    return (bytes) => extractEpub(bytes);
  },
  html: async () => (await import('./html.ts')).extractHtml,
  markdown: async () => (await import('./markdown.ts')).extractMarkdown,
  text: async () => (await import('./plain.ts')).extractPlain,
};

/**
 * Imports the extractor a file of this format needs. A job's time limit is for reading the file, so
 * the worker loads this before its clock starts (seconds, on a busy machine, for pdf.js or linkedom).
 */
export function loadExtractor(format: LibraryFormat): Promise<Extractor> {
  return extractors[format]();
}

export async function extractFile(bytes: Uint8Array, name: string, contentType: string | undefined, limits: ExtractLimits): Promise<Extracted> {
  if (bytes.length === 0) throw libraryErrors.empty();
  const extract = await loadExtractor(detectFormat(bytes, name, contentType));
  return await extract(bytes, name, limits);
}
