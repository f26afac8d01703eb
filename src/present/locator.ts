/** Human-readable locators: where a passage is, in words a reader can check against the text. */
import type { Locator } from '../corpus/model.ts';
import type { WorkBuild } from '../corpus/work.ts';

const LANG_NAMES: Record<string, string> = { en: 'English', ru: 'Russian', fr: 'French', de: 'German', und: 'undetermined' };
export const languageName = (lang: string) => LANG_NAMES[lang] ?? lang;

/** "Trotsky's Lies, ch. 2 "Trotsky on the Kirov Assassination", § "Amalgam", ¶ 14, p. 35". */
export function locatorLabel(locator: Locator, work: WorkBuild['meta'], options: { withTitle?: boolean; through?: Locator } = {}): string {
  const to = spanEnd(locator, options.through);
  const parts: string[] = [];
  if (options.withTitle !== false) parts.push(work.shortTitle ?? work.title);
  if (locator.chapter !== undefined) {
    const kind = work.type === 'speech' ? 'section' : 'ch.';
    parts.push(`${kind} ${locator.chapter}${locator.chapterTitle ? ` “${locator.chapterTitle}”` : ''}`);
  } else if (locator.part && locator.part !== 'Text' && locator.part !== 'Chapter') {
    parts.push(locator.part);
  }
  if (locator.section) parts.push(`§ “${locator.section.replace(/\s+/g, ' ')}”`);
  if (locator.paragraph > 0) parts.push(to ? `¶¶ ${locator.paragraph}–${to.paragraph}` : `¶ ${locator.paragraph}`);
  if (locator.page !== undefined) {
    const pages = to?.page !== undefined && to.page !== locator.page && to.pageBasis === locator.pageBasis ? `pp. ${locator.page}–${to.page}` : `p. ${locator.page}`;
    parts.push(locator.pageBasis === 'estimated' ? `about ${pages}` : pages);
  }
  return parts.join(', ');
}

/**
 * Where a passage shown as one with the next (a lead-in and its quotation, a translation's side of
 * several paragraphs) ends, when that can be said as a range of the first one's paragraphs: the
 * same work, part and chapter, a later paragraph. Otherwise the first passage's locator stands alone.
 */
export function spanEnd(first: Locator, last: Locator | undefined): Locator | undefined {
  if (!last || last === first || last.work !== first.work || last.part !== first.part || last.chapter !== first.chapter) return undefined;
  return first.paragraph > 0 && last.paragraph > first.paragraph ? last : undefined;
}

/**
 * The pinpoint a citation may state: a page only when the text gives it, never an estimate. A
 * talk's numbered parts (part "Section") are sections, not chapters, in every style.
 */
export function pinpointOf(locator: Locator, through?: Locator): { page?: string; chapter?: string; section?: string; paragraph?: number; paragraphTo?: number } {
  const to = spanEnd(locator, through);
  if (locator.page !== undefined && locator.pageBasis !== 'estimated') {
    // A span onto a page the text does not state is cited by its first page, as before.
    const last = to?.page !== undefined && to.pageBasis !== 'estimated' && to.page > locator.page ? to.page : undefined;
    return { page: last ? `${locator.page}–${last}` : String(locator.page) };
  }
  const paragraphTo = to ? { paragraphTo: to.paragraph } : {};
  if (locator.part === 'Section' && locator.chapter !== undefined) {
    return { section: String(locator.chapter), ...(locator.paragraph > 0 ? { paragraph: locator.paragraph, ...paragraphTo } : {}) };
  }
  return {
    ...(locator.chapter !== undefined ? { chapter: String(locator.chapter) } : {}),
    ...(locator.section ? { section: locator.section } : {}),
    ...(locator.paragraph > 0 ? { paragraph: locator.paragraph, ...paragraphTo } : {}),
  };
}
