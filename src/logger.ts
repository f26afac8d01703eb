/**
 * pino, human-readable in a terminal and JSON otherwise (a pipe, a container, CI).
 * Logs go to stderr so stdout stays clean for `--json` output and piped console replies.
 */
import pino, { type Logger } from 'pino';

export function createLogger(options: { level: string; pretty?: boolean }): Logger {
  const pretty = options.pretty ?? Boolean(process.stderr.isTTY);
  if (pretty) {
    return pino({
      level: options.level,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } },
    });
  }
  return pino({ level: options.level }, pino.destination(2));
}

export const silentLogger = (): Logger => pino({ level: 'silent' });
