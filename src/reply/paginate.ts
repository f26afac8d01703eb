/**
 * The pager: one reply in, pages out, each within the platform's Budget (see measure.ts for what
 * counts). Sections are first cut into chunks that each fit a page on their own — text at
 * paragraph, sentence, then word boundaries; side-by-side columns cut in step so page k of the
 * original faces page k of the translation — and the chunks are then packed onto pages in order.
 * Nothing is dropped: only titles and labels, which cannot be paged, are shortened with "…".
 */
import type { Budget } from './budget.ts';
import { codeFence, footnoteSize, sectionFields, sectionSize } from './measure.ts';
import type { Action, ColumnsView, FootnoteView, PassageView, Reply, Section } from './model.ts';
import { splitAligned, splitLines, splitText, truncate } from './split.ts';

/** `target` of the next/previous actions the pager adds; `options[0]` is the page index they lead to. */
export const PAGE_TARGET = 'page';
/** Room kept in every title for " (part 999 of 999)". */
const PART_SUFFIX_RESERVE = ' (part 999 of 999)'.length;
const CONTINUED = ' (cont.)';

export const pagerAction = (kind: 'next' | 'previous', pageIndex: number): Action => ({
  kind,
  label: kind === 'next' ? 'Next page' : 'Previous page',
  target: PAGE_TARGET,
  options: [String(pageIndex)],
});

export const isPagerAction = (a: Action): boolean => (a.kind === 'next' || a.kind === 'previous') && a.target === PAGE_TARGET;

export const partTitle = (title: string, index: number, count: number): string =>
  count > 1 ? `${title} (part ${index + 1} of ${count})` : title;

interface Chunk {
  section: Section;
  /** Which section of the reply it came from: adjacent field chunks of one section share a page section. */
  origin: number;
}

const positive = (n: number) => Math.max(2, Math.floor(n));

function textChunks(text: string, limit: number, lang: string): string[] {
  return text.length <= limit ? [text] : splitText(text, positive(limit), lang);
}

function passageChunks(p: PassageView, budget: Budget, cap: number): Section[] {
  const citation = truncate(p.citation, budget.maxField);
  const locatorLabel = truncate(p.locatorLabel, budget.maxFieldName);
  const snippet = p.snippet === undefined ? undefined : truncate(p.snippet, Math.min(budget.maxBody, Math.floor(cap / 3)));
  const meta = citation.length + locatorLabel.length + (snippet?.length ?? 0);
  const base = { ...p, citation, locatorLabel };
  const make = (text: string, footnotes: FootnoteView[], first: boolean): Section => {
    const passage: PassageView = { ...base, text, footnotes };
    if (first && snippet !== undefined) passage.snippet = snippet;
    else delete passage.snippet;
    return { kind: 'passage', passage };
  };

  // Footnotes over a field's length continue under the same marker.
  const noteRoom = positive(Math.min(budget.maxField, budget.maxBody, cap - meta) - 1);
  const notes: FootnoteView[] = p.footnotes.flatMap((f) => {
    const marker = truncate(f.marker, Math.max(1, Math.floor(noteRoom / 4)));
    const room = positive(noteRoom - marker.length - CONTINUED.length);
    return textChunks(f.text, room, p.lang).map((text, i) => ({ marker: i === 0 ? marker : `${marker}${CONTINUED}`, text }));
  });

  const pieces = p.text === '' ? [''] : textChunks(p.text, Math.min(budget.maxBody, cap - meta), p.lang);
  const sections = pieces.map((t, i) => make(t, [], i === 0));
  // Footnotes go with the last piece while they fit, then on passage continuations of their own.
  let target = sections.length - 1;
  let body = pieces[target]?.length ?? 0;
  let size = meta + body;
  let count = 0;
  for (const note of notes) {
    const n = footnoteSize(note);
    if (body + n > budget.maxBody || size + n > cap || count + 1 > budget.maxFields) {
      sections.push(make('', [], false));
      target = sections.length - 1;
      body = 0;
      size = citation.length + locatorLabel.length;
      count = 0;
    }
    const s = sections[target];
    if (s?.kind === 'passage') s.passage.footnotes.push(note);
    body += n;
    size += n;
    count++;
  }
  return sections;
}

function columnsChunks(c: ColumnsView, budget: Budget, cap: number): Section[] {
  const side = <T extends ColumnsView['original']>(s: T): T => ({
    ...s,
    label: truncate(s.label, budget.maxFieldName),
    locatorLabel: truncate(s.locatorLabel, budget.maxFieldName),
  });
  const original = side(c.original);
  const translation = side(c.translation);
  const note = truncate(c.note, budget.maxField);
  const meta = original.label.length + original.locatorLabel.length + translation.label.length + translation.locatorLabel.length + note.length;
  const room = positive(Math.min(budget.maxField, (cap - meta) / 2));
  const slices =
    c.original.text.length <= room && c.translation.text.length <= room
      ? [[c.original.text, c.translation.text] as const]
      : splitAligned(c.original.text, c.translation.text, room, room, c.original.lang, c.translation.lang);
  return slices.map(([o, t]) => ({
    kind: 'columns',
    columns: { ...c, note, original: { ...original, text: o }, translation: { ...translation, text: t } },
  }));
}

function fieldChunks(fields: { name: string; value: string }[], budget: Budget, cap: number): Section[] {
  return fields.flatMap((f) => {
    const name = truncate(f.name, budget.maxFieldName);
    const more = truncate(`${f.name}${CONTINUED}`, budget.maxFieldName);
    const values = textChunks(f.value, Math.min(budget.maxField, cap - Math.max(name.length, more.length)), 'en');
    return values.map((value, i): Section => ({ kind: 'fields', fields: [{ name: i === 0 ? name : more, value }] }));
  });
}

function chunksOf(section: Section, budget: Budget, cap: number): Section[] {
  switch (section.kind) {
    case 'text':
      return textChunks(section.text, Math.min(budget.maxBody, cap), 'en').map((text) => ({ kind: 'text', text }));
    case 'code': {
      const room = Math.min(budget.maxBody, cap) - codeFence(section.lang);
      const pieces = splitLines(section.text, positive(room));
      return pieces.map((text) => ({ ...section, text }));
    }
    case 'passage':
      return passageChunks(section.passage, budget, cap);
    case 'columns':
      return columnsChunks(section.columns, budget, cap);
    case 'fields':
      return fieldChunks(section.fields, budget, cap);
  }
}

/** Packs chunks onto pages in order, merging adjacent field chunks of one section. */
function pack(chunks: Chunk[], budget: Budget, cap: number): Section[][] {
  const pages: Section[][] = [];
  let page: Section[] = [];
  let size = 0;
  let fields = 0;
  let lastOrigin = -1;
  const columnOrigins = new Set<number>();
  for (const chunk of chunks) {
    const s = chunk.section;
    const last = page[page.length - 1];
    const merges = s.kind === 'fields' && last?.kind === 'fields' && lastOrigin === chunk.origin;
    const sections = page.length + (merges ? 0 : 1);
    const full =
      page.length > 0 &&
      (size + sectionSize(s) > cap ||
        fields + sectionFields(s) > budget.maxFields ||
        (budget.maxSections !== undefined && sections > budget.maxSections) ||
        // Slices of one long pair go one to a page, so page k of the original faces page k of the translation.
        (s.kind === 'columns' && columnOrigins.has(chunk.origin)));
    if (full) {
      pages.push(page);
      page = [];
      size = 0;
      fields = 0;
      columnOrigins.clear();
    }
    if (s.kind === 'columns') columnOrigins.add(chunk.origin);
    const tail = page[page.length - 1];
    if (s.kind === 'fields' && tail?.kind === 'fields' && lastOrigin === chunk.origin) tail.fields.push(...s.fields);
    else page.push(s.kind === 'fields' ? { kind: 'fields', fields: [...s.fields] } : s);
    size += sectionSize(s);
    fields += sectionFields(s);
    lastOrigin = chunk.origin;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}

function pageActions(actions: Action[], index: number, count: number): Action[] {
  const own = actions.filter((a) => !isPagerAction(a));
  if (count <= 1) return own;
  // The reply's own next/previous (more results) apply past its last page and before its first.
  const kept = own.filter((a) => !(a.kind === 'next' && index < count - 1) && !(a.kind === 'previous' && index > 0));
  const paging: Action[] = [];
  if (index > 0) paging.push(pagerAction('previous', index - 1));
  if (index < count - 1) paging.push(pagerAction('next', index + 1));
  return [...kept, ...paging];
}

export function paginate(reply: Reply, budget: Budget): Reply[] {
  const titleCost = Math.min(budget.maxTitle, reply.title.length + PART_SUFFIX_RESERVE);
  const cap = budget.maxTotal - titleCost;
  const chunks: Chunk[] = reply.sections.flatMap((section, origin) => chunksOf(section, budget, cap).map((s) => ({ section: s, origin })));
  const pages = pack(chunks, budget, cap);
  const count = pages.length;
  const title = count > 1 ? truncate(reply.title, budget.maxTitle - PART_SUFFIX_RESERVE) : truncate(reply.title, budget.maxTitle);
  return pages.map((sections, index) => ({
    ...reply,
    title: partTitle(title, index, count),
    sections,
    actions: pageActions(reply.actions, index, count),
    page: { index, count },
  }));
}
