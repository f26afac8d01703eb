/** Where a work is cited: the passages citing it, each by id and where it is (/source's answer, and a /quote hit on a bibliography entry). */
import type { Corpus } from '../corpus/corpus.ts';
import type { WorkBuild } from '../corpus/work.ts';
import { locatorLabel } from './locator.ts';

/** The passages `ids` as `id (locator)` joined by semicolons, the first `max` of them, "…" when there are more. */
export function citedInLine(corpus: Corpus, ids: readonly string[], work: WorkBuild, max = 8): string {
  const where = ids.slice(0, max).flatMap((id) => {
    const b = corpus.block(id);
    return b ? [`${id} (${locatorLabel(b.locator, work.meta, { withTitle: false })})`] : [];
  });
  return `${where.join('; ')}${ids.length > max ? '; …' : ''}`;
}

/** The name of that line: "Cited in 3 passages". */
export const citedInName = (count: number) => `Cited in ${count} passage${count === 1 ? '' : 's'}`;
