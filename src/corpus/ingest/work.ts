/**
 * One text to one work of the document model: structure, footnotes, suppression of garbled
 * duplicates, translation pairs, pages, ids and locators, bibliography and citations.
 */
import { createHash } from 'node:crypto';
import { findCitations, footnoteShortForms, resolveCitation, type EntryLike, type Resolution } from '../citations.ts';
import type { ManifestWork } from '../manifest.ts';
import type { BibEntry, Block, Citation, Lang, Locator, TranslationPair } from '../model.ts';
import type { WorkBuild } from '../work.ts';
import { findDuplicates, parseEntry } from './bibliography.ts';
import { decodeText } from './decode.ts';
import { linkFootnotes, withoutMarkers } from './footnotes.ts';
import { assignPages } from './pages.ts';
import { findPairs, type RawPair } from './pairs.ts';
import { buildStructure, type RawBlock, type StructureHints } from './structure.ts';
import type { FrontLine } from './structure-types.ts';
import { detectLang, repairHomoglyphs, stripMarkup } from './text.ts';

const isPassage = (b: RawBlock) => b.kind === 'paragraph' || b.kind === 'quotation' || b.kind === 'list-item';

function trigrams(s: string): Set<string> {
  const t = s.toLowerCase().replace(/[^\p{L}]+/gu, ' ');
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}
const jaccard = (a: Set<string>, b: Set<string>) => {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / Math.max(1, a.size + b.size - n);
};
/** OCR noise in a Russian block: Latin letters inside it. */
const noise = (s: string) => (s.match(/[A-Za-z]/g) ?? []).length / Math.max(1, s.length);

/**
 * The OCR sometimes gives a Russian passage twice: a garbled copy (read off a facsimile) and then
 * the clean text. The garbled copy is the one of two near-identical neighbours with more Latin
 * letters mixed in; a clean passage repeated far away (in the Appendix) is left alone.
 */
function garbledDuplicates(blocks: RawBlock[], langs: Lang[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < blocks.length; i++) {
    if (langs[i] !== 'ru' || !isPassage(blocks[i]!)) continue;
    for (let j = i + 1; j < Math.min(blocks.length, i + 4); j++) {
      if (langs[j] !== 'ru' || !isPassage(blocks[j]!)) continue;
      const a = blocks[i]!.text;
      const b = blocks[j]!.text;
      if (Math.min(a.length, b.length) < 150) continue;
      const sim = jaccard(trigrams(a), trigrams(b));
      const [noisy, clean] = noise(a) >= noise(b) ? [i, j] : [j, i];
      if (sim > 0.3 && sim < 0.97 && noise(blocks[noisy]!.text) > noise(blocks[clean]!.text) + 0.005) out.add(noisy);
    }
  }
  return out;
}

export function ingestWork(meta: ManifestWork, bytes: Uint8Array, file: string): WorkBuild {
  const { text, encoding } = decodeText(bytes, file);
  return ingestText(meta, text, { encoding, sha256: createHash('sha256').update(bytes).digest('hex') });
}

/**
 * The same pipeline for text that an extractor produced from a PDF, EPUB, HTML or Markdown file:
 * `hints` carry what the format knows (headings, page labels); see StructureHints. The steps run
 * in order: structure, footnote links, languages, garbled duplicates, pairs, pages, ids,
 * bibliography, blocks with their citations.
 */
export function ingestText(
  meta: ManifestWork,
  text: string,
  source: { encoding: string; sha256: string },
  hints: StructureHints = {},
): WorkBuild {
  const structure = buildStructure(text, meta, hints);
  const raw = structure.blocks;
  const links = linkFootnotes(raw);
  const langs: Lang[] = raw.map((b) => detectLang(b.text));
  const suppressed = garbledDuplicates(raw, langs);
  const rawPairs = findPairs(
    raw.map((b, i) => (suppressed.has(i) ? { ...b, kind: 'footnote' as const } : b)),
    langs,
  );
  const pages = assignPages(raw, structure.anchors, structure.index);
  const { ids, ordinalOf } = assignIds(raw, meta.id);
  const locatorOf = (i: number): Locator => {
    const b = raw[i]!;
    const ref = b.kind === 'footnote' ? links.refOf.get(i) : undefined;
    const page = pages.get(ref ?? i);
    return {
      work: meta.id,
      ...(b.part ? { part: b.part } : {}),
      ...(b.chapter !== undefined ? { chapter: b.chapter } : {}),
      ...(b.chapterTitle ? { chapterTitle: b.chapterTitle } : {}),
      ...(b.section ? { section: b.section } : {}),
      paragraph: ordinalOf.get(ref ?? i) ?? 0,
      ...(page ? { page: page.page, pageBasis: page.basis } : {}),
    };
  };
  const bibliography = buildBibliography(raw, ids);
  const { pairs, pairOf } = buildPairs(rawPairs, ids, meta.id);
  for (const p of rawPairs) {
    // Text between a label and its translation that belongs to neither side is footnote material.
    for (const i of p.skipped) if (raw[i]!.kind === 'paragraph') raw[i]!.kind = 'footnote';
  }

  const blocks: Block[] = [];
  const unlinkedMarkers: { block: string; number: number }[] = [];
  raw.forEach((b, i) => {
    if (b.kind === 'label') return;
    const id = ids.get(i)!;
    const found = links.markers.get(i) ?? [];
    const lang = langs[i]!;
    const plain = stripMarkup(repairHomoglyphs(withoutMarkers(b.text, found.filter((m) => !m.inferred)), lang));
    const pair = pairOf.get(i);
    blocks.push({
      id,
      kind: b.kind,
      ...(b.kind === 'heading' ? { level: b.level ?? 2 } : {}),
      text: b.text,
      plain,
      lang,
      locator: locatorOf(i),
      markers: found.map((m) => ({
        raw: m.raw,
        number: m.number,
        footnoteId: m.body !== null ? ids.get(m.body)! : null,
        ...(m.inferred ? { inferred: true } : {}),
      })),
      ...(b.kind === 'footnote' ? { number: b.footnoteNumber ?? null, refBlock: links.refOf.has(i) ? ids.get(links.refOf.get(i)!)! : null } : {}),
      citations: [],
      ...(pair ? { pair: pair.id, role: pair.role } : {}),
      ...(suppressed.has(i) ? { suppressed: 'garbled-duplicate' as const } : {}),
      lines: b.lines,
    });
    for (const m of found) if (m.body === null) unlinkedMarkers.push({ block: id, number: m.number });
  });
  const citations = resolveCitations(raw, blocks, suppressed, bibliography, meta.id);

  const unlinkedBodies = blocks.filter((b) => b.kind === 'footnote' && !b.refBlock).map((b) => b.id);
  return {
    meta,
    encoding: source.encoding,
    sha256: source.sha256,
    blocks: inReadingOrder(blocks, [...asideBlocks(structure.front, meta.id, 'front-matter'), ...asideBlocks(structure.pageText, meta.id, 'page-text')].sort((a, b) => a.lines[0] - b.lines[0])),
    bibliography,
    citations,
    pairs,
    unlinked: { markers: unlinkedMarkers, bodies: unlinkedBodies },
    pageAnchors: structure.anchors.length,
  };
}

/**
 * The front matter's lines, and a web page's own lines outside its article, as blocks of their own
 * kinds, each numbered apart (`.f1`, `.f2`… and `.w1`, `.w2`…) so that the ids of the text's
 * passages, notes and headings stay what they were before these were kept (they are stored in
 * groups' threads). They have no paragraph number: they are cited as the part they are in
 * ("Front matter", "Back cover", "Page notices").
 */
function asideBlocks(lines: FrontLine[], workId: string, kind: 'front-matter' | 'page-text'): Block[] {
  const prefix = kind === 'front-matter' ? 'f' : 'w';
  return lines
    .filter((l) => /[\p{L}\p{N}]/u.test(l.text))
    .map((l, k) => {
      const lang = detectLang(l.text);
      return {
        id: `${workId}.${prefix}${k + 1}`,
        kind,
        text: l.text,
        plain: stripMarkup(repairHomoglyphs(l.text, lang)),
        lang,
        locator: { work: workId, part: l.part, paragraph: 0 },
        markers: [],
        citations: [],
        lines: l.lines,
      };
    });
}

/** Front-matter and page-text lines placed among the text's blocks by their line in the source (reading order). */
function inReadingOrder(blocks: Block[], front: Block[]): Block[] {
  if (!front.length) return blocks;
  const out: Block[] = [];
  let j = 0;
  for (const b of blocks) {
    while (j < front.length && front[j]!.lines[0] < b.lines[0]) out.push(front[j++]!);
    out.push(b);
  }
  while (j < front.length) out.push(front[j++]!);
  return out;
}

/** Ids (`work.p12`, `.h3`, `.n5`, `.b7`) and each passage's ordinal within its part and chapter. */
function assignIds(raw: RawBlock[], workId: string): { ids: Map<number, string>; ordinalOf: Map<number, number> } {
  const ids = new Map<number, string>();
  const counters = { p: 0, h: 0, n: 0, b: 0 };
  const ordinal = new Map<string, number>();
  const ordinalOf = new Map<number, number>();
  raw.forEach((b, i) => {
    if (b.kind === 'label') return;
    const prefix = b.kind === 'heading' ? 'h' : b.kind === 'footnote' ? 'n' : b.kind === 'bibliography' ? 'b' : 'p';
    counters[prefix]++;
    ids.set(i, `${workId}.${prefix}${counters[prefix]}`);
    if (isPassage(b)) {
      const key = `${b.part}|${b.chapter ?? ''}`;
      const n = (ordinal.get(key) ?? 0) + 1;
      ordinal.set(key, n);
      ordinalOf.set(i, n);
    }
  });
  return { ids, ordinalOf };
}

function buildBibliography(raw: RawBlock[], ids: Map<number, string>): BibEntry[] {
  const bibRaw = raw.map((b, i) => ({ b, i })).filter(({ b }) => b.kind === 'bibliography');
  const parsed = bibRaw.map(({ b }) => parseEntry(b.text));
  const dups = findDuplicates(parsed);
  return parsed.map((p, k) => ({
    id: ids.get(bibRaw[k]!.i)!,
    text: p.text,
    authors: p.authors,
    ...(p.title ? { title: p.title } : {}),
    ...(p.containerTitle ? { containerTitle: p.containerTitle } : {}),
    ...(p.year ? { year: p.year } : {}),
    ...(p.publisher ? { publisher: p.publisher } : {}),
    ...(p.place ? { place: p.place } : {}),
    ...(p.url ? { url: p.url } : {}),
    ...(p.siglum ? { siglum: p.siglum } : {}),
    names: p.names,
    ...(p.editors.length ? { editors: p.editors } : {}),
    ...(p.titleTranslated ? { titleTranslated: p.titleTranslated } : {}),
    ...(p.volume ? { volume: p.volume } : {}),
    ...(p.issue ? { issue: p.issue } : {}),
    ...(p.pages ? { pages: p.pages } : {}),
    ...(p.edition ? { edition: p.edition } : {}),
    entryType: p.kind,
    lang: p.lang,
    ...(dups[k]! >= 0 ? { duplicateOf: ids.get(bibRaw[dups[k]!]!.i)! } : {}),
    lines: bibRaw[k]!.b.lines,
  }));
}

type PairRole = { id: string; role: 'original' | 'translation' | 'intermediate' };

function buildPairs(rawPairs: RawPair[], ids: Map<number, string>, workId: string): { pairs: TranslationPair[]; pairOf: Map<number, PairRole> } {
  const pairOf = new Map<number, PairRole>();
  const pairs: TranslationPair[] = rawPairs.map((p, k) => {
    const id = `${workId}.t${k + 1}`;
    p.original.forEach((i) => pairOf.set(i, { id, role: 'original' }));
    p.translation.forEach((i) => pairOf.set(i, { id, role: 'translation' }));
    p.via.forEach((i) => pairOf.set(i, { id, role: 'intermediate' }));
    const toIds = (xs: number[]) => xs.map((i) => ids.get(i)!);
    return {
      id,
      original: toIds(p.original),
      translation: toIds(p.translation),
      via: toIds(p.via),
      originalLang: p.originalLang,
      translationLang: p.translationLang,
      label: p.label,
      segments: p.segments.map(([a, b]) => [toIds(a), toIds(b)] as [string[], string[]]),
      confidence: p.confidence,
      segmentConfidence: p.segmentConfidence,
      ...(p.viaBeads.length
        ? {
            viaSentences: p.viaBeads.map((bead) => ({
              original: bead.original.map((r) => [ids.get(Number(r.block))!, r.start, r.end] as [string, number, number]),
              translation: bead.translation.map((r) => [ids.get(Number(r.block))!, r.start, r.end] as [string, number, number]),
              confidence: bead.confidence,
            })),
          }
        : {}),
      sentences: p.beads.map((bead) => ({
        original: bead.original.map((r) => [ids.get(Number(r.block))!, r.start, r.end] as [string, number, number]),
        translation: bead.translation.map((r) => [ids.get(Number(r.block))!, r.start, r.end] as [string, number, number]),
        confidence: bead.confidence,
      })),
    };
  });
  return { pairs, pairOf };
}

/**
 * Citations, resolved in reading order so that Ibid. and bare pages follow the last source.
 * A new chapter or section starts afresh: a bare page never refers across a heading.
 */
function resolveCitations(raw: RawBlock[], blocks: Block[], suppressed: Set<number>, entries: EntryLike[], workId: string): Citation[] {
  const citations: Citation[] = [];
  let previous: Resolution | null = null;
  let previousChapter = '';
  let k = 0;
  raw.forEach((b, i) => {
    if (b.kind === 'label') return;
    const block = blocks[k++]!;
    const chapterKey = `${b.part}|${b.chapter ?? ''}|${b.section ?? ''}`;
    if (chapterKey !== previousChapter) {
      previous = null;
      previousChapter = chapterKey;
    }
    if (b.kind === 'heading' || b.kind === 'bibliography' || suppressed.has(i)) return;
    const inText = findCitations(b.text);
    const inNote = b.kind === 'footnote' && inText.length === 0 ? footnoteShortForms(b.text) : [];
    for (const c of [...inText, ...inNote]) {
      if (!entries.length && c.kind !== 'author-date' && c.kind !== 'siglum' && c.kind !== 'author-title') continue;
      const r = resolveCitation(c, entries, { text: b.text, previous });
      if (c.kind === 'page' && !previous) continue;
      if (c.kind === 'siglum' && !r.entry && (!c.pinpoint || r.score < 40) && entries.length) continue;
      if (c.kind === 'siglum' && !r.entry && !c.pinpoint) continue;
      const cid = `${workId}.c${citations.length + 1}`;
      // Several entries fitting equally well is ambiguity; an author whose cited title no entry
      // carries is a work the bibliography does not list.
      const ambiguous =
        !r.entry && c.kind !== 'author-title' && r.candidates.length > 1 && r.candidates[0]!.score >= 50 && r.candidates[0]!.score === r.candidates[1]!.score;
      citations.push({
        id: cid,
        block: block.id,
        text: c.text,
        kind: c.kind,
        entry: r.entry,
        ...(c.pinpoint ? { pinpoint: c.pinpoint } : {}),
        status: r.entry ? 'resolved' : ambiguous ? 'ambiguous' : 'not-in-bibliography',
        candidates: r.entry ? [] : r.candidates.filter((x) => x.score >= 50).map((x) => x.id),
      });
      block.citations.push(cid);
      previous = r;
    }
  });
  return citations;
}
