/**
 * The CLI's one-shot commands log through a deferred logger (src/logger.ts `deferredLogger`): pino
 * is made by the first line at the logger's level, so an answer that logs nothing never loads it.
 * The lines it does write are pino's own: level, bindings of children, redaction.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';
import { createLogger, deferredLogger } from '../src/logger.ts';

const run = promisify(execFile);

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('GIVEN a deferred logger at warn', () => {
  it('THEN nothing below warn makes the logger, and the first warn makes it once and is written with its child bindings', async () => {
    const { lines, destination } = capture();
    let made = 0;
    const log = deferredLogger('warn', () => {
      made++;
      return createLogger({ level: 'warn', destination, secrets: ['s3cret-token-value'] });
    });
    const child = log.child({ module: 'library' });
    log.info('below');
    log.debug({ x: 1 }, 'below');
    child.info('below');
    child.trace('below');
    expect(log.level).toBe('warn');
    expect([log.isLevelEnabled('info'), log.isLevelEnabled('warn'), log.isLevelEnabled('error')]).toEqual([false, true, true]);
    expect(made).toBe(0);

    child.warn({ token: 'abc' }, 'careful with s3cret-token-value');
    log.error('then this');
    log.info('still below');
    await new Promise((resolve) => setImmediate(resolve));
    expect(made).toBe(1);
    expect(lines.map((l) => [l.level, l.msg, l.module, l.token])).toEqual([
      [40, 'careful with [REDACTED]', 'library', '[REDACTED]'],
      [50, 'then this', undefined, undefined],
    ]);
  });

  it('THEN a child with a level of its own logs at that level', async () => {
    const { lines, destination } = capture();
    const log = deferredLogger('warn', () => createLogger({ level: 'warn', destination }));
    const child = log.child({ module: 'x' }, { level: 'info' });
    child.debug('below');
    child.info('at its level');
    log.info('below the parent');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => [l.msg, l.module])).toEqual([['at its level', 'x']]);
  });

  it('THEN a one-shot CLI answer that logs nothing does not load pino, and answers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lectern-deferred-'));
    const probe = path.join(dir, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write('pino loaded: ' + Object.keys(require.cache).some((k) => k.includes('/node_modules/pino/')) + '\\n'));");
    try {
      const { stdout, stderr } = await run(process.execPath, ['-r', probe, path.join(PROJECT_ROOT, 'bin', 'lectern.js'), 'quote', 'Kirov', '--limit', '1'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: { ...process.env, LOG_LEVEL: 'info' },
      });
      expect(stdout).toContain('Kirov');
      expect(stderr).toContain('pino loaded: false');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
