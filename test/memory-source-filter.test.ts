/**
 * The in-memory source keeps a filter's answers per function (candidates.ts: the same function
 * given again answers alike), so the other-language pass, asked about most passages of a large
 * library, looks each up by id once rather than once per query. What the cache must not do: answer
 * for another function, or for the index as it was before passages were added to it.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/index.ts';
import type { CandidateQuery } from '../src/search/candidates.ts';
import { miniSearchOptions } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import type { IndexedPassage } from '../src/search/lectern-index.ts';
import { realEngine } from './helpers/corpus.ts';

const stage = (q: string, accept: (id: string) => boolean): CandidateQuery => ({
  words: parseQuery(q).words,
  combineWith: 'OR',
  fuzzy: false,
  prefix: false,
  boost: { text: 1, heading: 0.3 },
  rank: 'coverage',
  k: 50,
  accept,
});

function ferryIndex(n: number): MiniSearch<IndexedPassage> {
  const index = new MiniSearch<IndexedPassage>(miniSearchOptions());
  index.addAll(Array.from({ length: n }, (_, i) => ({ id: `ferry.p${i}`, text: `The ferryman crossed the river ${i} times.`, heading: '' })));
  return index;
}

describe('GIVEN an in-memory source asked with the same filter function more than once', () => {
  it('THEN a passage added to the index in between is answered by the filter, not taken for one it refused', async () => {
    const index = ferryIndex(20);
    const source = new MemoryCandidateSource(index);
    const even = (id: string) => Number(id.split('.p')[1]) % 2 === 0;
    const first = await source.candidates(stage('ferryman', even));
    expect(first.map((c) => c.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `ferry.p${2 * i}`).sort());
    // Short ids 20 and 21: never asked about before; a cache sized for the old index would not cover them.
    index.add({ id: 'ferry.p20', text: 'The ferryman crossed the river again.', heading: '' });
    index.add({ id: 'ferry.p21', text: 'The ferryman crossed the river once more.', heading: '' });
    const second = await source.candidates(stage('ferryman', even));
    expect(second.map((c) => c.id)).toContain('ferry.p20');
    expect(second.map((c) => c.id)).not.toContain('ferry.p21');
  });

  it('THEN another function asked of the same passages gets its own answers', async () => {
    const source = new MemoryCandidateSource(ferryIndex(20));
    const even = (id: string) => Number(id.split('.p')[1]) % 2 === 0;
    const odd = (id: string) => !even(id);
    for (let round = 0; round < 2; round++) {
      expect((await source.candidates(stage('ferryman', even))).every((c) => even(c.id))).toBe(true);
      expect((await source.candidates(stage('ferryman', odd))).map((c) => c.id).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `ferry.p${2 * i + 1}`).sort());
    }
  });
});

describe('GIVEN the engine asked a Russian question, then with a filter, then without', () => {
  it('THEN the filtered answer keeps to the filter and the unfiltered answers are the same before and after', async () => {
    const { engine, corpus } = await realEngine();
    const q = 'Ленин доверял Сталину в последние годы';
    const before = await engine.search(q, { limit: 20 });
    const work = corpus.works.find((w) => before.hits.some((h) => h.work.meta.id === w.meta.id && h.block.lang !== 'ru'))!;
    expect(work).toBeDefined();
    const filtered = await engine.search(q, { limit: 20, work: work.meta.id });
    expect(filtered.hits.length).toBeGreaterThan(0);
    expect(filtered.hits.every((h) => h.work.meta.id === work.meta.id)).toBe(true);
    const after = await engine.search(q, { limit: 20 });
    expect(after.hits.map((h) => [h.block.id, h.score])).toEqual(before.hits.map((h) => [h.block.id, h.score]));
  });
});
