/** Human-readable locators: where a passage is, in words a reader can check against the text. */
import type { Locator } from '../corpus/model.ts';
import type { WorkBuild } from '../corpus/work.ts';

const LANG_NAMES: Record<string, string> = { en: 'English', ru: 'Russian', fr: 'French', de: 'German', und: 'undetermined' };
export const languageName = (lang: string) => LANG_NAMES[lang] ?? lang;

/** "Trotsky's Lies, ch. 2 "Trotsky on the Kirov Assassination", § "Amalgam", ¶ 14, p. 35". */
export function locatorLabel(locator: Locator, work: WorkBuild['meta'], options: { withTitle?: boolean } = {}): string {
  const parts: string[] = [];
  if (options.withTitle !== false) parts.push(work.shortTitle ?? work.title);
  if (locator.chapter !== undefined) {
    const kind = work.type === 'speech' ? 'section' : 'ch.';
    parts.push(`${kind} ${locator.chapter}${locator.chapterTitle ? ` “${locator.chapterTitle}”` : ''}`);
  } else if (locator.part && locator.part !== 'Text' && locator.part !== 'Chapter') {
    parts.push(locator.part);
  }
  if (locator.section) parts.push(`§ “${locator.section.replace(/\s+/g, ' ')}”`);
  if (locator.paragraph > 0) parts.push(`¶ ${locator.paragraph}`);
  if (locator.page !== undefined) {
    parts.push(locator.pageBasis === 'estimated' ? `about p. ${locator.page}` : `p. ${locator.page}`);
  }
  return parts.join(', ');
}

/**
 * The pinpoint a citation may state: a page only when the text gives it, never an estimate. A
 * talk's numbered parts (part "Section") are sections, not chapters, in every style.
 */
export function pinpointOf(locator: Locator): { page?: string; chapter?: string; section?: string; paragraph?: number } {
  if (locator.page !== undefined && locator.pageBasis !== 'estimated') return { page: String(locator.page) };
  if (locator.part === 'Section' && locator.chapter !== undefined) {
    return { section: String(locator.chapter), ...(locator.paragraph > 0 ? { paragraph: locator.paragraph } : {}) };
  }
  return {
    ...(locator.chapter !== undefined ? { chapter: String(locator.chapter) } : {}),
    ...(locator.section ? { section: locator.section } : {}),
    ...(locator.paragraph > 0 ? { paragraph: locator.paragraph } : {}),
  };
}
