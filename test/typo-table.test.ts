/**
 * The typo neighbours found by scanning a list of the index's terms (typo-table.ts) must be those
 * minisearch's walk of its tree finds: the same terms, values and distances in the same order (the
 * order each passage's score is summed in).
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/index.ts';
import type { CandidateQuery } from '../src/search/candidates.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { TypoTable } from '../src/search/typo-table.ts';
import { realCorpus } from './helpers/corpus.ts';

type Tree = { _tree: Map<string, unknown>; fuzzyGet(term: string, d: number): Map<string, [unknown, number]> };
const walked = (tree: Tree, term: string, d: number) => [...tree.fuzzyGet(term, d)].map(([t, [v, dist]]) => [t, v, dist]);
const isEmpty = (v: unknown) => (v as Map<unknown, unknown>).size === 0;

/** Misspellings of a term: a letter dropped, doubled, changed, two neighbours swapped. */
function typos(t: string): string[] {
  const mid = Math.floor(t.length / 2);
  return [t.slice(0, mid) + t.slice(mid + 1), t.slice(0, mid) + t[mid] + t.slice(mid), `${t.slice(0, mid)}x${t.slice(mid + 1)}`, t.slice(0, mid - 1) + t[mid] + t[mid - 1] + t.slice(mid + 1)];
}

describe('GIVEN the bundled corpus index', () => {
  it('THEN every fifth term, and misspellings of it, at distances 1 and 2 have the walk\'s neighbours', async () => {
    const { corpus } = await realCorpus();
    const tree = (buildIndex(corpus) as unknown as { _index: Tree })._index;
    const table = new TypoTable(tree._tree);
    expect(table.size).toBeGreaterThan(5000);
    let compared = 0;
    let found = 0;
    const all = [...(tree as unknown as Map<string, unknown>).keys()];
    for (let i = 0; i < all.length; i += 5) {
      for (const q of [all[i]!, ...(all[i]!.length > 3 ? typos(all[i]!) : [])]) {
        for (const d of [1, 2]) {
          const want = walked(tree, q, d);
          expect(table.near(q, d, isEmpty), `${q} ${d}`).toEqual(want);
          compared++;
          found += want.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(5000);
    expect(found).toBeGreaterThan(compared);
  }, 60_000);
});

describe('GIVEN the bundled corpus index, its terms asked for exactly', () => {
  it('THEN each term, a misspelling of it and a longer word have the tree\'s value (undefined where it has none)', async () => {
    const { corpus } = await realCorpus();
    const tree = (buildIndex(corpus) as unknown as { _index: Tree & Map<string, unknown> })._index;
    const table = new TypoTable(tree._tree);
    let missing = 0;
    for (const term of tree.keys()) {
      for (const q of [term, ...typos(term), `${term}s`, term.slice(0, -1)]) {
        const want = tree.get(q);
        if (want === undefined) missing++;
        expect(table.get(q), q).toBe(want);
      }
    }
    expect(missing).toBeGreaterThan(table.size);
  });
});

describe('GIVEN a term deleted from the tree after the table was made', () => {
  it('THEN its emptied value is left out, as the walk leaves it', () => {
    const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    ms.addAll([{ id: 1, text: 'kamenev kamenyev' }, { id: 2, text: 'kamenev zinoviev' }]);
    const tree = (ms as unknown as { _index: Tree & Map<string, Map<unknown, unknown>> })._index;
    const table = new TypoTable(tree._tree);
    expect(table.near('kamenev', 1, isEmpty).map(([t]) => t)).toEqual(['kamenev', 'kamenyev']);
    tree.get('kamenyev')!.clear();
    tree.delete('kamenyev');
    expect(table.near('kamenev', 1, isEmpty)).toEqual(walked(tree, 'kamenev', 1));
  });

  it('THEN a word asked before, its scan kept, still leaves it out, and another distance is scanned anew', () => {
    const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    ms.addAll([{ id: 1, text: 'kamenev kamenyev kamenyeva' }, { id: 2, text: 'kamenev zinoviev' }]);
    const tree = (ms as unknown as { _index: Tree & Map<string, Map<unknown, unknown>> })._index;
    const table = new TypoTable(tree._tree);
    expect(table.near('kamenev', 1, isEmpty)).toEqual(walked(tree, 'kamenev', 1));
    expect(table.near('kamenev', 2, isEmpty).map(([t]) => t)).toEqual(['kamenev', 'kamenyev', 'kamenyeva']);
    tree.get('kamenyev')!.clear();
    tree.delete('kamenyev');
    expect(table.near('kamenev', 1, isEmpty)).toEqual(walked(tree, 'kamenev', 1));
    expect(table.near('kamenev', 2, isEmpty)).toEqual(walked(tree, 'kamenev', 2));
  });
});

describe('GIVEN a source that has listed its terms (after many typo lookups) and fresh ones that walk the tree', () => {
  it('THEN the typo-tolerant stages give the same passages and scores', async () => {
    const { corpus } = await realCorpus();
    const index = buildIndex(corpus);
    const stage = (q: string, combineWith: 'AND' | 'OR'): CandidateQuery => ({ words: parseQuery(q).words, combineWith, fuzzy: true, prefix: false, boost: { text: 1, heading: 0.3 }, rank: 'coverage', k: 400 });
    const listed = new MemoryCandidateSource(index);
    const queries = ['Trotksy', 'Zinovev Kamenev', 'Bazanov', 'Heijenort', 'Snider Bloodlands', 'restoration of capitalsm', 'Сталн', 'confesions of the defendants', 'Bukharin testimoney', 'amalgams', 'Ежов Ягоды'];
    for (let r = 0; r < 4; r++) for (const q of queries) await listed.candidates(stage(q, 'OR'));
    expect((listed as unknown as { scorer: { typos: { table?: TypoTable<unknown> } } }).scorer.typos.table?.size).toBeGreaterThan(5000);
    for (const q of queries) {
      for (const combineWith of ['AND', 'OR'] as const) {
        const want = await new MemoryCandidateSource(index).candidates(stage(q, combineWith));
        expect(await listed.candidates(stage(q, combineWith)), `${q} ${combineWith}`).toEqual(want);
      }
    }
  });
});
