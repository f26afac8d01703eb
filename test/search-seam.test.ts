/**
 * The search seam: `SearchEngine` is one ranking policy over any `CandidateSource`. A source that
 * answers later (as a database does) ranks exactly as the in-memory index it wraps.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import type { CandidateQuery, CandidateSource } from '../src/search/candidates.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { realCorpus } from './helpers/corpus.ts';

/** The in-memory index behind a network-like delay, counting the stages it was asked for. */
class DelayedSource implements CandidateSource {
  readonly asked: CandidateQuery[] = [];
  private readonly inner: CandidateSource;
  readonly vocabulary: CandidateSource['vocabulary'];
  constructor(inner: CandidateSource) {
    this.inner = inner;
    this.vocabulary = inner.vocabulary;
  }
  async candidates(query: CandidateQuery) {
    this.asked.push(query);
    await new Promise((r) => setTimeout(r, 2));
    return await this.inner.candidates(query);
  }
  async suggest(prefix: string, limit: number) {
    await new Promise((r) => setTimeout(r, 2));
    return await this.inner.suggest(prefix, limit);
  }
}

let corpus: Corpus;
let memory: SearchEngine;
let delayed: SearchEngine;
let source: DelayedSource;
beforeAll(async () => {
  corpus = (await realCorpus()).corpus;
  const inner = new MemoryCandidateSource(buildIndex(corpus));
  memory = new SearchEngine(corpus, inner);
  source = new DelayedSource(inner);
  delayed = new SearchEngine(corpus, source);
});

describe('GIVEN the ranking policy over an asynchronous candidate source', () => {
  it('THEN every query ranks the same passages in the same order as the in-memory index', async () => {
    for (const q of ['Ежов', 'Trotksy Heijenort loyal secretary', '"devil-knows-what-it-is"', 'to be', 'peppery dishes']) {
      const a = await memory.search(q, { limit: 8 });
      const b = await delayed.search(q, { limit: 8 });
      expect(b.hits.map((h) => h.block.id), q).toEqual(a.hits.map((h) => h.block.id));
      expect(b.total, q).toBe(a.total);
    }
    expect(await delayed.suggest('Zino', 5)).toEqual(await memory.suggest('Zino', 5));
  });

  it('THEN filters reach the source as a test on block ids, so it never returns a passage the query excludes', async () => {
    source.asked.length = 0;
    const hits = (await delayed.search('Stalin', { work: 'trotskys-lies', limit: 10 })).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.work.meta.id === 'trotskys-lies')).toBe(true);
    const accept = source.asked[0]!.accept!;
    expect(accept(hits[0]!.block.id)).toBe(true);
    const other = corpus.works.find((w) => w.meta.id !== 'trotskys-lies')!.blocks.find((b) => b.kind === 'paragraph')!;
    expect(accept(other.id)).toBe(false);
  });

  it('THEN concurrent queries do not disturb each other', async () => {
    const queries = ['Ежов', 'Zinoviev', 'Bukharin trial', 'peppery dishes'];
    const alone = await Promise.all(queries.map(async (q) => (await memory.search(q)).hits.map((h) => h.block.id)));
    const together = await Promise.all(queries.map(async (q) => (await delayed.search(q)).hits.map((h) => h.block.id)));
    expect(together).toEqual(alone);
  });
});
