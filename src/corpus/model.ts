/**
 * The document model: what ingestion produces and everything else reads.
 * Every type here has a zod schema because the built corpus is a persisted artifact that is
 * validated on load (see `build.ts`); the TypeScript types are inferred from the schemas.
 */
import { z } from 'zod';

export const LANGS = ['en', 'ru', 'fr', 'de', 'und'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

export const PageBasis = z.enum(["printed", "contents", "index", "estimated"]);

export const Locator = z.object({
  work: z.string(),
  /** Front matter, a numbered chapter, a book part (Conclusion, Appendix, Bibliography), or a talk section. */
  part: z.string().optional(),
  chapter: z.number().int().optional(),
  chapterTitle: z.string().optional(),
  section: z.string().optional(),
  /** Ordinal of the passage inside its chapter (or inside the work when it has no chapters), from 1. */
  paragraph: z.number().int().nonnegative(),
  page: z.number().int().optional(),
  /** How the page was recovered: a printed page number, the table of contents, or the book's index. */
  pageBasis: PageBasis.optional(),
});
export type Locator = z.infer<typeof Locator>;

export const BlockKind = z.enum([
  'heading',
  'paragraph',
  'quotation',
  'list-item',
  'footnote',
  'bibliography',
  /** A line of the title or copyright page, cataloguing data, an article's keywords, the back cover's imprint (ids `.fN`). */
  'front-matter',
  /** A web page's own line outside its article: its shop, ordering and shipping notes, credits (ids `.wN`, src/corpus/ingest/page-text.ts). */
  'page-text',
]);
export type BlockKind = z.infer<typeof BlockKind>;

export const Marker = z.object({
  /** The marker as printed (`¹`, `13`, `^{1 &}`…), kept for display. */
  raw: z.string(),
  number: z.number().int(),
  footnoteId: z.string().nullable(),
  /** The source prints no marker here (the OCR lost it); the link is inferred from the page layout. */
  inferred: z.boolean().optional(),
});
export type Marker = z.infer<typeof Marker>;

export const Block = z.object({
  id: z.string(),
  kind: BlockKind,
  /** Heading level: 1 for chapters and book parts, 2 for sections. */
  level: z.number().int().optional(),
  /** Display text: the source's markup and footnote markers kept. */
  text: z.string(),
  /** Indexed text: markers and markup removed, white space folded. */
  plain: z.string(),
  lang: Lang,
  locator: Locator,
  markers: z.array(Marker).default([]),
  /** For footnotes: the number printed before the body (null for unnumbered bodies). */
  number: z.number().int().nullable().optional(),
  /** For footnotes: the block whose marker points here. */
  refBlock: z.string().nullable().optional(),
  citations: z.array(z.string()).default([]),
  pair: z.string().optional(),
  role: z.enum(['original', 'translation', 'intermediate']).optional(),
  /** Kept in the model for faithfulness but never returned as a result. */
  suppressed: z.enum(['garbled-duplicate']).optional(),
  /** 1-based physical lines of the source file this block came from. */
  lines: z.tuple([z.number().int(), z.number().int()]),
});
export type Block = z.infer<typeof Block>;

const EntryNameSchema = z.object({ family: z.string().optional(), given: z.string().optional(), literal: z.string().optional() });

export const BibEntry = z.object({
  id: z.string(),
  /** The entry exactly as the bibliography writes it. */
  text: z.string(),
  authors: z.array(z.string()),
  title: z.string().optional(),
  containerTitle: z.string().optional(),
  year: z.string().optional(),
  publisher: z.string().optional(),
  place: z.string().optional(),
  url: z.string().optional(),
  /** The short label the entry ends with, e.g. `(Vozhdy)`, as printed. */
  siglum: z.string().optional(),
  /** Structured names (absent in builds before field parsing): an organisation is a literal. */
  names: z.array(EntryNameSchema).optional(),
  editors: z.array(EntryNameSchema).optional(),
  titleTranslated: z.string().optional(),
  volume: z.string().optional(),
  issue: z.string().optional(),
  pages: z.string().optional(),
  edition: z.string().optional(),
  entryType: z.enum(['book', 'article', 'chapter', 'webpage', 'thesis', 'archive']).optional(),
  lang: Lang,
  duplicateOf: z.string().optional(),
  lines: z.tuple([z.number().int(), z.number().int()]),
});
export type BibEntry = z.infer<typeof BibEntry>;

export const CitationKind = z.enum(['siglum', 'author-date', 'author-title', 'ibid', 'page', 'wlt', 'bo', 'title']);

export const Citation = z.object({
  id: z.string(),
  block: z.string(),
  /** The citation as written in the text. */
  text: z.string(),
  kind: CitationKind,
  entry: z.string().nullable(),
  /** The pinpoint the citation gives (`250`, `38-39`, `Chapter 4`). */
  pinpoint: z.string().optional(),
  /** `ambiguous`: several entries fit equally; the candidates are given, none is chosen. */
  status: z.enum(['resolved', 'not-in-bibliography', 'ambiguous']),
  candidates: z.array(z.string()).default([]),
});
export type Citation = z.infer<typeof Citation>;

/** Sentence matches between two sides: each side a list of [block id, start, end] offsets into the block's text. */
const SentenceMatches = z.array(
  z.object({
    original: z.array(z.tuple([z.string(), z.number().int(), z.number().int()])),
    translation: z.array(z.tuple([z.string(), z.number().int(), z.number().int()])),
    confidence: z.number().min(0).max(1),
  }),
);

export const TranslationPair = z.object({
  id: z.string(),
  original: z.array(z.string()),
  translation: z.array(z.string()),
  /** Blocks of an intermediate translation (Russian → French → English chains). */
  via: z.array(z.string()).default([]),
  originalLang: Lang,
  translationLang: Lang,
  /** The label the source uses to introduce the translation ("Translated:"…). */
  label: z.string(),
  /** Original and translation aligned segment by segment (paragraphs where the counts allow). */
  segments: z.array(z.tuple([z.array(z.string()), z.array(z.string())])),
  /** How sure the pairing is, from evidence (length, numbers, names, roots, structure): 0–1. Absent in builds before it existed. */
  confidence: z.number().min(0).max(1).optional(),
  /** The same for each segment, in the order of `segments`. */
  segmentConfidence: z.array(z.number().min(0).max(1)).optional(),
  /** Sentence matches: each side a list of [block id, start, end] offsets into the block's text. */
  sentences: SentenceMatches.optional(),
  /** The same for the intermediate translation of a chain: `original` holds its (French) sentences, `translation` the English. */
  viaSentences: SentenceMatches.optional(),
});
export type TranslationPair = z.infer<typeof TranslationPair>;
