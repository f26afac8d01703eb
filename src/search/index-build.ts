/**
 * The minisearch index over passages: paragraphs, quotations with their attribution, list items,
 * footnotes, front-matter and page lines and bibliography entries (never headings, index cells or
 * garbled duplicates). Both
 * sides of a translation pair are indexed, so a pair is found from either language. The second
 * field holds what a passage is read under: its chapter and section titles, for a footnote the
 * passage it annotates, and for a quotation the paragraph that leads into it.
 */
import MiniSearch, { type Options } from 'minisearch';
import { authorLine, type Corpus } from '../corpus/corpus.ts';
import { counterpart } from '../corpus/counterpart.ts';
import type { Block } from '../corpus/model.ts';
import type { WorkBuild } from '../corpus/work.ts';
import { introducingSentence } from '../corpus/lead-in.ts';
import { analyseTerm, joinInitials, tokenize } from './analyse/index.ts';
import { phraseTerms } from './passage-phrases.ts';
import { abbreviationsOf } from './abbreviations.ts';
import { joinedSiglum } from './siglum.ts';
import type { IndexedPassage } from './lectern-index.ts';
import { authorVoice } from './speaker.ts';
import { foreignTitleTerms } from './note-glosses.ts';

export type { IndexedPassage } from './lectern-index.ts';

export const SEARCH_FIELDS = ['text', 'heading'] as const;

/** Joins a token and the phrase terms it carries (see indexTokens): no token holds it. */
const CARRY = '\u0001';
/**
 * Ends a passage's text and begins the terms its truncations stand for (abbreviations.ts), which
 * only the whole corpus can resolve: passageDocuments reads them, indexTokens carries them.
 */
const TRUNCATED = '\u0002';

/**
 * A field's tokens, its WordNet phrases ("_call off": passage-phrases.ts) among them as terms of their
 * own. They ride on a token the field has once: minisearch counts a field's length in distinct
 * tokens, and a token of their own would lengthen every passage that has a phrase, moving the
 * scores of queries that reach none. (A field whose every token repeats, which no passage of the
 * bundled corpus is, gives them one.)
 */
export function indexTokens(field: string): string[] {
  const [text = '', abbreviated = ''] = field.split(TRUNCATED);
  const tokens = tokenize(text);
  const phrases = [...phraseTerms(joinInitials(text)), ...abbreviated.split(CARRY).filter(Boolean).map((term) => ({ term }))];
  if (phrases.length === 0) return tokens;
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const once = tokens.findIndex((t) => counts.get(t) === 1);
  const carried = phrases.map((p) => CARRY + p.term).join('');
  if (once < 0) tokens.push(carried);
  else tokens[once] += carried;
  return tokens;
}

/** Options shared by building and loading: loadJSON needs exactly the same ones. */
export function miniSearchOptions(): Options<IndexedPassage> {
  return {
    idField: 'id',
    fields: [...SEARCH_FIELDS],
    storeFields: [],
    tokenize: indexTokens,
    processTerm: (token: string) => {
      const carried = token.indexOf(CARRY);
      if (carried >= 0) return [...analyseTerm(token.slice(0, carried)), ...token.slice(carried + 1).split(CARRY)];
      const terms = analyseTerm(token);
      return terms.length ? terms : null;
    },
    // Queries are analysed by the engine itself (phrases, prefixes, per-term fuzziness).
    searchOptions: { tokenize: (t: string) => [t], processTerm: (t: string) => t },
  };
}

/** The passages of `works` (all of the corpus's by default); footnotes read with what they annotate in `corpus`. */
export function passageDocuments(corpus: Corpus, works?: readonly WorkBuild[]): IndexedPassage[] {
  const docs: IndexedPassage[] = [];
  const abbreviations = abbreviationsOf(corpus, () => Array.from(corpus.passages(), (p) => p.block.plain));
  let voiceOf: WorkBuild | undefined;
  let voice = authorVoice();
  for (const { block, work } of corpus.passages(works)) {
    if (work !== voiceOf) [voiceOf, voice] = [work, authorVoice()];
    // A footnote is read with the passage it annotates ("This is the common acronym for …" is
    // about the POUM the text names): that passage's words count for the note as its title does.
    // A quotation likewise with the paragraph that leads into it ("… summarized by Victor Serge:"),
    // which names who speaks where the quotation does not (corpus/lead-in.ts).
    const annotated = block.kind === 'footnote' && block.refBlock ? annotatedText(corpus, block, block.refBlock) : lead(corpus, block);
    // The author's own "I found …" is read under the author's name (speaker.ts): "did Furr find …".
    const speaker = voice(block) ? authorLine(work.meta) : undefined;
    // A web address says the text is online ("where is the Biulleten' Oppozitsii online"), which
    // an entry or a note giving one ("At http://…") rarely says in the word.
    const online = WEB_ADDRESS.test(block.plain) ? 'online' : undefined;
    // A siglum of several words or with stops ("Sots. Vest.", "RKEB 2") is typed as one word too ("SotsVest").
    const siglum = block.kind === 'bibliography' ? joinedSiglum(corpus.entry(block.id)?.siglum) : undefined;
    // A note's or an entry's titles in Russian (transliterated) or French are read in English too
    // (note-glosses.ts): their English terms are carried as the truncations' are, the ones the block
    // does not spell itself.
    const truncated = abbreviations.terms(block.plain);
    const text = truncated.length ? block.plain + TRUNCATED + truncated.map((t) => t.term).join(CARRY) : block.plain;
    const glosses = block.kind === 'footnote' || block.kind === 'bibliography' ? glossesOf(block.plain) : [];
    docs.push({ id: block.id, text, heading: block.kind === 'front-matter' ? frontMatterHeading(block, work) : [block.locator.chapterTitle, block.locator.section, annotated, speaker, online, siglum].filter(Boolean).join(' ') + (glosses.length ? TRUNCATED + glosses.join(CARRY) : '') });
  }
  return docs;
}

/** The English terms of a note's or an entry's foreign titles that its own words do not give. */
function glossesOf(plain: string): string[] {
  const own = new Set(tokenize(plain).flatMap((t) => analyseTerm(t)));
  return foreignTitleTerms(plain).filter((t) => !own.has(t));
}

/**
 * What a note is read under: the passage it annotates, and where that passage is an original in
 * another language than the note's (a Russian quotation under an English note), its translation
 * beside it too, which the reply shows with it: a reader asks in the note's language ("which volume
 * of Lenin's works has his speech on Stalin's two commissariats"), which the original's words never meet.
 */
function annotatedText(corpus: Corpus, note: Block, refId: string): string | undefined {
  const ref = corpus.block(refId);
  if (!ref) return undefined;
  if (ref.lang === note.lang || ref.role === 'translation') return ref.plain;
  const other = counterpart(corpus, ref)?.ids.map((id) => corpus.block(id)).filter((b): b is Block => b !== undefined && b.lang === note.lang) ?? [];
  return [ref.plain, ...other.map((b) => b.plain)].join(' ');
}

const WEB_ADDRESS = /\bhttps?:\/\/|\bwww\.[a-z0-9-]+\./iu;

/** What a quotation is read under: the sentence that leads into it (corpus/lead-in.ts). */
function lead(corpus: Corpus, block: Block): string | undefined {
  // Only the quotation is read under its lead-in: the lead-in has its own words.
  const { lead: l, quotation } = corpus.unitOf(block);
  return l && quotation === block ? introducingSentence(l.plain) : undefined;
}

/**
 * A front-matter line is read under its work's title, as a passage under its chapter's: "ISBN:
 * 978-…" and "Published by …" are about the book the title names ("ISBN of Trotsky's Lies").
 * The copyright sign is read as its word, which the analysis (letters and digits) cannot see.
 */
function frontMatterHeading(block: Block, work: WorkBuild): string {
  return [work.meta.title, /©/u.test(block.plain) ? 'copyright' : ''].filter(Boolean).join(' ');
}

export function buildIndex(corpus: Corpus, works?: readonly WorkBuild[]): MiniSearch<IndexedPassage> {
  const ms = new MiniSearch<IndexedPassage>(miniSearchOptions());
  ms.addAll(passageDocuments(corpus, works));
  return ms;
}
