/**
 * An extracted file through the bundled texts' ingestion pipeline, then two things only the
 * extractor knows: on which page each passage stands (the pipeline places passages between page
 * starts by estimate; a PDF says exactly) and which languages the work is in.
 */
import { ingestText } from '../corpus/ingest/work.ts';
import type { ManifestWork } from '../corpus/manifest.ts';
import { LANGS, type Lang } from '../corpus/model.ts';
import { WorkBuild } from '../corpus/work.ts';
import { PASSAGE_KINDS } from '../corpus/corpus.ts';
import { DataError } from '../errors.ts';
import { libraryErrors } from './errors.ts';
import type { Extracted, PageStart } from './extract/types.ts';

/** Each block gets the page its first line is on: numeric labels are printed pages; others (roman front matter) have none. */
export function applyPageStarts(work: WorkBuild, starts: PageStart[] | undefined): void {
  if (!starts?.length) return;
  const sorted = [...starts].sort((a, b) => a.line - b.line);
  for (const block of work.blocks) {
    let at: PageStart | undefined;
    for (const s of sorted) {
      if (s.line <= block.lines[0]) at = s;
      else break;
    }
    const loc = block.locator;
    if (at && /^\d{1,5}$/.test(at.label)) {
      loc.page = Number(at.label);
      loc.pageBasis = 'printed';
    } else {
      delete loc.page;
      delete loc.pageBasis;
    }
  }
}

/** Languages with a real share of the passages, commonest first; the file's declared language when none is detected. */
export function languagesOf(work: WorkBuild, declared: string | undefined): Lang[] {
  const counts = new Map<Lang, number>();
  let total = 0;
  for (const b of work.blocks) {
    if (!PASSAGE_KINDS.has(b.kind) || b.lang === 'und') continue;
    counts.set(b.lang, (counts.get(b.lang) ?? 0) + 1);
    total++;
  }
  const langs = [...counts.entries()].filter(([, n]) => n >= 3 || n / Math.max(1, total) >= 0.1).sort((a, b) => b[1] - a[1]).map(([l]) => l);
  if (langs.length) return langs;
  const d = declared as Lang | undefined;
  return d && d !== 'und' && (LANGS as readonly string[]).includes(d) ? [d] : ['und'];
}

export function ingestExtracted(meta: ManifestWork, x: Extracted, sha256: string): WorkBuild {
  const work = ingestText({ ...meta, languages: [...meta.languages] }, x.text, { encoding: x.encoding, sha256 }, x.hints);
  applyPageStarts(work, x.pageStarts);
  work.meta.languages = languagesOf(work, x.metadata.language);
  if (!work.blocks.some((b) => PASSAGE_KINDS.has(b.kind) && b.plain.length > 0)) throw libraryErrors.noText('The file');
  const checked = WorkBuild.safeParse(work);
  if (!checked.success) throw new DataError(`the ingested work does not match the corpus schema: ${checked.error.issues[0]?.message ?? ''}`, meta.file);
  return checked.data;
}
