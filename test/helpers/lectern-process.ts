/**
 * `src/main.ts` run as its own process, as a user runs the CLI or pipes the console: stdin given,
 * stdout, stderr and the exit code back. Chat credentials from the caller's environment are left
 * out, so no test starts a platform by accident.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.ts';

const MAIN = path.join(PROJECT_ROOT, 'src', 'main.ts');

export interface LecternRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runLectern(args: string[], options: { input?: string; env?: Record<string, string>; cwd?: string } = {}): Promise<LecternRun> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(DISCORD_|MATRIX_)/.test(k)) env[k] = v;
  Object.assign(env, { LOG_LEVEL: 'warn', ...options.env });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: options.cwd ?? PROJECT_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
