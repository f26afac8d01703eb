/**
 * A query that names a section: "Anticommunist Scholars Hide the Truth", "risk of discovery",
 * "internal evidence". A reader who types a chapter or section title, or most of it, asks for that
 * section, and its answer is where the section begins: its heading and first passage. Every passage
 * of a section carries the heading in its second field (index-build.ts), at a third of a text word,
 * so the search alone lists whichever passage of the section says the query's words itself, often
 * a later one, and its match report said the passage lacked the words only the title has.
 *
 * The query names a heading when
 * - every word of the query (stop words aside; light words count, as "Name" does in a title) is a
 *   word of the heading, as itself, another form of it,
 *   its cross-script key or a one-letter typo of a word of five letters or more (not a synonym:
 *   a title is typed as it reads; at least one word typed as the heading has it), and
 * - those words are at least half the heading's own words (a single-word query only a
 *   heading of that one word: "Trotsky" names no section called "Trotsky's Lies", "Conclusion" does);
 * - and one heading does so best: two headings named alike ("Conclusion" in two works) name neither,
 *   and the ranking stands.
 * The section's first passage (a paragraph, quotation or list item, its translation pair's side)
 * then leads the hits, shown under its heading. When the best hit says every word of the query
 * itself, the query may be answered in so many words and the title only share them; the section
 * still leads when the query is the whole title (every word of it but its numbers: "Trotsky and
 * Terror", "Moscow Trials", as plain keyword search finds a title's own line), and not when it is a
 * question ("why restore capitalism" asks for a reason, which a passage saying those words may give).
 * A section's first passage that leads already is shown under its heading all the same.
 * A phrase in quotes names a section only as its heading says it; stop-word scans never name one.
 */
import type { Block } from '../corpus/model.ts';
import { parseQuery, typoDistance, type QueryWord } from './analyse/index.ts';
import { asksYesNo } from './polar-question.ts';
import { coversOf } from './word-covers.ts';

/** A term standing for a query word at least this closely is the word as typed (own forms, keys, typos), not a synonym. */
export const AS_TYPED = 0.7;
/** The share of a heading's words of substance a query must name. */
export const HEADING_SHARE = 0.5;
/** Words this long may be typed with one slip (Damerau) and still name the heading's word. */
const TYPO_LENGTH = 5;

export interface SectionHeading {
  heading: Block;
  /** The passage the section begins with. */
  opening: Block;
}

interface HeadingWords {
  section: SectionHeading;
  /** Each word of the heading's title proper, as its set of terms. */
  words: Set<string>[];
  /** Every word of the heading, label, numbers and brackets included. */
  extra: Set<string>[];
}
const NUMBER = /^\p{N}+$/u;
const LABEL = /^\s*(?:chapter|part|section|appendix)\s+(?:\d+|[ivxlc]+)\b[.:]?/iu;
const BRACKETED = /\([^)]*\)|\[[^\]]*\]/gu;

/** The headings' words, and by each term the headings that have it (a large library has thousands of headings; a query's terms name few). */
interface Headings {
  byTerm: Map<string, HeadingWords[]>;
}
const cache = new WeakMap<readonly SectionHeading[], Headings>();

/** A heading word's terms, a compound's parts' among them: "Face-To-Face" is named by "face to face". */
const termsOf = (w: QueryWord) => new Set([...w.terms, ...w.parts.flatMap((p) => p.terms)]);

function headingWords(sections: readonly SectionHeading[]): Headings {
  let out = cache.get(sections);
  if (!out) {
    const byTerm = new Map<string, HeadingWords[]>();
    for (const section of sections) {
      // A title's label ("Chapter 5."), its numbers ("of Summer 1937- Fall 1938") and what it adds in
      // brackets ("(January 12, 1935)") are seldom typed: they may be named, but are not words to name.
      const title = section.heading.plain.replace(LABEL, '').replace(BRACKETED, ' ');
      const words = parseQuery(title).words.filter((w) => !NUMBER.test(w.text)).map(termsOf);
      const extra = parseQuery(section.heading.plain).words.map(termsOf);
      const h = { section, words, extra };
      for (const term of new Set(extra.flatMap((w) => [...w]))) {
        const list = byTerm.get(term);
        if (list) list.push(h);
        else byTerm.set(term, [h]);
      }
    }
    cache.set(sections, (out = { byTerm }));
  }
  return out;
}

/** The terms standing for a query word as typed: its own, its forms and keys, and the expansions that cover it closely. */
function typedTerms(w: QueryWord): Set<string> {
  const out = new Set<string>();
  for (const [term, q] of coversOf(w)) if (q >= AS_TYPED) out.add(term);
  return out;
}

const slipOf = (a: string, b: string) => a.length >= TYPO_LENGTH && b.length >= TYPO_LENGTH && typoDistance(a, b, 1) <= 1;

function names(word: Set<string>, typed: Set<string>, stem: string | undefined): boolean {
  for (const t of word) if (typed.has(t) || (stem !== undefined && !t.startsWith('~') && slipOf(stem, t))) return true;
  return false;
}

/** The section the query's words name, if one does (see above), and whether they are its whole title; `words` are the query's, expanded. */
export function sectionNamed(words: readonly QueryWord[], sections: readonly SectionHeading[]): { section: SectionHeading; whole: boolean } | undefined {
  const heavy = words.filter((w) => !w.optional);
  if (heavy.length === 0) return undefined;
  const typed = heavy.map(typedTerms);
  const stems = heavy.map((w) => w.terms.find((t) => !t.startsWith('~')));
  // Only headings with a word the query types as such are read (most have none, and the slips cost).
  const { byTerm } = headingWords(sections);
  const read = new Set<HeadingWords>();
  for (const t of typed) for (const term of t) for (const h of byTerm.get(term) ?? []) read.add(h);
  let best: { section: SectionHeading; share: number } | undefined;
  let tie = false;
  for (const h of read) {
    if (h.words.length === 0 || (heavy.length === 1 && h.words.length !== 1)) continue;
    if (!typed.every((t, i) => h.extra.some((word) => names(word, t, stems[i])))) continue;
    const share = h.words.filter((word) => typed.some((t, i) => names(word, t, stems[i]))).length / h.words.length;
    if (share < HEADING_SHARE || (best && share < best.share)) continue;
    tie = best !== undefined && share === best.share;
    if (!tie) best = { section: h.section, share };
  }
  return best && !tie ? { section: best.section, whole: best.share === 1 } : undefined;
}

// A yes/no opening is polar-question.ts's; the question words that open the others, here.
const WH_OPENING = /^\s*(?:what|why|how|who|whom|whose|when|where|which)\b/u;
const isQuestion = (query: string) => asksYesNo(query) || WH_OPENING.test(query);

/**
 * Whether the named section leads the hits: `query` folded as typed, `bestSays` whether the best hit
 * says every word of the query itself (saysEveryWord).
 */
export const sectionLeads = (named: { whole: boolean }, query: string, bestSays: boolean): boolean => !bestSays || (named.whole && !isQuestion(query));

const OPENING_KINDS = new Set<Block['kind']>(['paragraph', 'quotation', 'list-item']);

/** Each heading of the corpus with the passage its section begins with (none for a heading followed by another, or by entries only). */
export function sectionOpenings(corpus: { works: readonly { blocks: readonly Block[] }[] }): SectionHeading[] {
  const out: SectionHeading[] = [];
  for (const w of corpus.works) {
    w.blocks.forEach((heading, at) => {
      if (heading.kind !== 'heading' || heading.suppressed) return;
      for (let i = at + 1; i < w.blocks.length; i++) {
        const b = w.blocks[i]!;
        if (b.kind === 'heading' || b.kind === 'bibliography') return;
        if (OPENING_KINDS.has(b.kind) && !b.suppressed) return void out.push({ heading, opening: b });
      }
    });
  }
  return out;
}

interface Listed<C extends { block: Block }> {
  folded: C[];
  after: Map<string, Block>;
}

/** The hits with the section's first passage leading them (moved up, or added when the search had not listed it), listed once. */
export function openSection<C extends { block: Block; score: number }>(listed: Listed<C>, section: SectionHeading & Omit<C, 'block' | 'score'>): Listed<C> {
  const { heading: _heading, opening, ...rest } = section;
  const was = listed.folded.find((c) => c.block === opening);
  const top = listed.folded[0]?.score ?? 1;
  const lead = { ...(was ?? rest), block: opening, score: Math.max(top, was?.score ?? 0) } as C;
  const after = new Map([...listed.after].filter(([, b]) => b !== opening));
  return { folded: [lead, ...listed.folded.filter((c) => c.block !== opening)], after };
}

/** Whether a passage (its term positions) says every word of the query as typed (own forms, keys, close expansions). */
export function saysEveryWord(words: readonly QueryWord[], at: ReadonlyMap<string, unknown>): boolean {
  return words.filter((w) => !w.optional).every((w) => [...typedTerms(w)].some((t) => at.has(t)));
}
