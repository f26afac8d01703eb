/** What every extractor returns: text in the layout the ingestion pipeline reads, and what the file says about itself. */
import type { StructureHints } from '../../corpus/ingest/structure.ts';

export const LIBRARY_FORMATS = ['pdf', 'epub', 'html', 'markdown', 'text'] as const;
export type LibraryFormat = (typeof LIBRARY_FORMATS)[number];

export interface ExtractedMetadata {
  title?: string;
  authors?: string[];
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  date?: string;
  language?: string;
  publisher?: string;
  /** Where the metadata was read from, e.g. "PDF info dictionary". */
  basis?: string;
}

export interface PageStart {
  /** 1-based line of `text` where the page begins (its `\f<label>` line). */
  line: number;
  label: string;
}

export interface Extracted {
  format: LibraryFormat;
  /** Paragraphs separated by blank lines, one paragraph a line; page breaks as `\f<label>` lines. */
  text: string;
  hints: StructureHints;
  metadata: ExtractedMetadata;
  /** Character encoding of the source, for the build record. */
  encoding: string;
  /** Physical pages (PDF). */
  pages?: number;
  pageStarts?: PageStart[];
}

export interface ExtractLimits {
  maxPages: number;
}
