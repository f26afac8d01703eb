/** What /source found, as data for machine readers (`--json`): the entry in its own words, formatted, as CSL-JSON, where it is cited, and the near misses. */
import type { Citer } from '../services.ts';
import type { SourceAnswer } from '../sources/resolve.ts';

export function sourceFacts(cite: Pick<Citer, 'csl'>, answer: SourceAnswer, formatted: string | undefined): Record<string, unknown> {
  return {
    query: answer.query,
    resolved: answer.resolved,
    kind: answer.kind,
    ...(answer.entry && answer.work ? { entry: { id: answer.entry.id, text: answer.entry.text, formatted, csl: cite.csl({ work: answer.work, entry: answer.entry }) } } : {}),
    ...(answer.kind === 'work' && answer.work ? { formatted, csl: cite.csl({ work: answer.work }) } : {}),
    ...(answer.work ? { work: { id: answer.work.meta.id, title: answer.work.meta.title } } : {}),
    ...(answer.pinpoint ? { locator: answer.pinpoint } : {}),
    citedIn: answer.citedIn,
    ...(answer.refersTo ? { refersTo: answer.refersTo } : {}),
    ...(answer.certain === false ? { certain: false } : {}),
    ...(answer.authorWorks
      ? {
          works: answer.authorWorks.map((c) => ({
            id: c.entry?.id ?? c.work.meta.id,
            text: c.entry?.text ?? c.work.meta.title,
            work: c.work.meta.id,
            csl: cite.csl(c.entry ? { work: c.work, entry: c.entry } : { work: c.work }),
          })),
        }
      : {}),
    candidates: answer.candidates.map((c) => ({ id: c.entry?.id ?? c.work.meta.id, text: c.entry?.text ?? c.work.meta.title, work: c.work.meta.id, score: c.score })),
    ...(answer.note && (!answer.resolved || answer.refersTo || answer.authorWorks || answer.certain === false) ? { note: answer.note } : {}),
  };
}
