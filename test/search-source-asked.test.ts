/**
 * A query asking for a source (src/search/source-asked.ts): which article, where to read a thing,
 * whether it is online. The notes that cite the work and the entry listing it are the answer, and
 * weigh as the text does instead of below it. Real corpus; the queries are none of ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { asksForSource } from '../src/search/source-asked.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const first = async (query: string) => (await engine.search(query, { limit: 1 })).hits[0]?.block;

describe('GIVEN a question asking where to read a work or whether it is online', () => {
  it('THEN the entry or note giving its address leads, above the text that discusses it', async () => {
    expect((await first("where can I find the Biulleten' Oppozitsii online"))?.kind).toBe('bibliography');
    expect((await first('where can I read the Humanité text of the Kirov indictment'))?.plain).toContain('I have put the text of the abbreviated Kirov indictment');
    expect((await first("where can I read Sedov's Red Book online"))?.plain).toContain('The Red Book on the Moscow Trials (1936)');
  });
});

describe('GIVEN a query that asks for no source', () => {
  it('THEN it is not read as asking for one ("link" as a verb, "where" with no reading or publishing)', () => {
    expect(asksForSource("in this version Trotsky doesn't link the tale to Stalin becoming General Secretary")).toBe(false);
    expect(asksForSource('where did Trotsky live in 1934')).toBe(false);
    expect(asksForSource('which article are the unattributed quotations from')).toBe(true);
    expect(asksForSource('Snyder often lies on purpose about what his sources say')).toBe(false);
    expect(asksForSource('where Trotsky faked what the Kirov articles said')).toBe(false);
  });
});

describe('GIVEN a source question with a word before the kind of source, a plural, or an editor asked for', () => {
  it('THEN it asks for a source ("which French newspapers", "which of his books", "which chapters", "who edited")', () => {
    expect(asksForSource('which French newspapers did Trotsky cite')).toBe(true);
    expect(asksForSource('in which of his books does the author examine this')).toBe(true);
    expect(asksForSource('which chapters deal with the bloc')).toBe(true);
    expect(asksForSource('who edited the Lost Politburo Transcripts')).toBe(true);
  });

  it('THEN the note naming the books and chapters weighs as the text and comes second, after the note on the letter itself', async () => {
    const hits = (await engine.search("which of Furr's books show that Radek was truthful about Trotsky's letter", { limit: 2 })).hits.map((h) => h.block.plain);
    expect(hits[1]).toContain("See Furr, Trotsky's Amalgams, Chapter 4");
  });
});
