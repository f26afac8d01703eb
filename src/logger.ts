/**
 * pino, human-readable in a terminal and JSON otherwise (a pipe, a container, CI).
 * Logs go to stderr so stdout stays clean for `--json` output and piped console replies.
 *
 * No secret reaches a log line at any level, in three layers: pino's `redact` for the fields that
 * hold secrets (tokens, authorization headers, request bodies), an error serializer that drops what
 * REST errors carry about their request (a webhook `url` holds the interaction token, `requestBody`
 * the message), and a last pass over every serialized line that masks webhook/interaction routes,
 * bearer tokens, `access_token=` query parameters and the configured secrets themselves — so a
 * secret inside a free-text message (an SDK's own log lines, an error's message) is caught too.
 */
import { createRequire } from 'node:module';
import type { DestinationStream, Logger, LoggerOptions as PinoOptions } from 'pino';
import type pinoModule from 'pino';
import { escapeRegExp } from './regexp.ts';

/**
 * pino, loaded when a logger is first made: requiring it (its ~15 files) cost a one-shot CLI answer
 * ~20 ms of CPU, and such an answer usually logs nothing at its level (see `deferredLogger`).
 */
let loadedPino: typeof pinoModule | undefined;
const pino = (): typeof pinoModule => (loadedPino ??= createRequire(import.meta.url)('pino') as typeof pinoModule);

export const REDACTED = '[REDACTED]';

/** Fields that hold secrets wherever a log call puts them (one and two levels deep). */
export const REDACT_PATHS = [
  'token',
  'accessToken',
  'access_token',
  'password',
  'authorization',
  'requestBody',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'interaction.token',
  'body.token',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.password',
  '*.authorization',
  '*.requestBody',
  '*.headers.authorization',
];

/** What a REST error carries about its request: a webhook URL holds a token, a body the message. */
const REQUEST_FIELDS = ['url', 'requestBody', 'rawError', 'headers', 'request', 'config'];

type Serialized = Record<string, unknown>;

function scrubError(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || depth > 4) return value;
  const out = value as Serialized;
  for (const field of REQUEST_FIELDS) if (field in out) delete out[field];
  if (out.cause) out.cause = scrubError(out.cause, depth + 1);
  if (Array.isArray(out.aggregateErrors)) out.aggregateErrors = out.aggregateErrors.map((e) => scrubError(e, depth + 1));
  return out;
}

/** pino's standard error serializer, without the request a REST error describes. */
export const errorSerializer = (err: unknown): unknown => scrubError(pino().stdSerializers.err(err as Error));

/** Masks secrets in a serialized log line; `secrets` are exact values (configured tokens). */
export function secretMasker(secrets: readonly string[] = []): (line: string) => string {
  const exact = secrets.filter((s) => s.length >= 6).map(escapeRegExp);
  const exactPattern = exact.length ? new RegExp(exact.join('|'), 'g') : undefined;
  return (line) => {
    let s = line
      // Interaction webhooks and callbacks: the token is the path segment after the id.
      .replace(/(\/webhooks\/\d+\/)[^/"\s?\\]+/g, `$1${REDACTED}`)
      .replace(/(\/interactions\/\d+\/)[^/"\s?\\]+/g, `$1${REDACTED}`)
      // Interaction tokens begin with base64 of "interaction:".
      .replace(/aW50ZXJhY3Rpb246[A-Za-z0-9_-]+/g, REDACTED)
      .replace(/((?:access_token|token|password)=)[^&"\s\\]+/gi, `$1${REDACTED}`)
      .replace(/\b(Bearer|Bot) [A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`)
      .replace(/("(?:access_token|accessToken|token|password)\\?"\s*:\s*\\?")[^"\\]+/g, `$1${REDACTED}`);
    if (exactPattern) s = s.replace(exactPattern, REDACTED);
    return s;
  };
}

export interface LoggerOptions {
  level: string;
  pretty?: boolean;
  /** Configured secrets (bot token, access token, password) masked wherever they appear. */
  secrets?: readonly string[];
  /** Where lines go instead of stderr (tests). */
  destination?: DestinationStream;
}

export function loggerOptions(options: Pick<LoggerOptions, 'level' | 'secrets'>): PinoOptions {
  return {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: errorSerializer, error: errorSerializer },
    hooks: { streamWrite: secretMasker(options.secrets) },
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const base = loggerOptions(options);
  const p = pino();
  if (options.destination) return p(base, options.destination);
  const pretty = options.pretty ?? Boolean(process.stderr.isTTY);
  if (pretty) return p(base, startedOnFirstLine(() => p.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } })));
  return p(base, p.destination(2));
}

/**
 * A destination whose stream starts with the first line written. pino-pretty runs in a worker
 * thread; started with the logger, it cost every one-shot CLI answer in a terminal ~0.1 s of CPU,
 * though most log nothing at their level. Once started it stays, and pino's transport flushes it at exit.
 */
export function startedOnFirstLine(start: () => DestinationStream): DestinationStream {
  let stream: DestinationStream | undefined;
  return { write: (line: string) => (stream ??= start()).write(line) };
}

export const silentLogger = (): Logger => pino()({ level: 'silent' });

/** pino's levels by number (its defaults: Lectern defines none of its own). */
const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };
const ignore = () => {};

/**
 * A logger made by `make` only when a line at `level` or above is written to it or to one of its
 * children, or when anything else of pino's is asked of it: until then a call below the level does
 * nothing, as pino's own would, and pino is not even loaded. What one-shot commands log through
 * (`loadEnvironment`): most write nothing at their level. A child is made of the real logger's child
 * when it first writes, so its lines carry the same bindings.
 */
export function deferredLogger(level: string, make: () => Logger): Logger {
  const threshold = LEVELS[level];
  if (threshold === undefined) return make();
  let real: Logger | undefined;
  const get = () => (real ??= make());
  const target = {} as Logger;
  return new Proxy(target, {
    get(_, key) {
      if (!real && typeof key === 'string') {
        const at = LEVELS[key];
        if (at !== undefined) return at < threshold || key === 'silent' ? ignore : (...args: unknown[]) => (get()[key as 'info'] as (...a: unknown[]) => void)(...args);
        if (key === 'level') return level;
        if (key === 'isLevelEnabled') return (l: string) => (LEVELS[l] ?? Infinity) >= threshold;
        if (key === 'child') {
          return (bindings: Record<string, unknown>, options?: { level?: string }) => deferredLogger(options?.level ?? level, () => get().child(bindings, options));
        }
      }
      const value = Reflect.get(get(), key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(real) : value;
    },
    set(_, key, value) {
      return Reflect.set(get(), key, value);
    },
    has(_, key) {
      return Reflect.has(get(), key);
    },
  });
}
