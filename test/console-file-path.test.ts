/** Issue 13: the console takes a file by its path; a path that names no file is the user's to fix. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';

const MAIN = path.join(PROJECT_ROOT, 'src', 'main.ts');
let dataDir: string;

function lectern(args: string[], input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(DISCORD_|MATRIX_)/.test(k)) env[k] = v;
  Object.assign(env, { LOG_LEVEL: 'warn', LECTERN_DATA_DIR: dataDir });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: dataDir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

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
