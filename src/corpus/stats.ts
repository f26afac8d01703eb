/** `lectern stats`: what each built work contains, as counts. */
import type { CorpusBuild, WorkBuild } from './work.ts';

export interface WorkStats {
  id: string;
  title: string;
  blocks: Record<string, number>;
  headings: { chapters: number; parts: number; sections: number };
  footnotes: { total: number; linked: number; linkedByMarker: number; unlinked: number; markersWithoutBody: number };
  bibliography: { entries: number; duplicates: number };
  citations: { total: number; resolved: number; notInBibliography: number; ambiguous: number };
  translationPairs: number;
  languages: Record<string, number>;
  pages: { withPage: number; printedOrIndexed: number };
  suppressed: number;
}

export function workStats(w: WorkBuild): WorkStats {
  const blocks: Record<string, number> = {};
  const languages: Record<string, number> = {};
  for (const b of w.blocks) {
    blocks[b.kind] = (blocks[b.kind] ?? 0) + 1;
    if (b.kind !== 'heading' && b.kind !== 'bibliography' && b.kind !== 'front-matter' && b.kind !== 'page-text') languages[b.lang] = (languages[b.lang] ?? 0) + 1;
  }
  const headings = w.blocks.filter((b) => b.kind === 'heading');
  const notes = w.blocks.filter((b) => b.kind === 'footnote');
  const linked = notes.filter((n) => n.refBlock);
  const byMarker = new Set(w.blocks.flatMap((b) => b.markers.filter((m) => !m.inferred && m.footnoteId).map((m) => m.footnoteId)));
  const passages = w.blocks.filter((b) => b.kind !== 'footnote' && b.kind !== 'bibliography' && b.kind !== 'heading' && b.kind !== 'front-matter' && b.kind !== 'page-text');
  return {
    id: w.meta.id,
    title: w.meta.title,
    blocks,
    headings: {
      chapters: headings.filter((h) => h.level === 1 && h.locator.chapter !== undefined).length,
      parts: headings.filter((h) => h.level === 1 && h.locator.chapter === undefined).length,
      sections: headings.filter((h) => h.level === 2).length,
    },
    footnotes: {
      total: notes.length,
      linked: linked.length,
      linkedByMarker: notes.filter((n) => byMarker.has(n.id)).length,
      unlinked: notes.length - linked.length,
      markersWithoutBody: w.unlinked.markers.length,
    },
    bibliography: { entries: w.bibliography.length, duplicates: w.bibliography.filter((e) => e.duplicateOf).length },
    citations: {
      total: w.citations.length,
      resolved: w.citations.filter((c) => c.status === 'resolved').length,
      notInBibliography: w.citations.filter((c) => c.status === 'not-in-bibliography').length,
      ambiguous: w.citations.filter((c) => c.status === 'ambiguous').length,
    },
    translationPairs: w.pairs.length,
    languages,
    pages: {
      withPage: passages.filter((b) => b.locator.page !== undefined).length,
      printedOrIndexed: passages.filter((b) => b.locator.page !== undefined && b.locator.pageBasis !== 'estimated').length,
    },
    suppressed: w.blocks.filter((b) => b.suppressed).length,
  };
}

export function formatStats(s: WorkStats): string {
  const kv = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  return [
    `${s.id} — ${s.title}`,
    `  blocks: ${kv(s.blocks)}`,
    `  headings: ${s.headings.chapters} chapters, ${s.headings.parts} parts, ${s.headings.sections} sections`,
    `  footnotes: ${s.footnotes.total} (${s.footnotes.linked} linked, ${s.footnotes.linkedByMarker} by a printed marker; ${s.footnotes.unlinked} unlinked; ${s.footnotes.markersWithoutBody} markers without a body)`,
    `  bibliography: ${s.bibliography.entries} entries (${s.bibliography.duplicates} duplicates)`,
    `  citations: ${s.citations.total} (${s.citations.resolved} resolved, ${s.citations.notInBibliography} not in the bibliography, ${s.citations.ambiguous} ambiguous)`,
    `  translation pairs: ${s.translationPairs}`,
    `  languages: ${kv(s.languages)}`,
    `  pages: ${s.pages.withPage} passages with a page (${s.pages.printedOrIndexed} from printed pages, contents or index)`,
    `  garbled duplicates kept out of results: ${s.suppressed}`,
  ].join('\n');
}

export const corpusStats = (b: Pick<CorpusBuild, 'works'>) => b.works.map(workStats);
