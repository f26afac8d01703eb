/** The raw structure that `buildStructure` produces from a text's segments. */

export type RawKind = 'heading' | 'paragraph' | 'quotation' | 'list-item' | 'footnote' | 'bibliography' | 'label';

export interface RawBlock {
  kind: RawKind;
  text: string;
  lines: [number, number];
  level?: number;
  footnoteNumber?: number | null;
  label?: 'translation' | 'intermediate' | 'other';
  part: string;
  chapter?: number;
  chapterTitle?: string;
  section?: string;
  /** Set when a page-break element (footnote bodies, a running head) was crossed inside this block. */
  continued?: boolean;
  /** A paragraph among footnote bodies that reads like a reference: the footnote linker may take it
   * as the body of a footnote whose number the OCR lost. */
  noteCandidate?: boolean;
}

export interface PageAnchor {
  /** Index of the first raw block that starts on `page` (or later). */
  block: number;
  page: number;
  basis: 'printed' | 'contents';
}

export interface IndexEntry {
  term: string;
  pages: number[];
}

export interface TocEntry {
  title: string;
  page?: number;
}

/**
 * A line of front matter (title page, copyright page, cataloguing data, an article's keywords and
 * author's note) or of the back cover's imprint: not body text, but a passage of its own kind.
 */
export interface FrontLine {
  text: string;
  lines: [number, number];
  /** `Front matter` or `Back cover` (or, for a web page's own lines, `Page notices`). */
  part: string;
}

export interface Structure {
  blocks: RawBlock[];
  anchors: PageAnchor[];
  index: IndexEntry[];
  toc: TocEntry[];
  front: FrontLine[];
  /** A web page's own lines outside its article (shop, ordering, shipping notes, credits), one passage a sentence. */
  pageText: FrontLine[];
}

/**
 * What an extractor (PDF, EPUB, HTML, Markdown) knows for certain and plain text cannot show:
 * which lines are headings, and where printed pages begin. A page break is a line holding a form
 * feed followed by the page's label (`\f12`, `\fxiv`).
 */
export interface StructureHints {
  headings?: { text: string; level: 1 | 2 }[];
  /** Lines the extractor found outside the page's article (an HTML page's header, sidebar, footer). */
  pageText?: string[];
}

export const PAGE_BREAK_LINE = /^\f(\S{1,12})$/u;
