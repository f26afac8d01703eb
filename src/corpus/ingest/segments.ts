/**
 * Lines to segments, and what each segment is on its own: footnote body, page furniture, OCR junk,
 * label, attribution, list item. Decisions that need the neighbours (headings, continuations) are
 * made in `structure.ts`.
 */
import { DATE_LINE, superscriptToNumber, wordCount } from './text.ts';
import { escapeRegExp } from '../../regexp.ts';

export interface Segment {
  text: string;
  /** 1-based physical line. */
  line: number;
  /** A blank line precedes it. */
  afterBlank: boolean;
}

export function toSegments(text: string): Segment[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: Segment[] = [];
  let blank = true;
  lines.forEach((raw, i) => {
    const t = raw.replace(/\s+$/u, '');
    if (t.trim() === '') {
      blank = true;
      return;
    }
    // A form feed marks a page break (extractors write "\f<label>"); keep it, trim the rest.
    out.push({ text: t.startsWith('\f') ? t.replace(/\s+$/u, '') : t.trim(), line: i + 1, afterBlank: blank });
    blank = false;
  });
  return out;
}

export interface FootnoteStart {
  number: number | null;
  body: string;
  /** How the number was printed, for display. */
  raw: string;
}

/**
 * A footnote body as the OCR left it: `¹ text`, `^{12 &}quot;text` (a garbled superscript and an
 * opening quote), `[&]quot;text` (the same with the number lost), or `10 text` (digits for the
 * superscript; accepted only when the number is the one expected next, see structure.ts).
 */
export function footnoteStart(text: string): FootnoteStart | null {
  let m = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.+)$/u.exec(text);
  if (m) return { number: superscriptToNumber(m[1]!), body: m[2]!, raw: m[1]! };
  m = /^\^\{(\d+)\s*&\}quot;\s*(.*)$/u.exec(text);
  if (m) return { number: Number(m[1]), body: `"${m[2]!}`, raw: m[1]! };
  m = /^\[&\]quot;\s*(.*)$/u.exec(text);
  if (m) return { number: null, body: `"${m[1]!}`, raw: '' };
  return null;
}

/** `10 Lola or Lilia Estrina was…`: digits standing in for a superscript. */
export function digitFootnoteStart(text: string): FootnoteStart | null {
  const m = /^(\d{1,2}) (?=[A-Z"“«*'])(.+)$/u.exec(text);
  if (!m) return null;
  return { number: Number(m[1]), body: m[2]!, raw: m[1]! };
}

/** OCR junk: stray letters and fragments that are not text (`YFR`, `A K 3`, `a de la`, `l_evidence`). */
export function isJunk(text: string): boolean {
  const t = text.trim();
  if (/^[.\s·•]+$/u.test(t)) return true;
  if (t.length <= 12 && /_/.test(t)) return true;
  if (/^[A-ZА-Я](?:\s+[A-ZА-Я0-9]){1,3}$/u.test(t)) return true;
  if (/^[A-Z]{2,4}$/u.test(t) && !/^(TA|NKVD|OGPU|GPU|USSR|CPSU)$/.test(t)) return true;
  const words = t.split(/\s+/);
  if (t.length <= 10 && words.length >= 2 && words.every((w) => w.length <= 2)) return true;
  // Cells of a mangled table: a tab inside a short line with a parenthesised fragment.
  if (/\t/.test(t) && t.length < 40 && /\(/.test(t)) return true;
  return false;
}

export type PageHead = { page: number | null };

/** Running heads and bare page numbers of a printed book. */
export function pageHead(text: string, bookTitle: string): PageHead | null {
  const t = text.trim();
  if (/^\d{1,3}$/.test(t)) return { page: Number(t) };
  const title = escapeRegExp(bookTitle);
  let m = new RegExp(`^(\\d{1,3})\\s+${title}$`, 'i').exec(t);
  if (m) return { page: Number(m[1]) };
  m = new RegExp(`^(?:${title}|Conclusion|Appendix|Bibliography|Index)\\s+(\\d{1,3})$`, 'i').exec(t);
  if (m) return { page: Number(m[1]) };
  return null;
}

/** Labels that introduce the translation the source gives: the pair's two sides meet here. */
const TRANSLATION_LABEL = /^(Translated|English Translation|English translation|From The Red Book|In The Red Book|Translation):$/;
const INTERMEDIATE_LABEL = /^(From the Livre rouge|In Le livre rouge|In the Livre rouge|From Le livre rouge):$/i;

export function pairLabel(text: string): 'translation' | 'intermediate' | null {
  const t = text.trim();
  if (TRANSLATION_LABEL.test(t)) return 'translation';
  if (INTERMEDIATE_LABEL.test(t)) return 'intermediate';
  return null;
}

/** `- "How Could This Happen?" February 25, 1929. WLT '29, p. 38.`: the source line under a quotation. */
export function isAttribution(text: string): boolean {
  // Long dash-led lines are dialogue in the quoted text (Russian "— Неожиданно…"), not a source line.
  if ((text.match(/\S+/g) ?? []).length > 30) return false;
  return /^[-–—]\s+(?![*•]\s)(?!\d+\.\s)(?![IVX]+\.\s)\S/u.test(text) && !/^[-–—]\s+\*\s/.test(text);
}

export function isListItem(text: string): boolean {
  return /^(?:[-–]\s+)?(?:\*\s|•\s)|^[-–]\s+(?:\d{1,2}|[IVX]{1,4})\.\s|^\*(?=\S)(?!\*)/u.test(text);
}

export const isSeparator = (text: string) => /^(\*\s*){3,}$/.test(text.trim());

/** A whole segment that is only a trailing citation, e.g. `(1938 Trial 163)`. */
export const isTrailingCitation = (text: string) => /^\([^()]{1,60}\)\.?$/u.test(text.trim()) && /\d|[A-Z]/.test(text);

export function isDateLine(text: string): boolean {
  return DATE_LINE.test(text.trim());
}

/** Bibliographic look of a fragment: how many cues of a reference it carries. */
export function bibliographicCues(text: string): number {
  const cues = [
    /https?:\/\//,
    /\bpp?\.\s?\d/,
    /\bn\.\s?\d/,
    /\b(See|Cf\.|Ibid\.?|Also in|Online at|At http)\b/i,
    /"[A-Z][^"]{10,}"/,
    /\*[^*]+\*/,
    /\(\d{4}\)/,
    /\b\d{1,4}\s?[-–]\s?\d{1,4}\b/,
    /\b(Moscow|Moskva|Paris|New York|Press|University|Archive|Papers|Reel|Folder|Library|Izd|Vol\.|No\.)\b/,
    /\bpage \d/,
  ];
  return cues.filter((c) => c.test(text)).length;
}

export function looksLikeHeadingText(text: string): boolean {
  const t = text.trim();
  if (t.length > 110 || t.length < 3) return false;
  if (wordCount(t) > 14) return false;
  if (/^[a-zа-я(\[-]/u.test(t)) return false;
  if (/[,;:!]$/.test(t)) return false;
  if (/[.][⁰¹²³⁴⁵⁶⁷⁸⁹\d]*$/u.test(t)) return false;
  // A title may end with a quoted sentence after a colon ("Trotsky's strategy: "Expose…."").
  if (/[.:]["”]$/.test(t) && !/:\s*["“]\S/.test(t)) return false;
  if (/^\d+$/.test(t) || isDateLine(t)) return false;
  // A signature with its citation, "C. Rakovsky (Trotsky, 1972, p. 95)", is not a heading.
  if (/\([^()]*\d{4},?\s*pp?\.\s*\d/.test(t)) return false;
  if (!/\p{Lu}/u.test(t[0] === '"' || t[0] === '“' || t[0] === '«' ? t.slice(1) : t)) return false;
  return true;
}
