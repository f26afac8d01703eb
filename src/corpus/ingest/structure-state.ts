/**
 * The state the structure rules share while they walk a text's segments: the blocks built so far,
 * where the reader is (part, chapter, section, bibliography, index, appendix, back cover), which
 * paragraphs and footnote wait for their continuation, and the footnote numbers seen.
 */
import type { ManifestWork } from '../manifest.ts';
import { escapeRegExp } from '../../regexp.ts';
import { isDateLine, isJunk, pageHead, pairLabel, type Segment } from './segments.ts';
import { keepPageText } from './page-text.ts';
import { alnum, type TocHeading } from './structure-regions.ts';
import type { FrontLine, IndexEntry, PageAnchor, RawBlock, StructureHints } from './structure-types.ts';
import { detectLang, endsSentence, wordCount } from './text.ts';

/** A footnote body is complete when it ends a sentence or with a URL; "Moscow:" or "at" mean more follows. */
export const noteEnds = (text: string) => /https?:\/\/\S+$/.test(text) || (endsSentence(text) && !/[:,]$/.test(text.trim()));

/** A paragraph cut mid-sentence (by a page break) waits for its continuation; short lines do not. */
export const waitsForMore = (p: RawBlock) => !endsSentence(p.text) && wordCount(p.text) >= 5 && !isDateLine(p.text);

export class StructureState {
  readonly blocks: RawBlock[] = [];
  readonly anchors: PageAnchor[] = [];
  readonly index: IndexEntry[] = [];
  /** A web page's own lines outside its article (page-text.ts). */
  readonly pageText: FrontLine[] = [];
  /** The lines an extractor found outside the page's article. */
  readonly pageTextHints: ReadonlySet<string>;
  readonly isBook: boolean;
  readonly titleRe: RegExp;
  readonly knownHeadings: Map<string, 1 | 2>;
  readonly authorKeys: string[];
  /** Index of the segment being read; a rule that consumes several segments advances it. */
  i = 0;
  part: string;
  chapter: number | undefined;
  chapterTitle: string | undefined;
  section: string | undefined;
  inBibliography = false;
  inIndex = false;
  inAppendix = false;
  backCover = false;
  openParas: RawBlock[] = [];
  openNote: RawBlock | null = null;
  sawBreak = false;
  lastFootnoteNumber = 0;
  maxMarkerSeen = 0;
  nextTalkSection = 1;
  previousWasLabel = false;
  lastAttribution: RawBlock | null = null;

  readonly segs: Segment[];
  readonly work: ManifestWork;
  readonly front: FrontLine[];
  readonly tocHeadingAt: Map<number, TocHeading>;

  constructor(segs: Segment[], work: ManifestWork, front: FrontLine[], tocHeadingAt: Map<number, TocHeading>, hints: StructureHints) {
    this.segs = segs;
    this.work = work;
    this.front = front;
    this.tocHeadingAt = tocHeadingAt;
    this.isBook = work.type === 'book';
    this.titleRe = new RegExp(`^${escapeRegExp(work.title)}$`, 'i');
    this.pageTextHints = new Set((hints.pageText ?? []).map((t) => t.replace(/\s+/g, ' ').trim()));
    this.knownHeadings = new Map((hints.headings ?? []).map((h) => [h.text.replace(/\s+/g, ' ').trim(), h.level]));
    this.part = this.isBook ? 'Front matter' : 'Text';
    this.authorKeys = work.authors.map((a) => alnum(a.literal ?? `${a.given ?? ''} ${a.family ?? ''}`)).filter((k) => k.length > 4);
  }

  /** The author's note printed at the foot of an article's first page ("Grover Furr, Montclair State…"). */
  authorLine(t: string): boolean {
    return !this.isBook && this.authorKeys.some((k) => alnum(t).startsWith(k)) && /,/.test(t) && wordCount(t) <= 30;
  }

  push(b: Omit<RawBlock, 'part'>): RawBlock {
    const block = { ...b, part: this.part, chapter: this.chapter, chapterTitle: this.chapterTitle, section: this.section } as RawBlock;
    this.blocks.push(block);
    return block;
  }

  append(b: RawBlock, seg: Segment): void {
    const prev = b.text;
    // A word hyphenated across the break is rejoined; a real hyphen before a capital is kept.
    if (/\p{L}-$/u.test(prev) && /^\p{Ll}/u.test(seg.text)) b.text = prev.slice(0, -1) + seg.text;
    else b.text = `${prev} ${seg.text}`;
    b.lines = [b.lines[0], seg.line];
    if (this.sawBreak) b.continued = true;
  }

  closeOpen(): void {
    this.openParas = [];
    this.openNote = null;
  }

  /** The next segment that is not junk or a running head. */
  nextContent(i: number = this.i): Segment | undefined {
    for (let k = i + 1; k < this.segs.length; k++) {
      const s = this.segs[k]!;
      if (isJunk(s.text) || (this.isBook && pageHead(s.text, this.work.title))) continue;
      return s;
    }
    return undefined;
  }

  isProse(s: Segment | undefined): boolean {
    return (
      s !== undefined &&
      detectLang(s.text) === 'en' &&
      !pairLabel(s.text) &&
      (wordCount(s.text) >= 10 || (/:$/.test(s.text) && wordCount(s.text) >= 2))
    );
  }

  /** The last block that is not a footnote body. */
  lastMain(): RawBlock | undefined {
    for (let k = this.blocks.length - 1; k >= 0; k--) if (this.blocks[k]!.kind !== 'footnote') return this.blocks[k];
    return undefined;
  }

  /** Paragraphs still waiting for their continuation. */
  waiting(): RawBlock[] {
    return this.openParas.filter(waitsForMore);
  }

  /** Keeps the segment as a line of the page's own text (page-text.ts). */
  keepPageText(seg: Segment): void {
    keepPageText(this.pageText, seg, this.segs[this.i - 1]?.line);
  }

  /** Starts a new region (part, chapter, section) with a heading block. */
  heading(level: number, text: string, lines: [number, number]): void {
    this.push({ kind: 'heading', level, text, lines });
  }
}
