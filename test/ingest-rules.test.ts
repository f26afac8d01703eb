/**
 * One test per structure rule (src/corpus/ingest/structure-rules.ts): a real line of the bundled
 * corpus that the rule decides, and what it made of it. Rules that only an extractor's hints can
 * trigger are tested on the hints an extractor gives.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, type ManifestWork } from '../src/corpus/manifest.ts';
import { buildStructure, traceRules, type RuleTrace, type Structure } from '../src/corpus/ingest/structure.ts';
import { STRUCTURE_RULES } from '../src/corpus/ingest/structure-rules.ts';
import { toSegments } from '../src/corpus/ingest/segments.ts';
import { StructureState } from '../src/corpus/ingest/structure-state.ts';
import { CORPUS_DIR } from './helpers/corpus.ts';

interface Loaded {
  meta: ManifestWork;
  lines: string[];
  trace: RuleTrace;
  structure: Structure;
}
const works = new Map<string, Loaded>();

beforeAll(async () => {
  const manifest = await loadManifest(path.join(CORPUS_DIR, 'manifest.json'));
  for (const meta of manifest.works) {
    const text = await readFile(path.join(CORPUS_DIR, meta.file), 'utf8');
    works.set(meta.id, { meta, lines: text.split('\n'), trace: traceRules(text, meta), structure: buildStructure(text, meta) });
  }
});

const w = (id: string) => works.get(id)!;
/** The line number of the first line of `id` that starts with `start`. */
const lineOf = (id: string, start: string, from = 1) => {
  const k = w(id).lines.findIndex((l, i) => i + 1 >= from && l.trim().startsWith(start));
  if (k < 0) throw new Error(`no line starting ${start} in ${id}`);
  return k + 1;
};
/** The block that holds the text of `line` (blocks joined across a page break span other blocks' lines). */
const blockAt = (id: string, line: number) => {
  const text = w(id).lines[line - 1]!.trim().replace(/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*/u, '').replace(/^- /, '').slice(0, 30);
  return w(id).structure.blocks.find((b) => b.lines[0] <= line && line <= b.lines[1] && b.text.includes(text));
};
const BOOK = 'trotskys-lies';

describe('GIVEN the ordered structure rules', () => {
  it('THEN every rule has a unique name and the last one, paragraph, takes whatever is left', () => {
    const names = STRUCTURE_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.at(-1)).toBe('paragraph');
  });

  it('THEN every line of every bundled text is decided by exactly one named rule', () => {
    for (const { lines, trace } of works.values()) {
      const nonBlank = lines.filter((l) => l.trim() !== '').length;
      // Lines before the body (front matter, contents) are not traced.
      expect(trace.size).toBeLessThanOrEqual(nonBlank);
      for (const rule of trace.values()) expect(STRUCTURE_RULES.map((r) => r.name)).toContain(rule);
    }
  });
});

describe('GIVEN the book Trotsky\'s Lies', () => {
  it('THEN contents-heading makes "Chapter 2. Trotsky on the Kirov…" a level-1 heading of chapter 2', () => {
    const line = lineOf(BOOK, 'Chapter 2. Trotsky on the Kirov', 300);
    expect(w(BOOK).trace.get(line)).toBe('contents-heading');
    expect(blockAt(BOOK, line)).toMatchObject({ kind: 'heading', level: 1, chapter: 2, chapterTitle: 'Trotsky on the Kirov Assassination' });
  });

  it('THEN section-heading makes "Verifying the Moscow Trials Testimony" a level-2 section heading', () => {
    const line = lineOf(BOOK, 'Verifying the Moscow Trials Testimony');
    expect(w(BOOK).trace.get(line)).toBe('section-heading');
    expect(blockAt(BOOK, line)).toMatchObject({ kind: 'heading', level: 2, section: 'Verifying the Moscow Trials Testimony' });
  });

  it('THEN footnote-body takes "² The Russian term is…" as footnote 2', () => {
    const line = lineOf(BOOK, '² The Russian term is');
    expect(w(BOOK).trace.get(line)).toBe('footnote-body');
    expect(blockAt(BOOK, line)).toMatchObject({ kind: 'footnote', footnoteNumber: 2 });
  });

  it('THEN translation-label keeps "Translated:" as a label block of kind translation', () => {
    const line = lineOf(BOOK, 'Translated:');
    expect(w(BOOK).trace.get(line)).toBe('translation-label');
    expect(blockAt(BOOK, line)).toMatchObject({ kind: 'label', label: 'translation' });
  });

  it('THEN attribution joins \'- "How Could This Happen?"…\' to the quotation above it', () => {
    const line = lineOf(BOOK, '- "How Could This Happen?"');
    expect(w(BOOK).trace.get(line)).toBe('attribution');
    const b = blockAt(BOOK, line)!;
    expect(b.kind).toBe('quotation');
    expect(b.lines[0]).toBeLessThan(line);
    expect(b.text).toContain('\n- "How Could This Happen?"');
  });

  it('THEN url-continuation appends the address on the next line to footnote 7 cut after "Online at"', () => {
    const line = lineOf(BOOK, 'http://msuweb.montclair.edu/~furrg/research/zbor_sedov_stalin0238.pdf');
    expect(w(BOOK).trace.get(line)).toBe('url-continuation');
    const b = blockAt(BOOK, line)!;
    expect(b).toMatchObject({ kind: 'footnote', footnoteNumber: 7 });
    expect(b.text).toContain('Online at http://msuweb.montclair.edu/~furrg/research/zbor_sedov_stalin0238.pdf');
  });

  it('THEN lowercase-continuation joins "days that Lenin, objecting…" to the quotation footnote 2 interrupted', () => {
    const line = lineOf(BOOK, 'days that Lenin, objecting');
    expect(w(BOOK).trace.get(line)).toBe('lowercase-continuation');
    const b = blockAt(BOOK, line)!;
    expect(b.kind).toBe('quotation');
    expect(b.text).toMatch(/^It is astounding how persistent Zinoviev was[\s\S]* days that Lenin, objecting/);
  });

  it('THEN page-break-continuation carries "Hall of the Kremlin I found a room" on in the paragraph the page break cut', () => {
    const line = lineOf(BOOK, 'Hall of the Kremlin I found a room');
    expect(w(BOOK).trace.get(line)).toBe('page-break-continuation');
    const b = blockAt(BOOK, line)!;
    expect(b.lines[0]).toBeLessThan(line);
    expect(b.continued).toBe(true);
  });

  it('THEN transcript-exchange keeps "REINGOLD: In 1932…" in the passage of the question it answers', () => {
    const line = lineOf(BOOK, 'REINGOLD: In 1932, Zinoviev');
    expect(w(BOOK).trace.get(line)).toBe('transcript-exchange');
    const b = blockAt(BOOK, line)!;
    expect(b.kind).toBe('paragraph');
    expect(b.text).toMatch(/^[A-Z]{3,}: [\s\S]*\nREINGOLD: In 1932/);
  });

  it('THEN running-head drops "128 Trotsky\'s Lies" and anchors page 128 at the next block', () => {
    const line = lineOf(BOOK, "128 Trotsky's Lies");
    expect(w(BOOK).trace.get(line)).toBe('running-head');
    expect(blockAt(BOOK, line)).toBeUndefined();
    expect(w(BOOK).structure.anchors).toContainEqual(expect.objectContaining({ page: 128, basis: 'printed' }));
  });

  it('THEN bare-title-head drops the bare title "Trotsky\'s Lies" that interrupts a page (line 1043)', () => {
    expect(w(BOOK).lines[1042]).toBe("Trotsky's Lies");
    expect(w(BOOK).trace.get(1043)).toBe('bare-title-head');
    expect(blockAt(BOOK, 1043)).toBeUndefined();
  });

  it('THEN junk drops the OCR fragment "YFR" without making a block of it', () => {
    const line = lineOf(BOOK, 'YFR');
    expect(w(BOOK).trace.get(line)).toBe('junk');
    expect(blockAt(BOOK, line)).toBeUndefined();
  });

  it('THEN cut-footnote-continuation joins "III. In the field of industrialization." to footnote 24 cut after "of"', () => {
    const line = lineOf(BOOK, 'III. In the field of industrialization.');
    expect(w(BOOK).trace.get(line)).toBe('cut-footnote-continuation');
    expect(blockAt(BOOK, line)).toMatchObject({ kind: 'footnote', footnoteNumber: 24 });
  });

  it('THEN trailing-citation makes "(1938 Trial 163)" the end of the quotation above it', () => {
    const line = lineOf(BOOK, '(1938 Trial 163)');
    expect(w(BOOK).trace.get(line)).toBe('trailing-citation');
    const b = blockAt(BOOK, line)!;
    expect(b.kind).toBe('quotation');
    expect(b.text.endsWith('(1938 Trial 163)')).toBe(true);
  });

  it('THEN bibliography-entry makes each line of the Bibliography one entry', () => {
    const line = lineOf(BOOK, "'Milaia moia resnichka'.");
    expect(w(BOOK).trace.get(line)).toBe('bibliography-entry');
    expect(blockAt(BOOK, line)).toMatchObject({ kind: 'bibliography', part: 'Bibliography' });
  });

  it('THEN book-index reads the index into page lists and makes no block of it', () => {
    const line = lineOf(BOOK, '"capitulators"137, 140');
    expect(w(BOOK).trace.get(line)).toBe('book-index');
    expect(blockAt(BOOK, line)).toBeUndefined();
    expect(w(BOOK).structure.index).toContainEqual({ term: '"capitulators"', pages: [137, 140] });
  });

  it('THEN back-cover-furniture keeps "ISBN: 978-0-578-52104-6" out of the passages', () => {
    const line = lineOf(BOOK, 'ISBN: 978-0-578-52104-6', 2900);
    expect(w(BOOK).trace.get(line)).toBe('back-cover-furniture');
    expect(blockAt(BOOK, line)).toBeUndefined();
    expect(w(BOOK).structure.front.map((l) => l.text)).toContain('ISBN: 978-0-578-52104-6');
  });

  it('THEN paragraph makes the acknowledgements\' first line a paragraph of the part "Acknowledgements and Dedication"', () => {
    const line = lineOf(BOOK, 'Once again, I wish to express my gratitude');
    expect(w(BOOK).trace.get(line)).toBe('paragraph');
    expect(blockAt(BOOK, line)).toMatchObject({ kind: 'paragraph', part: 'Acknowledgements and Dedication' });
  });
});

describe('GIVEN the article, the talk and the publisher\'s page', () => {
  it('THEN article-furniture keeps the article\'s "Keywords:" line out of the passages', () => {
    const id = 'violence-trotskyism-article';
    const line = lineOf(id, 'Keywords:');
    expect(w(id).trace.get(line)).toBe('article-furniture');
    expect(blockAt(id, line)).toBeUndefined();
  });

  it('THEN references-heading starts the article\'s reference list at "References"', () => {
    const id = 'violence-trotskyism-article';
    const line = lineOf(id, 'References');
    expect(w(id).trace.get(line)).toBe('references-heading');
    expect(blockAt(id, line)).toMatchObject({ kind: 'heading', level: 1, part: 'References' });
    expect(w(id).trace.get(line + 2)).toBe('bibliography-entry');
  });

  it('THEN talk-section makes "3. The Murder of Sergei Kirov." section 3 of the talk', () => {
    const id = 'continuing-revolution-speech';
    const line = lineOf(id, '3. The Murder of Sergei Kirov.');
    expect(w(id).trace.get(line)).toBe('talk-section');
    expect(blockAt(id, line)).toMatchObject({ kind: 'heading', part: 'Section', chapter: 3, chapterTitle: 'The Murder of Sergei Kirov' });
  });

  it('THEN web-chrome keeps the shop\'s menu line out of the publisher\'s page', () => {
    const id = 'collaboration-publisher-page';
    const line = lineOf(id, 'Home About Us Contact Us');
    expect(w(id).trace.get(line)).toBe('web-chrome');
    expect(blockAt(id, line)).toBeUndefined();
  });
});

describe('GIVEN text from an extractor, with its hints', () => {
  const meta: ManifestWork = { id: 'x', file: 'x.txt', type: 'book', title: 'X', authors: [] } as unknown as ManifestWork;

  it('THEN extractor-page-break anchors page 12 at the block after "\\f12"', () => {
    const text = 'First paragraph of the book, long enough to be one.\n\f12\nSecond paragraph, on page twelve of the book.';
    const trace = traceRules(text, meta);
    expect(trace.get(2)).toBe('extractor-page-break');
    expect(buildStructure(text, meta).anchors).toEqual([{ block: 1, page: 12, basis: 'printed' }]);
  });

  it('THEN extractor-heading makes a known level-1 heading a chapter and "References" the reference list', () => {
    const text = 'The Beginning\n\nSome text of the first chapter that is a paragraph.\n\nReferences\n\nSmith, J. (2000). A Book. London: Press.';
    const hints = { headings: [{ text: 'The Beginning', level: 1 as const }, { text: 'References', level: 1 as const }] };
    const trace = traceRules(text, meta, hints);
    expect(trace.get(1)).toBe('extractor-heading');
    const s = buildStructure(text, meta, hints);
    expect(s.blocks[0]).toMatchObject({ kind: 'heading', part: 'Chapter', chapter: 1, chapterTitle: 'The Beginning' });
    expect(s.blocks.at(-1)).toMatchObject({ kind: 'bibliography', part: 'References' });
  });

  it('THEN separator, tried on its own, ends the paragraph waiting for its continuation', () => {
    const segs = toSegments('***');
    const st = new StructureState(segs, meta, [], new Map(), {});
    st.openParas = [st.push({ kind: 'paragraph', text: 'a paragraph cut in the middle of', lines: [1, 1] })];
    const rule = STRUCTURE_RULES.find((r) => r.name === 'separator')!;
    expect(rule.apply(st, segs[0]!)).toBe(true);
    expect(st.openParas).toEqual([]);
  });

  it('THEN a byline under an essay\'s title ("By Anna Petrova") is front matter, not the heading of a section', () => {
    const essay = { id: 'ledger', file: 'l.md', type: 'essay', title: "The Ferryman's Ledger", authors: [{ given: 'Anna', family: 'Petrova' }] } as unknown as ManifestWork;
    const text = "The Ferryman's Ledger\n\nBy Anna Petrova\n\nThe ferryman kept a ledger of every crossing on the river, noting the weather and the fare.";
    const s = buildStructure(text, essay);
    expect(s.front.map((l) => l.text)).toEqual(["The Ferryman's Ledger", 'By Anna Petrova']);
    expect(s.blocks.map((b) => b.text)).not.toContain('By Anna Petrova');
    expect(s.blocks.find((b) => b.kind === 'paragraph')?.section).toBeUndefined();
  });
});

