/**
 * Group libraries load on first use and are let go, least recently used first, past
 * LIBRARY_CACHE_MB: starting knows nothing of how many groups exist, and memory follows the groups
 * in use. (Timings are measured by `npm run bench -- --groups`, not asserted here.)
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { realCorpus } from './helpers/corpus.ts';
import { libraryApp, type LibraryApp } from './helpers/library-app.ts';
import { utf8Text } from './helpers/library-samples.ts';
import { copyCollection } from './helpers/many-groups.ts';

const GROUPS = 200;
const names = Array.from({ length: GROUPS }, (_, i) => `group-${i}`);
let first: LibraryApp;
let app: App;

async function reopen(cacheMb: string): Promise<App> {
  const config = parseConfig({ LECTERN_DATA_DIR: first.dir, LOG_LEVEL: 'silent', LIBRARY_CACHE_MB: cacheMb });
  const { build } = await realCorpus();
  return await createApp(config, silentLogger(), { build: { ...build, inputs: 'bundled-for-tests' } });
}

beforeAll(async () => {
  first = await libraryApp();
  const text = `The Ferry Ledger\n\n${'The ferryman crossed the river twice before the snow, and the cooperative paid him in grain. '.repeat(40)}\n`;
  await first.library.add('group-0', utf8Text(text, 'ferry.txt'), { authors: ['Vera Ivanova'], year: '1931' }, 'test');
  await first.close();
  await copyCollection(path.join(first.config.stateDir, 'library'), 'group-0', names.slice(1));
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('GIVEN 200 group libraries on disk', () => {
  it('THEN starting loads none of them, and a group is loaded on its first command', async () => {
    app = await reopen('512');
    expect(app.library.cacheStats().loaded).toBe(0);
    const view = await app.library.open('group-7');
    expect(app.library.cacheStats().loaded).toBe(1);
    expect((await view.search.search('ferryman')).hits[0]?.work.meta.id).toBe('the-ferry-ledger');
    // Two first commands at once load it once.
    const [a, b] = await Promise.all([app.library.open('group-8'), app.library.open('group-8')]);
    expect(a).toBe(b);
    expect(app.library.cacheStats().loaded).toBe(2);
    await app.close();
  });

  it('THEN under a small LIBRARY_CACHE_MB the least recently used are let go, and a group let go answers again when used', async () => {
    app = await reopen('1');
    const budget = app.library.cacheStats().budget;
    const one = app.library.cacheStats();
    await app.library.open('group-0');
    const each = app.library.cacheStats().bytes - one.bytes;
    expect(each).toBeGreaterThan(0);
    for (const name of names) {
      await app.library.open(name);
      expect(app.library.cacheStats().bytes).toBeLessThanOrEqual(Math.max(budget, each));
    }
    const stats = app.library.cacheStats();
    expect(stats.evicted).toBeGreaterThan(0);
    expect(stats.loaded).toBeLessThan(GROUPS);
    expect(stats.loaded).toBe(Math.floor(budget / each));
    // The most recently used stays; group-0 was let go long ago and is loaded again, whole.
    const again = await app.library.open('group-0');
    expect((await again.search.search('ferryman')).hits[0]?.work.meta.id).toBe('the-ferry-ledger');
    expect((await app.library.open(names.at(-1))).corpus.work('the-ferry-ledger')).toBeDefined();
    // Isolation holds for a reloaded group as for any other: the bundled corpus alone has no ferry ledger.
    expect(app.base.corpus.work('the-ferry-ledger')).toBeUndefined();
  });
});
