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
  });
});
