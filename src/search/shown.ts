/**
 * What a quote reply shows for one hit: the passage (a footnote is shown under the passage it
 * annotates, a quotation after the paragraph that leads into it), the quotation its lead-in leads
 * into, their footnotes, and the other side of its translation pair, which the reply sets beside
 * it. The evaluation scores these texts; the match report reads them.
 */
import type { Corpus } from '../corpus/corpus.ts';
import type { Block } from '../corpus/model.ts';
import type { LeadInUnit } from '../corpus/lead-in.ts';
import { counterpart } from '../corpus/counterpart.ts';

/**
 * The passage a block is shown in: a footnote under the passage it annotates (src/present/passage.ts),
 * a quotation after its lead-in (corpus/lead-in.ts), and so a quotation's note after the lead-in too.
 */
export function shownWith(corpus: Corpus, block: Block): Block {
  return shownUnit(corpus, block).head;
}

/** The lead-in unit a block is shown in: a footnote's is its annotated passage's. */
function shownUnit(corpus: Corpus, block: Block): LeadInUnit {
  return corpus.unitOf(corpus.annotatedBy(block) ?? block);
}

/**
 * A quotation shorter than this (a date line, "Dear Joseph,") says nothing of which passage it is:
 * two such lines are not one quotation repeated.
 */
const TELLING_QUOTATION = 100;

/**
 * What a hit's result is folded by (engine.ts): the passage it is shown in, and for a lead-in the
 * quotation after it, so that a quotation repeated after another lead-in is still one result.
 */
export function foldedAs(corpus: Corpus, block: Block): Block {
  const { head, quotation } = shownUnit(corpus, block);
  return quotation && quotation.plain.length >= TELLING_QUOTATION ? quotation : head;
}

/** The blocks a reply shows for a hit: the hit, the passage it is shown in and the quotation after it, their notes, the translation beside it. */
export function shownBlocks(corpus: Corpus, block: Block): Block[] {
  const unit = shownUnit(corpus, block);
  const out = [block];
  const add = (b: Block | undefined) => {
    if (b && !out.includes(b)) out.push(b);
  };
  for (const b of unit.blocks) add(b);
  for (const b of unit.blocks) for (const m of b.markers) add(m.footnoteId ? corpus.block(m.footnoteId) : undefined);
  for (const id of counterpart(corpus, unit.head)?.ids ?? []) add(corpus.block(id));
  return out;
}

/** The texts of those blocks, marked-up and plain ("passage alone" scores of the evaluation count only the first two). */
export function shownTexts(corpus: Corpus, block: Block): string[] {
  return shownBlocks(corpus, block).flatMap((b) => [b.text, b.plain]);
}

/** The blocks a reply shows for a search hit: its own (shownBlocks), and the passage after it that answers the question, with its notes (answer-after.ts). */
export function shownHitBlocks(corpus: Corpus, hit: { block: Block; after?: Block; heading?: Block }): Block[] {
  // A section the query named is shown under its heading (section-named.ts).
  const out = hit.heading ? [hit.heading, ...shownBlocks(corpus, hit.block)] : shownBlocks(corpus, hit.block);
  // The passage after is a paragraph on its own (answer-after.ts): what it shows is itself and its notes.
  if (hit.after) for (const b of shownBlocks(corpus, hit.after)) if (!out.includes(b)) out.push(b);
  return out;
}

/** The texts of those blocks, as `shownTexts`. */
export function shownHitTexts(corpus: Corpus, hit: { block: Block; after?: Block; heading?: Block }): string[] {
  return shownHitBlocks(corpus, hit).flatMap((b) => [b.text, b.plain]);
}
