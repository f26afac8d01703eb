/**
 * The answer after its topic. Asked "when …" or "how many …", the paragraph that names what the
 * question is about often leaves the date or the number to the next one ("Stalin's goal was
 * finally embodied in the 1936 Soviet Constitution which called for … contested elections." /
 * "… the provision for contested elections was cancelled at virtually the last minute, on October
 * 11, 1937."). Search ranks the topic paragraph first, on the question's words; the reader needs
 * both. A hit is shown with the passage after it in its section (Corpus.passageAfter) when that
 * passage gives what the question asks for near the query words it holds (rerank's focus), and
 * either the hit does not, or the next passage holds a word of the question the hit lacks (the
 * question's verb, said there: "called off", cancelled).
 *
 * Presentation only: the ranking is unchanged (context-cover.ts lets the answer borrow its topic's
 * words in its own score), the hit is cited through both (¶¶ 4–5), and the passage after it is
 * not listed again below it. A hit shown as more than one block takes the passage after its last:
 * a translation pair the passage after both its sides (which must stand together: passageAfter
 * skips a block's own translation), a lead-in the passage after its quotation; what the hit gives
 * and holds is read over all of them. The passage after is a paragraph or list item on its own.
 */
import type { Corpus } from '../corpus/corpus.ts';
import type { Block } from '../corpus/model.ts';
import type { QueryWord } from './analyse/index.ts';
import { counterpart } from '../corpus/counterpart.ts';
import { focusReader, type PositionsOf, type QuestionFocus } from './rerank.ts';

const ALONE = new Set<Block['kind']>(['paragraph', 'list-item']);

/** A block shown as itself alone: a paragraph or list item, in no pair, heading no lead-in unit. */
function alone(corpus: Corpus, block: Block): boolean {
  return ALONE.has(block.kind) && block.pair === undefined && corpus.unitOf(block).blocks.length === 1;
}

/**
 * The blocks a hit is shown as, with the passage read after the last of them: itself alone; both
 * sides of its translation pair, each a paragraph or list item in no lead-in unit, the passage
 * after each side the same; or a lead-in and its quotation, neither in a pair. Otherwise none.
 */
function shownRun(corpus: Corpus, block: Block): { blocks: Block[]; next: Block | undefined } | undefined {
  const unit = corpus.unitOf(block);
  if (unit.blocks.length > 1) {
    if (unit.blocks.some((b) => b.pair !== undefined) || !ALONE.has(unit.head.kind)) return undefined;
    return { blocks: unit.blocks, next: corpus.passageAfter(unit.blocks[unit.blocks.length - 1]!) };
  }
  if (!ALONE.has(block.kind)) return undefined;
  if (block.pair === undefined) return { blocks: [block], next: corpus.passageAfter(block) };
  const other = counterpart(corpus, block);
  const sides = [block, ...(other?.ids ?? []).map((id) => corpus.block(id)).filter((b) => b !== undefined)];
  const next = corpus.passageAfter(block);
  // The pair whole (one segment each side): a range through the next passage must show all it spans.
  const whole = other !== undefined && sides.length === other.pair.original.length + other.pair.translation.length;
  const together = whole && sides.every((b) => ALONE.has(b.kind) && corpus.unitOf(b).blocks.length === 1 && corpus.passageAfter(b) === next);
  return sides.length > 1 && together ? { blocks: sides, next } : undefined;
}

/**
 * For a question with a focus, a test of a hit: the passage after it that answers the question it
 * is the topic of, if there is one. The query's part is read once (rerank's focusReader).
 */
export function answerAfter(corpus: Corpus, words: QueryWord[], focus: QuestionFocus, positionsOf?: PositionsOf): (block: Block) => Block | undefined {
  const read = focusReader(words, focus, positionsOf);
  return (block) => {
    const run = shownRun(corpus, block);
    const next = run?.next;
    if (!run || !next || !alone(corpus, next)) return undefined;
    const after = read(next);
    if (!after.gives) return undefined;
    const hit = run.blocks.map(read);
    const gives = hit.some((h) => h.gives);
    return !gives || after.holds.some((holds, i) => holds && !hit.some((h) => h.holds[i])) ? next : undefined;
  };
}
