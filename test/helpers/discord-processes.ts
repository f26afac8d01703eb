/**
 * `npm start` as its own long-running process for the Discord deployment tests (shards, HTTP
 * workers): a data dir that reads the bundled corpus and build, its JSON log lines (stderr, which
 * the shard and worker processes it starts share) parsed as they come, and a SIGTERM at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.ts';

export interface LogLine {
  level: number;
  msg: string;
  pid: number;
  shard?: number;
  worker?: number;
  [key: string]: unknown;
}

export interface LecternProcess {
  child: ChildProcess;
  logs: LogLine[];
  stderr(): string;
  waitForLog(match: (l: LogLine) => boolean, what: string, ms?: number): Promise<LogLine>;
  /** SIGTERM, then the exit code (SIGKILL past `ms`). */
  stop(ms?: number): Promise<number | null>;
}

/** A data dir of its own (state/) over the project's corpus and build. */
export async function lecternDataDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await symlink(path.join(PROJECT_ROOT, 'data', 'corpus'), path.join(dir, 'corpus'));
  await symlink(path.join(PROJECT_ROOT, 'data', 'build'), path.join(dir, 'build'));
  return dir;
}

export function startLecternProcess(env: Record<string, string>): LecternProcess {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|MATRIX_|LECTERN_)/.test(k)));
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'src', 'main.ts'), 'start'], {
    cwd: PROJECT_ROOT,
    env: { ...inherited, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let text = '';
  let partial = '';
  const logs: LogLine[] = [];
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  child.stderr!.on('data', (d: Buffer) => {
    text += d.toString();
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const raw of lines) {
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        continue;
      }
      logs.push(line);
      for (const w of [...waiters]) {
        if (w.match(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    logs,
    stderr: () => text,
    waitForLog(match, what, ms = 60_000) {
      const done = logs.find(match);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}; the process logged:\n${text.slice(-4000)}`)), ms);
        waiters.push({
          match,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
      });
    },
    async stop(ms = 8_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const late = setTimeout(() => child.kill('SIGKILL'), ms);
      const code = await exited;
      clearTimeout(late);
      return code;
    },
  };
}
