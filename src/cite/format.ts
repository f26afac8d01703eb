/**
 * Formatting Lectern's records in the bundled styles: the full reference, and the citation for a
 * passage with its pinpoint. Every label and punctuation mark comes from the style's CSL; this
 * module only decides what to ask citeproc for.
 */
import { UserError } from '../errors.ts';
import { checkRecord, mainTitle, titleGloss, toCsl, type BibRecord, type CslItem } from './record.ts';
import {
  bracketInferredYear,
  citationOf,
  placeGloss,
  referenceOf,
  TITLE_END,
  type Locator,
  type OutputFormat,
} from './render.ts';
import { NOTE_STYLES, parseStyleId, type StyleId } from './styles.ts';

export { STYLE_IDS, type StyleId } from './styles.ts';
export { EXPORT_FORMATS, exportRecords, type ExportFormat } from './export.ts';
export type { OutputFormat } from './render.ts';

export const OUTPUT_FORMATS = ['text', 'html'] as const;

/** Where in a work a passage is; see `locatorOf` for which parts a citation shows. */
export interface Pinpoint {
  page?: string;
  chapter?: string;
  section?: string;
  paragraph?: number;
}

export interface FormatOptions {
  format?: OutputFormat;
}

function parseOutputFormat(options: FormatOptions | undefined): OutputFormat {
  const format = options?.format ?? 'text';
  if ((OUTPUT_FORMATS as readonly string[]).includes(format)) return format;
  throw new UserError(
    'cite.unknown-output',
    `Unknown output format "${String(format)}". Valid formats: ${OUTPUT_FORMATS.join(', ')}.`,
  );
}

/**
 * The locator a pinpoint gives: the page alone when there is one, since it is what a reader can
 * check; otherwise the chapter with the paragraph (numbered inside its chapter) or, failing that,
 * the section. Chapter and paragraph travel as one locator in citeproc's embedded-label notation
 * ("2, para. 14", label chapter); the words printed are the style's terms, not these abbreviations.
 */
export function locatorOf(pinpoint: Pinpoint | undefined): Locator | undefined {
  if (!pinpoint || typeof pinpoint !== 'object') return undefined;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().replace(/\s+/g, ' ') : undefined);
  const page = text(pinpoint.page);
  if (page) return { label: 'page', locator: page };
  const chapter = text(pinpoint.chapter);
  const { paragraph } = pinpoint;
  const para = typeof paragraph === 'number' && Number.isInteger(paragraph) && paragraph > 0 ? String(paragraph) : undefined;
  const section = text(pinpoint.section);
  if (chapter) {
    if (para) return { label: 'chapter', locator: `${chapter}, para. ${para}` };
    if (section) return { label: 'chapter', locator: `${chapter}, sec. ${section}` };
    return { label: 'chapter', locator: chapter };
  }
  if (section && para && /^\d+$/.test(section)) return { label: 'section', locator: `${section}, para. ${para}` };
  if (para) return { label: 'paragraph', locator: para };
  if (section) return { label: 'section', locator: section };
  return undefined;
}

type Kind = 'reference' | 'citation';

const capitalizeFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The CSL item as a style is given it, the end of its title marked so the gloss can be placed, and
 * two gaps in the styles filled: MLA dates a talk only by its event date (APA would print both, so
 * only MLA gets one), and Chicago's bibliography starts a sentence with a talk's genre without
 * capitalising it, while its notes need it in lower case.
 */
function renderItem(record: BibRecord, style: StyleId, kind: Kind): CslItem {
  const item = toCsl(record);
  const title = mainTitle(record)?.replaceAll(TITLE_END, '');
  if (title) item.title = titleGloss(record) ? title + TITLE_END : title;
  if (record.type === 'speech') {
    if (style === 'mla' && item.issued) item['event-date'] = item.issued;
    if (kind === 'reference' && style.startsWith('chicago') && item.genre) item.genre = capitalizeFirst(item.genre);
  }
  return item;
}

function render(record: BibRecord, style: StyleId, kind: Kind, draw: (item: CslItem) => string): string {
  const item = renderItem(record, style, kind);
  return record.issued?.inferred ? bracketInferredYear(item, draw) : draw(item);
}

/**
 * Replies cite the same few works over and over, and citeproc takes about a millisecond per
 * render, so results are kept (least recently used dropped first). The key is the record's content,
 * so a changed record is simply a new entry.
 */
const CACHE_SIZE = 2000;
const cache = new Map<string, string>();

function memo(key: string, compute: () => string): string {
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = compute();
  cache.set(key, value);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return value;
}

const cacheKey = (...parts: unknown[]) => parts.map((p) => JSON.stringify(p) ?? '').join('\u0000');

/** The full bibliography entry. */
export function formatReference(record: BibRecord, style: StyleId, options?: FormatOptions): string {
  const styleId = parseStyleId(style);
  const format = parseOutputFormat(options);
  checkRecord(record);
  const gloss = titleGloss(record)?.replaceAll(TITLE_END, '');
  return memo(cacheKey('reference', styleId, format, record), () =>
    render(record, styleId, 'reference', (item) => placeGloss(referenceOf(item, styleId, format), gloss, format)),
  );
}

/**
 * The citation for a passage: "(Furr 2019, 35)" in Chicago author-date, "(Furr 35)" in MLA,
 * "(Furr, 2019, p. 35)" in APA, and the full first note in Chicago notes-bibliography. Only notes
 * carry the title gloss; in-text citations stay short.
 */
export function formatCitation(
  record: BibRecord,
  style: StyleId,
  pinpoint?: Pinpoint,
  options?: FormatOptions,
): string {
  const styleId = parseStyleId(style);
  const format = parseOutputFormat(options);
  checkRecord(record);
  const gloss = NOTE_STYLES.has(styleId) ? titleGloss(record)?.replaceAll(TITLE_END, '') : undefined;
  const locator = locatorOf(pinpoint);
  return memo(cacheKey('citation', styleId, format, locator, record), () =>
    render(record, styleId, 'citation', (item) => placeGloss(citationOf(item, styleId, format, locator), gloss, format)),
  );
}
