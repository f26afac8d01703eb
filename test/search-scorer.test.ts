import { describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/index.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { FastScorer } from '../src/search/lectern-index.ts';
import { realCorpus } from './helpers/corpus.ts';

describe('GIVEN the fast scorer over a minisearch index', () => {
  it('THEN its scores equal minisearch\'s own BM25 scores for the same terms', async () => {
    const index = buildIndex((await realCorpus()).corpus);
    const scorer = new FastScorer(index);
    for (const q of ['Kirov', 'consul', 'Сталин', 'Zinoviev Kamenev', 'restoration capitalism']) {
      const parsed = parseQuery(`${q}.`);
      const ours = scorer.topK(parsed.words, { combineWith: 'AND', fuzzy: false, prefix: false, boost: { text: 1, heading: 0.3 }, k: 10 });
      const theirs = index
        .search({ combineWith: 'AND', queries: parsed.words.map((w) => ({ combineWith: 'OR', queries: w.terms })) }, { boost: { text: 1, heading: 0.3 } })
        .slice(0, 10);
      // Same scores in the same order; documents with equal scores may come in either order.
      ours.forEach((r, i) => expect(r.score, q).toBeCloseTo(theirs[i]!.score, 9));
      const key = (rs: { id: unknown; score: number }[]) => rs.map((r) => `${r.score.toFixed(9)} ${String(r.id)}`).sort();
      expect(key(ours), q).toEqual(key(theirs));
    }
  });

  it('THEN a query scores the same alone and after other queries (its working arrays start at zero each time)', async () => {
    const scorer = new FastScorer(buildIndex((await realCorpus()).corpus));
    const opts = { combineWith: 'AND' as const, fuzzy: false, prefix: false, boost: { text: 1, heading: 0.3 }, k: 20 };
    const kirov = parseQuery('Kirov murder').words;
    const first = scorer.topK(kirov, opts);
    expect(first.length).toBeGreaterThan(0);
    scorer.topK(parseQuery('Trotsky Stalin Zinovev').words, { ...opts, combineWith: 'OR', fuzzy: true, prefix: true, k: 400 });
    scorer.topK(parseQuery('the').words, { ...opts, combineWith: 'OR' });
    expect(scorer.topK(kirov, opts)).toEqual(first);
  });
});
