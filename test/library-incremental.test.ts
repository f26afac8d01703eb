/**
 * Adding a text indexes that text only: each work a group adds has its own index, so the works
 * already there keep theirs (the same objects in memory, the same files on disk), a removal indexes
 * nothing, and an index file of an older format is rebuilt, with a warning, on load.
 */
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { collectionKey } from '../src/library/keys.ts';
import { silentLogger } from '../src/logger.ts';
import type { LayeredCandidateSource } from '../src/search/layered-source.ts';
import type { SearchEngine } from '../src/search/engine.ts';
import { realCorpus } from './helpers/corpus.ts';
import { utf8Text } from './helpers/library-samples.ts';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';

const G = 'incremental-group';
let dir: string;
let app: App;
const jobs: string[] = [];

async function open(): Promise<App> {
  const config = parseConfig({ LECTERN_DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const { build } = await realCorpus();
  return await createApp(config, silentLogger(), { build: { ...build, inputs: 'bundled-for-tests' }, poolEvents: { onJobEnd: (kind) => jobs.push(kind) } });
}
const layers = (a: App) => ((a.library.view(G).search as SearchEngine).source as LayeredCandidateSource).layers;
const indexFiles = async () => (await readdir(path.join(dir, 'state', 'library', collectionKey(G)))).filter((f) => f.startsWith('index-')).sort();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-incremental-'));
  app = await open();
}, 60_000);
afterAll(async () => app?.close());

describe('GIVEN a group library with one text', () => {
  it('THEN adding a second indexes only the second; the first keeps its index object and file', async () => {
    await app.library.add(G, utf8Text('The Ferry Ledger\n\nThe ferryman crossed the river twice before the snow.\n', 'ferry.txt'), {}, 'test');
    const [, first] = layers(app);
    const filesBefore = await indexFiles();
    expect(filesBefore).toHaveLength(1);
    jobs.length = 0;
    await app.library.add(G, utf8Text('Mill Notes\n\nThe miller ground the cooperative grain by night.\n', 'mill.txt'), {}, 'test');
    expect(jobs.filter((k) => k === 'index')).toHaveLength(1);
    const after = layers(app);
    expect(after).toHaveLength(3);
    expect(after[1]).toBe(first);
    expect(after[2]!.index.documentCount).toBeLessThan(first!.index.documentCount + 5);
    const filesAfter = await indexFiles();
    expect(filesAfter).toHaveLength(2);
    expect(filesAfter).toEqual(expect.arrayContaining(filesBefore));
    expect((await app.library.view(G).search.search('miller grain')).hits[0]?.work.meta.id).toBe('mill-notes');
  });

  it('THEN removing a text indexes nothing and its index file goes', async () => {
    jobs.length = 0;
    await app.library.remove(G, 'mill-notes', 'test');
    expect(jobs.filter((k) => k === 'index')).toHaveLength(0);
    expect(await indexFiles()).toHaveLength(1);
    expect((await app.library.view(G).search.search('miller')).hits.some((h) => h.work.meta.id === 'mill-notes')).toBe(false);
  });

  it('THEN an index file of an older format (or none) is rebuilt on load, and the library answers as before', async () => {
    await app.close();
    const libDir = path.join(dir, 'state', 'library', collectionKey(G));
    const [file] = await indexFiles();
    // What Lectern wrote before per-work indexes: one file over the bundled works and the group's, format 2.
    await rm(path.join(libDir, file!));
    await writeFile(path.join(libDir, `index-${'0'.repeat(64)}.json`), JSON.stringify({ format: 'lectern.index', version: 2, documents: 1, index: {} }));
    app = await open();
    const hit = (await (await app.library.open(G)).search.search('ferryman')).hits[0];
    expect(hit?.work.meta.id).toBe('the-ferry-ledger');
    await new Promise((r) => setTimeout(r, 300));
    expect(await indexFiles()).toContain(file);
  });
});
