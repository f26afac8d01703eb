/**
 * Calls into citeproc (through citation-js, which keeps one engine per style) and the three things
 * CSL cannot express, done by comparing renders rather than by hand-writing any style's rules:
 *  - a title gloss "[Tainy Kremlia; Secrets of the Kremlin]" placed after the title's closing
 *    italics or quotation mark;
 *  - an inferred year shown as "[2014]".
 */
import type { CslItem } from './record.ts';
import { citeproc, LOCALE, templateName, type StyleId } from './styles.ts';

export type OutputFormat = 'text' | 'html';
/**
 * One CSL locator. Its text may embed further labelled locators in citeproc's notation
 * ("2, para. 14" with label chapter): citeproc renders each label with the style's own term
 * (Chicago "chap. 2, para. 14", MLA "ch. 2, par. 14").
 */
export interface Locator {
  label: 'page' | 'chapter' | 'section' | 'paragraph';
  locator: string;
}

/**
 * Marks the end of the title inside the rendered string. U+2063 INVISIBLE SEPARATOR: citeproc keeps
 * it (it strips private-use characters) and title-casing ignores it.
 */
export const TITLE_END = '\u2063';

/** One id for every render: citeproc writes ids into HTML attributes unescaped. */
const ITEM_ID = 'lectern-item';

export function referenceOf(item: CslItem, style: StyleId, format: OutputFormat): string {
  const entries = citeproc().output.format('bibliography', [{ ...item, id: ITEM_ID }], {
    template: templateName(style),
    lang: LOCALE,
    format,
    asEntryArray: true,
  }) as [string, string][];
  const entry = entries[0]?.[1] ?? '';
  if (format === 'text') return entry.trim();
  // Keep the entry's content; the wrapping <div class="csl-entry"> is the caller's business.
  return entry.trim().replace(/^<div\b[^>]*>([\s\S]*)<\/div>$/, '$1').trim();
}

export function citationOf(item: CslItem, style: StyleId, format: OutputFormat, locator?: Locator): string {
  const out = citeproc().output.format('citation', [{ ...item, id: ITEM_ID }], {
    template: templateName(style),
    lang: LOCALE,
    format,
    entry: [{ id: ITEM_ID, ...locator }],
  });
  return String(out).trim();
}

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Puts " [gloss]" where the title ends: after its closing tags and quotation mark, and before the
 * punctuation American styles move inside the quotes (“Title,” → “Title” [gloss],). Without a gloss
 * the marks are simply removed.
 */
export function placeGloss(rendered: string, gloss: string | undefined, format: OutputFormat): string {
  if (!gloss) return rendered.replaceAll(TITLE_END, '');
  const bracket = ` [${format === 'html' ? escapeHtml(gloss) : gloss}]`;
  return rendered.replace(
    new RegExp(`${TITLE_END}([.,;:!?]?)((?:</[a-z]+>|[”’"»])*)`, 'g'),
    (_m, punct: string, close: string) => `${close}${bracket}${punct}`,
  );
}

/** Another year with the same number of digits, every digit different. */
const otherYear = (year: number) => Number(String(year).replace(/\d/g, (d) => String((Number(d) + 5) % 10)));

function withYear(item: CslItem, year: number): CslItem {
  const swap = (d: CslItem['issued']) =>
    d ? { 'date-parts': d['date-parts'].map(([, ...rest]) => [year, ...rest]) } : undefined;
  const out: CslItem = { ...item };
  if (item.issued) out.issued = swap(item.issued)!;
  if (item['event-date']) out['event-date'] = swap(item['event-date'])!;
  return out;
}

/**
 * Renders twice, the second time with a different year, and brackets each run of characters that
 * changed: exactly where the style printed the year, whatever its format.
 */
export function bracketInferredYear(item: CslItem, render: (item: CslItem) => string): string {
  const year = item.issued?.['date-parts'][0]?.[0];
  const real = render(item);
  if (year === undefined) return real;
  const other = render(withYear(item, otherYear(year)));
  if (other.length !== real.length) return real;
  let out = '';
  let i = 0;
  while (i < real.length) {
    if (real[i] === other[i]) {
      out += real[i++];
      continue;
    }
    let j = i;
    while (j < real.length && real[j] !== other[j]) j++;
    out += `[${real.slice(i, j)}]`;
    i = j;
  }
  return out;
}

/**
 * The order a style's bibliography puts items in (Chicago, MLA and APA sort by author, date and
 * title, each with its own rules for names and missing fields): citeproc sorts, Lectern follows.
 * Returns the items' indexes in that order.
 */
export function bibliographyOrder(items: CslItem[], style: StyleId): number[] {
  const ids = items.map((_, k) => `item-${k}`);
  const entries = citeproc().output.format('bibliography', items.map((item, k) => ({ ...item, id: ids[k]! })), {
    template: templateName(style),
    lang: LOCALE,
    format: 'text',
    asEntryArray: true,
  }) as [string, string][];
  const order = entries.map(([id]) => ids.indexOf(id)).filter((k) => k >= 0);
  // Anything citeproc left out (it should not) keeps its place at the end.
  return [...order, ...items.map((_, k) => k).filter((k) => !order.includes(k))];
}
