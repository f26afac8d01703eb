/**
 * The Citer the commands use: corpus works, bibliography entries and passages as BibRecords,
 * formatted through citation-js. Styled output keeps italics as the corpus's own light markup
 * (`*title*`), which every platform renderer already knows how to show.
 */
import type { CitationStyleId } from '../dispatch/types.ts';
import type { Citer, ExportFormat } from '../services.ts';
import type { BibEntry, Block } from '../corpus/model.ts';
import type { WorkBuild } from '../corpus/work.ts';
import { pinpointOf } from '../present/locator.ts';
import { exportRecords, formatCitation, formatReference, recordFromManifestWork, toCsl, type BibName, type BibRecord } from './index.ts';
import { bibliographyOrder } from './render.ts';
import type { RenderStore } from './render-store.ts';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#38;': '&', '&#39;': "'", '&nbsp;': '\u00a0' };

/** citeproc's HTML to the corpus's light markup: <i> → *…*, <b> → **…**, other tags dropped. */
export function htmlToMarkup(html: string): string {
  return html
    .replace(/<(i|em)>(.*?)<\/\1>/gs, '*$2*')
    .replace(/<(b|strong)>(.*?)<\/\1>/gs, '**$2**')
    .replace(/<[^>]+>/g, '')
    .replace(/&(?:amp|lt|gt|quot|nbsp|#38|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Broué, Pierre", "Furr, Grover and Vladimir L. Bobrov", "Serge, V." as structured names. */
export function namesOf(authors: string[]): BibName[] {
  const out: BibName[] = [];
  for (const a of authors) {
    for (const part of a.split(/\s*(?:,\s*and|\band\b|&)\s*/)) {
      const p = part.trim().replace(/\.$/, (m) => (/\b\p{Lu}$/u.test(part.slice(0, -1)) ? m : ''));
      if (!p) continue;
      const comma = /^([^,]+),\s*(.+)$/.exec(p);
      if (comma) out.push({ family: comma[1]!.trim(), given: comma[2]!.replace(/\(.*?\)/g, '').trim() });
      else if (/\s/.test(p)) {
        const words = p.split(/\s+/);
        out.push({ family: words.at(-1)!, given: words.slice(0, -1).join(' ') });
      } else out.push({ family: p });
    }
  }
  return out;
}

const ENGLISH_WORDS = /\b(the|of|and|in|on|to|for|with|a|an|from|by|at|is)\b/i;
const TRANSLIT = /(kh|zh|shch|ts|ia\b|iia\b|ii\b|yi\b|ykh\b|ogo\b|\bv\b|\bi\b|\bs\b|\bo\b|skii\b|skaia\b|ovich\b)/gi;

/**
 * The language of an entry's title for the styles (which title-case English titles only): a title
 * in Russian transliteration ("Vozhdy v zakone", "Tainy Kremlia") is Russian, though written in
 * Latin letters.
 */
export function titleLanguage(title: string, detected: BibEntry['lang']): string | undefined {
  if (detected === 'ru' || detected === 'fr' || detected === 'de') return detected;
  const hits = (title.match(TRANSLIT) ?? []).length;
  if (hits >= 1 && !ENGLISH_WORDS.test(title)) return 'ru';
  return undefined;
}

const RECORD_TYPE: Record<NonNullable<BibEntry['entryType']>, BibRecord['type']> = {
  book: 'book',
  article: 'article-journal',
  chapter: 'chapter',
  webpage: 'webpage',
  thesis: 'manuscript',
  archive: 'manuscript',
};

const structuredName = (n: { family?: string; given?: string; literal?: string }): BibName =>
  n.literal ? { literal: n.literal } : { ...(n.family ? { family: n.family } : {}), ...(n.given ? { given: n.given } : {}) };

export function recordFromEntry(entry: BibEntry): BibRecord {
  const year = entry.year ? Number(entry.year.slice(0, 4)) : undefined;
  const fallbackType: BibRecord['type'] = entry.containerTitle ? 'article-journal' : !entry.publisher && entry.url ? 'webpage' : 'book';
  const type = entry.entryType ? (RECORD_TYPE[entry.entryType] ?? fallbackType) : fallbackType;
  // Builds before field parsing glossed a transliterated title in parentheses inside the title.
  const rawTitle = (entry.title ?? entry.text).replace(/\*/g, '');
  const gloss = entry.titleTranslated ? null : (/^(.*?)\s*\(["“]([^"”]+)["”]\)\s*$/.exec(rawTitle) ?? /^(.*?)\s*\(["“]([^"”]+)["”]\)/.exec(rawTitle));
  const record: BibRecord = {
    id: entry.id,
    type,
    authors: entry.names ? entry.names.filter((n) => n.literal !== 'et al.').map(structuredName) : namesOf(entry.authors),
    title: gloss ? gloss[1]!.replace(/[,.]$/, '') : rawTitle,
  };
  if (entry.titleTranslated) record.titleTranslated = entry.titleTranslated;
  else if (gloss) record.titleTranslated = gloss[2]!;
  if (entry.editors?.length) record.editors = entry.editors.map(structuredName);
  if (year && Number.isFinite(year)) record.issued = { year };
  if (entry.publisher) record.publisher = entry.publisher;
  if (entry.place) record.place = entry.place;
  if (entry.containerTitle) record.containerTitle = entry.containerTitle.replace(/\*/g, '');
  if (entry.volume) record.volume = entry.volume;
  if (entry.issue) record.issue = entry.issue;
  if (entry.pages) record.pages = entry.pages;
  if (entry.edition) record.edition = entry.edition;
  if (entry.url) record.url = entry.url;
  const language = titleLanguage(record.title ?? '', entry.lang);
  if (language) record.language = language;
  return record;
}

/**
 * Each style's citeproc engine is built on its first use (0.3–0.4 s each): building all four at
 * start cost a one-shot CLI answer 1.4 s of CPU for one style it used.
 */
export function createCiter(options: { store?: RenderStore } = {}): Citer {
  const asHtml = { format: 'html' as const, ...(options.store ? { store: options.store } : {}) };
  const workRecords = new Map<string, BibRecord>();
  const workRecord = (w: WorkBuild) => {
    let r = workRecords.get(w.meta.id);
    if (!r) {
      r = recordFromManifestWork(w.meta);
      workRecords.set(w.meta.id, r);
    }
    return r;
  };
  const itemRecord = (item: { work: WorkBuild; entry?: BibEntry; block?: Block }): BibRecord => {
    if (item.entry) return recordFromEntry(item.entry);
    const base = workRecord(item.work);
    if (!item.block) return base;
    // A passage exported on its own: the work's record, with where the passage is in a note.
    const p = pinpointOf(item.block.locator);
    const where = p.page
      ? `p. ${p.page}`
      : [p.chapter && `chap. ${p.chapter}`, p.section && /^\d+$/.test(p.section) && `sec. ${p.section}`, p.paragraph && `para. ${p.paragraph}`].filter(Boolean).join(', ');
    return { ...base, id: item.block.id, note: [base.note, `Passage ${item.block.id}${where ? `, ${where}` : ''}.`].filter(Boolean).join(' ') };
  };
  return {
    passage(block: Block, work: WorkBuild, style: CitationStyleId, through?: Block): string {
      const record = workRecord(work);
      const pinpoint = pinpointOf(block.locator, through?.locator);
      const cite = htmlToMarkup(formatCitation(record, style, pinpoint, asHtml));
      if (style === 'chicago-note') return cite;
      return `${htmlToMarkup(formatReference(record, style, asHtml))} ${cite}`;
    },
    work(work: WorkBuild, style: CitationStyleId): string {
      return htmlToMarkup(formatReference(workRecord(work), style, asHtml));
    },
    entry(entry: BibEntry, style: CitationStyleId): string {
      return htmlToMarkup(formatReference(recordFromEntry(entry), style, asHtml));
    },
    export(items, format: ExportFormat): string {
      return exportRecords(items.map(itemRecord), format);
    },
    bibliography(items, style) {
      const records = items.map(itemRecord);
      return bibliographyOrder(records.map(toCsl), style).map((index) => ({ index, text: htmlToMarkup(formatReference(records[index]!, style, asHtml)) }));
    },
    csl(item) {
      return toCsl(itemRecord(item)) as unknown as Record<string, unknown>;
    },
  };
}
