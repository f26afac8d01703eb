/**
 * Configuration is read from the environment once, at start-up, and validated with zod.
 * On bad configuration the process exits with every problem listed, not just the first.
 * Nothing else in the code reads process.env.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { STYLE_IDS } from './cite/ids.ts';
import { LAYOUTS } from './dispatch/types.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const list = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(z.string()).default([]),
);
const splitList = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const port = z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).optional());
const positiveInt = (fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(fallback));

export const ConfigSchema = z
  .object({
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    /** Folder holding corpus/, build/ and state/; defaults to the project's data/. */
    LECTERN_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(path.join(PROJECT_ROOT, 'data'))),
    LECTERN_DEFAULT_STYLE: z.preprocess(emptyToUndefined, z.enum(STYLE_IDS).default('chicago')),
    LECTERN_DEFAULT_LAYOUT: z.preprocess(emptyToUndefined, z.enum(LAYOUTS).default('stacked')),
    RATE_LIMIT_PER_MINUTE: positiveInt(20),
    /** Port of GET /healthz and GET /metrics; unset: not served. */
    LECTERN_OPS_PORT: port,
    LECTERN_OPS_HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),

    DISCORD_TOKEN: optionalString,
    DISCORD_APPLICATION_ID: z.preprocess(emptyToUndefined, z.string().regex(/^\d{15,25}$/, 'a Discord snowflake (digits)').optional()),
    DISCORD_PUBLIC_KEY: z.preprocess(emptyToUndefined, z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hexadecimal characters').optional()),
    DISCORD_HTTP_PORT: port,
    DISCORD_HTTP_HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
    DISCORD_API_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    /**
     * Gateway shards, each in its own process under discord.js's ShardingManager: a count, or
     * `auto` (the count Discord recommends for the bot); unset: one gateway connection in this process.
     */
    DISCORD_SHARDS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .regex(/^(auto|[1-9]\d{0,3})$/, 'a number of shards (1 to 9999) or "auto"')
        .transform((v) => (v === 'auto' ? ('auto' as const) : Number(v)))
        .optional(),
    ),
    /**
     * Key for the MACs in the ids of Lectern's buttons. Unset: derived from DISCORD_TOKEN, else
     * random for each run (and then shared by the HTTP workers of that run).
     */
    DISCORD_BUTTON_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'at least 32 characters (e.g. openssl rand -hex 32)').optional()),
    /** Processes serving the HTTP interactions endpoint on one port (SO_REUSEPORT); 1: this process alone. */
    DISCORD_HTTP_WORKERS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(64).default(1)),

    MATRIX_HOMESERVER_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    MATRIX_ACCESS_TOKEN: optionalString,
    MATRIX_USER_ID: z.preprocess(emptyToUndefined, z.string().regex(/^@[^:]+:.+$/, 'a Matrix user id like @lectern:example.org').optional()),
    MATRIX_PASSWORD: optionalString,
    /** The recovery key `matrix-setup` printed: opens the secret storage that holds the cross-signing keys. */
    MATRIX_RECOVERY_KEY: optionalString,
    MATRIX_PREFIX: z.preprocess(emptyToUndefined, z.string().min(1).max(5).default('!')),
    MATRIX_ALLOWED_ROOMS: list,
    MATRIX_ALLOWED_SERVERS: list,
    MATRIX_LIBRARY_POWER_LEVEL: positiveInt(50),
    /** Rooms that share one library: "group=!roomA:server,!roomB:server;other=!roomC:server". */
    MATRIX_ROOM_GROUPS: z.preprocess(emptyToUndefined, z.string().optional()),

    LIBRARY_MAX_FILE_MB: positiveInt(20),
    LIBRARY_MAX_PAGES: positiveInt(1000),
    LIBRARY_MAX_WORKS: positiveInt(50),
    /** Library jobs (reading a file, building an index) that run at the same time, each in its own worker thread. */
    LIBRARY_CONCURRENCY: positiveInt(2),
    /** Wall-clock limit of one library job, in seconds; past it the worker is stopped and the uploader told. */
    LIBRARY_JOB_TIMEOUT_S: positiveInt(120),
    /** Heap limit of one library worker, in MB. */
    LIBRARY_WORKER_MEMORY_MB: positiveInt(1024),
    /** Days a thread's notes (what Lectern posted there) are kept after its last command; 0 keeps them until the thread is deleted. */
    NOTES_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(36500).default(90)),
    /**
     * Memory for the groups' libraries loaded at once, in MB (estimated from their files): a group's
     * library is loaded on its first command and the least recently used ones are let go past this.
     */
    LIBRARY_CACHE_MB: positiveInt(512),
    /**
     * A PostgreSQL database (postgres://user:password@host:5432/name) that several Lectern processes
     * share; unset: files under the data folder and an in-memory index (one process).
     */
    LECTERN_DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'a PostgreSQL URL like postgres://lectern:secret@localhost:5432/lectern').optional(),
    ),
  });

/**
 * What this process does. `npm start` is the main process; with DISCORD_SHARDS or
 * DISCORD_HTTP_WORKERS it starts Lectern again in child processes that each do one Discord job
 * (`start --discord-shard <id>` / `start --discord-http-worker <n>`), and only that job.
 */
export type ProcessRole = { kind: 'main' } | { kind: 'discord-shard'; shard: number } | { kind: 'discord-http-worker'; worker: number };

export type Config = z.infer<typeof ConfigSchema> & {
  role: ProcessRole;
  /** MATRIX_ROOM_GROUPS parsed: room id → the group's collection name. */
  matrixRoomGroups: Map<string, string>;
  dataDir: string;
  corpusDir: string;
  buildDir: string;
  stateDir: string;
};

function parseRoomGroups(spec: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const group of (spec ?? '').split(';').map((g) => g.trim()).filter(Boolean)) {
    const [name = '', rooms = ''] = group.split('=');
    for (const room of rooms.split(',').map((r) => r.trim()).filter(Boolean)) map.set(room, `matrix-group-${name.trim()}`);
  }
  return map;
}

// Room versions 12+ drop the server part of room ids (!hash), so it is optional.
const ROOM_ID = /^![^\s:,;=]+(:[^\s:,;=]+(:\d+)?)?$/;
const ROOM_ID_OR_ALIAS = /^(#[^\s:]+:[^\s:]+(:\d+)?|![^\s:]+(:[^\s:]+(:\d+)?)?)$/;
const SERVER_NAME = /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/;
const quoted = (s: string) => `"${s.slice(0, 60)}"`;

/** Every problem of a MATRIX_ROOM_GROUPS spec: malformed groups, bad room ids, a room in two groups, a group named twice. */
function roomGroupsProblems(spec: string): string[] {
  const out: string[] = [];
  const groupOf = new Map<string, string>();
  const names = new Set<string>();
  for (const group of spec.split(';').map((g) => g.trim()).filter(Boolean)) {
    const m = /^([a-z0-9][a-z0-9-]{0,40})=(.*)$/.exec(group);
    if (!m) {
      out.push(`${quoted(group)} should look like name=!room:server,!other:server (name: lower-case letters, digits, hyphens)`);
      continue;
    }
    const name = m[1]!;
    if (names.has(name)) out.push(`the group "${name}" is named twice; list all its rooms once`);
    names.add(name);
    const rooms = m[2]!.split(',').map((r) => r.trim());
    if (!rooms.some(Boolean)) out.push(`the group "${name}" lists no room`);
    for (const room of rooms.filter(Boolean)) {
      if (!ROOM_ID.test(room)) {
        out.push(`${quoted(room)} in "${name}" is not a Matrix room id (like !abc:example.org; aliases starting with "#" are not accepted here)`);
        continue;
      }
      const other = groupOf.get(room);
      if (other && other !== name) out.push(`${room} is in two groups ("${other}" and "${name}"); a room shares one library`);
      else if (other) out.push(`${room} is listed twice in "${name}"`);
      groupOf.set(room, name);
    }
  }
  return out;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Lectern cannot start: the configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}\nSee .env.example for every variable and its meaning.`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Checks across variables, on the raw environment, so that they are reported together with the
 * problems of single variables (a schema refinement would only run once every field is valid).
 */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const set = (k: string) => Boolean(env[k]?.trim());
  const out: string[] = [];
  if (set('MATRIX_ROOM_GROUPS')) for (const problem of roomGroupsProblems(env.MATRIX_ROOM_GROUPS!)) out.push(`MATRIX_ROOM_GROUPS: ${problem}`);
  for (const room of splitList(env.MATRIX_ALLOWED_ROOMS)) {
    if (!ROOM_ID_OR_ALIAS.test(room)) out.push(`MATRIX_ALLOWED_ROOMS: ${quoted(room)} is not a room id or alias (like !abc:example.org or #reading:example.org)`);
  }
  for (const server of splitList(env.MATRIX_ALLOWED_SERVERS)) {
    if (!SERVER_NAME.test(server)) out.push(`MATRIX_ALLOWED_SERVERS: ${quoted(server)} is not a server name (like example.org)`);
  }
  // A token pasted with a space or line break in it fails later with a confusing 401.
  for (const name of ['DISCORD_TOKEN', 'MATRIX_ACCESS_TOKEN']) {
    const v = env[name];
    if (v && v.trim() && /\s/.test(v)) out.push(`${name}: contains white space (a space, tab or line break); paste the value again without it`);
  }
  if (set('DISCORD_HTTP_PORT') !== set('DISCORD_PUBLIC_KEY')) {
    out.push(`${set('DISCORD_HTTP_PORT') ? 'DISCORD_PUBLIC_KEY' : 'DISCORD_HTTP_PORT'}: DISCORD_PUBLIC_KEY and DISCORD_HTTP_PORT go together: set both to serve HTTP interactions`);
  }
  if (set('DISCORD_SHARDS') && !set('DISCORD_TOKEN')) out.push('DISCORD_SHARDS: shards are gateway connections; set DISCORD_TOKEN too (or unset DISCORD_SHARDS)');
  if (set('DISCORD_HTTP_WORKERS') && Number(env.DISCORD_HTTP_WORKERS) > 1 && !(set('DISCORD_HTTP_PORT') && set('DISCORD_PUBLIC_KEY'))) {
    out.push('DISCORD_HTTP_WORKERS: several HTTP workers need the HTTP endpoint: set DISCORD_PUBLIC_KEY and DISCORD_HTTP_PORT too');
  }
  if (set('MATRIX_HOMESERVER_URL') && !set('MATRIX_ACCESS_TOKEN') && !(set('MATRIX_USER_ID') && set('MATRIX_PASSWORD'))) {
    out.push('MATRIX_ACCESS_TOKEN: with MATRIX_HOMESERVER_URL set, give MATRIX_ACCESS_TOKEN, or MATRIX_USER_ID and MATRIX_PASSWORD');
  }
  if (!set('MATRIX_HOMESERVER_URL') && (set('MATRIX_ACCESS_TOKEN') || set('MATRIX_PASSWORD'))) {
    out.push('MATRIX_HOMESERVER_URL: Matrix credentials are set but MATRIX_HOMESERVER_URL is not');
  }
  return out;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`)),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const dataDir = path.resolve(parsed.data.LECTERN_DATA_DIR);
  return {
    ...parsed.data,
    role: { kind: 'main' },
    matrixRoomGroups: parseRoomGroups(parsed.data.MATRIX_ROOM_GROUPS),
    dataDir,
    corpusDir: path.join(dataDir, 'corpus'),
    buildDir: path.join(dataDir, 'build'),
    stateDir: path.join(dataDir, 'state'),
  };
}

const isMain = (c: Config) => c.role.kind === 'main';
const httpConfigured = (c: Config) => c.DISCORD_PUBLIC_KEY !== undefined && c.DISCORD_HTTP_PORT !== undefined;
/** This process keeps a gateway connection itself (one unsharded connection, or the one shard it was started for). */
export const discordGatewayEnabled = (c: Config) => Boolean(c.DISCORD_TOKEN) && (isMain(c) ? c.DISCORD_SHARDS === undefined : c.role.kind === 'discord-shard');
/** This process runs the ShardingManager: the gateway goes to one child process per shard. */
export const discordShardsEnabled = (c: Config) => isMain(c) && Boolean(c.DISCORD_TOKEN) && c.DISCORD_SHARDS !== undefined;
/** This process serves the HTTP interactions endpoint itself. */
export const discordHttpEnabled = (c: Config) => httpConfigured(c) && (isMain(c) ? c.DISCORD_HTTP_WORKERS === 1 : c.role.kind === 'discord-http-worker');
/** This process starts DISCORD_HTTP_WORKERS children that serve the endpoint on one port. */
export const discordHttpWorkersEnabled = (c: Config) => isMain(c) && httpConfigured(c) && c.DISCORD_HTTP_WORKERS > 1;
export const matrixEnabled = (c: Config) => Boolean(c.MATRIX_HOMESERVER_URL) && isMain(c);
/** The configuration a child process started for one Discord job reads: the same variables, its role. */
export const withRole = (c: Config, role: ProcessRole): Config => ({ ...c, role, ...(role.kind === 'main' ? {} : { LECTERN_OPS_PORT: undefined }) });

/** Values that must never appear in a log line (the logger masks them wherever they occur). */
export const configuredSecrets = (c: Config): string[] =>
  [c.DISCORD_TOKEN, c.DISCORD_BUTTON_SECRET, c.MATRIX_ACCESS_TOKEN, c.MATRIX_PASSWORD, c.MATRIX_RECOVERY_KEY, databasePassword(c.LECTERN_DATABASE_URL)].filter((s): s is string => Boolean(s));

/** The password inside a database URL, if any (masked in logs like the tokens). */
export function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
