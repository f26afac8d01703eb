/**
 * A query that asks for a source: which article, book, issue or page a thing is in, where it was
 * published or printed, where to read it, a link to it or whether it is online ("which article are
 * the unattributed quotations from", "where can I read Trotsky's letter to his wife online"). Its
 * answer is a note that cites or the entry that lists the work, which otherwise weigh below the text
 * (engine.ts kindWeight: their title words would outrank the passages about the subject); asked
 * for the source, they weigh as the text does. "link" alone is a verb as often ("doesn't link the
 * tale to …"): only "link to" asks.
 */
import type { Block } from '../corpus/model.ts';

const SOURCE_QUESTION =
  /\b(?:which|what) (?:article|articles|book|books|issue|issues|source|sources|edition|journal|page|pages|volume|chapter|newspaper|newspapers)\b|\bwhere\b.*\b(?:published|printed|read|online|appear|appeared|find)\b|\bonline\b|\blink to\b|\burl\b/i;

export const asksForSource = (query: string): boolean => SOURCE_QUESTION.test(query);

/** Asked for a source, a note or an entry weighs as a paragraph; else as `kindWeight` has it. */
export function sourceWeight(kindWeight: (block: Block) => number): (block: Block) => number {
  return (block) => (block.kind === 'footnote' || block.kind === 'bibliography' ? 1 : kindWeight(block));
}
