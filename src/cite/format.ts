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
import type { RenderStore } from './render-store.ts';
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
  /** The last paragraph of a span cited as one ("paras. 16–17"). */
  paragraphTo?: number;
}

export interface FormatOptions {
  format?: OutputFormat;
  /** Renders kept on disk between processes (render-store.ts); in memory only without one. */
  store?: RenderStore;
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
  const to = pinpoint.paragraphTo;
  const single = typeof paragraph === 'number' && Number.isInteger(paragraph) && paragraph > 0 ? String(paragraph) : undefined;
  const para = single && typeof to === 'number' && Number.isInteger(to) && to > paragraph! ? `${single}–${to}` : single;
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

function memo(key: string, compute: () => string, store?: RenderStore): string {
  const hit = cache.get(key) ?? store?.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = compute();
  store?.set(key, value);
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
  return memo(
    cacheKey('reference', styleId, format, record),
    () => render(record, styleId, 'reference', (item) => placeGloss(referenceOf(item, styleId, format), gloss, format)),
    options?.store,
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
  const { styleId, format, locator, draw } = citationParts(record, style, pinpoint, options);
  const shape = locator && shapeOf(locator.locator);
  if (locator && shape) {
    // One render per shape of locator ("#, para. #") serves every passage of the work.
    const template = memo(cacheKey('citation-shape', styleId, format, locator.label, shape.text, record), () => templateOf((numbers) => draw({ label: locator.label, locator: fill(shape.text, numbers) }), shape.numbers.length), options?.store);
    if (template !== NO_TEMPLATE) return fill(template, shape.numbers);
  }
  return memo(cacheKey('citation', styleId, format, locator, record), () => draw(locator), options?.store);
}

/** The citation as citeproc renders it for exactly this pinpoint, never from a template nor a cache (what templates are checked against). */
export function renderCitation(record: BibRecord, style: StyleId, pinpoint?: Pinpoint, options?: FormatOptions): string {
  const { locator, draw } = citationParts(record, style, pinpoint, options);
  return draw(locator);
}

function citationParts(record: BibRecord, style: StyleId, pinpoint: Pinpoint | undefined, options: FormatOptions | undefined) {
  const styleId = parseStyleId(style);
  const format = parseOutputFormat(options);
  checkRecord(record);
  const gloss = NOTE_STYLES.has(styleId) ? titleGloss(record)?.replaceAll(TITLE_END, '') : undefined;
  const locator = locatorOf(pinpoint);
  const draw = (at: Locator | undefined) => render(record, styleId, 'citation', (item) => placeGloss(citationOf(item, styleId, format, at), gloss, format));
  return { styleId, format, locator, draw };
}

/**
 * A locator's numbers (page, chapter, paragraph) and its text with each of them replaced by
 * PLACE: citeproc prints a plain number as it is given, so the citation for "2, para. 14" is the
 * one for "7301, para. 7302" with the numbers put back — which `templateOf` checks by rendering
 * the shape twice before it is trusted. Numbers with a leading zero or over six digits stay text.
 */
const PLACE = '\u0001';
const NO_TEMPLATE = '\u0000';
const PROBES = [
  ['7301', '7302', '7303', '7304'],
  ['86', '85', '84', '83'],
];
function shapeOf(locator: string): { text: string; numbers: string[] } | undefined {
  const numbers: string[] = [];
  const text = locator.replace(/\d+/g, (n) => {
    if (!/^[1-9]\d{0,5}$/.test(n)) return n;
    numbers.push(n);
    return PLACE;
  });
  return numbers.length > 0 && numbers.length <= PROBES[0]!.length && !locator.includes(PLACE) && !locator.includes(NO_TEMPLATE) ? { text, numbers } : undefined;
}

function fill(template: string, numbers: readonly string[]): string {
  let i = 0;
  return template.replace(/\u0001/g, () => numbers[i++] ?? '');
}

/** The rendered shape with PLACE where each number goes, or NO_TEMPLATE when the render does not print them as given. */
function templateOf(draw: (numbers: string[]) => string, count: number): string {
  const [first, second] = PROBES.map((p) => p.slice(0, count));
  const out = draw(first!);
  let template = '';
  let from = 0;
  for (const probe of first!) {
    const at = out.indexOf(probe, from);
    if (at < 0 || out.split(probe).length !== 2) return NO_TEMPLATE;
    template += out.slice(from, at) + PLACE;
    from = at + probe.length;
  }
  template += out.slice(from);
  if (template.includes(NO_TEMPLATE) || (template.match(/\u0001/g) ?? []).length !== count) return NO_TEMPLATE;
  return draw(second!) === fill(template, second!) ? template : NO_TEMPLATE;
}
