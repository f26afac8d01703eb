/**
 * The corpus build (data/build/corpus.json) is checked against its schema when written and sealed
 * with the SHA-256 of its bytes; a load whose seal holds skips the schema walk, any other load
 * (no seal: an older Lectern; a seal that no longer matches: edited or damaged) walks it in full.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, CORPUS_FILE, loadOrBuildCorpus, readBuild } from '../src/corpus/build.ts';
import { CORPUS_DIR } from './helpers/corpus.ts';

let dir: string;
let file: string;
let sealed: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lectern-build-'));
  file = path.join(dir, CORPUS_FILE);
  await buildCorpus(CORPUS_DIR, dir);
  sealed = await readFile(file, 'utf8');
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('GIVEN a corpus build written by buildCorpus', () => {
  it('THEN it ends with a seal that holds, and the sealed load serves what the full schema walk serves', async () => {
    expect(sealed).toMatch(/,"seal":"[0-9a-f]{64}"\}\n$/);
    const quick = await readBuild(dir);
    const full = await readBuild(dir, { full: true });
    expect(quick.sealed).toBe(true);
    expect(quick.build!.works.length).toBe(5);
    expect(quick.build).toEqual(full.build);
    expect(Object.keys(quick.build!)).toEqual(['format', 'version', 'inputs', 'works']);
  });

  it('THEN a build changed under its seal so that it breaks the schema is caught and rebuilt, never served', async () => {
    // Valid JSON, the old seal kept: only the seal's hash tells it from what was written.
    const broken = sealed.replace(/"paragraph":(\d+)/, '"paragraph":"$1"');
    expect(broken).not.toBe(sealed);
    await writeFile(file, broken);
    const read = await readBuild(dir);
    expect(read.build).toBeUndefined();
    expect(read.problem).toMatch(/does not match the corpus schema/);

    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => lines.push(s) });
    const outcome = await loadOrBuildCorpus(CORPUS_DIR, dir, log);
    expect(outcome.rebuilt).toBe(true);
    expect(lines.join('')).toMatch(/does not match the corpus schema.*rebuilding the corpus/);
    expect(await readFile(file, 'utf8')).toBe(sealed);
    expect((await readBuild(dir)).sealed).toBe(true);
  }, 120_000);

  it.each([
    [1, 'before front matter was kept', ['front-matter', 'page-text']],
    [2, "before a web page's own lines were kept", ['page-text']],
  ])('THEN a build of an older format (version %i: %s) is rejected and rebuilt, never served', async (version, _why, newer) => {
    const json = JSON.parse(sealed) as { version: number; works: { blocks: { kind: string }[] }[]; seal?: string };
    delete json.seal;
    json.version = version;
    for (const w of json.works) w.blocks = w.blocks.filter((b) => !newer.includes(b.kind));
    await writeFile(file, `${JSON.stringify(json)}\n`);
    expect((await readBuild(dir)).problem).toMatch(new RegExp(`format version ${version}, this Lectern reads 3`));
    const lines: string[] = [];
    const outcome = await loadOrBuildCorpus(CORPUS_DIR, dir, pino({ level: 'info' }, { write: (s: string) => lines.push(s) }));
    expect(outcome.rebuilt).toBe(true);
    expect(lines.join('')).toMatch(new RegExp(`format version ${version}.*rebuilding the corpus`));
    expect(await readFile(file, 'utf8')).toBe(sealed);
  }, 120_000);

  it('THEN a truncated build is caught and rebuilt', async () => {
    await writeFile(file, sealed.slice(0, sealed.length - 40));
    expect((await readBuild(dir)).problem).toMatch(/not valid JSON/);
    const outcome = await loadOrBuildCorpus(CORPUS_DIR, dir, pino({ level: 'silent' }));
    expect(outcome.rebuilt).toBe(true);
    expect(await readFile(file, 'utf8')).toBe(sealed);
  }, 120_000);

  it('THEN a build of an older Lectern (no seal) still loads, through the full schema', async () => {
    const json = JSON.parse(sealed) as Record<string, unknown>;
    delete json.seal;
    await writeFile(file, `${JSON.stringify(json)}\n`);
    const read = await readBuild(dir);
    expect(read.sealed).toBe(false);
    expect(read.build).toEqual((await readBuild(dir, { full: true })).build);
    const outcome = await loadOrBuildCorpus(CORPUS_DIR, dir, pino({ level: 'silent' }));
    expect(outcome.rebuilt).toBe(false);
    // Having passed in full, it is sealed for the next load.
    expect(await readFile(file, 'utf8')).toBe(sealed);
  });

  it('THEN an edit that keeps the schema is no longer sealed and is checked in full', async () => {
    const edited = sealed.replace('Kirov', 'Kirow');
    await writeFile(file, edited);
    const read = await readBuild(dir);
    expect(read.sealed).toBe(false);
    expect(JSON.stringify(read.build)).toContain('Kirow');
    await writeFile(file, sealed);
  });
});
