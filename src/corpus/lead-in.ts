/**
 * A quotation and the paragraph that leads into it. An author sets a quotation off after a sentence
 * that ends in a colon and names who speaks and when ("The change … has been very beautifully
 * summarized by Victor Serge in his book From Lenin to Stalin:", "Piatakov … testified:"); the
 * quotation itself often never names them. A reader asks with the words of both ("according to
 * Serge, what changed once Lenin was gone"), so the two are one unit: the quotation is indexed
 * with its lead-in's last sentence, the one that introduces it, as what it is read under
 * (index-build.ts, as a footnote with the passage it annotates; the whole paragraph would lend it
 * the words of an argument it is no part of), and a reply shows the lead-in with the quotation
 * after it (shown.ts, present/passage.ts).
 *
 * Only the first passage after the lead-in is taken: how far a quotation set as several paragraphs
 * runs is not marked in the texts (the author's commentary follows without a sign). A side of a
 * translation pair is no such quotation (the reply shows it beside its translation already), nor a
 * line that is itself a lead-in ("B.O. #42 February 1935:") or a list (an enumeration, not a
 * quotation).
 */
import type { Block } from './model.ts';

/**
 * What a block is read as: alone, or one of a lead-in and its quotation (`Corpus.unitOf`). Every
 * place that shows, folds, cites or indexes a quotation with its lead-in asks this one answer, so
 * that which block stands for the two and which blocks they span is decided once.
 */
export interface LeadInUnit {
  /** The paragraph ending in a colon, when the block is a lead-in or the quotation after one. */
  lead?: Block;
  /** The quotation after that lead-in. */
  quotation?: Block;
  /** The block that stands for the unit (its locator, its citation, its place): the lead-in, else the block. */
  head: Block;
  /** The unit's blocks in reading order: the lead-in and its quotation, or the block alone. */
  blocks: Block[];
}

const LEAD_IN = /:\s*$/u;
const LEADS = new Set<Block['kind']>(['paragraph', 'list-item']);
const QUOTED = new Set<Block['kind']>(['paragraph', 'quotation']);

/** Does `lead` lead into `next`, the block read right after it (footnotes skipped)? */
export function leadsInto(lead: Block, next: Block): boolean {
  return (
    LEADS.has(lead.kind) &&
    LEAD_IN.test(lead.plain) &&
    !lead.pair &&
    !lead.suppressed &&
    QUOTED.has(next.kind) &&
    !next.pair &&
    !next.suppressed &&
    !LEAD_IN.test(next.plain) &&
    next.plain.length > 0
  );
}

/** Each quotation's lead-in in a work's blocks (in reading order): quotation id → lead-in id. */
export function leadIns(blocks: readonly Block[]): Map<string, string> {
  const out = new Map<string, string>();
  let previous: Block | undefined;
  for (const b of blocks) {
    // A footnote sits between a lead-in and what it quotes: the text runs on past it.
    if (b.kind === 'footnote') continue;
    if (previous && leadsInto(previous, b)) out.set(b.id, previous.id);
    previous = b;
  }
  return out;
}

/** A sentence ends before white space and a capital, a quotation mark or a parenthesis. */
const SENTENCE_END = /(?<=[.!?]["'\u201d\u2019)]?)\s+(?=[\p{Lu}"\u201c\u00ab(])/u;

/** The lead-in's last sentence: the one that ends in the colon and says who speaks. */
export function introducingSentence(lead: string): string {
  const sentences = lead.split(SENTENCE_END);
  return sentences[sentences.length - 1]!;
}
