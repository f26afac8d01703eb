/**
 * A short topic whose words a listed work's title holds (src/search/lists-works.ts, rerank.ts
 * TOPIC_SUBSTANCE): a bibliography entry or a citing note holds them as title words and gains none
 * of the factors that read a topic in running text, so the passage discussing the subject leads;
 * asked for the reference, the entry still does. Real corpus; the queries are none of
 * ../shared/eval's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchEngine } from '../src/search/engine.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const first = async (query: string) => (await engine.search(query, { limit: 1 })).hits[0]?.block;

describe('GIVEN a short topic that is also the words of a listed title', () => {
  it('THEN the passage discussing the subject leads, not the entry listing the work', async () => {
    for (const q of ["Humbert-Droz's memoir", 'Humbert-Droz memoirs']) {
      const b = await first(q);
      expect(b?.kind, q).not.toBe('bibliography');
      expect(b?.plain, q).toMatch(/memoirs? of Jules Humbert-Droz/u);
    }
  });
});

describe('GIVEN the same topic asked for as a reference', () => {
  it('THEN the entry listing the work leads', async () => {
    const b = await first('Humbert-Droz memoir full reference');
    expect(b?.kind).toBe('bibliography');
    expect(b?.plain).toContain('Mémoirs de Jules Humbert-Droz');
  });
});

describe('GIVEN a short topic that names a work by its kind', () => {
  it('THEN the note or entry naming the work still leads', async () => {
    expect((await first("Lenoe's Kirov book"))?.plain).toContain('The Kirov Murder and Soviet History');
  });
});
