/**
 * A thread's bibliography on the real corpus: each work once whatever record it came through,
 * in the order the style sorts, a group's own text with what metadata it has and a plain word on
 * what it lacks, and the three exports read back by citation-js.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bibliographyLines, exportSources } from '../src/notes/bibliography.ts';
import type { WorkBuild } from '../src/corpus/work.ts';
import { createRealDispatch, type RealDispatch } from './helpers/real-dispatch.ts';
import { readBack } from './helpers/notes-check.ts';

let real: RealDispatch;
beforeAll(async () => {
  real = await createRealDispatch();
}, 120_000);

const corpus = () => real.app.base.corpus;
const work = (id: string) => corpus().work(id)!;
/** The entry for Main's article in Trotsky's Lies' bibliography, as (Main 185) resolves. */
const mainEntry = () => corpus().entry(corpus().work('trotskys-lies')!.bibliography.find((e) => e.text.startsWith('Main, Steven J.'))!.id)!;

describe('GIVEN works quoted and cited in a thread', () => {
  it('THEN each is listed once and the list follows the style\'s order (authors A–Z in MLA and APA)', () => {
    const sources = [{ work: work('trotskys-lies'), entry: mainEntry() }, { work: work('violence-trotskyism-article') }, { work: work('trotskys-lies') }, { work: work('trotskys-lies') }];
    for (const style of ['mla', 'apa', 'chicago'] as const) {
      const lines = bibliographyLines(real.app.cite, sources, style).map((l) => l.text);
      expect(lines, style).toHaveLength(3);
      expect(lines[0], style).toMatch(/^Furr/);
      expect(lines[1], style).toMatch(/^Main/);
      expect(lines[2], style).toMatch(/^Mukherjee/);
    }
  });

  it('THEN a work that a bibliography also lists (another apostrophe, another record) is one item, the library\'s own', () => {
    const furr = work('trotskys-lies');
    // A bibliography's line for the same book, as another text in the library might print it.
    const listed = { ...mainEntry(), id: 'other-work.b9', text: 'Furr, Grover. Trotsky’s Lies. Kettering, OH: Erythrós Press, 2019.', title: 'Trotsky’s Lies', authors: ['Furr, Grover'], names: [{ family: 'Furr', given: 'Grover' }], containerTitle: undefined, volume: undefined, issue: undefined, pages: undefined, entryType: 'book' as const };
    const lines = bibliographyLines(real.app.cite, [{ work: work('violence-trotskyism-article'), entry: listed }, { work: furr }], 'mla');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.source.entry).toBeUndefined();
    expect(lines[0]!.text).toContain('Corrected Edition');
  });

  it('THEN a group\'s text without author or date says so instead of Lectern inventing them', () => {
    const base = work('collaboration-publisher-page');
    const bare: WorkBuild = { ...base, meta: { ...base.meta, id: 'group-notes', title: 'Reading notes from the archive', authors: [], date: undefined } as unknown as WorkBuild['meta'] };
    const [line] = bibliographyLines(real.app.cite, [{ work: bare }], 'chicago');
    expect(line!.text).toMatch(/Reading notes from the archive/i);
    expect(line!.text).toContain('The source gives no author or editor, no date; Lectern adds none.');
  });

  it('THEN BibTeX, RIS and CSL-JSON exports hold the same works, and citation-js reads each back', () => {
    const sources = [{ work: work('trotskys-lies'), entry: mainEntry() }, { work: work('trotskys-lies') }];
    for (const format of ['bibtex', 'ris', 'csl-json'] as const) {
      const titles = readBack(exportSources(real.app.cite, sources, format)).map((i) => String(i.title));
      expect(titles, format).toHaveLength(2);
      expect(titles.some((t) => /Trotsky.s Lies/.test(t)), format).toBe(true);
      expect(titles.some((t) => /Arrest and .Testimony/.test(t)), format).toBe(true);
    }
  });
});
