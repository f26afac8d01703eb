/**
 * The line a search reply leads with when its first passage meets the query only loosely: which
 * of the reader's words it lacks, and which it has in other words (a synonym, a translation, a
 * corrected spelling). Ranking by related words is how a paraphrased question finds its passage;
 * saying so keeps a loose answer from passing for an exact one.
 */
import type { WordMatch } from '../search/match-report.ts';

/** Words listed per kind; the rest are counted. */
export const MATCH_NOTICE_WORDS = 4;

const quoted = (words: string[]): string => {
  const shown = words.slice(0, MATCH_NOTICE_WORDS).map((w) => `“${w}”`);
  const more = words.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
};

export function matchNotice(report: readonly WordMatch[] | undefined): string | undefined {
  if (!report?.length) return undefined;
  const missing = report.filter((m) => m.found === 'no').map((m) => m.word);
  // One passage word may stand for several of the query's ("Sedov" for "Trotsky's son"): said once.
  const byAs = new Map<string, string[]>();
  for (const m of report) if (m.found === 'related') byAs.set(m.as, [...(byAs.get(m.as) ?? []), m.word]);
  const related = [...byAs].map(([as, words]) => `“${as}” for ${words.map((w) => `“${w}”`).join(' and ')}`);
  if (!missing.length && !related.length) return undefined;
  const relatedText = related.length > MATCH_NOTICE_WORDS ? `${related.slice(0, MATCH_NOTICE_WORDS).join(', ')} and ${related.length - MATCH_NOTICE_WORDS} more` : related.join(', ');
  if (!missing.length) return `Matched in other words: the first passage has ${relatedText}.`;
  if (missing.length === report.length) return `No passage has your words; the closest are shown. The first one lacks ${quoted(missing)}.`;
  return `Closest match, not every word: the first passage lacks ${quoted(missing)}${related.length ? `, and has ${relatedText}` : ''}.`;
}
