/**
 * Runs in the library's worker when group libraries live in PostgreSQL: a work's passages as the
 * rows of `library_passages` — each passage's analysed terms with their frequency per field, and
 * its field lengths — read out of the same minisearch index the memory backend builds, so both
 * backends score the very same numbers. One JSON line per passage after a header line.
 */
import type MiniSearch from 'minisearch';
import { Corpus } from '../corpus/corpus.ts';
import type { WorkBuild } from '../corpus/work.ts';
import { buildIndex } from '../search/index-build.ts';
import type { IndexedPassage } from '../search/lectern-index.ts';
import { TEXT_FIELD } from '../search/pg-source.ts';

/**
 * Version 2: an author's first-person passages carry the author's name in their second field (speaker.ts).
 * Version 3: a quotation carries the paragraph that leads into it there (corpus/lead-in.ts).
 */
export const PASSAGE_ROWS_FORMAT = { format: 'lectern.pg-passages', version: 3 } as const;

/** One passage: its block id, field lengths [text, heading], and [term, tf in text, tf in heading]. */
export interface PassageRow {
  id: string;
  lengths: [number, number];
  terms: [string, number, number][];
}

interface Internals {
  _index: Iterable<[string, Map<number, Map<number, number>>]>;
  _documentIds: Map<number, string>;
  _fieldLength: Map<number, number[]>;
}

export function passageRows(index: MiniSearch<IndexedPassage>): PassageRow[] {
  const ms = index as unknown as Internals;
  const rows = new Map<number, PassageRow>();
  for (const [doc, id] of ms._documentIds) {
    const lengths = ms._fieldLength.get(doc) ?? [];
    rows.set(doc, { id: String(id), lengths: [lengths[0] ?? 0, lengths[1] ?? 0], terms: [] });
  }
  const byDoc = new Map<number, Map<string, [number, number]>>();
  for (const [term, fields] of ms._index) {
    for (const [field, freqs] of fields) {
      for (const [doc, tf] of freqs) {
        let terms = byDoc.get(doc);
        if (!terms) byDoc.set(doc, (terms = new Map()));
        const t = terms.get(term) ?? [0, 0];
        t[field === TEXT_FIELD ? 0 : 1] += tf;
        terms.set(term, t);
      }
    }
  }
  for (const [doc, terms] of byDoc) {
    const row = rows.get(doc);
    if (row) row.terms = [...terms].map(([term, [text, heading]]) => [term, text, heading]);
  }
  return [...rows.values()];
}

export function serializeCorpusIndex(works: WorkBuild[], inputs: string): string[] {
  const rows = passageRows(buildIndex(new Corpus({ works })));
  return [JSON.stringify({ ...PASSAGE_ROWS_FORMAT, inputs }), ...rows.map((r) => JSON.stringify(r))];
}

/** The rows of a serialised work, when they are of this format and for these inputs. */
export function parsePassageRows(lines: readonly string[], inputs: string): PassageRow[] | undefined {
  try {
    const head = JSON.parse(lines[0] ?? '') as { format?: unknown; version?: unknown; inputs?: unknown };
    if (head.format !== PASSAGE_ROWS_FORMAT.format || head.version !== PASSAGE_ROWS_FORMAT.version || head.inputs !== inputs) return undefined;
    return lines.slice(1).map((l) => JSON.parse(l) as PassageRow);
  } catch {
    return undefined;
  }
}
