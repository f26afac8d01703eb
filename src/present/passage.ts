/** From the document model to the neutral reply's passage and column views. */
import type { CitationStyleId } from '../dispatch/types.ts';
import type { Citer } from '../services.ts';
import type { Corpus } from '../corpus/corpus.ts';
import type { Block, TranslationPair } from '../corpus/model.ts';
import type { WorkBuild } from '../corpus/work.ts';
import type { ColumnsView, FootnoteView, PassageSide, PassageView } from '../reply/model.ts';
import { authorLine } from '../corpus/corpus.ts';
import { languageName, locatorLabel } from './locator.ts';
import { CONFIDENT } from '../corpus/ingest/pair-evidence.ts';
import { counterpart } from '../corpus/counterpart.ts';
import { citedInLine, citedInName } from './cited-in.ts';

export function footnoteViews(corpus: Corpus, block: Block): FootnoteView[] {
  return block.markers
    .filter((m) => m.footnoteId)
    .map((m) => {
      const note = corpus.block(m.footnoteId!)!;
      return { id: note.id, marker: m.inferred ? `${m.number} (marker not printed)` : m.raw || String(m.number), text: note.text };
    });
}

function side(corpus: Corpus, work: WorkBuild, ids: string[]): PassageSide & { ids: string[] } {
  const blocks = ids.map((id) => corpus.block(id)!).filter(Boolean);
  const first = blocks[0]!;
  const last = blocks.length > 1 ? blocks[blocks.length - 1]!.locator : undefined;
  return {
    ids,
    text: blocks.map((b) => b.text).join('\n\n'),
    lang: first.lang === 'und' ? (blocks.find((b) => b.lang !== 'und')?.lang ?? 'und') : first.lang,
    locator: first.locator,
    locatorLabel: locatorLabel(first.locator, work.meta, { through: last }),
  };
}

export function passageView(
  corpus: Corpus,
  cite: Citer,
  block: Block,
  work: WorkBuild,
  style: CitationStyleId,
  extra: { snippet?: string; score?: number; unit?: boolean; after?: Block; heading?: Block } = {},
): PassageView {
  // A search hit is shown as the reader meets it: a quotation after the paragraph that leads into
  // it, and a lead-in with its quotation (corpus/lead-in.ts), one passage under the lead-in's locator.
  const unit = extra.unit ? corpus.unitOf(block) : undefined;
  if (unit && unit.head !== block) return passageView(corpus, cite, unit.head, work, style, extra);
  // A footnote found by a search is shown where the reader meets it: under the passage it
  // annotates, itself first among that passage's notes.
  const annotated = corpus.annotatedBy(block);
  if (annotated) {
    const view = passageView(corpus, cite, annotated, work, style, extra);
    // (The view's notes are the passage's, and a lead-in's with its quotation's: see `unit`.)
    const own = view.footnotes;
    const mine = own.findIndex((f) => f.id === block.id);
    const first = mine >= 0 ? own.splice(mine, 1)[0]! : { marker: block.number != null ? String(block.number) : '*', text: block.text };
    view.footnotes = [first, ...own];
    return view;
  }
  if (block.kind === 'bibliography') return entryView(corpus, cite, block, work, style, extra);
  // Here the block heads its unit (a footnote is in none): the quotation, if any, comes after it,
  // and for a question the passage after them (or after a pair's sides) that answers it
  // (search/answer-after.ts); the passage is cited through the last.
  const following = [unit?.quotation, extra.after].filter((b) => b !== undefined);
  const quoted = following[following.length - 1];
  const view: PassageView = {
    id: block.id,
    work: { id: work.meta.id, title: work.meta.title, author: authorLine(work.meta) },
    text: block.text,
    lang: block.lang,
    locator: block.locator,
    // Shown with its quotation, the passage is cited through it ("¶¶ 16–17").
    locatorLabel: locatorLabel(block.locator, work.meta, { through: quoted?.locator }),
    citation: cite.passage(block, work, style, quoted),
    footnotes: footnoteViews(corpus, block),
    ...(extra.snippet !== undefined ? { snippet: extra.snippet } : {}),
    ...(extra.score !== undefined ? { score: extra.score } : {}),
  };
  for (const b of following) {
    view.text = `${view.text}\n\n${b.text}`;
    view.footnotes.push(...footnoteViews(corpus, b));
  }
  // A section the query named begins here: its heading is shown above it as the source prints it.
  if (extra.heading) view.text = `${extra.heading.text}\n\n${view.text}`;
  const other = counterpart(corpus, block);
  if (other && other.ids.length) view.translation = side(corpus, work, other.ids);
  return view;
}

/**
 * A bibliography entry found by a search: the entry as the bibliography writes it, under its work's
 * Bibliography, cited as the reference it is (what /source formats), with the passages citing it
 * named below it as a note (the /source answer's "Cited in" line).
 */
function entryView(corpus: Corpus, cite: Citer, block: Block, work: WorkBuild, style: CitationStyleId, extra: { snippet?: string; score?: number }): PassageView {
  const entry = corpus.entry(block.id);
  const cited = entry ? corpus.citingBlocks(entry.id) : [];
  return {
    id: block.id,
    work: { id: work.meta.id, title: work.meta.title, author: authorLine(work.meta) },
    text: block.text,
    lang: block.lang,
    locator: block.locator,
    locatorLabel: locatorLabel(block.locator, work.meta),
    citation: entry ? cite.entry(entry, style) : cite.passage(block, work, style),
    footnotes: cited.length ? [{ marker: citedInName(cited.length), text: citedInLine(corpus, cited, work) }] : [],
    ...(extra.snippet !== undefined ? { snippet: extra.snippet } : {}),
    ...(extra.score !== undefined ? { score: extra.score } : {}),
  };
}

export const TRANSLATION_NOTE = 'The translation is the one the source itself gives; Lectern does not translate.';
export const UNCERTAIN_SEGMENT_NOTE =
  'Uncertain: Lectern could not confirm that these two parts match (the lengths, names or numbers disagree); the right side is the nearest candidate from the source. Lectern does not translate.';
export const MISSING_SIDE_NOTE = 'The source gives no counterpart for this part; Lectern does not translate.';

/** One aligned segment of a pair as two columns; `confidence` below CONFIDENT marks the right side as an uncertain candidate. */
export function columnsView(corpus: Corpus, work: WorkBuild, pair: TranslationPair, segment: [string[], string[]], confidence?: number): ColumnsView {
  const original = segment[0].length ? side(corpus, work, segment[0]) : emptySide(corpus, work, pair.original);
  const translation = segment[1].length ? side(corpus, work, segment[1]) : emptySide(corpus, work, pair.translation);
  const missing = segment[0].length === 0 || segment[1].length === 0;
  const uncertain = !missing && confidence !== undefined && confidence < CONFIDENT;
  return {
    pairId: pair.id,
    work: { id: work.meta.id, title: work.meta.title },
    original: { ...original, label: `Original (${languageName(original.lang)})` },
    translation: { ...translation, label: uncertain ? `Nearest candidate, uncertain (${languageName(translation.lang)})` : `${pair.label} (${languageName(translation.lang)})` },
    note: missing ? MISSING_SIDE_NOTE : uncertain ? UNCERTAIN_SEGMENT_NOTE : TRANSLATION_NOTE,
  };
}

/** A side the alignment left empty (a sentence one side does not carry): shown as a dash. */
function emptySide(corpus: Corpus, work: WorkBuild, ids: string[]): PassageSide & { ids: string[] } {
  return { ...side(corpus, work, ids.slice(0, 1)), ids: [], text: '—' };
}
