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
import { focusReader, type PositionsOf, type QuestionFocus } from './rerank.ts';

const ALONE = new Set<Block['kind']>(['paragraph', 'list-item']);

/** A block shown as itself alone: a paragraph or list item, in no pair, heading no lead-in unit. */
function alone(corpus: Corpus, block: Block): boolean {
  return ALONE.has(block.kind) && block.pair === undefined && corpus.unitOf(block).blocks.length === 1;
}

/**
 * For a question with a focus, a test of a hit: the passage after it that answers the question it
 * is the topic of, if there is one. The query's part is read once (rerank's focusReader).
 */
export function answerAfter(corpus: Corpus, words: QueryWord[], focus: QuestionFocus, positionsOf?: PositionsOf): (block: Block) => Block | undefined {
  const read = focusReader(words, focus, positionsOf);
  return (block) => {
    if (!alone(corpus, block)) return undefined;
    const next = corpus.passageAfter(block);
    if (!next || !alone(corpus, next)) return undefined;
    const after = read(next);
    if (!after.gives) return undefined;
    const hit = read(block);
    return !hit.gives || after.holds.some((holds, i) => holds && !hit.holds[i]) ? next : undefined;
  };
}
