/**
 * A search over several indexes looks up the prefix and typo variants of its terms once, in the
 * terms of all of them (the bundled corpus's, and one tree of a group's works'), and each index
 * scores those it holds: the result must be that of one index holding every passage.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/index.ts';
import type { CandidateQuery } from '../src/search/candidates.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { termVariants, type TermTree } from '../src/search/lectern-index.ts';
import { LayeredCandidateSource } from '../src/search/layered-source.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { realCorpus } from './helpers/corpus.ts';

const stage = (q: string, combineWith: 'AND' | 'OR', fuzzy: boolean): CandidateQuery => ({
  words: parseQuery(q).words,
  combineWith,
  fuzzy,
  prefix: parseQuery(q).lastTermPrefix,
  boost: { text: 1, heading: 0.3 },
  rank: 'coverage',
  k: 400,
});

describe('GIVEN the bundled works split into three indexes, searched as one', () => {
  it('THEN prefix and typo stages score every passage as one index holding all of them does', async () => {
    const { corpus } = await realCorpus();
    const works = corpus.works;
    const whole = new MemoryCandidateSource(buildIndex(corpus));
    const parts = [works.slice(0, 2), works.slice(2, 4), works.slice(4)].map((ws) => new MemoryCandidateSource(buildIndex(corpus, ws)));
    const layered = new LayeredCandidateSource(parts);
    for (const q of ['Trotksy', 'Zinovev Kamenev', 'Bazanov', 'Trots', 'Heijenort', 'Snider Bloodlands', 'restoration of capitali', 'Сталн']) {
      for (const [combineWith, fuzzy] of [['AND', true], ['OR', true], ['AND', false]] as const) {
        const one = await whole.candidates(stage(q, combineWith, fuzzy));
        const many = await layered.candidates(stage(q, combineWith, fuzzy));
        const label = `${q} ${combineWith} fuzzy:${fuzzy}`;
        expect(many.length, label).toBe(one.length);
        // The same scores in the same order; passages of equal score may come in either order.
        many.forEach((c, i) => expect(c.score, `${label} #${i}`).toBeCloseTo(one[i]!.score, 9));
        const last = one.at(-1)?.score ?? 0;
        const above = (cs: { id: string; score: number }[]) => cs.filter((c) => c.score > last * (1 + 1e-9)).map((c) => c.id).sort();
        expect(above(many), label).toEqual(above(one));
      }
    }
  });

  it('THEN a term added to one of the indexes in place is among the variants of the next query', async () => {
    const { corpus } = await realCorpus();
    const works = corpus.works;
    const parts = [works.slice(0, 2), works.slice(2, 4), works.slice(4)].map((ws) => new MemoryCandidateSource(buildIndex(corpus, ws)));
    const layered = new LayeredCandidateSource(parts);
    expect(await layered.candidates(stage('Trotsky', 'AND', false))).not.toHaveLength(0);
    parts[2]!.index.add({ id: 'added.p1', text: 'The quixotical ferryman.', heading: '' });
    const found = await layered.candidates(stage('quixotic', 'AND', false));
    expect(found.map((c) => c.id)).toEqual(['added.p1']);
    const typo = await layered.candidates(stage('quixat ', 'AND', true));
    expect(typo.map((c) => c.id)).toEqual(['added.p1']);
  });
});

describe('GIVEN the same terms in trees built in different orders (a group\'s works in memory, its term table in PostgreSQL)', () => {
  it('THEN the variants come in the same order: the first tree\'s in its order, then the others\' sorted', () => {
    const tree = (terms: string[]) => {
      const map = new SearchableMap<true>();
      for (const t of terms) map.set(t, true);
      return map as unknown as TermTree;
    };
    const bundled = tree(['zinovev', 'zinov']);
    const group = ['zinoviev', 'zinovyev', 'zinovev', 'zinovjev', 'zinovievs'];
    const forwards = termVariants([bundled, tree(group)]);
    const backwards = termVariants([bundled, tree([...group].reverse())]);
    expect(forwards.near('zinovev', 2)).toEqual(backwards.near('zinovev', 2));
    expect(forwards.near('zinovev', 2).map(([t]) => t)).toEqual(['zinovev', 'zinov', 'zinoviev', 'zinovievs', 'zinovjev', 'zinovyev']);
    expect(forwards.withPrefix('zinov')).toEqual(backwards.withPrefix('zinov'));
    expect(forwards.withPrefix('zinov')).toEqual(['zinov', 'zinovev', 'zinoviev', 'zinovievs', 'zinovjev', 'zinovyev']);
  });
});
