/**
 * The lexical safety net (src/search/plain-net.ts): plain minisearch's ranking read on Lectern's
 * candidates, and the passages it ranks first lifted to Lectern's first places. Its score is
 * checked against minisearch's own on a few lines; its fusion on a list made here; and the whole
 * on the real corpus, for queries that paraphrase a passage keeping many of its plain words.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../src/corpus/model.ts';
import type { Corpus } from '../src/corpus/corpus.ts';
import { plainMiniSearch } from '../src/eval/plain-baseline.ts';
import { snippetMatches } from '../src/eval/normalize.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { fusePlain, NET_SHARE, netPlace, netReads, plainScorer, SURFACE_SAMPLE, surfaceCounts, SurfaceStatistics, surfaceWords, type SurfaceFrequency } from '../src/search/plain-net.ts';
import { shownHitTexts } from '../src/search/shown.ts';
import { CORPUS_DIR, realCorpus } from './helpers/corpus.ts';

describe('GIVEN a few lines indexed by plain minisearch with its default options', () => {
  const lines = [
    'but trotsky told it over and over again, many times over a number of years',
    'trotsky repeated the charge again in the following section',
    'the more we study, the more lies of trotsky we discover',
    'the story was told again and again for years',
    'a letter from trotsky reached radek in the spring',
  ];
  const index = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  index.addAll(lines.map((text, id) => ({ id, text })));
  const counted = lines.map((l) => surfaceCounts(l));
  const stats: SurfaceFrequency = {
    df: (w) => counted.filter((c) => c.counts.has(w)).length,
    documentCount: lines.length,
    averageLength: counted.reduce((n, c) => n + c.length, 0) / lines.length,
  };

  it('THEN the plain score of each line is the score minisearch gives it (a word typed twice counts twice)', () => {
    for (const query of ['Trotsky repeated the story again and again for years', 'the more of Trotsky', 'letter from Radek']) {
      const score = plainScorer(query.toLowerCase(), stats);
      const ours = counted.map((c) => score(c).score);
      const theirs = new Map(index.search(query).map((r) => [r.id as number, r.score]));
      ours.forEach((s, id) => expect(s, `${query} / ${lines[id]}`).toBeCloseTo(theirs.get(id) ?? 0, 9));
    }
  });

  it('THEN the words are split as minisearch splits them: at spaces and punctuation, an apostrophe too', () => {
    expect(surfaceWords("trotsky's lies, again—and again")).toEqual(['trotsky', 's', 'lies', 'again', 'and', 'again']);
  });

  it("THEN a line's share is the part of the query's words, each by its idf, that it holds", () => {
    const score = plainScorer('trotsky radek', stats);
    expect(score(counted[4]!).share).toBe(1);
    expect(score(counted[0]!).share).toBeGreaterThan(0);
    expect(score(counted[0]!).share).toBeLessThan(0.5);
  });
});

describe('GIVEN the surface words of a library', () => {
  const library = (n: number) => Array.from({ length: n }, (_, i) => ({ block: { plain: i % 4 === 0 ? `the consul ${i}` : `a letter ${i}` } as unknown as Block }));
  const statsOf = (n: number, indexed: (w: string) => number | undefined = () => undefined) => new SurfaceStatistics(() => library(n), () => n, (b) => b.plain, indexed);

  it('THEN a small one is counted whole: every word by the passages that have it', () => {
    const stats = statsOf(100);
    expect(stats.documentCount).toBe(100);
    expect(stats.df('consul')).toBe(25);
    expect(stats.df('letter')).toBe(75);
    expect(stats.averageLength).toBe(3);
  });

  it("THEN a large one's stop words are counted on a sample and scaled to it, its other words taken from the index", () => {
    const n = SURFACE_SAMPLE * 3;
    const stats = statsOf(n, (w) => (w === 'consul' ? 7 : undefined));
    expect(stats.documentCount).toBe(n);
    expect(stats.df('the')).toBe(n / 4);
    expect(stats.df('consul')).toBe(7);
  });
});

describe('GIVEN a ranked list and the plain ranking of its passages', () => {
  const block = (id: string) => ({ id }) as Block;
  const list = () => Array.from({ length: 12 }, (_, i) => ({ block: block(`p${i}`), score: 12 - i }));
  const plainOf = (best: Record<string, number>, share = 0.6) => (c: { block: Block }) => ({ score: best[c.block.id] ?? 1, share });

  it("THEN plain's best passage, ranked 10th, is lifted to the 3rd place, and the first two keep theirs", () => {
    const sorted = list();
    expect(fusePlain(sorted, plainOf({ p9: 100 }))).toBe(1);
    expect(sorted.map((c) => c.block.id).slice(0, 4)).toEqual(['p0', 'p1', 'p9', 'p2']);
    expect(netPlace(0)).toBe(2);
  });

  it("THEN plain's second best goes to the 5th place at least", () => {
    const sorted = list();
    fusePlain(sorted, plainOf({ p9: 100, p11: 90 }));
    expect(sorted.map((c) => c.block.id).slice(0, 6)).toEqual(['p0', 'p1', 'p9', 'p2', 'p11', 'p3']);
  });

  it('THEN the places keep their scores: the list stays sorted, best first', () => {
    const sorted = list();
    fusePlain(sorted, plainOf({ p9: 100, p11: 90 }));
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.score).toBeLessThan(sorted[i - 1]!.score);
    expect(sorted[2]!.score).toBe(10);
  });

  it('THEN a passage already in its place, or holding less than the net asks of the query, is not moved', () => {
    const placed = list();
    expect(fusePlain(placed, plainOf({ p1: 100 }))).toBe(0);
    const little = list();
    expect(fusePlain(little, plainOf({ p9: 100 }, NET_SHARE - 0.01))).toBe(0);
    expect(little.map((c) => c.block.id)).toEqual(list().map((c) => c.block.id));
  });
});

describe('GIVEN the real corpus and queries that paraphrase a passage keeping many of its plain words', () => {
  let corpus: Corpus;
  let engine: SearchEngine;
  let plain: Awaited<ReturnType<typeof plainMiniSearch>>;
  beforeAll(async () => {
    corpus = (await realCorpus()).corpus;
    engine = new SearchEngine(corpus, new MemoryCandidateSource(buildIndex(corpus)));
    plain = await plainMiniSearch(CORPUS_DIR, corpus.works.map((w) => w.meta.file).filter((f) => existsSync(path.join(CORPUS_DIR, f))));
  }, 120_000);

  // Both were outside Lectern's first ten before the net (own cases o-p124, o-p185).
  const cases = [
    { query: 'Trotsky repeated the story again and again for years', passage: 'But Trotsky told it over and over again, many times over a number of years' },
    { query: 'how could a man so intelligent as Trotsky lie so badly, again and again', passage: 'How then is it possible that Trotsky was an incompetent liar?' },
  ];

  it('THEN a passage plain minisearch ranks first for the query stays in Lectern’s first three', async () => {
    for (const c of cases) {
      const first = plain.index.search(c.query)[0]!;
      expect(snippetMatches(plain.lines[first.id as number]!, c.passage), `plain minisearch's first for ${c.query}`).toBe(true);
      const hits = (await engine.search(c.query, { limit: 3 })).hits;
      expect(
        hits.some((h) => snippetMatches(shownHitTexts(corpus, h).join(' '), c.passage)),
        c.query,
      ).toBe(true);
    }
  });

  it('THEN a topic and what is asked of it is left to Lectern: the catalogue line stays in the first three', async () => {
    // Read by the net, a passage repeating "Trotsky's" and "cover" ("more "cover" for his machinations") went above it.
    const hits = (await engine.search("who did the cover of Trotsky's Lies", { limit: 3 })).hits;
    expect(hits.some((h) => h.block.plain.includes('Cover by Mike Bessler'))).toBe(true);
  });
});

describe('GIVEN a query', () => {
  it('THEN the net reads it only with four words as typed or more, four of them of substance', () => {
    expect(netReads('who is zborovsky', 1)).toBe(false);
    expect(netReads('trotsky lies radek', 3)).toBe(false);
    expect(netReads('what does poum stand for', 1)).toBe(false);
    // A topic and what is asked of it: the plain words it adds are function words.
    expect(netReads('who did the cover of trotsky s lies', 3)).toBe(false);
    expect(netReads('trotsky repeated the story again', 4)).toBe(true);
  });
});
