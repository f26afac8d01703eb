import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../src/search/engine.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { paragraphsCorpus } from './helpers/corpus.ts';

const KITCHEN = [
  ...Array.from({ length: 500 }, (_, i) => `Peppery food, dishes ${i % 2 ? 'and' : 'or'} salt.`),
  'Peppery dishes.',
  ...Array.from({ length: 30 }, (_, i) => `This cook will prepare only peppery dishes, so said the chairman to a small circle at the time of the congress number ${i + 1}, held in the spring.`),
];

/**
 * A stage reads its 400 best passages; on a large library copies of a few passages can fill them,
 * none with the phrase. Here 500 short passages have the phrase's words apart ("Peppery food,
 * dishes.") and outscore the 30 long ones that have the phrase; one short one has it too.
 */
async function library(phraseChecks?: number, texts = KITCHEN): Promise<SearchEngine> {
  const corpus = await paragraphsCorpus({ id: 'kitchen', title: 'Kitchen notes', part: 'Kitchen' }, texts);
  return new SearchEngine(corpus, new MemoryCandidateSource(buildIndex(corpus)), phraseChecks === undefined ? {} : { phraseChecks });
}

describe('GIVEN a phrase whose words stand apart in the best passages of a stage', () => {
  it('THEN the stage is asked again for its best passages that have the phrase, and all of them are found', async () => {
    const engine = await library();
    const r = await engine.search('"peppery dishes"', { limit: 100 });
    // The one short passage with the phrase, and the 30 long ones.
    expect(r.hits.map((h) => h.block.id)).toContain('kitchen.p501');
    expect(r.hits.filter((h) => /^kitchen\.p5(0[2-9]|[1-3]\d)$/.test(h.block.id))).toHaveLength(30);
    expect(r.hits.every((h) => /peppery dishes/i.test(h.block.plain))).toBe(true);
    expect(r.notices).toEqual([]);
  });

  it('THEN a phrase checked in as many passages as a query may check says that it may have missed some', async () => {
    const engine = await library(200);
    // Never adjacent: every passage with both words is a candidate, more than the 200 it may check.
    const r = await engine.search('"dishes peppery"', { limit: 5 });
    expect(r.hits).toEqual([]);
    expect(r.notices.join(' ')).toMatch(/looked for in 200 of the passages that have its words/);
  });
});

describe('GIVEN a question for a person\'s years on a library where more passages name the person than such a question reads (5,000)', () => {
  it('THEN the passage giving the years comes first, and of the others only the best 400 are kept', async () => {
    // Its line is longer than the 1,000 shortest (BM25 ranks it below them) and shorter than the 4,200 others.
    const texts = [
      ...Array.from({ length: 1000 }, (_, i) => `Kropotkin spoke ${i + 1}.`),
      ...Array.from({ length: 4200 }, (_, i) => `Kropotkin spoke at the long meeting of the society in the northern hall, number ${i + 1}.`),
      'Kropotkin, Peter, 1842-1921, geographer.',
    ];
    const engine = await library(undefined, texts);
    const r = await engine.search("Kropotkin's birth year", { limit: 5 });
    expect(r.hits[0]!.block.id).toBe('kitchen.p5201');
    expect(r.total).toBe(401);
  });
});
