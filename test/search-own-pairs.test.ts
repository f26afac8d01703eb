/**
 * A query of three words of substance or more not phrased as a clause counts its neighbouring words side by side in its own
 * words (src/search/paraphrased-pairs.ts readsOwnPairs, OWN_PAIRS): a reader recalling a passage
 * types a run of its words ("Trotsky's lies first discovered by Broué, Getty and Holmström"),
 * which the reader's phrasing (a clause's pairs as typed) does not read, and proximity, one window
 * for all the words, barely tells from a longer passage holding the same words apart and more
 * often. Real corpus; the queries are not in ../shared/eval.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../src/search/analyse/query.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { readsOwnPairs } from '../src/search/paraphrased-pairs.ts';
import { realEngine } from './helpers/corpus.ts';

let engine: SearchEngine;
beforeAll(async () => {
  ({ engine } = await realEngine());
});

const top = async (query: string, n: number) => (await engine.search(query, { limit: n })).hits.map((h) => h.block.plain);
const heavy = (query: string) => parseQuery(query).words.filter((w) => !w.light);

describe('GIVEN a run of a passage\'s own words, four of substance or more, not phrased as a clause', () => {
  it('THEN the passage saying them side by side outranks a longer one holding the same words apart', async () => {
    // The introduction names Broué, Getty and Holmström a sentence apart each, says "Trotsky lied"
    // and "I have discovered some more lies", and outscored by BM25 the passage that says the run.
    for (const query of ["Trotsky's lies first discovered by Broué, Getty and Holmström", "Getty and Holmström discovered Trotsky's lies first"]) {
      expect((await top(query, 1))[0]).toContain('those discovered first by others like Broué, Getty, and Holmström');
    }
  });
});

describe('GIVEN a topic of three words of substance, not phrased as a clause', () => {
  it('THEN the passage saying its words side by side outranks one holding them apart and more often', async () => {
    // Typed as a reader recalls the passage, its stop words left out. Without its own pairs the
    // passage on Zinoviev's and Kamenev's years of imprisonment (p502) ranked above the one saying
    // "imprisoned – not Zinoviev, not Kamenev", and the hypothesis of the "armed insurrection"
    // charge (p454, "anticipate an accusation") above "Trotsky to anticipate this accusation".
    expect((await top('imprisoned Zinoviev Kamenev', 1))[0]).toContain('imprisoned – not Zinoviev, not Kamenev');
    expect((await top('Trotsky anticipate accusation', 1))[0]).toContain('Trotsky to anticipate this accusation');
  });
});

describe('GIVEN a query in another language, which the clause test (English words) cannot read', () => {
  it('THEN its own pairs are not counted: a Russian or French sentence would always look like a title', () => {
    expect(readsOwnPairs(heavy('Trotsky lies discovered first Broué Getty'), true)).toBe(true);
    expect(readsOwnPairs(heavy('Троцкий скрывал свои контакты с зиновьевцами в Ленинграде'), true)).toBe(false);
    expect(readsOwnPairs(heavy('les anciens membres du groupe Zinoviev à Leningrad'), true)).toBe(false);
  });
});
