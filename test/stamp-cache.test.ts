/**
 * Values kept with the stamps of the files they were made from (src/stamp-cache.ts): used again only
 * while every file is unchanged; a changed file, a damaged, foreign or stale cache, or a file that
 * changed while the value was made means the value is made again.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedValue, stampedValue, stampedValueSync } from '../src/stamp-cache.ts';
import { currentInputs, inputsFingerprint, INPUTS_STAMPS_FILE } from '../src/corpus/build.ts';
import { loadManifest } from '../src/corpus/manifest.ts';
import { CORPUS_DIR } from './helpers/corpus.ts';

let dir: string;
let a: string;
let b: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lectern-stamps-'));
  a = path.join(dir, 'a.txt');
  b = path.join(dir, 'b.txt');
  await writeFile(a, 'alpha');
  await writeFile(b, 'beta');
  // A file changed within a second of the computation is never trusted to be unchanged since.
  await sleep(1_100);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A value made from the files' text, counting how often it is made. */
function counted() {
  let made = 0;
  const compute = async () => {
    made++;
    return { value: `${await readFile(a, 'utf8')}+${await readFile(b, 'utf8')}`, files: [a, b] };
  };
  return { compute, made: () => made };
}

describe('GIVEN a value made from files and kept with their stamps', () => {
  it('THEN the next call returns it without making it, and a changed file makes it again', async () => {
    const cache = path.join(dir, 'one.json');
    const c = counted();
    expect(await stampedValue(cache, 'k', c.compute)).toBe('alpha+beta');
    expect(await stampedValue(cache, 'k', c.compute)).toBe('alpha+beta');
    expect(c.made()).toBe(1);
    // Same size, new text: the change time moves even if the modification time were put back.
    await writeFile(b, 'BETA');
    expect(await stampedValue(cache, 'k', c.compute)).toBe('alpha+BETA');
    expect(c.made()).toBe(2);
    await writeFile(b, 'beta');
  });

  it('THEN a value whose file changed during the computation is not kept', async () => {
    const cache = path.join(dir, 'racing.json');
    const compute = async () => {
      const value = await readFile(a, 'utf8');
      await writeFile(a, 'alpha');
      return { value, files: [a] };
    };
    await stampedValue(cache, 'k', compute);
    expect(cachedValue(cache, 'k')).toBeUndefined();
  });

  it('THEN a damaged, foreign, other-key or other-version cache file is not used, and is replaced', async () => {
    await sleep(1_100);
    const cache = path.join(dir, 'bad.json');
    const c = counted();
    for (const bad of ['{"format":"lectern.stamps","version":1', 'null', '[]', JSON.stringify({ format: 'lectern.stamps', version: 0, key: 'k', stamps: [], value: 'old' }), JSON.stringify({ format: 'other', version: 1, key: 'k', stamps: [], value: 'old' }), JSON.stringify({ format: 'lectern.stamps', version: 1, key: 'k', stamps: [['x', 'y']], value: 'old' }), JSON.stringify({ format: 'lectern.stamps', version: 1, key: 'k', stamps: [[a, 1, 2, 3, 4]], value: 'old' })]) {
      await writeFile(cache, bad);
      expect(await stampedValue(cache, 'k', c.compute), bad).toBe('alpha+beta');
      expect(cachedValue(cache, 'k'), bad).toBe('alpha+beta');
    }
    expect(c.made()).toBe(7);
    expect(cachedValue(cache, 'other key')).toBeUndefined();
    expect(stampedValueSync(cache, 'k', () => ({ value: 'not made', files: [] }))).toBe('alpha+beta');
  });

  it('THEN a value made from a file that is missing is not kept', async () => {
    const cache = path.join(dir, 'missing.json');
    await stampedValue(cache, 'k', async () => ({ value: 'v', files: [path.join(dir, 'nope')] }));
    expect(cachedValue(cache, 'k')).toBeUndefined();
  });
});

describe("GIVEN the corpus's inputs fingerprint kept with the stamps of the manifest, texts and ingestion code", () => {
  it('THEN it equals the fingerprint made by reading them, and an edited text changes it', async () => {
    const corpus = path.join(dir, 'corpus');
    const build = path.join(dir, 'build');
    await cp(CORPUS_DIR, corpus, { recursive: true });
    await sleep(1_100);
    const expected = await inputsFingerprint(corpus, await loadManifest(path.join(corpus, 'manifest.json')));
    expect(await currentInputs(corpus, build)).toBe(expected);
    expect(JSON.parse(await readFile(path.join(build, INPUTS_STAMPS_FILE), 'utf8')).value).toBe(expected);
    expect(await currentInputs(corpus, build)).toBe(expected);
    const manifest = await loadManifest(path.join(corpus, 'manifest.json'));
    const text = path.join(corpus, manifest.works[0]!.file);
    await writeFile(text, `${await readFile(text, 'utf8')}\nOne more line.\n`);
    const edited = await currentInputs(corpus, build);
    expect(edited).not.toBe(expected);
    expect(edited).toBe(await inputsFingerprint(corpus, manifest));
  });
});
