/**
 * Vitest global setup: every temporary file of the run — the tests' own mkdtemp folders, the
 * PostgreSQL clusters, the Lectern processes they start (which inherit TMPDIR) — goes under one
 * folder that is removed when the run ends, so a run leaves nothing behind in the system's /tmp
 * (hundreds of folders, ~350 MB, before).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lectern-test-run-'));
  // Like /tmp itself: the PostgreSQL harness runs the server as the `postgres` user when we are root.
  await chmod(dir, 0o1777);
  process.env.TMPDIR = dir;
  return async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  };
}
