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

  it('THEN a common word scores the same from its packed postings, again after they were kept, and after documents were added in place', async () => {
    const { corpus } = await realCorpus();
    const index = buildIndex(corpus);
    const scorer = new FastScorer(index);
    const opts = { combineWith: 'OR' as const, fuzzy: false, prefix: true, boost: { text: 1, heading: 0.3 }, k: 50 };
    // "the" is in most passages and "Trotsky" with its prefixes in hundreds: long lists, packed on first use.
    const words = parseQuery('the Trotsky').words;
    const minisearchScores = () =>
      new Map(index.search({ combineWith: 'OR', queries: words.map((w) => ({ combineWith: 'OR', queries: w.terms })) }, { boost: { text: 1, heading: 0.3 } }).map((r) => [String(r.id), r.score]));
    const exact = scorer.topK(words, { ...opts, prefix: false });
    expect(exact.length).toBe(50);
    const theirs = minisearchScores();
    for (const r of exact) expect(r.score, r.id).toBeCloseTo(theirs.get(r.id)!, 9);
    const first = scorer.topK(words, opts);
    expect(scorer.topK(words, opts)).toEqual(first);
    // A passage added in place with the words many times over must be found: the kept lists are stale.
    index.add({ id: 'added.p1', text: 'Trotsky the Trotsky the Trotsky the Trotsky.', heading: 'Trotsky' });
    const after = scorer.topK(words, { ...opts, prefix: false });
    expect(after.map((r) => r.id)).toContain('added.p1');
    const now = minisearchScores();
    for (const r of after) expect(r.score, r.id).toBeCloseTo(now.get(r.id)!, 9);
  });
});
