/**
 * A query naming a chapter or section finds where it begins (src/search/section-named.ts): the
 * section's first passage leads, shown under its heading, and the match report reads the title.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { sectionOpenings } from '../src/search/section-named.ts';
import { shownHitTexts } from '../src/search/shown.ts';
import { realEngine } from './helpers/corpus.ts';
import { createRealDispatch, testScope, type RealDispatch } from './helpers/real-dispatch.ts';

let corpus: Corpus;
let engine: SearchEngine;
let real: RealDispatch;
beforeAll(async () => {
  ({ corpus, engine } = await realEngine());
  real = await createRealDispatch();
}, 120_000);

const first = async (q: string) => (await engine.search(q, { limit: 10 })).hits[0]!;

describe('GIVEN the speech’s section “Anticommunist Scholars Hide the Truth”, whose later paragraphs say “scholars” and “truth” but none says “hide”', () => {
  it('THEN its title typed whole, or three of its words, gives the section’s first paragraph first, under its heading', async () => {
    for (const q of ['Anticommunist Scholars Hide the Truth', 'scholars hide truth', 'anticomunist scholars hide the truth']) {
      const hit = await first(q);
      expect(hit.block.id, q).toBe('continuing-revolution-speech.p97');
      expect(hit.heading?.id, q).toBe('continuing-revolution-speech.h12');
      expect(shownHitTexts(corpus, hit)[0], q).toBe('Anticommunist Scholars Hide the Truth');
    }
  });

  it('THEN the match report does not say the passage lacks “hide”, which the title shown above it has', async () => {
    const { match } = await engine.search('Anticommunist Scholars Hide the Truth', { limit: 3 });
    expect(match?.find((m) => m.word === 'hide')?.found).not.toBe('no');
  });

  it('THEN /quote shows the heading as the first line of the passage, the citation unchanged', async () => {
    const r = await real.dispatch({ command: 'quote', args: { query: 'scholars hide truth', limit: 3 }, scope: testScope() });
    const passage = r.sections.find((s) => s.kind === 'passage');
    expect(passage?.kind === 'passage' && passage.passage.text.startsWith('Anticommunist Scholars Hide the Truth\n\nAll “mainstream”')).toBe(true);
    expect(passage?.kind === 'passage' && passage.passage.id).toBe('continuing-revolution-speech.p97');
  });
});

describe('GIVEN a title with a label, a date in brackets, or a question of its own', () => {
  it('THEN "Trotsky in Biulleten Oppozitsii" names chapter 5 without its label, and "Some Results of the Stalin Amalgam" the section dated (January 12, 1935)', async () => {
    expect((await first('Trotsky in Biulleten Oppozitsii')).heading?.plain).toBe("Chapter 5. Trotsky in Biulleten' Oppozitsii");
    expect((await first('Some Results of the Stalin Amalgam')).heading?.plain).toBe('"Some Results of the Stalin Amalgam" (January 12, 1935)');
  });

  it('THEN a question whose words the best passage says ("why restore capitalism") is answered by that passage, not the section "The Restoration of Capitalism"', async () => {
    expect((await first('why restore capitalism')).heading).toBeUndefined();
  });
});

describe('GIVEN a section whose first passage the search lists first already', () => {
  it('THEN it is shown under its heading too, a compound in the title ("Face-To-Face") named by its words', async () => {
    const hit = await first('Piatakov face to face with Bukharin');
    expect(hit.block.id).toBe('trotskys-lies.p437');
    expect(hit.heading?.plain).toBe("Piatakov's Face-To-Face Confrontation with Bukharin December 7, 1936");
  });
});

describe('GIVEN queries that share words with a heading but do not name it', () => {
  it('THEN "Trotsky" is not taken for the section "The Name of Trotsky", nor "Conclusion" for one of the four sections so called', async () => {
    expect((await first('Trotsky')).heading).toBeUndefined();
    expect(corpus.works.flatMap((w) => w.blocks).filter((b) => b.kind === 'heading' && b.plain === 'Conclusion')).toHaveLength(4);
    expect((await first('Conclusion')).heading).toBeUndefined();
  });

  it('THEN "Snyder\'s Bloodlands" names too little of its ten-word title to lead with it, and the passages saying it are listed as found', async () => {
    const hit = await first("Snyder's Bloodlands");
    expect(hit.heading).toBeUndefined();
    expect(hit.block.plain).toMatch(/Snyder/);
  });

  it('THEN a phrase in quotes names a section only as its heading says it', async () => {
    expect((await first('"Scholars Hide the Truth"')).heading?.id).toBe('continuing-revolution-speech.h12');
    expect((await engine.search('"hide scholars"', { limit: 3 })).hits).toEqual([]);
  });
});

describe('GIVEN every heading of the bundled corpus', () => {
  it('THEN each that a passage follows opens its section with that passage (a heading followed by another heading or by entries opens none)', () => {
    const openings = sectionOpenings(corpus);
    const headings = corpus.works.flatMap((w) => w.blocks).filter((b) => b.kind === 'heading');
    expect(openings.length).toBeGreaterThan(60);
    expect(openings.length).toBeLessThan(headings.length);
    for (const { heading, opening } of openings) {
      expect(['paragraph', 'quotation', 'list-item']).toContain(opening.kind);
      expect(corpus.workOf(opening.id)).toBe(corpus.workOf(heading.id));
    }
  });
});
