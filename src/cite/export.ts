/**
 * Exports for reference managers. The exported title is the one Lectern shows, gloss included
 * ("Тайны Кремля [Tainy Kremlia; Secrets of the Kremlin]"), Cyrillic kept as Unicode; an inferred
 * year is exported as the year with a note saying so, since BibTeX and RIS have no way to mark it.
 */
import { createRequire } from 'node:module';
import type { plugins as CitationPlugins } from '@citation-js/core';
import { UserError } from '../errors.ts';
import { bibtexKeys } from './bibtex-key.ts';
import { checkRecord, mainTitle, titleGloss, toCsl, type BibRecord, type CslItem } from './record.ts';

import { EXPORT_FORMATS, type ExportFormat } from './ids.ts';

export { EXPORT_FORMATS, type ExportFormat };

const require = createRequire(import.meta.url);
/**
 * The BibTeX and RIS plugins register themselves with citation-js when loaded; loading them costs
 * a quarter of a second, so it happens on the first export (they are CommonJS, so synchronously).
 */
function exportPlugins(): typeof CitationPlugins {
  const { plugins } = require('@citation-js/core') as { plugins: typeof CitationPlugins };
  require('@citation-js/plugin-bibtex');
  require('@citation-js/plugin-ris');
  return plugins;
}

export const INFERRED_DATE_NOTE = 'Year not stated in the source; inferred.';

function parseExportFormat(value: unknown): ExportFormat {
  const normalized = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if ((EXPORT_FORMATS as readonly unknown[]).includes(normalized)) return normalized as ExportFormat;
  throw new UserError(
    'cite.unknown-format',
    `Unknown export format "${String(value)}". Valid formats: ${EXPORT_FORMATS.join(', ')}.`,
    { value, valid: [...EXPORT_FORMATS] },
  );
}

function exportItem(record: BibRecord, key: string): CslItem {
  const item = toCsl(record);
  const title = mainTitle(record);
  const gloss = titleGloss(record);
  if (title) item.title = gloss ? `${title} [${gloss}]` : title;
  if (record.issued?.inferred) item.note = [item.note, INFERRED_DATE_NOTE].filter(Boolean).join(' ');
  item['citation-key'] = key;
  return item;
}

/**
 * BibTeX has no fields for a talk's meeting or venue and plugin-bibtex drops both: the venue goes to
 * `address` (which @misc accepts) and the meeting opens the note.
 */
function bibtexItem(record: BibRecord, item: CslItem): CslItem {
  if (record.type !== 'speech') return item;
  const out: CslItem = { ...item };
  if (item['event-place']) out['publisher-place'] = item['event-place'];
  if (item.event) out.note = [`${item.event}.`, item.note].filter(Boolean).join(' ');
  return out;
}

/**
 * plugin-bibtex's default turns every non-ASCII character into a LaTeX command and drops those it
 * has none for (all of Cyrillic). The setting is global, so it is switched off for this call only.
 */
function bibtex(items: CslItem[]): string {
  const plugins = exportPlugins();
  const config = plugins.config.get('@bibtex').format;
  const before = config.asciiOnly;
  config.asciiOnly = false;
  try {
    return String(plugins.output.format('bibtex', items, { format: 'text' }));
  } finally {
    config.asciiOnly = before;
  }
}

type RisEntry = Record<string, string | string[] | undefined>;

/**
 * plugin-ris's text output folds every line at 70 characters, mid-word, which importers read as a
 * broken value, and cuts IDs to 20 characters, which can make two equal. Its entries are therefore
 * written out here, one tag per line, with the BibTeX key as ID (importers keep it whole). A talk
 * has no RIS type of its own: it goes out as Zotero writes a presentation (SLIDE, meeting in T2,
 * place in CY), since plugin-ris would call it a sound recording and drop the meeting and place.
 */
function ris(records: BibRecord[], items: CslItem[], keys: string[]): string {
  const plugins = exportPlugins();
  const entries = plugins.output.format('ris', items, { format: 'object' }) as RisEntry[];
  const oneLine = (v: string) => v.replace(/\s*\n\s*/g, ' ').trim();
  return entries
    .map((entry, i) => {
      const record = records[i]!;
      const tags: RisEntry = { ...entry };
      delete tags.TY;
      delete tags.ID;
      let type = String(entry.TY ?? 'GEN');
      if (record.type === 'speech') {
        type = 'SLIDE';
        if (record.event) tags.T2 = record.event;
        if (record.place) tags.CY = record.place;
      }
      const lines = [`TY  - ${type}`, `ID  - ${keys[i]}`];
      for (const [tag, value] of Object.entries(tags)) {
        for (const v of ([] as (string | undefined)[]).concat(value)) {
          if (v !== undefined && oneLine(String(v))) lines.push(`${tag}  - ${oneLine(String(v))}`);
        }
      }
      lines.push('ER  - ');
      return lines.join('\n');
    })
    .map((entry) => `${entry}\n`)
    .join('\n');
}

/** BibTeX, RIS or CSL-JSON text for the records, in their order. */
export function exportRecords(records: BibRecord[], format: ExportFormat): string {
  const target = parseExportFormat(format);
  if (!Array.isArray(records)) {
    throw new UserError('cite.invalid-record', 'Nothing to export: expected a list of references.');
  }
  records.forEach((r) => checkRecord(r));
  const keys = bibtexKeys(records);
  const items = records.map((r, i) => exportItem(r, keys[i]!));
  switch (target) {
    case 'csl-json':
      return `${JSON.stringify(items, null, 2)}\n`;
    case 'bibtex':
      return bibtex(items.map((item, i) => bibtexItem(records[i]!, item)));
    case 'ris':
      return ris(records, items, keys);
  }
}
