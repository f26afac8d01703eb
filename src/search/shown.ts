/**
 * What a quote reply shows for one hit: the passage (a footnote is shown under the passage it
 * annotates), its footnotes, and the other side of its translation pair, which the reply sets
 * beside it. The evaluation scores these texts; the match report reads them.
 */
import type { Corpus } from '../corpus/corpus.ts';
import type { Block } from '../corpus/model.ts';
import { counterpart } from '../corpus/counterpart.ts';

/** The passage a block is shown in: a footnote under the passage it annotates (src/present/passage.ts). */
export function shownWith(corpus: Corpus, block: Block): Block {
  const annotated = block.kind === 'footnote' && block.refBlock ? corpus.block(block.refBlock) : undefined;
  return annotated && annotated.kind !== 'footnote' ? annotated : block;
}

/** The blocks a reply shows for a hit: the hit, the passage it is shown in, its notes, the translation beside it. */
export function shownBlocks(corpus: Corpus, block: Block): Block[] {
  const passage = shownWith(corpus, block);
  const out = passage === block ? [block] : [block, passage];
  for (const m of passage.markers) {
    const note = m.footnoteId ? corpus.block(m.footnoteId) : undefined;
    if (note && !out.includes(note)) out.push(note);
  }
  for (const id of counterpart(corpus, passage)?.ids ?? []) {
    const b = corpus.block(id);
    if (b && !out.includes(b)) out.push(b);
  }
  return out;
}

/** The texts of those blocks, marked-up and plain ("passage alone" scores of the evaluation count only the first two). */
export function shownTexts(corpus: Corpus, block: Block): string[] {
  return shownBlocks(corpus, block).flatMap((b) => [b.text, b.plain]);
}
