/**
 * A thread's bibliography: each work or entry once, de-duplicated to the bibliography entry (a work
 * quoted from the library and the same book cited through another work's bibliography are one
 * item), formatted in the group's style and sorted as that style sorts. An item the style needs a
 * field for that the source does not give says so instead of Lectern inventing it.
 */
import type { CitationStyleId } from '../dispatch/types.ts';
import type { Citer, ExportFormat } from '../services.ts';
import type { SourceItem } from './collect.ts';

const fold = (s: unknown) =>
  String(s ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Same first author's family name and same title, whatever record it came from: the same work. */
function identity(cite: Pick<Citer, 'csl'>, item: SourceItem): string {
  const csl = cite.csl(item) as { author?: { family?: string; literal?: string }[]; editor?: { family?: string }[]; title?: string };
  const who = csl.author?.[0]?.family ?? csl.author?.[0]?.literal ?? csl.editor?.[0]?.family ?? '';
  return `${fold(who)}|${fold(csl.title)}`;
}

export function uniqueSources(cite: Pick<Citer, 'csl'>, sources: SourceItem[]): SourceItem[] {
  const byIdentity = new Map<string, SourceItem>();
  for (const s of sources) {
    const id = identity(cite, s);
    const known = byIdentity.get(id);
    // The library's own work carries more of its metadata than a bibliography's line about it.
    if (!known || (known.entry && !s.entry)) byIdentity.set(id, s);
  }
  return [...byIdentity.values()];
}

/** What the style would need that the source does not give, in words. */
function gaps(cite: Pick<Citer, 'csl'>, item: SourceItem): string[] {
  const csl = cite.csl(item) as { author?: unknown[]; editor?: unknown[]; issued?: unknown; title?: unknown };
  const out: string[] = [];
  if (!csl.author?.length && !csl.editor?.length) out.push('no author or editor');
  if (!csl.issued) out.push('no date');
  if (!csl.title) out.push('no title');
  return out;
}

export interface BibliographyLine {
  text: string;
  source: SourceItem;
}

export function bibliographyLines(cite: Citer, sources: SourceItem[], style: CitationStyleId): BibliographyLine[] {
  const unique = uniqueSources(cite, sources);
  return cite.bibliography(unique, style).map(({ index, text }) => {
    const source = unique[index]!;
    const missing = gaps(cite, source);
    return { source, text: missing.length ? `${text} [The source gives ${missing.join(', ')}; Lectern adds none.]` : text };
  });
}

export const EXPORTS: Record<ExportFormat, { extension: string; mediaType: string }> = {
  bibtex: { extension: 'bib', mediaType: 'application/x-bibtex' },
  ris: { extension: 'ris', mediaType: 'application/x-research-info-systems' },
  'csl-json': { extension: 'json', mediaType: 'application/vnd.citationstyles.csl+json' },
};

export function exportSources(cite: Citer, sources: SourceItem[], format: ExportFormat): string {
  return cite.export(uniqueSources(cite, sources), format);
}
