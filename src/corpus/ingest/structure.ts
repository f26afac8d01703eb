/**
 * Segments to raw blocks: headings and book parts, paragraphs rejoined across page breaks,
 * footnote bodies, labels, attributions, list items and bibliography entries, with page furniture
 * and OCR junk removed. The rules are explained where they are applied; DESIGN.md summarises them.
 */
import type { ManifestWork } from '../manifest.ts';
import {
  bibliographicCues,
  digitFootnoteStart,
  escapeRegExp,
  footnoteStart,
  isAttribution,
  isDateLine,
  isJunk,
  isListItem,
  isSeparator,
  isTrailingCitation,
  looksLikeHeadingText,
  pageHead,
  pairLabel,
  toSegments,
  type Segment,
} from './segments.ts';
import { detectLang, endsSentence, isUrlStart, startsLowercase, wordCount } from './text.ts';

export type RawKind = 'heading' | 'paragraph' | 'quotation' | 'list-item' | 'footnote' | 'bibliography' | 'label';

export interface RawBlock {
  kind: RawKind;
  text: string;
  lines: [number, number];
  level?: number;
  footnoteNumber?: number | null;
  label?: 'translation' | 'intermediate' | 'other';
  part: string;
  chapter?: number;
  chapterTitle?: string;
  section?: string;
  /** Set when a page-break element (footnote bodies, a running head) was crossed inside this block. */
  continued?: boolean;
  /** A paragraph among footnote bodies that reads like a reference: the footnote linker may take it
   * as the body of a footnote whose number the OCR lost. */
  noteCandidate?: boolean;
}

export interface PageAnchor {
  /** Index of the first raw block that starts on `page` (or later). */
  block: number;
  page: number;
  basis: 'printed' | 'contents';
}

export interface IndexEntry {
  term: string;
  pages: number[];
}

export interface Structure {
  blocks: RawBlock[];
  anchors: PageAnchor[];
  index: IndexEntry[];
  toc: { title: string; page?: number }[];
  front: string[];
}

interface TocEntry {
  title: string;
  page?: number;
}

const alnum = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

function parseToc(segs: Segment[], start: number): { entries: TocEntry[]; end: number } {
  const entries: TocEntry[] = [];
  let i = start;
  let pending = '';
  for (; i < segs.length; i++) {
    const t = segs[i]!.text;
    if (segs[i]!.afterBlank && entries.length > 0 && !pending && !/\d\s*$/.test(t) && !/\t/.test(t)) break;
    const joined = pending ? `${pending} ${t}` : t;
    const m = /^(.*?\S)[\s.]*((?:\d[\s\t]*)+)$/u.exec(joined);
    if (!m) {
      pending = joined.replace(/\s+$/u, '');
      continue;
    }
    pending = '';
    const digits = m[2]!.replace(/\s/g, '');
    entries.push({ title: m[1]!.replace(/\s+/g, ' ').trim(), page: Number(digits) });
  }
  // Garbled page numbers are dropped: the contents' pages must increase.
  let last = 0;
  for (const e of entries) {
    if (e.page === undefined || e.page <= last) delete e.page;
    else last = e.page;
  }
  return { entries, end: i };
}

function parseIndexLine(text: string): IndexEntry[] {
  // The index is printed in two columns joined by a tab; each cell is "Term, description pages".
  return text
    .split('\t')
    .map((cell) => {
      const m = /^(.*?\p{L}[^\d]*?)\s*\.?\s*((?:\d{1,3}(?:,\s*|\s+|$))+)$/u.exec(cell.trim());
      if (!m) return null;
      const pages = m[2]!
        .split(/[,\s]+/)
        .filter(Boolean)
        .map(Number)
        .filter((n) => n > 0 && n < 1000);
      return pages.length ? { term: m[1]!.replace(/[,\s]+$/u, ''), pages } : null;
    })
    .filter((e): e is IndexEntry => e !== null);
}

/** Parts of a book's front matter that stand alone as headings whatever follows them. */
const NAMED_PARTS = /^(Dedication|Acknowledg(e)?ments|Preface|Foreword|Introduction|Epilogue|Afterword)$/i;

/** A footnote body is complete when it ends a sentence or with a URL; "Moscow:" or "at" mean more follows. */
const noteEnds = (text: string) => /https?:\/\/\S+$/.test(text) || (endsSentence(text) && !/[:,]$/.test(text.trim()));

/** A paragraph cut mid-sentence (by a page break) waits for its continuation; short lines do not. */
const waitsForMore = (p: RawBlock) => !endsSentence(p.text) && wordCount(p.text) >= 5 && !isDateLine(p.text);

const CHROME_WORDS = /\b(shop|price|shipping|shipped|order(?:ing)?|paypal|buyers?|payment|cart|checkout|in stock|softcover|hardcover|credit card|money order|website designed)\b/i;

/**
 * What an extractor (PDF, EPUB, HTML, Markdown) knows for certain and plain text cannot show:
 * which lines are headings, and where printed pages begin. A page break is a line holding a form
 * feed followed by the page's label (`\f12`, `\fxiv`).
 */
export interface StructureHints {
  headings?: { text: string; level: 1 | 2 }[];
}

export const PAGE_BREAK_LINE = /^\f(\S{1,12})$/u;

export function buildStructure(text: string, work: ManifestWork, hints: StructureHints = {}): Structure {
  const segs = toSegments(text);
  const knownHeadings = new Map((hints.headings ?? []).map((h) => [h.text.replace(/\s+/g, ' ').trim(), h.level]));
  const blocks: RawBlock[] = [];
  const anchors: PageAnchor[] = [];
  const index: IndexEntry[] = [];
  const front: string[] = [];
  const isBook = work.type === 'book';
  const titleRe = new RegExp(`^${escapeRegExp(work.title)}$`, 'i');

  // --- Regions: front matter, contents, body, index, back cover -------------------------------
  let toc: TocEntry[] = [];
  let bodyStart = 0;
  const tocAt = segs.findIndex((s) => /^(table of )?contents$/i.test(s.text));
  if (isBook && tocAt >= 0) {
    const parsed = parseToc(segs, tocAt + 1);
    toc = parsed.entries;
    const first = toc[0];
    bodyStart = parsed.end;
    if (first) {
      const k = segs.findIndex((s, i) => i >= parsed.end && alnum(s.text) === alnum(first.title));
      if (k >= 0) bodyStart = k;
    }
    for (let i = 0; i < tocAt; i++) front.push(segs[i]!.text);
  } else {
    // Front matter of essays, talks and articles: the title, the author's name, the date, the
    // author's affiliation, until the first real paragraph.
    const authorNames = work.authors.map((a) => alnum(a.literal ?? `${a.given ?? ''} ${a.family ?? ''}`));
    const affiliations = work.authors.map((a) => alnum(a.affiliation ?? '')).filter(Boolean);
    for (; bodyStart < Math.min(segs.length, 8); bodyStart++) {
      const t = segs[bodyStart]!.text;
      const a = alnum(t);
      const known =
        alnum(work.title) === a ||
        authorNames.includes(a) ||
        affiliations.some((f) => f.includes(a) && a.length > 10) ||
        isDateLine(t) ||
        (work.dateAsStated !== undefined && alnum(work.dateAsStated) === a);
      if (!known) break;
      front.push(t);
    }
  }

  // Headings of book parts and chapters, located through the table of contents.
  const tocHeadingAt = new Map<number, { entry: TocEntry; consumed: number; title: string }>();
  if (toc.length) {
    let from = bodyStart;
    for (const entry of toc) {
      const target = alnum(entry.title);
      for (let i = from; i < segs.length; i++) {
        let joined = segs[i]!.text;
        let consumed = 1;
        let a = alnum(joined);
        while (a !== target && target.startsWith(a) && consumed < 3 && segs[i + consumed]) {
          joined = `${joined} ${segs[i + consumed]!.text}`;
          a = alnum(joined);
          consumed++;
        }
        const chapterPrefix = /^chapter\d+/.exec(target)?.[0];
        const matches = a === target || (chapterPrefix !== undefined && a.startsWith(chapterPrefix) && a.length >= target.length - 3 && segs[i]!.afterBlank);
        if (matches) {
          tocHeadingAt.set(i, { entry, consumed, title: joined.replace(/\s+/g, ' ').trim() });
          from = i + consumed;
          break;
        }
      }
    }
  }

  // --- State ----------------------------------------------------------------------------------
  let part = isBook ? 'Front matter' : 'Text';
  let chapter: number | undefined;
  let chapterTitle: string | undefined;
  let section: string | undefined;
  let inBibliography = false;
  let inIndex = false;
  let inAppendix = false;
  let backCover = false;
  let openParas: RawBlock[] = [];
  let openNote: RawBlock | null = null;
  let sawBreak = false;
  let lastFootnoteNumber = 0;
  let maxMarkerSeen = 0;
  let nextTalkSection = 1;
  let previousWasLabel = false;
  let lastAttribution: RawBlock | null = null;

  const authorKeys = work.authors.map((a) => alnum(a.literal ?? `${a.given ?? ''} ${a.family ?? ''}`)).filter((k) => k.length > 4);
  const authorLine = (t: string) => !isBook && authorKeys.some((k) => alnum(t).startsWith(k)) && /,/.test(t) && wordCount(t) <= 30;

  const ctx = () => ({ part, chapter, chapterTitle, section });
  const push = (b: Omit<RawBlock, 'part'>): RawBlock => {
    const block = { ...b, ...ctx() } as RawBlock;
    blocks.push(block);
    return block;
  };
  const append = (b: RawBlock, seg: Segment) => {
    const prev = b.text;
    // A word hyphenated across the break is rejoined; a real hyphen before a capital is kept.
    if (/\p{L}-$/u.test(prev) && /^\p{Ll}/u.test(seg.text)) b.text = prev.slice(0, -1) + seg.text;
    else b.text = `${prev} ${seg.text}`;
    b.lines = [b.lines[0], seg.line];
    if (sawBreak) b.continued = true;
  };
  const closeOpen = () => {
    openParas = [];
    openNote = null;
  };
  const nextContent = (i: number): Segment | undefined => {
    for (let k = i + 1; k < segs.length; k++) {
      const s = segs[k]!;
      if (isJunk(s.text) || (isBook && pageHead(s.text, work.title))) continue;
      return s;
    }
    return undefined;
  };
  const isProse = (s: Segment | undefined) =>
    s !== undefined && detectLang(s.text) === 'en' && !pairLabel(s.text) && (wordCount(s.text) >= 10 || (/:$/.test(s.text) && wordCount(s.text) >= 2));

  const webContent = (s: Segment, i: number): boolean => {
    if (titleRe.test(s.text) || alnum(work.title).includes(alnum(s.text))) return false;
    if (CHROME_WORDS.test(s.text)) return false;
    if (isAttribution(s.text)) return true;
    if (wordCount(s.text) >= 8 && endsSentence(s.text)) return true;
    const next = nextContent(i);
    return wordCount(s.text) >= 2 && looksLikeHeadingText(s.text) && next !== undefined && !CHROME_WORDS.test(next.text) && isProse(next);
  };

  for (let i = bodyStart; i < segs.length; i++) {
    const seg = segs[i]!;
    const t = seg.text;

    // --- Page breaks given by an extractor (a PDF's page labels) ---
    const pageBreak = PAGE_BREAK_LINE.exec(seg.text);
    if (pageBreak) {
      const label = pageBreak[1]!;
      if (/^\d+$/.test(label)) anchors.push({ block: blocks.length, page: Number(label), basis: 'printed' });
      sawBreak = true;
      continue;
    }

    // --- Headings the extractor knows (EPUB chapters, HTML and Markdown headings) ---
    const known = knownHeadings.get(t);
    if (known !== undefined) {
      closeOpen();
      // A heading that names the reference list starts it, as in the bundled texts.
      inBibliography = /^(references|bibliography|works cited|sources|literature)$/i.test(t);
      if (inBibliography) {
        part = 'References';
        section = undefined;
        push({ kind: 'heading', level: 1, text: t, lines: [seg.line, seg.line] });
        continue;
      }
      if (known === 1) {
        part = 'Chapter';
        chapter = (chapter ?? 0) + 1;
        chapterTitle = t;
        section = undefined;
      } else {
        section = t;
      }
      push({ kind: 'heading', level: known, text: t, lines: [seg.line, seg.line] });
      continue;
    }

    // --- Parts and chapters from the table of contents ---
    const tocHit = tocHeadingAt.get(i);
    if (tocHit) {
      closeOpen();
      const chap = /^Chapter (\d+)\.\s*(.*)$/i.exec(tocHit.title);
      if (chap) {
        part = 'Chapter';
        chapter = Number(chap[1]);
        chapterTitle = chap[2]!.trim();
      } else {
        part = tocHit.title.replace(/[.:]\s*$/u, '').replace(/:.*/u, '');
        chapter = undefined;
        chapterTitle = tocHit.title.replace(/\.$/, '');
      }
      section = undefined;
      inBibliography = /^bibliography$/i.test(part);
      inIndex = /^index$/i.test(part);
      inAppendix = /^appendix/i.test(part);
      lastFootnoteNumber = 0;
      maxMarkerSeen = 0;
      if (tocHit.entry.page !== undefined) anchors.push({ block: blocks.length, page: tocHit.entry.page, basis: 'contents' });
      if (!inIndex) push({ kind: 'heading', level: 1, text: tocHit.title, lines: [seg.line, segs[i + tocHit.consumed - 1]!.line] });
      i += tocHit.consumed - 1;
      previousWasLabel = false;
      continue;
    }

    // --- The book's index: page anchors only, never passages ---
    if (inIndex) {
      if (!/\d|\t/.test(t) && alnum(t) === alnum(work.title)) {
        inIndex = false;
        backCover = true;
        part = 'Back cover';
        chapter = undefined;
        chapterTitle = undefined;
        section = undefined;
        push({ kind: 'heading', level: 1, text: 'Back cover', lines: [seg.line, seg.line] });
        continue;
      }
      index.push(...parseIndexLine(t));
      continue;
    }

    // Article furniture: keywords, and the author's note printed at the foot of the first page.
    if (/^key ?words?:/i.test(t) || authorLine(t)) {
      front.push(t);
      sawBreak = true;
      continue;
    }
    if (backCover && (/^(ISBN|©|Published by|Cover by)/i.test(t) || (t === t.toUpperCase() && wordCount(t) <= 4))) {
      front.push(t);
      continue;
    }
    if (work.type === 'web-page' && !webContent(seg, i)) {
      front.push(t);
      continue;
    }

    // --- Page furniture and junk: they mark a page break and are dropped ---
    if (isBook) {
      const head = pageHead(t, work.title);
      if (head) {
        if (head.page !== null) anchors.push({ block: blocks.length, page: head.page, basis: 'printed' });
        sawBreak = true;
        continue;
      }
      if (titleRe.test(t) && !backCover) {
        // The bare book title is a running head when it interrupts text: after footnotes at a
        // page's foot, inside an unfinished paragraph or list. Elsewhere it is a real section.
        const next = nextContent(i);
        const interrupts =
          sawBreak ||
          openParas.some(waitsForMore) ||
          (blocks.at(-1)?.kind === 'list-item' && next !== undefined && isListItem(next.text)) ||
          blocks.at(-1)?.kind === 'footnote' ||
          (next !== undefined && (startsLowercase(next.text) || pairLabel(next.text) !== null));
        if (interrupts) {
          sawBreak = true;
          continue;
        }
      }
    }
    if (isJunk(t)) {
      sawBreak = true;
      continue;
    }
    if (isSeparator(t)) {
      closeOpen();
      continue;
    }

    // --- Footnote bodies ---
    let fn = footnoteStart(t);
    if (!fn && !inBibliography) {
      const d = digitFootnoteStart(t);
      // Digits stand for a superscript only when they give the number expected next.
      if (d && d.number !== null && d.number > lastFootnoteNumber && d.number <= Math.max(lastFootnoteNumber, maxMarkerSeen) + 2 && d.number <= 60) fn = d;
    }
    if (fn && !inBibliography) {
      if (fn.number !== null) lastFootnoteNumber = fn.number;
      const b = push({ kind: 'footnote', text: fn.body, lines: [seg.line, seg.line], footnoteNumber: fn.number });
      openNote = noteEnds(fn.body) ? null : b;
      sawBreak = true;
      previousWasLabel = false;
      continue;
    }

    // --- Bibliography entries ---
    if (inBibliography) {
      const last = blocks.at(-1);
      const entryText = t.replace(/^[-–]\s+/u, '');
      if (last?.kind === 'bibliography' && (isUrlStart(t) || startsLowercase(t) || /\bat$/i.test(last.text))) {
        append(last, { ...seg, text: entryText });
      } else {
        push({ kind: 'bibliography', text: entryText, lines: [seg.line, seg.line] });
      }
      continue;
    }
    if (!isBook && /^(references|bibliography|works cited)$/i.test(t)) {
      closeOpen();
      part = 'References';
      section = undefined;
      inBibliography = true;
      push({ kind: 'heading', level: 1, text: t, lines: [seg.line, seg.line] });
      continue;
    }

    // --- Labels that introduce a translation ---
    const label = pairLabel(t);
    if (label) {
      openParas = [];
      push({ kind: 'label', label, text: t, lines: [seg.line, seg.line] });
      previousWasLabel = true;
      continue;
    }

    // --- Continuations across page breaks ---
    // Up to two paragraphs can be waiting for their continuation: a paragraph cut by a page break
    // and a short one that started at the top of the next page (a credit line, say).
    const lower = startsLowercase(t);
    const waiting = openParas.filter(waitsForMore);
    const hyphenated = waiting.find((p) => /\p{L}-$/u.test(p.text));
    const para = waiting.at(-1) ?? null;
    const note = openNote as RawBlock | null;
    if (isUrlStart(t)) {
      const target = note ?? (lastAttribution && blocks.at(-1) === lastAttribution ? lastAttribution : null) ?? para;
      if (target) {
        append(target, seg);
        if (target === note && noteEnds(target.text)) openNote = null;
        continue;
      }
    }
    // A footnote cut after "at", "in", "of"… goes on at the next segment whatever its case.
    if (note && blocks.at(-1) === note && /\b(at|in|of|the|a|an|and|to|by|for|on|with|from|see)$/i.test(note.text) && !isListItem(t)) {
      append(note, seg);
      if (noteEnds(note.text)) openNote = null;
      continue;
    }
    if (lower) {
      const latest = [...blocks].reverse().find((b) => b.kind !== 'footnote');
      const afterAbbreviation =
        latest && latest.kind === 'paragraph' && /(^|\s)\p{L}{1,6}\.$/u.test(latest.text) && detectLang(latest.text) === detectLang(t);
      let target: RawBlock | null = hyphenated ?? (afterAbbreviation ? latest : null);
      if (!target) {
        if (para && note) target = bibliographicCues(t) >= 2 ? note : para;
        else target = para ?? note;
      }
      if (target) {
        append(target, seg);
        if (target === note && noteEnds(target.text)) openNote = null;
        openParas = openParas.filter(waitsForMore);
        previousWasLabel = false;
        continue;
      }
      // A sentence rarely starts in lower case: after an abbreviation ("моск.") or a closing
      // quote the previous block goes on, unless the fragment reads like a reference.
      const lastMain = [...blocks].reverse().find((b) => b.kind !== 'footnote');
      if (
        lastMain &&
        (lastMain.kind === 'paragraph' || lastMain.kind === 'quotation' || lastMain.kind === 'list-item') &&
        bibliographicCues(t) < 2 &&
        detectLang(lastMain.text) === detectLang(t)
      ) {
        append(lastMain, seg);
        continue;
      }
      if (!isListItem(t)) {
        // A fragment that starts in lower case and continues nothing is the rest of a footnote
        // whose beginning the OCR lost: an unnumbered body.
        const b = push({ kind: 'footnote', text: t, lines: [seg.line, seg.line], footnoteNumber: null });
        openNote = noteEnds(t) ? null : b;
        sawBreak = true;
        continue;
      }
    }
    const nextSeg = segs[i + 1];
    const nextIsNote = nextSeg !== undefined && footnoteStart(nextSeg.text) !== null;
    const noteCandidate =
      (nextIsNote || blocks.at(-1)?.kind === 'footnote') &&
      bibliographicCues(t) >= 2 &&
      !isListItem(t) &&
      wordCount(t) <= 70 &&
      !/\p{L}-$/u.test(t);

    // --- Trailing citations and attribution lines belong to the quotation above them ---
    const prev = [...blocks].reverse().find((b) => b.kind !== 'footnote');
    if (prev && (prev.kind === 'paragraph' || prev.kind === 'quotation') && isTrailingCitation(t)) {
      append(prev, seg);
      prev.kind = 'quotation';
      continue;
    }
    if (prev && prev.kind !== 'heading' && prev.kind !== 'label' && isAttribution(t)) {
      if (prev.kind === 'paragraph' || prev.kind === 'quotation') {
        prev.text = `${prev.text}\n${t}`;
        prev.lines = [prev.lines[0], seg.line];
        prev.kind = 'quotation';
        lastAttribution = prev;
        openParas = [];
        continue;
      }
    }

    // --- Headings ---
    const next = nextContent(i);
    if (!previousWasLabel) {
      const talk = work.type === 'speech' ? /^(\d{1,2})\.\s+(.+)$/.exec(t) : null;
      if (talk && Number(talk[1]) === nextTalkSection && wordCount(t) <= 16 && seg.afterBlank) {
        closeOpen();
        nextTalkSection++;
        part = 'Section';
        chapter = Number(talk[1]);
        chapterTitle = talk[2]!.replace(/\.$/, '').trim();
        section = undefined;
        push({ kind: 'heading', level: 1, text: t, lines: [seg.line, seg.line] });
        continue;
      }
      const appendixDoc = inAppendix && /^Document \d+\./.test(t);
      const prevText = segs[i - 1]?.text ?? '';
      const sectionHeading =
        !inAppendix &&
        !backCover &&
        !/^\d+\.\s/.test(t) &&
        !/^[\p{Lu}][\p{Lu}'’-]+:/u.test(t) &&
        !/:\s*$/.test(prevText) &&
        seg.afterBlank &&
        looksLikeHeadingText(t) &&
        (detectLang(t) === 'en' || detectLang(t) === 'und') &&
        !isListItem(t) &&
        isProse(next) &&
        (next === undefined || next.afterBlank);
      if (appendixDoc || sectionHeading || NAMED_PARTS.test(t)) {
        openParas = [];
        section = t;
        push({ kind: 'heading', level: 2, text: t, lines: [seg.line, seg.line] });
        continue;
      }
    }

    // --- A paragraph cut by a page break goes on after the footnotes and running head ---
    if (para && !hyphenated && sawBreak && !isListItem(t) && !pairLabel(t) && !noteCandidate) {
      append(para, seg);
      openParas = openParas.filter(waitsForMore);
      continue;
    }

    // --- A trial transcript's exchange (VYSHINSKY: … RADEK: …) is one passage: a question and its answer ---
    const speaker = /^[\p{Lu}][\p{Lu}'’-]{2,}:\s/u;
    const lastBlock = blocks.at(-1);
    if (speaker.test(t) && lastBlock?.kind === 'paragraph' && speaker.test(lastBlock.text) && !sawBreak && lastBlock.text.length + t.length < 1200) {
      lastBlock.text = `${lastBlock.text}\n${t}`;
      lastBlock.lines = [lastBlock.lines[0], seg.line];
      openParas = endsSentence(t) ? [] : [lastBlock];
      continue;
    }

    // --- Paragraphs and list items ---
    const kind: RawKind = isListItem(t) ? 'list-item' : 'paragraph';
    const b = push({ kind, text: t, lines: [seg.line, seg.line], ...(noteCandidate ? { noteCandidate } : {}) });
    sawBreak = false;
    // An earlier cut paragraph still waits across a short line (a credit, a label), not across a
    // whole paragraph of other text.
    // A reference-like paragraph among footnotes is probably footnote text: it does not end the wait.
    if (noteCandidate) openParas = openParas.filter(waitsForMore);
    else openParas = [...(wordCount(t) < 25 ? openParas.filter(waitsForMore) : []), b].slice(-2);
    previousWasLabel = false;
    lastAttribution = null;
    // Footnote markers seen in the text bound the digits accepted as a footnote number.
    for (const m of t.matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu)) {
      const n = Number([...m[0]].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)).join(''));
      if (n > maxMarkerSeen && n < 100) maxMarkerSeen = n;
    }
    const glued = /(?<=[\p{L}.,;:)"”’'»])(\d{1,2})(?=\s|$)/gu;
    for (const m of t.matchAll(glued)) {
      const n = Number(m[1]);
      if (n === maxMarkerSeen + 1) maxMarkerSeen = n;
    }
  }

  return { blocks, anchors, index, toc, front };
}
