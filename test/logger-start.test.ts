/**
 * The terminal's logger (pino-pretty, in a worker thread) starts with its first line, not with the
 * logger: a one-shot command that logs nothing at its level starts no thread.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';
import { createLogger, startedOnFirstLine } from '../src/logger.ts';

const run = promisify(execFile);

describe('GIVEN the logger of a terminal (pretty)', () => {
  it('THEN no worker runs until a line at its level is written, and then the line is printed, secrets masked', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length - before;
    const log = createLogger({ level: 'warn', pretty: true });
    log.info('below the level');
    log.child({ module: 'x' }).debug('below the level');
    expect(ports()).toBe(0);

    // In a process of its own, whose stderr the worker writes to: the line is there once it exits.
    const script = `import { createLogger } from ${JSON.stringify(path.join(PROJECT_ROOT, 'src', 'logger.ts'))};
      const log = createLogger({ level: 'warn', pretty: true, secrets: ['s3cret-token-value'] });
      log.info('not this');
      log.warn({ token: 'abc' }, 'careful with s3cret-token-value');`;
    const { stderr } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(stderr).toMatch(/WARN.*careful with \[REDACTED\]/);
    expect(stderr).toContain('"[REDACTED]"');
    expect(stderr).not.toContain('not this');
    expect(stderr).not.toContain('s3cret');
  });

  it('THEN its stream is started once, by the first line, and every line reaches it', () => {
    const lines: string[] = [];
    let starts = 0;
    const stream = startedOnFirstLine(() => {
      starts++;
      return { write: (line: string) => void lines.push(line) };
    });
    expect(starts).toBe(0);
    stream.write('a\n');
    stream.write('b\n');
    expect([starts, lines]).toEqual([1, ['a\n', 'b\n']]);
  });
});
