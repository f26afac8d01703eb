/**
 * The structure rules, in the order they are tried on each segment. The first rule that takes a
 * segment decides what it is (a page break, a heading, a footnote body, the continuation of a
 * paragraph cut by a page break…); the last rule always takes it as a paragraph or list item.
 * Each rule is small and named so that a test, or `traceRules`, can say which one decided a line.
 */
import {
  bibliographicCues,
  digitFootnoteStart,
  footnoteStart,
  isAttribution,
  isJunk,
  isListItem,
  isSeparator,
  isTrailingCitation,
  looksLikeHeadingText,
  pageHead,
  pairLabel,
  type Segment,
} from './segments.ts';
import { alnum, frontLine, parseIndexLine } from './structure-regions.ts';
import { noteEnds, waitsForMore, type StructureState } from './structure-state.ts';
import { PAGE_BREAK_LINE, type RawBlock, type RawKind } from './structure-types.ts';
import { detectLang, endsSentence, isUrlStart, startsLowercase, wordCount } from './text.ts';

export interface StructureRule {
  name: string;
  /** Takes the segment (true) or leaves it to the next rule (false). */
  apply(st: StructureState, seg: Segment): boolean;
}

/** Parts of a book's front matter that stand alone as headings whatever follows them. */
const NAMED_PARTS = /^(Dedication|Acknowledg(e)?ments|Preface|Foreword|Introduction|Epilogue|Afterword)$/i;

const CHROME_WORDS =
  /\b(shop|price|shipping|shipped|order(?:ing)?|paypal|buyers?|payment|cart|checkout|in stock|softcover|hardcover|credit card|money order|website designed)\b/i;

const SPEAKER = /^[\p{Lu}][\p{Lu}'’-]{2,}:\s/u;

/** A footnote cut after "at", "in", "of"… goes on at the next segment whatever its case. */
const CUT_AFTER_SMALL_WORD = /\b(at|in|of|the|a|an|and|to|by|for|on|with|from|see)$/i;

/** Page breaks given by an extractor (a PDF's page labels). */
const extractorPageBreak: StructureRule = {
  name: 'extractor-page-break',
  apply(st, seg) {
    const pageBreak = PAGE_BREAK_LINE.exec(seg.text);
    if (!pageBreak) return false;
    const label = pageBreak[1]!;
    if (/^\d+$/.test(label)) st.anchors.push({ block: st.blocks.length, page: Number(label), basis: 'printed' });
    st.sawBreak = true;
    return true;
  },
};

/** Headings the extractor knows (EPUB chapters, HTML and Markdown headings). */
const extractorHeading: StructureRule = {
  name: 'extractor-heading',
  apply(st, seg) {
    const t = seg.text;
    const known = st.knownHeadings.get(t);
    if (known === undefined) return false;
    st.closeOpen();
    // A heading that names the reference list starts it, as in the bundled texts.
    st.inBibliography = /^(references|bibliography|works cited|sources|literature)$/i.test(t);
    if (st.inBibliography) {
      st.part = 'References';
      st.section = undefined;
      st.heading(1, t, [seg.line, seg.line]);
      return true;
    }
    if (known === 1) {
      st.part = 'Chapter';
      st.chapter = (st.chapter ?? 0) + 1;
      st.chapterTitle = t;
      st.section = undefined;
    } else {
      st.section = t;
    }
    st.heading(known, t, [seg.line, seg.line]);
    return true;
  },
};

/** Parts and chapters from the table of contents. */
const contentsHeading: StructureRule = {
  name: 'contents-heading',
  apply(st, seg) {
    const hit = st.tocHeadingAt.get(st.i);
    if (!hit) return false;
    st.closeOpen();
    const chap = /^Chapter (\d+)\.\s*(.*)$/i.exec(hit.title);
    if (chap) {
      st.part = 'Chapter';
      st.chapter = Number(chap[1]);
      st.chapterTitle = chap[2]!.trim();
    } else {
      st.part = hit.title.replace(/[.:]\s*$/u, '').replace(/:.*/u, '');
      st.chapter = undefined;
      st.chapterTitle = hit.title.replace(/\.$/, '');
    }
    st.section = undefined;
    st.inBibliography = /^bibliography$/i.test(st.part);
    st.inIndex = /^index$/i.test(st.part);
    st.inAppendix = /^appendix/i.test(st.part);
    st.lastFootnoteNumber = 0;
    st.maxMarkerSeen = 0;
    if (hit.entry.page !== undefined) st.anchors.push({ block: st.blocks.length, page: hit.entry.page, basis: 'contents' });
    if (!st.inIndex) st.heading(1, hit.title, [seg.line, st.segs[st.i + hit.consumed - 1]!.line]);
    st.i += hit.consumed - 1;
    st.previousWasLabel = false;
    return true;
  },
};

/** The book's index: page anchors only, never passages; the bare title after it starts the back cover. */
const bookIndex: StructureRule = {
  name: 'book-index',
  apply(st, seg) {
    if (!st.inIndex) return false;
    const t = seg.text;
    if (!/\d|\t/.test(t) && alnum(t) === alnum(st.work.title)) {
      st.inIndex = false;
      st.backCover = true;
      st.part = 'Back cover';
      st.chapter = undefined;
      st.chapterTitle = undefined;
      st.section = undefined;
      st.heading(1, 'Back cover', [seg.line, seg.line]);
      return true;
    }
    st.index.push(...parseIndexLine(t));
    return true;
  },
};

/** Article furniture: keywords, and the author's note printed at the foot of the first page. */
const articleFurniture: StructureRule = {
  name: 'article-furniture',
  apply(st, seg) {
    if (!/^key ?words?:/i.test(seg.text) && !st.authorLine(seg.text)) return false;
    st.front.push(frontLine(seg));
    st.sawBreak = true;
    return true;
  },
};

/** The back cover's ISBN, publisher and shouted blurbs are front matter, not passages. */
const backCoverFurniture: StructureRule = {
  name: 'back-cover-furniture',
  apply(st, seg) {
    const t = seg.text;
    if (!st.backCover || !(/^(ISBN|©|Published by|Cover by)/i.test(t) || (t === t.toUpperCase() && wordCount(t) <= 4))) return false;
    st.front.push(frontLine(seg, 'Back cover'));
    return true;
  },
};

/**
 * The lines of a web page's chrome that describe the book it sells: its ISBN, its pages, its
 * author, its publisher. They are kept as front matter.
 */
const IMPRINT_LINE = /\bISBN\b|^\d[\d,]*\s+(?:pages|pp\.)|^by\s+\p{Lu}|^published by\s+\p{Lu}|©|\bcopyright\b/iu;

/**
 * A web page's own lines (its shop, ordering and shipping notes, credits) are passages of their
 * own kind (page-text.ts); a line that repeats the page's title is left out (every citation
 * gives the title), and so are menus and images' labels.
 */
const webChrome: StructureRule = {
  name: 'web-chrome',
  apply(st, seg) {
    if (st.work.type !== 'web-page' || webContent(st, seg)) return false;
    if (IMPRINT_LINE.test(seg.text)) st.front.push(frontLine(seg));
    else if (!repeatsTitle(st, seg)) st.keepPageText(seg);
    return true;
  },
};

/** Lines an extractor found outside a page's article (an HTML page's header, sidebar, footer), in any work. */
const extractorPageText: StructureRule = {
  name: 'extractor-page-text',
  apply(st, seg) {
    if (!st.pageTextHints.has(seg.text)) return false;
    st.keepPageText(seg);
    return true;
  },
};

const repeatsTitle = (st: StructureState, s: Segment) => st.titleRe.test(s.text) || alnum(st.work.title).includes(alnum(s.text));

function webContent(st: StructureState, s: Segment): boolean {
  if (repeatsTitle(st, s)) return false;
  if (CHROME_WORDS.test(s.text)) return false;
  if (isAttribution(s.text)) return true;
  if (wordCount(s.text) >= 8 && endsSentence(s.text)) return true;
  const next = st.nextContent();
  return wordCount(s.text) >= 2 && looksLikeHeadingText(s.text) && next !== undefined && !CHROME_WORDS.test(next.text) && st.isProse(next);
}

/** A book's running head ("12 Trotsky's Lies") marks a page break and is dropped. */
const runningHead: StructureRule = {
  name: 'running-head',
  apply(st, seg) {
    if (!st.isBook) return false;
    const head = pageHead(seg.text, st.work.title);
    if (!head) return false;
    if (head.page !== null) st.anchors.push({ block: st.blocks.length, page: head.page, basis: 'printed' });
    st.sawBreak = true;
    return true;
  },
};

/**
 * The bare book title is a running head when it interrupts text: after footnotes at a page's
 * foot, inside an unfinished paragraph or list. Elsewhere it is a real section.
 */
const bareTitleHead: StructureRule = {
  name: 'bare-title-head',
  apply(st, seg) {
    if (!st.isBook || !st.titleRe.test(seg.text) || st.backCover) return false;
    const next = st.nextContent();
    const interrupts =
      st.sawBreak ||
      st.openParas.some(waitsForMore) ||
      (st.blocks.at(-1)?.kind === 'list-item' && next !== undefined && isListItem(next.text)) ||
      st.blocks.at(-1)?.kind === 'footnote' ||
      (next !== undefined && (startsLowercase(next.text) || pairLabel(next.text) !== null));
    if (!interrupts) return false;
    st.sawBreak = true;
    return true;
  },
};

/** OCR junk marks a page break and is dropped. */
const junk: StructureRule = {
  name: 'junk',
  apply(st, seg) {
    if (!isJunk(seg.text)) return false;
    st.sawBreak = true;
    return true;
  },
};

/** A separator line (`* * *`) ends whatever was open. */
const separator: StructureRule = {
  name: 'separator',
  apply(st, seg) {
    if (!isSeparator(seg.text)) return false;
    st.closeOpen();
    return true;
  },
};

/** Footnote bodies: a superscript number, or digits that give the number expected next. */
const footnoteBody: StructureRule = {
  name: 'footnote-body',
  apply(st, seg) {
    if (st.inBibliography) return false;
    let fn = footnoteStart(seg.text);
    if (!fn) {
      const d = digitFootnoteStart(seg.text);
      const expected = (n: number) => n > st.lastFootnoteNumber && n <= Math.max(st.lastFootnoteNumber, st.maxMarkerSeen) + 2 && n <= 60;
      if (d && d.number !== null && expected(d.number)) fn = d;
    }
    if (!fn) return false;
    if (fn.number !== null) st.lastFootnoteNumber = fn.number;
    const b = st.push({ kind: 'footnote', text: fn.body, lines: [seg.line, seg.line], footnoteNumber: fn.number });
    st.openNote = noteEnds(fn.body) ? null : b;
    st.sawBreak = true;
    st.previousWasLabel = false;
    return true;
  },
};

/** Bibliography entries; a URL, a lower-case line or an entry cut after "at" continue the last one. */
const bibliographyEntry: StructureRule = {
  name: 'bibliography-entry',
  apply(st, seg) {
    if (!st.inBibliography) return false;
    const t = seg.text;
    const last = st.blocks.at(-1);
    const entryText = t.replace(/^[-–]\s+/u, '');
    if (last?.kind === 'bibliography' && (isUrlStart(t) || startsLowercase(t) || /\bat$/i.test(last.text))) {
      st.append(last, { ...seg, text: entryText });
    } else {
      st.push({ kind: 'bibliography', text: entryText, lines: [seg.line, seg.line] });
    }
    return true;
  },
};

/** An article's or talk's "References" line starts its reference list. */
const referencesHeading: StructureRule = {
  name: 'references-heading',
  apply(st, seg) {
    if (st.isBook || !/^(references|bibliography|works cited)$/i.test(seg.text)) return false;
    st.closeOpen();
    st.part = 'References';
    st.section = undefined;
    st.inBibliography = true;
    st.heading(1, seg.text, [seg.line, seg.line]);
    return true;
  },
};

/** Labels that introduce a translation ("Translated:", "English Translation:", "From the Livre rouge:"). */
const translationLabel: StructureRule = {
  name: 'translation-label',
  apply(st, seg) {
    const label = pairLabel(seg.text);
    if (!label) return false;
    st.openParas = [];
    st.push({ kind: 'label', label, text: seg.text, lines: [seg.line, seg.line] });
    st.previousWasLabel = true;
    return true;
  },
};

/** A URL line continues the open footnote, the attribution just given, or a waiting paragraph. */
const urlContinuation: StructureRule = {
  name: 'url-continuation',
  apply(st, seg) {
    if (!isUrlStart(seg.text)) return false;
    const note = st.openNote;
    const attribution = st.lastAttribution && st.blocks.at(-1) === st.lastAttribution ? st.lastAttribution : null;
    const target = note ?? attribution ?? st.waiting().at(-1) ?? null;
    if (!target) return false;
    st.append(target, seg);
    if (target === note && noteEnds(target.text)) st.openNote = null;
    return true;
  },
};

/** A footnote cut after a small word ("at", "of", "see") goes on at the next line whatever its case. */
const cutFootnoteContinuation: StructureRule = {
  name: 'cut-footnote-continuation',
  apply(st, seg) {
    const note = st.openNote;
    if (!note || st.blocks.at(-1) !== note || !CUT_AFTER_SMALL_WORD.test(note.text) || isListItem(seg.text)) return false;
    st.append(note, seg);
    if (noteEnds(note.text)) st.openNote = null;
    return true;
  },
};

/**
 * A line that starts in lower case continues something: a word hyphenated across a page break, a
 * paragraph cut after an abbreviation, the paragraph or footnote waiting for more (a reference-like
 * fragment goes to the footnote), or the last passage in the same language. Failing all that it is
 * the rest of a footnote whose beginning the OCR lost: an unnumbered body.
 */
const lowercaseContinuation: StructureRule = {
  name: 'lowercase-continuation',
  apply(st, seg) {
    const t = seg.text;
    if (!startsLowercase(t)) return false;
    const waiting = st.waiting();
    const hyphenated = waiting.find((p) => /\p{L}-$/u.test(p.text));
    const para = waiting.at(-1) ?? null;
    const note = st.openNote;
    const latest = st.lastMain();
    const afterAbbreviation =
      latest && latest.kind === 'paragraph' && /(^|\s)\p{L}{1,6}\.$/u.test(latest.text) && detectLang(latest.text) === detectLang(t);
    let target: RawBlock | null = hyphenated ?? (afterAbbreviation ? latest : null);
    if (!target) {
      if (para && note) target = bibliographicCues(t) >= 2 ? note : para;
      else target = para ?? note;
    }
    if (target) {
      st.append(target, seg);
      if (target === note && noteEnds(target.text)) st.openNote = null;
      st.openParas = st.openParas.filter(waitsForMore);
      st.previousWasLabel = false;
      return true;
    }
    // A sentence rarely starts in lower case: after an abbreviation ("моск.") or a closing
    // quote the previous block goes on, unless the fragment reads like a reference.
    if (
      latest &&
      (latest.kind === 'paragraph' || latest.kind === 'quotation' || latest.kind === 'list-item') &&
      bibliographicCues(t) < 2 &&
      detectLang(latest.text) === detectLang(t)
    ) {
      st.append(latest, seg);
      return true;
    }
    if (isListItem(t)) return false;
    const b = st.push({ kind: 'footnote', text: t, lines: [seg.line, seg.line], footnoteNumber: null });
    st.openNote = noteEnds(t) ? null : b;
    st.sawBreak = true;
    return true;
  },
};

/** A citation line right after a passage ("(Vozhdy 250)") belongs to it and makes it a quotation. */
const trailingCitation: StructureRule = {
  name: 'trailing-citation',
  apply(st, seg) {
    const prev = st.lastMain();
    if (!prev || (prev.kind !== 'paragraph' && prev.kind !== 'quotation') || !isTrailingCitation(seg.text)) return false;
    st.append(prev, seg);
    prev.kind = 'quotation';
    return true;
  },
};

/** An attribution line ("— Stalin, 1937") closes the quotation above it. */
const attribution: StructureRule = {
  name: 'attribution',
  apply(st, seg) {
    const prev = st.lastMain();
    if (!prev || (prev.kind !== 'paragraph' && prev.kind !== 'quotation') || !isAttribution(seg.text)) return false;
    prev.text = `${prev.text}\n${seg.text}`;
    prev.lines = [prev.lines[0], seg.line];
    prev.kind = 'quotation';
    st.lastAttribution = prev;
    st.openParas = [];
    return true;
  },
};

/** A talk's numbered sections ("3. The archives"), taken only in order. */
const talkSection: StructureRule = {
  name: 'talk-section',
  apply(st, seg) {
    const t = seg.text;
    if (st.previousWasLabel || st.work.type !== 'speech') return false;
    const talk = /^(\d{1,2})\.\s+(.+)$/.exec(t);
    if (!talk || Number(talk[1]) !== st.nextTalkSection || wordCount(t) > 16 || !seg.afterBlank) return false;
    st.closeOpen();
    st.nextTalkSection++;
    st.part = 'Section';
    st.chapter = Number(talk[1]);
    st.chapterTitle = talk[2]!.replace(/\.$/, '').trim();
    st.section = undefined;
    st.heading(1, t, [seg.line, seg.line]);
    return true;
  },
};

/** Section headings: a short title-like English line between blank lines, followed by prose; the Appendix's documents; named parts. */
const sectionHeading: StructureRule = {
  name: 'section-heading',
  apply(st, seg) {
    if (st.previousWasLabel) return false;
    const t = seg.text;
    const appendixDoc = st.inAppendix && /^Document \d+\./.test(t);
    if (!appendixDoc && !looksLikeSection(st, seg) && !NAMED_PARTS.test(t)) return false;
    st.openParas = [];
    st.section = t;
    st.heading(2, t, [seg.line, seg.line]);
    return true;
  },
};

function looksLikeSection(st: StructureState, seg: Segment): boolean {
  const t = seg.text;
  const next = st.nextContent();
  const prevText = st.segs[st.i - 1]?.text ?? '';
  return (
    !st.inAppendix &&
    !st.backCover &&
    !/^\d+\.\s/.test(t) &&
    !/^[\p{Lu}][\p{Lu}'’-]+:/u.test(t) &&
    !/:\s*$/.test(prevText) &&
    seg.afterBlank &&
    looksLikeHeadingText(t) &&
    (detectLang(t) === 'en' || detectLang(t) === 'und') &&
    !isListItem(t) &&
    st.isProse(next) &&
    (next === undefined || next.afterBlank)
  );
}

/** A reference-like paragraph among footnote bodies: the footnote linker may take it as a body whose number the OCR lost. */
function isNoteCandidate(st: StructureState, seg: Segment): boolean {
  const t = seg.text;
  const nextSeg = st.segs[st.i + 1];
  const nextIsNote = nextSeg !== undefined && footnoteStart(nextSeg.text) !== null;
  return (
    (nextIsNote || st.blocks.at(-1)?.kind === 'footnote') &&
    bibliographicCues(t) >= 2 &&
    !isListItem(t) &&
    wordCount(t) <= 70 &&
    !/\p{L}-$/u.test(t)
  );
}

/** A paragraph cut by a page break goes on after the footnotes and running head. */
const pageBreakContinuation: StructureRule = {
  name: 'page-break-continuation',
  apply(st, seg) {
    const t = seg.text;
    const waiting = st.waiting();
    const para = waiting.at(-1);
    const hyphenated = waiting.some((p) => /\p{L}-$/u.test(p.text));
    if (!para || hyphenated || !st.sawBreak || isListItem(t) || pairLabel(t) || isNoteCandidate(st, seg)) return false;
    st.append(para, seg);
    st.openParas = st.openParas.filter(waitsForMore);
    return true;
  },
};

/** A trial transcript's exchange (VYSHINSKY: … RADEK: …) is one passage: a question and its answer. */
const transcriptExchange: StructureRule = {
  name: 'transcript-exchange',
  apply(st, seg) {
    const t = seg.text;
    const last = st.blocks.at(-1);
    if (!SPEAKER.test(t) || last?.kind !== 'paragraph' || !SPEAKER.test(last.text) || st.sawBreak || last.text.length + t.length >= 1200) return false;
    last.text = `${last.text}\n${t}`;
    last.lines = [last.lines[0], seg.line];
    st.openParas = endsSentence(t) ? [] : [last];
    return true;
  },
};

/** Everything else is a paragraph or a list item. */
const paragraph: StructureRule = {
  name: 'paragraph',
  apply(st, seg) {
    const t = seg.text;
    const noteCandidate = isNoteCandidate(st, seg);
    const kind: RawKind = isListItem(t) ? 'list-item' : 'paragraph';
    const b = st.push({ kind, text: t, lines: [seg.line, seg.line], ...(noteCandidate ? { noteCandidate } : {}) });
    st.sawBreak = false;
    // An earlier cut paragraph still waits across a short line (a credit, a label), not across a
    // whole paragraph of other text. A reference-like paragraph among footnotes is probably
    // footnote text: it does not end the wait.
    if (noteCandidate) st.openParas = st.openParas.filter(waitsForMore);
    else st.openParas = [...(wordCount(t) < 25 ? st.openParas.filter(waitsForMore) : []), b].slice(-2);
    st.previousWasLabel = false;
    st.lastAttribution = null;
    countMarkers(st, t);
    return true;
  },
};

/** Footnote markers seen in the text bound the digits accepted as a footnote number. */
function countMarkers(st: StructureState, t: string): void {
  for (const m of t.matchAll(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu)) {
    const n = Number([...m[0]].map((c) => '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c)).join(''));
    if (n > st.maxMarkerSeen && n < 100) st.maxMarkerSeen = n;
  }
  const glued = /(?<=[\p{L}.,;:)"”’'»])(\d{1,2})(?=\s|$)/gu;
  for (const m of t.matchAll(glued)) {
    const n = Number(m[1]);
    if (n === st.maxMarkerSeen + 1) st.maxMarkerSeen = n;
  }
}

export const STRUCTURE_RULES: readonly StructureRule[] = [
  extractorPageBreak,
  extractorPageText,
  extractorHeading,
  contentsHeading,
  bookIndex,
  articleFurniture,
  backCoverFurniture,
  webChrome,
  runningHead,
  bareTitleHead,
  junk,
  separator,
  footnoteBody,
  bibliographyEntry,
  referencesHeading,
  translationLabel,
  urlContinuation,
  cutFootnoteContinuation,
  lowercaseContinuation,
  trailingCitation,
  attribution,
  talkSection,
  sectionHeading,
  pageBreakContinuation,
  transcriptExchange,
  paragraph,
];
