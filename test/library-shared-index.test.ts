/**
 * The bundled index is held once: a group's index holds only the group's texts, and a group's
 * search asks both under one ranking. Scores are comparable across the two indexes because each
 * is scored with the statistics of both, so the merged ranking must equal — passage for passage,
 * score for score — the ranking of one index that holds the bundled passages and the group's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../src/search/engine.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { LayeredCandidateSource } from '../src/search/layered-source.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import type { CorpusView } from '../src/services.ts';
import { libraryApp, type LibraryApp } from './helpers/library-app.ts';
import { utf8Text } from './helpers/library-samples.ts';

const GROUP = '833333333333333333';
let app: LibraryApp;
let bundledId: string;
let group: CorpusView;

/** A group's paragraph with the words of the bundled passage that 'peppery dishes' finds first, in other sentences. */
const KITCHEN = 'In March 1922 Lenin warned that the cook would make only peppery dishes, and the general secretary was appointed all the same.';

beforeAll(async () => {
  app = await libraryApp();
  const hit = (await app.base.search.search('peppery dishes', { limit: 1 })).hits[0]!;
  bundledId = hit.block.id;
  const text = `Kitchen Notes\n\n${KITCHEN}\n\nThe ferryman crossed the river twice before the snow, and the cooperative paid him in grain.\n`;
  await app.library.add(GROUP, utf8Text(text, 'kitchen-notes.txt'), { title: 'Kitchen Notes', authors: ['Vera Ivanova'], year: '1931' }, 'test');
  group = app.library.view(GROUP);
}, 120_000);
afterAll(async () => app?.close());

describe('GIVEN a group library on top of the bundled corpus', () => {
  it('THEN the group index holds only the group text and the bundled index is the one shared object', () => {
    const engine = group.search as SearchEngine;
    expect(engine.source).toBeInstanceOf(LayeredCandidateSource);
    const [bundled, own] = (engine.source as LayeredCandidateSource).layers;
    expect(bundled).toBe((app.base.search as SearchEngine).source);
    const ownPassages = [...group.corpus.passages(group.corpus.works.filter((w) => !app.base.corpus.work(w.meta.id)))].length;
    expect(ownPassages).toBeGreaterThan(0);
    expect(own!.index.documentCount).toBe(ownPassages);
  });

  it('THEN a group text and a bundled passage with the same words rank as one index holding both would rank them', async () => {
    // The reference: the same corpus (bundled works and the group's) in ONE index.
    const single = new SearchEngine(group.corpus, new MemoryCandidateSource(buildIndex(group.corpus)));
    for (const q of ['peppery dishes', 'cook peppery', 'ferryman grain', 'Trotsky', 'Kirov', 'river snow', '"peppery dishes"', 'pepery dishs']) {
      const merged = await group.search.search(q, { limit: 10 });
      const one = await single.search(q, { limit: 10 });
      expect(merged.hits.length, q).toBe(one.hits.length);
      merged.hits.forEach((h, i) => {
        expect(h.score, `${q} #${i}`).toBeCloseTo(one.hits[i]!.score, 9);
        // Near-duplicates fold into one result; on an exact tie either copy may lead it.
        if (h.block.id !== one.hits[i]!.block.id) expect(h.block.id.split('.')[0], `${q} #${i}`).toBe(one.hits[i]!.block.id.split('.')[0]);
      });
      const mine = (r: typeof merged) => r.hits.filter((h) => h.block.id.startsWith('kitchen-notes')).map((h) => h.block.id);
      expect(mine(merged), q).toEqual(mine(one));
      expect(merged.total, q).toBe(one.total);
    }
    // Both the bundled passage and the group's text are found, in the same order either way.
    const order = async (e: { search: CorpusView['search'] }) => (await e.search.search('peppery dishes', { limit: 100 })).hits.map((h) => h.block.id).filter((id) => id === bundledId || id === 'kitchen-notes.p1');
    expect(await order(group)).toEqual([bundledId, 'kitchen-notes.p1']);
    expect(await order({ search: single })).toEqual([bundledId, 'kitchen-notes.p1']);
  });

  it('THEN the bundled search without a group is unchanged by the group', async () => {
    const alone = new SearchEngine(app.base.corpus, new MemoryCandidateSource(buildIndex(app.base.corpus)));
    for (const q of ['peppery dishes', 'ferryman']) {
      const a = await app.base.search.search(q, { limit: 10 });
      const b = await alone.search(q, { limit: 10 });
      expect(a.hits.map((h) => [h.block.id, h.score])).toEqual(b.hits.map((h) => [h.block.id, h.score]));
      expect(a.hits.some((h) => h.block.id.startsWith('kitchen-notes'))).toBe(false);
    }
  });
});

describe('GIVEN a query of stop words only on a library larger than a scan may read', () => {
  it('THEN it reads at most the scan limit and the reply says only part of the library was searched', async () => {
    const { SearchEngine: Engine } = await import('../src/search/engine.ts');
    const corpus = app.base.corpus;
    const bounded = new Engine(corpus, new MemoryCandidateSource(buildIndex(corpus)), { scanLimit: 50 });
    // "and then": common words that seldom stand together, so the scan does not stop early on plenty.
    const few = await bounded.search('and then', { limit: 5 });
    expect(few.notices.join(' ')).toMatch(/only the first 50 passages of the library were searched/);
    const whole = await app.base.search.search('and then', { limit: 5 });
    expect(whole.notices.join(' ')).not.toMatch(/were searched/);
    expect(whole.total).toBeGreaterThan(few.total);
  });
});
