/**
 * PDF through pdf.js (the legacy build, which runs in Node without canvas or DOM): text per page in
 * the order of the content stream, laid out by pdf-layout.ts; page labels (`/PageLabels`) kept as
 * the pages' printed numbers, physical numbers where the PDF has none; the outline's titles as
 * headings; metadata from the info dictionary (or XMP). Encrypted, image-only and too long PDFs
 * are refused before anything is written.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { libraryErrors } from '../errors.ts';
import { cleanTitle, normaliseDate, splitNames } from './metadata.ts';
import { headingLevels, layoutStats, stripFurniture, toBlocks, toLines, type Block, type Line, type TextItem } from './pdf-layout.ts';
import { TextBuilder } from './text-builder.ts';
import type { ExtractLimits, Extracted, ExtractedMetadata } from './types.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdf.js wants a worker; in Node it falls back to a "fake worker" in the same thread, found through
 * `globalThis.pdfjsWorker`. Loading it ourselves avoids pdf.js resolving a worker URL, which breaks
 * under test runners and bundlers. This code already runs in Lectern's own worker thread.
 */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    return await import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

const pdfjsDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

interface OutlineNode {
  title: string;
  items?: OutlineNode[];
}

function outlineLevels(outline: OutlineNode[] | null): Map<string, 1 | 2> {
  const out = new Map<string, 1 | 2>();
  const visit = (nodes: OutlineNode[], depth: number) => {
    for (const n of nodes) {
      const key = n.title.replace(/\s+/g, ' ').trim().toLowerCase();
      if (key && !out.has(key)) out.set(key, depth === 0 ? 1 : 2);
      if (depth < 2 && n.items?.length) visit(n.items, depth + 1);
    }
  };
  visit(outline ?? [], 0);
  return out;
}

function pdfMetadata(info: Record<string, unknown>, xmp: { get(name: string): unknown } | null): ExtractedMetadata {
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const xmpStr = (name: string) => {
    const v = xmp?.get(name);
    return Array.isArray(v) ? str(v[0]) : str(v);
  };
  const title = cleanTitle(str(info.Title) ?? xmpStr('dc:title'));
  const xmpCreators = xmp?.get('dc:creator');
  const authors = str(info.Author) ? splitNames(str(info.Author)) : Array.isArray(xmpCreators) ? xmpCreators.filter((x): x is string => typeof x === 'string') : [];
  const date = normaliseDate(str(info.CreationDate) ?? xmpStr('xmp:createdate'));
  const language = str(info.Language)?.slice(0, 2).toLowerCase();
  return {
    ...(title ? { title } : {}),
    ...(authors.length ? { authors } : {}),
    ...(date ? { date } : {}),
    ...(language ? { language } : {}),
    basis: 'PDF document information',
  };
}

export async function extractPdf(bytes: Uint8Array, limits: ExtractLimits): Promise<Extracted> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    // pdf.js may transfer (detach) the buffer it is given: it gets a copy.
    data: bytes.slice(),
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
    stopAtErrors: false,
    standardFontDataUrl: `${path.join(pdfjsDir, 'standard_fonts')}/`,
    cMapUrl: `${path.join(pdfjsDir, 'cmaps')}/`,
    cMapPacked: true,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    const name = (err as { name?: string })?.name;
    if (name === 'PasswordException') throw libraryErrors.encrypted();
    throw libraryErrors.malformed('PDF', name === 'InvalidPDFException' ? 'it is damaged or not a PDF' : (err as Error)?.message ?? String(err));
  }
  try {
    if (doc.numPages === 0) throw libraryErrors.malformed('PDF', 'it has no pages');
    if (doc.numPages > limits.maxPages) throw libraryErrors.tooManyPages(doc.numPages, limits.maxPages);
    const meta = await doc.getMetadata().catch(() => ({ info: {}, metadata: null }));
    const metadata = pdfMetadata((meta.info ?? {}) as Record<string, unknown>, meta.metadata as never);
    const pageLabels = (await doc.getPageLabels().catch(() => null)) ?? [];
    const labels = Array.from({ length: doc.numPages }, (_, i) => pageLabels[i]?.trim() || String(i + 1));
    const outline = outlineLevels((await doc.getOutline().catch(() => null)) as OutlineNode[] | null);

    const pages: Line[][] = [];
    let chars = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ disableNormalization: false });
      const items: TextItem[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const [, , c, d, e, f] = it.transform as number[];
        items.push({ str: it.str, x: e!, y: f!, width: it.width, size: Math.hypot(c!, d!) || it.height, hasEOL: it.hasEOL });
        chars += it.str.trim().length;
      }
      pages.push(toLines(items));
      page.cleanup();
    }
    if (chars === 0) throw libraryErrors.imageOnly();

    const cleaned = stripFurniture(pages, labels);
    const stats = layoutStats(cleaned);
    const blocksByPage = cleaned.map((lines) => toBlocks(lines, stats));
    const levels = headingLevels(blocksByPage.flat());
    const out = new TextBuilder();
    blocksByPage.forEach((blocks: Block[], p) => {
      out.pageBreak(labels[p]!);
      for (const b of blocks) {
        const fromOutline = outline.get(b.text.toLowerCase());
        if (fromOutline) out.heading(b.text, fromOutline);
        else if (b.kind === 'heading') out.heading(b.text, levels.get(Math.round(b.size * 2) / 2) ?? 2);
        else out.paragraph(b.text);
      }
    });
    if (out.words === 0) throw libraryErrors.imageOnly();
    const { text, hints, pageStarts } = out.result();
    return { format: 'pdf', text, hints, metadata, encoding: 'pdf', pages: doc.numPages, pageStarts };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
