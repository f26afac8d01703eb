/**
 * A thread's notes as one Markdown document: the passages Lectern quoted, verbatim and in order,
 * each with its full citation and locator, its footnotes (as Markdown footnotes), the source's
 * translation where the thread was shown one, who asked (display name) and when; then the
 * translations shown on their own, then the bibliography.
 */
import type { CitationStyleId } from '../dispatch/types.ts';
import type { Corpus } from '../corpus/corpus.ts';
import type { Block } from '../corpus/model.ts';
import type { Citer } from '../services.ts';
import { locatorLabel } from '../present/locator.ts';
import type { BibliographyLine } from './bibliography.ts';
import type { CollectedNotes } from './collect.ts';

/** Block quotes keep the passage's own line breaks. */
const quoteLines = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`.trimEnd())
    .join('\n');

const when = (at: number) => new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** A person's name as plain text: no Markdown, no @, so no renderer turns it into a mention. */
const plainName = (name: string) => name.replace(/[@<>*_`[\]\\]/gu, '').trim() || 'someone';

export interface NotesDocument {
  title: string;
  style: CitationStyleId;
}

function passageSection(corpus: Corpus, cite: Citer, style: CitationStyleId, p: CollectedNotes['passages'][number], n: number, footnotes: string[]): string {
  const lines = [`## ${n}. ${locatorLabel(p.block.locator, p.work.meta)}`, '', quoteLines(p.block.text)];
  const notes = corpus.footnotesOf(p.block);
  if (notes.length) {
    const marks = notes.map((note) => {
      footnotes.push(`[^${footnotes.length + 1}]: ${note.text.replace(/\s*\n\s*/gu, ' ')}`);
      return `[^${footnotes.length}]`;
    });
    lines.push('', `Footnotes: ${marks.join(' ')}`);
  }
  if (p.translation?.length) lines.push('', `Translation given by the source (${locatorLabel(p.translation[0]!.locator, p.work.meta)}):`, '', quoteLines(p.translation.map((b) => b.text).join('\n\n')));
  lines.push('', `Citation: ${cite.passage(p.block, p.work, style)}`, `Passage ${p.block.id}; asked for by ${plainName(p.by)}, ${when(p.at)}.`);
  return lines.join('\n');
}

function translationSection(t: CollectedNotes['translations'][number], n: number, cite: Citer, style: CitationStyleId): string {
  const side = (blocks: Block[]) => quoteLines(blocks.map((b) => b.text).join('\n\n'));
  return [
    `## ${n}. ${locatorLabel(t.original[0]!.locator, t.work.meta)} (original and translation)`,
    '',
    side(t.original),
    '',
    t.translation.length ? 'Translation given by the source:' : 'The source gives no translation for this part.',
    ...(t.translation.length ? ['', side(t.translation)] : []),
    '',
    `Citation: ${cite.passage(t.original[0]!, t.work, style)}`,
    `Pair ${t.pairId}; asked for by ${plainName(t.by)}, ${when(t.at)}.`,
  ].join('\n');
}

export function notesMarkdown(corpus: Corpus, cite: Citer, collected: CollectedNotes, bibliography: BibliographyLine[], doc: NotesDocument): string {
  const footnotes: string[] = [];
  const parts = [`# Notes: ${doc.title}`, '', `Passages Lectern quoted in this thread, in order, with their citations (${doc.style}).`];
  collected.passages.forEach((p, k) => parts.push('', passageSection(corpus, cite, doc.style, p, k + 1, footnotes)));
  collected.translations.forEach((t, k) => parts.push('', translationSection(t, collected.passages.length + k + 1, cite, doc.style)));
  if (collected.missing) parts.push('', `(${collected.missing} item${collected.missing === 1 ? ' is' : 's are'} no longer in this group's library and left out.)`);
  parts.push('', '## Bibliography', '', ...bibliography.map((b) => `- ${b.text}`));
  if (footnotes.length) parts.push('', ...footnotes);
  return `${parts.join('\n')}\n`;
}
