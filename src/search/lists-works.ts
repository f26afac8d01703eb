/**
 * A passage that only lists works: a bibliography entry, or a footnote that only cites (note-kind.ts).
 * Its words are authors' names and title words, not running text about a subject (rerank.ts reads
 * it so for a short query). Cached per block: the note test reads every sentence.
 */
import type { Block } from '../corpus/model.ts';
import { isCitingNote } from './note-kind.ts';

const citing = new WeakMap<Block, boolean>();
export function listsWorks(block: Block): boolean {
  if (block.kind === 'bibliography') return true;
  if (block.kind !== 'footnote') return false;
  let yes = citing.get(block);
  if (yes === undefined) citing.set(block, (yes = isCitingNote(block.plain)));
  return yes;
}

/** A note's test made earlier (passage-facts.ts, with the index snapshot): not read again. */
export function knownCiting(block: Block, yes: boolean): void {
  citing.set(block, yes);
}
