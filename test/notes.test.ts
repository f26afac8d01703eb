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
import { sampleMarkdown } from './helpers/library-samples.ts';
import { discussionTitle, openingOf } from '../src/conversation/discuss.ts';
import { testScope } from './helpers/real-dispatch.ts';

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

  it('THEN a text the group added is in the thread\'s bibliography with its own metadata, and another group asking for the same thread sees nothing of it', async () => {
    const { work: added } = await real.app.library.add('notes-group', sampleMarkdown(), {}, 'tester');
    const place = { platform: 'console', scope: 'notes-group', thread: 'group-text' };
    const inGroup = (extra = {}) => testScope({ collection: 'notes-group', userName: 'Olga', ...extra });
    const passage = added.blocks.find((b) => b.kind === 'paragraph')!;
    const shown = await real.dispatch({ command: 'context', args: { passage: passage.id, before: 0, after: 0 }, scope: inGroup() });
    expect(shown.error).toBeUndefined();
    await real.app.conversations.open(openingOf(place, passage.id, shown, discussionTitle(shown, 100)), { name: 'Olga', at: Date.now() });
    await real.dispatch({ command: 'quote', args: { query: 'Kirov', work: 'trotskys-lies', limit: 1 }, scope: inGroup({ thread: real.app.conversations.scopeOf(place) }) });
    const bib = await real.dispatch({ command: 'notes', args: { kind: 'bibliography', style: 'chicago', format: 'bibtex' }, scope: inGroup({ thread: real.app.conversations.scopeOf(place) }) });
    const text = bib.sections.map((x) => (x.kind === 'text' ? x.text : '')).join('\n');
    expect(text).toMatch(/Petrova, Maria\. 2021\. .Notes on the Reading Circle/);
    expect(text).toMatch(/Furr, Grover/);
    expect(readBack(bib.files![0]!.data).some((i) => /Reading Circle/.test(String(i.title)))).toBe(true);
    // Passages and works are read through the asking group's own library: from another group's
    // view (no door builds such a key, but the core must not rely on it) the group's text is absent.
    const elsewhere = await real.dispatch({ command: 'notes', args: { kind: 'bibliography' }, scope: testScope({ collection: 'other-group', thread: real.app.conversations.scopeOf(place) }) });
    const listed = elsewhere.sections.map((x) => (x.kind === 'text' ? x.text : '')).join('\n');
    expect(listed).toMatch(/^1 work quoted or cited/);
    expect(listed).not.toMatch(/Petrova|Reading Circle/);
  }, 120_000);
});
