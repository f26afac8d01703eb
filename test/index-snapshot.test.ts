/**
 * The fast-loading copy of the saved index (data/build/index.v8): restored, it is the index that
 * was saved; damaged, stale or made by another V8 it is never used, and the next load rewrites it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../src/corpus/corpus.ts';
import { SearchEngine } from '../src/search/engine.ts';
import { buildIndex } from '../src/search/index-build.ts';
import { restoreSnapshot, SNAPSHOT_FILE, snapshotBytes } from '../src/search/index-snapshot.ts';
import { MemoryCandidateSource } from '../src/search/memory-source.ts';
import { INDEX_FILE, indexLines, loadOrBuildIndex, parseIndex, type SearchIndex } from '../src/search/saved-index.ts';
import { realCorpus } from './helpers/corpus.ts';

let corpus: Corpus;
let index: SearchIndex;
const dirs: string[] = [];
beforeAll(async () => {
  corpus = (await realCorpus()).corpus;
  index = buildIndex(corpus);
});
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('GIVEN the snapshot of an index', () => {
  it('THEN it restores the same index: the same serialisation, the same answers', async () => {
    const restored = restoreSnapshot(snapshotBytes(index, 'A'), 'A').index!;
    // Compared as strings: a difference printed in full would be megabytes.
    expect(JSON.stringify(restored.toJSON()) === JSON.stringify(index.toJSON())).toBe(true);
    expect(restored.search('Kirov', { fuzzy: 0.2, prefix: true })).toEqual(index.search('Kirov', { fuzzy: 0.2, prefix: true }));
    const engine = (i: SearchIndex) => new SearchEngine(corpus, new MemoryCandidateSource(i));
    for (const q of ['Kirov', 'Yezhov trial', 'Бюллетень оппозиции', 'who was Ryutin']) {
      const ids = async (i: SearchIndex) => (await engine(i).search(q, { limit: 10 })).hits.map((h) => [h.block.id, h.score]);
      expect(await ids(restored), q).toEqual(await ids(index));
    }
  });

  it('THEN a damaged, stale or foreign snapshot is not used', () => {
    const bytes = snapshotBytes(index, 'A');
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 100] = damaged[damaged.length - 100]! ^ 0xff;
    expect(restoreSnapshot(damaged, 'A').problem).toMatch(/damaged/);
    expect(restoreSnapshot(bytes.subarray(0, bytes.length - 10), 'A').problem).toMatch(/damaged/);
    expect(restoreSnapshot(bytes, 'B').problem).toMatch(/another inputs/);
    const end = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(0, end).toString());
    const other = (patch: object) => Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, ...patch })}\n`), bytes.subarray(end + 1)]);
    expect(restoreSnapshot(other({ v8: '0.0' }), 'A').problem).toMatch(/another v8/);
    expect(restoreSnapshot(other({ version: 0 }), 'A').problem).toMatch(/another version/);
    expect(restoreSnapshot(other({ minisearch: '0.0.0' }), 'A').problem).toMatch(/another minisearch/);
    expect(restoreSnapshot(Buffer.from('not a snapshot'), 'A').problem).toMatch(/no header/);
  });

  it('THEN loading index.json writes the snapshot of what it read, the next load uses it, and a damaged one is read from index.json again', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lectern-snapshot-'));
    dirs.push(dir);
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (s: string) => lines.push(s) });
    // A fresh build writes index.json only: the snapshot is always of an index read from it.
    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    await expect(readFile(path.join(dir, SNAPSHOT_FILE))).rejects.toThrow();
    const first = await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    const fromJson = parseIndex(indexLines(await readFile(path.join(dir, INDEX_FILE))), 'A').index!;
    expect(JSON.stringify(first.toJSON()) === JSON.stringify(fromJson.toJSON())).toBe(true);
    const written = await readFile(path.join(dir, SNAPSHOT_FILE));
    expect(written.equals(snapshotBytes(fromJson, 'A'))).toBe(true);

    lines.length = 0;
    await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(lines.join('')).not.toMatch(/reading the search index from index.json/);

    const damaged = Buffer.from(written);
    damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0xff;
    await writeFile(path.join(dir, SNAPSHOT_FILE), damaged);
    lines.length = 0;
    const again = await loadOrBuildIndex(corpus, dir, log, { inputs: 'A', persist: true });
    expect(lines.join('')).toMatch(/damaged.*reading the search index from index.json/);
    expect(lines.join('')).not.toMatch(/rebuilding the search index/);
    expect(JSON.stringify(again.toJSON()) === JSON.stringify(first.toJSON())).toBe(true);
    expect((await readFile(path.join(dir, SNAPSHOT_FILE))).equals(written)).toBe(true);
    expect((await readFile(path.join(dir, INDEX_FILE))).length).toBeGreaterThan(0);
  });
});
