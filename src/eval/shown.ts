/**
 * What a quote reply shows for one hit, as the evaluation reads it: the passage (a footnote's is
 * the passage it annotates), its footnotes, and the other side of its translation pair, which the
 * reply sets beside it. "Passage alone" scores count only the hit's own text.
 */
import type { Corpus } from '../corpus/corpus.ts';
import type { Block } from '../corpus/model.ts';
import { counterpart } from '../corpus/counterpart.ts';
import { shownWith } from '../search/engine.ts';

export function shownTexts(corpus: Corpus, block: Block): string[] {
  const passage = shownWith(corpus, block);
  const notes = passage.markers.flatMap((m) => (m.footnoteId ? [corpus.block(m.footnoteId)?.text ?? ''] : []));
  const beside = (counterpart(corpus, passage)?.ids ?? []).flatMap((id) => {
    const b = corpus.block(id);
    return b ? [b.text, b.plain] : [];
  });
  return [block.text, block.plain, passage.text, passage.plain, ...notes, ...beside];
}
