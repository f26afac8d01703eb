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
 * not listed again below it. Only a paragraph or list item on its own (no lead-in, quotation or
 * translation pair, which already show more than one block) takes one.
 */
import type { Corpus } from '../corpus/corpus.ts';
import type { Block } from '../corpus/model.ts';
import type { QueryWord } from './analyse/index.ts';
import { focusReading, type PositionsOf, type QuestionFocus } from './rerank.ts';

const ALONE = new Set<Block['kind']>(['paragraph', 'list-item']);

/** A block shown as itself alone: a paragraph or list item, in no pair, heading no lead-in unit. */
function alone(corpus: Corpus, block: Block): boolean {
  return ALONE.has(block.kind) && block.pair === undefined && corpus.unitOf(block).blocks.length === 1;
}

/** The passage after `block` that answers the question it is the topic of, if there is one. */
export function answerAfter(corpus: Corpus, block: Block, words: QueryWord[], focus: QuestionFocus | undefined, positionsOf?: PositionsOf): Block | undefined {
  if (!focus || !alone(corpus, block)) return undefined;
  const next = corpus.passageAfter(block);
  if (!next || !alone(corpus, next)) return undefined;
  const after = focusReading(next, words, focus, positionsOf);
  if (!after.gives) return undefined;
  const hit = focusReading(block, words, focus, positionsOf);
  return !hit.gives || after.holds.some((holds, i) => holds && !hit.holds[i]) ? next : undefined;
}
