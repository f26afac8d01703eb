/**
 * A work's author as the speaker of its first-person passages. In an author's own text "I found …",
 * "my research", "as I have shown" is the author speaking, and a reader asks "did Furr find …",
 * "Furr's research on …": the passage never names Furr. Such a passage is indexed with its work's
 * authors' names in its second field (index-build.ts: what it is read under, as a chapter title or
 * a footnote's passage), so a query that names the author meets it, at that field's lower weight,
 * and a query that does not is unchanged — no boost for every passage of the work.
 *
 * First person is the passage's own words, not what it quotes: text in quotation marks is left
 * out, and so are quotation blocks, the translation side of a pair (a document's voice), a
 * transcript's speaker turns ("RADEK: I …") and a paragraph after a lead-in that ends in a colon
 * (a quoted confession or letter set as a paragraph), with the first-person run that follows it,
 * and a paragraph shaped as a quotation (an opening ellipsis, a closing citation "(Main 163)").
 */
import type { Block } from '../corpus/model.ts';

// "I" before a verb, not the numeral ("World War I and …", "Volume I of …").
const FIRST_PERSON = /(?:^|[^\p{L}])(?:I(?=\s+(?!(?:and|or|of|in|on|at|to|for|with|by|from|the|a|an)(?!\p{L}))\p{Ll})|I['’](?:m|ve|d|ll)(?!\p{L})|[Mm]y(?!\p{L})|me(?!\p{L})|myself(?!\p{L}))/u;
const QUOTED = /“[^”]*”|"[^"]*"|«[^»]*»/gu;
/** "VYSHINSKY:", "REPLY:", "GRINKO:..." opening a transcript's turn. */
const SPEAKER_TURN = /^\s*[\p{Lu}][\p{Lu}'’ .-]{2,}:/u;
const LEAD_IN = /:\s*$/u;
/**
 * A quotation set as a paragraph: it opens with an ellipsis or closes with its source's citation,
 * "(Main 163)", "(17)" — the author's own paragraphs end in a sentence.
 */
const QUOTATION_SHAPE = /^\s*(?:\.\.\.|…)|\((?:[\p{L}.'’ -]{0,40}\s)?\d[\d\s,.–-]*\)\s*$/u;

/** Does the passage speak in the first person in its own words? */
export function speaksInFirstPerson(text: string): boolean {
  return FIRST_PERSON.test(text.replace(QUOTED, ' '));
}

/**
 * Per work, a test of which of its passages (in reading order) are its author's first-person
 * words: call it with each passage in order.
 */
export function authorVoice(): (block: Block) => boolean {
  let previous: Block | undefined;
  let quoting = false;
  return (block) => {
    const prev = previous;
    // A footnote sits between a lead-in and what it quotes: the text runs on past it.
    if (block.kind !== 'footnote') previous = block;
    const first = block.lang === 'en' && speaksInFirstPerson(block.plain);
    const eligible = block.kind === 'paragraph' || block.kind === 'list-item' || block.kind === 'footnote';
    // A lead-in with a colon, or a transcript turn, quotes what follows; a first-person run continues it.
    const quoted = SPEAKER_TURN.test(block.plain) || QUOTATION_SHAPE.test(block.plain) || (prev !== undefined && LEAD_IN.test(prev.plain)) || (quoting && first);
    if (block.kind !== 'footnote') quoting = quoted;
    return first && eligible && !quoted && !block.pair;
  };
}
