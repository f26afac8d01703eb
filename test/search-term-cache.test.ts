import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { miniSearchOptions } from '../src/search/index-build.ts';
import { FastScorer, type IndexedPassage } from '../src/search/lectern-index.ts';

const word = (text: string) => ({ text, terms: [text], parts: [] });
const options = { combineWith: 'OR' as const, fuzzy: false, prefix: false, boost: { text: 1 }, k: 10 };

describe('GIVEN a scorer that keeps the terms it looked up', () => {
  it('THEN a passage added, discarded or vacuumed away in place is seen by the next lookup', async () => {
    const index = new MiniSearch<IndexedPassage>(miniSearchOptions());
    index.add({ id: 'a', text: 'ferryman river', heading: '' });
    const scorer = new FastScorer(index);
    expect(scorer.has('snow')).toBe(false);
    expect(scorer.topK([word('snow')], options)).toEqual([]);
    index.add({ id: 'b', text: 'ferryman snow', heading: '' });
    expect(scorer.has('snow')).toBe(true);
    expect(scorer.documentFrequency('ferryman')).toBe(2);
    expect(scorer.topK([word('snow')], options).map((r) => r.id)).toEqual(['b']);
    index.discard('b');
    // Looked up between the discard and the vacuum (the same version of the index on both sides).
    scorer.has('snow');
    scorer.documentFrequency('ferryman');
    await index.vacuum();
    expect(scorer.has('snow')).toBe(false);
    expect(scorer.documentFrequency('ferryman')).toBe(1);
    expect(scorer.topK([word('snow')], options)).toEqual([]);
    expect(scorer.topK([word('ferryman')], options).map((r) => r.id)).toEqual(['a']);
  });
});
