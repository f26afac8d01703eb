/** Issue 13: the console takes a file by its path; a path that names no file is the user's to fix. */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';
import { runLectern } from './helpers/lectern-process.ts';

let dataDir: string;

const lectern = (args: string[], input = '') => runLectern(args, { input, cwd: dataDir, env: { LECTERN_DATA_DIR: dataDir } });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'lectern-console-file-'));
  await symlink(path.join(PROJECT_ROOT, 'data', 'corpus'), path.join(dataDir, 'corpus'));
  await symlink(path.join(PROJECT_ROOT, 'data', 'build'), path.join(dataDir, 'build'));
}, 60_000);
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('GIVEN the piped console and /library add with a path that names no file', () => {
  it('THEN it says there is no such file and logs no error of ours', async () => {
    const missing = path.join(dataDir, 'no-such-notes.md');
    const r = await lectern(['start'], `/library add file:${missing}\n`);
    expect(r.stdout).toContain(`There is no file "${missing}".`);
    expect(r.stdout).not.toMatch(/went wrong on our side/);
    expect(r.stderr).not.toMatch(/ENOENT/);
  }, 120_000);
});
