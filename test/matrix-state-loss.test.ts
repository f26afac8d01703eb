/**
 * Issue 16, "no silent loss", for the Matrix bot's own state file (sync position, each room's
 * `!layout`): a corrupt file is set aside and each room is told once; a layout that cannot be
 * written is not reported as changed.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/logger.ts';
import { MatrixState, STATE_FILE } from '../src/platforms/matrix/state.ts';

const dirs: string[] = [];
const fresh = async () => {
  const d = await mkdtemp(path.join(os.tmpdir(), 'lectern-matrix-state-'));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('GIVEN a Matrix state file that cannot be read', () => {
  it('THEN it is kept aside, and each room is told once on its next answer that its layout is back to the default', async () => {
    const dir = await fresh();
    await writeFile(path.join(dir, STATE_FILE), '{"version": 1, "layouts": {"!a:x": "stacked"');
    const state = await MatrixState.load(dir, silentLogger());
    expect((await readdir(dir)).some((f) => f.startsWith(`${STATE_FILE}.unreadable-`))).toBe(true);
    expect(state.takeLayoutNotice('!a:x', '!')).toMatch(/could not read what it kept for its Matrix rooms.*back to the default.*!layout sets it again/);
    expect(state.takeLayoutNotice('!a:x', '!')).toBeUndefined();
    await state.setLayout('!b:x', 'side-by-side');
    expect(state.takeLayoutNotice('!b:x', '!')).toBeUndefined();
  });

  it('THEN a sound file tells no room anything', async () => {
    const dir = await fresh();
    const state = await MatrixState.load(dir, silentLogger());
    expect(state.takeLayoutNotice('!a:x', '!')).toBeUndefined();
  });
});

describe('GIVEN a state folder where the file cannot be written', () => {
  it('THEN setting a layout rejects (so the room hears "Could not save") instead of resolving', async () => {
    const dir = await fresh();
    const state = await MatrixState.load(dir, silentLogger());
    // The file's place taken by a folder: the rename over it fails as a read-only disk would.
    await mkdir(path.join(dir, STATE_FILE, 'blocker'), { recursive: true });
    await expect(state.setLayout('!a:x', 'stacked')).rejects.toThrow();
    expect(state.layout('!a:x')).toBe('stacked');
  });
});
