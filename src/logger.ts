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
import pino, { type DestinationStream, type Logger } from 'pino';

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
export const errorSerializer = (err: unknown): unknown => scrubError(pino.stdSerializers.err(err as Error));

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

export function loggerOptions(options: Pick<LoggerOptions, 'level' | 'secrets'>): pino.LoggerOptions {
  return {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: errorSerializer, error: errorSerializer },
    hooks: { streamWrite: secretMasker(options.secrets) },
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const base = loggerOptions(options);
  if (options.destination) return pino(base, options.destination);
  const pretty = options.pretty ?? Boolean(process.stderr.isTTY);
  if (pretty) return pino(base, startedOnFirstLine(() => pino.transport({ target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname' } })));
  return pino(base, pino.destination(2));
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

export const silentLogger = (): Logger => pino({ level: 'silent' });
