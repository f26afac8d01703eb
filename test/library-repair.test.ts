/**
 * A damaged library says so and can be repaired: an unreadable manifest or a missing stored file
 * makes /library and its changes answer "damaged" with the way out (not "no texts yet" or an
 * apology), `library repair` rebuilds it from the stored files keeping the saved metadata, and
 * `npm run lectern -- doctor` finds the damage and, with --repair, fixes it.
 */
import { spawn } from 'node:child_process';
import { readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';
import { LibraryManager } from '../src/library/manager.ts';
import { libraryApp, type LibraryApp } from './helpers/library-app.ts';
import { sampleMarkdown, utf8Text } from './helpers/library-samples.ts';

let app: LibraryApp;
let ids: string[];
const G = 'guild-repair';
const libDir = () => path.join(app.dir, 'state', 'library');
const reopen = () => new LibraryManager({ ...(app.library as unknown as { options: ConstructorParameters<typeof LibraryManager>[0] }).options });

async function collectionDir(): Promise<string> {
  const [dir] = await readdir(libDir());
  return path.join(libDir(), dir!);
}

beforeAll(async () => {
  app = await libraryApp();
  await app.library.add(G, sampleMarkdown(), { title: 'Edited Title Kept' }, 'tester');
  await app.library.add(G, utf8Text('Notes of the reading circle.\n\nThe ferryman asked for payment in grain, not in roubles, and the circle wrote it down.\n'), {}, 'tester');
  ids = app.library.list(G).map((e) => e.meta.id);
  await app.library.close();
}, 120_000);
afterAll(async () => {
  await rm(app.dir, { recursive: true, force: true });
});

describe('Library: damage is reported and repaired', () => {
  it('GIVEN an unreadable manifest THEN list and add say the library is damaged and how to repair it; repair brings every work back with its saved title', async () => {
    await writeFile(path.join(await collectionDir(), 'collection.json'), '{"format":"lectern.library", "works": [');
    const lib = reopen();
    expect(() => lib.list(G)).toThrow(expect.objectContaining({ identifier: 'library.damaged', message: expect.stringContaining('library repair') }));
    await expect(lib.add(G, utf8Text('Another text entirely, long enough to be read as one.\n'), {}, 'tester')).rejects.toMatchObject({ identifier: 'library.damaged' });
    const r = await lib.repair(G, 'tester');
    expect(r).toMatchObject({ works: 2, recovered: 2, dropped: [] });
    expect(r.setAside).toContain('collection.json.damaged-');
    expect(lib.list(G).map((e) => e.meta.id).sort()).toEqual([...ids].sort());
    expect(lib.list(G).map((e) => e.meta.title)).toContain('Edited Title Kept');
    expect((await lib.view(G).search.search('ferryman payment grain')).hits.length).toBeGreaterThan(0);
    await lib.close();
  }, 120_000);

  it('GIVEN a stored file deleted and the build gone THEN the library says which work is missing, and repair drops and names it', async () => {
    const dir = await collectionDir();
    const files = await readdir(path.join(dir, 'files'));
    const lib0 = reopen();
    const victim = lib0.list(G).find((e) => e.meta.title !== 'Edited Title Kept')!;
    await lib0.close();
    await rm(path.join(dir, 'files', victim.source.file));
    for (const f of await readdir(dir)) if (f.startsWith('build-')) await rm(path.join(dir, f));
    expect(files.length).toBe(2);
    const lib = reopen();
    lib.view(G);
    await expect(lib.add(G, utf8Text('Yet another text, long enough to be read as one.\n'), {}, 'tester')).rejects.toMatchObject({ identifier: 'library.damaged', message: expect.stringContaining(victim.meta.id) });
    const r = await lib.repair(G, 'tester');
    expect(r.works).toBe(1);
    expect(r.dropped).toEqual([`${victim.meta.title} (${victim.meta.id})`]);
    expect(lib.list(G).map((e) => e.meta.title)).toEqual(['Edited Title Kept']);
    await lib.close();
  }, 120_000);

  it('GIVEN a damaged library THEN doctor reports it (exit 1), and doctor --repair rebuilds it (exit 0)', async () => {
    await symlink(path.join(PROJECT_ROOT, 'data', 'corpus'), path.join(app.dir, 'corpus'));
    await symlink(path.join(PROJECT_ROOT, 'data', 'build'), path.join(app.dir, 'build'));
    await writeFile(path.join(await collectionDir(), 'collection.json'), 'not json at all');
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['src/main.ts', 'doctor', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, LECTERN_DATA_DIR: app.dir, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => resolve({ code, out }));
      });
    // The manifest is unreadable, so even its collection is unknown: doctor says to move it aside.
    const unreadable = await run([]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.out).toMatch(/PROBLEM +library .*manifest cannot be read/);
    // A readable manifest that names a file that is gone: found, then repaired.
    await writeFile(
      path.join(await collectionDir(), 'collection.json'),
      JSON.stringify({ format: 'lectern.library', version: 1, collection: G, build: null, works: [] }),
    );
    const lib = reopen();
    await lib.repair(G, 'tester');
    await lib.close();
    const dir = await collectionDir();
    for (const f of await readdir(path.join(dir, 'files'))) await rm(path.join(dir, 'files', f));
    const found = await run([]);
    expect(found.code).toBe(1);
    expect(found.out).toContain('stored files missing');
    const fixed = await run(['--repair']);
    expect(fixed.out).toMatch(/repaired library of guild-repair: rebuilt with 0 works.*dropped/);
    expect(fixed.code).toBe(0);
    expect((await run([])).code).toBe(0);
  }, 180_000);

  it('GIVEN a data directory that cannot be written THEN doctor says so, naming the folder and the cause (exit 1)', async () => {
    // /sys refuses new entries even to root, like a read-only mount.
    const child = spawn(process.execPath, ['src/main.ts', 'doctor'], { cwd: PROJECT_ROOT, env: { ...process.env, LECTERN_DATA_DIR: '/sys/lectern-doctor-test', LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(out).toMatch(/PROBLEM +\/sys\/lectern-doctor-test\/state is not writable \((EPERM|EACCES|EROFS)\)/);
    expect(out).not.toContain('    at ');
  }, 60_000);
});
