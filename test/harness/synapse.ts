/**
 * A real Synapse for the Matrix tests: installed from PyPI into a git-ignored virtual environment
 * (reused while its version matches), started on 127.0.0.1 with SQLite and no federation listener,
 * and stopped by killing its process group, so no homeserver outlives the tests.
 * Needs Python 3.10+ with venv and pip (`PYTHON` names another interpreter than python3), and
 * PyPI the first time; the homeserver's log is .cache/synapse.log.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config.ts';

/** Pinned so CI and every developer run the same homeserver; 1.163.x supports Python 3.10 and later. */
export const SYNAPSE_VERSION = '1.163.2';
export const CACHE_DIR = path.join(PROJECT_ROOT, '.cache');
export const SYNAPSE_VENV = path.join(CACHE_DIR, 'synapse-venv');
export const SYNAPSE_LOG = path.join(CACHE_DIR, 'synapse.log');
const SERVER_NAME = 'localhost';
const PYTHON = process.env.PYTHON ?? 'python3';

export interface SynapseUser {
  userId: string;
  localpart: string;
  password: string;
  accessToken: string;
}

export interface Synapse {
  url: string;
  serverName: string;
  /** How long the install took this run; 0 when the cached virtual environment was reused. */
  installMs: number;
  register(localpart: string): Promise<SynapseUser>;
  stop(): Promise<void>;
}

const venvPython = (venv: string) => path.join(venv, 'bin', 'python');

function installedVersion(venv: string): string | undefined {
  if (!existsSync(venvPython(venv))) return undefined;
  const r = spawnSync(venvPython(venv), ['-c', 'from importlib.metadata import version; print(version("matrix-synapse"))'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function run(cmd: string, args: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (err) => reject(new Error(`${what}: cannot run ${cmd}: ${err.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${code}):\n${output.slice(-4000)}`))));
  });
}

/**
 * Installs into a temporary folder and renames it into place, so an interrupted install never
 * looks like a finished one. A venv survives the rename because we only ever run its
 * `bin/python` (the scripts' shebangs, which would break, are not used).
 */
export async function ensureSynapse(): Promise<{ python: string; installMs: number }> {
  if (installedVersion(SYNAPSE_VENV) === SYNAPSE_VERSION) return { python: venvPython(SYNAPSE_VENV), installMs: 0 };
  const started = performance.now();
  await mkdir(CACHE_DIR, { recursive: true });
  const tmp = `${SYNAPSE_VENV}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await run(PYTHON, ['-m', 'venv', tmp], 'creating the Synapse virtual environment');
  await run(venvPython(tmp), ['-m', 'pip', 'install', '--quiet', '--upgrade', 'pip'], 'upgrading pip');
  await run(venvPython(tmp), ['-m', 'pip', 'install', '--quiet', `matrix-synapse==${SYNAPSE_VERSION}`], 'installing matrix-synapse');
  await rm(SYNAPSE_VENV, { recursive: true, force: true });
  await rename(tmp, SYNAPSE_VENV);
  if (installedVersion(SYNAPSE_VENV) !== SYNAPSE_VERSION) throw new Error(`matrix-synapse ${SYNAPSE_VERSION} did not install in ${SYNAPSE_VENV}`);
  return { python: venvPython(SYNAPSE_VENV), installMs: Math.round(performance.now() - started) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Generous enough that no test ever meets a limit; Synapse ignores keys it does not know. */
const NO_LIMIT = { per_second: 10_000, burst_count: 100_000 };
const rateLimits = {
  rc_message: NO_LIMIT,
  rc_registration: NO_LIMIT,
  rc_login: { address: NO_LIMIT, account: NO_LIMIT, failed_attempts: NO_LIMIT },
  rc_joins: { local: NO_LIMIT, remote: NO_LIMIT },
  rc_joins_per_room: NO_LIMIT,
  rc_invites: { per_room: NO_LIMIT, per_user: NO_LIMIT, per_issuer: NO_LIMIT },
  rc_third_party_invite: NO_LIMIT,
  rc_admin_redaction: NO_LIMIT,
  rc_3pid_validation: NO_LIMIT,
  rc_media_create: NO_LIMIT,
  rc_room_creation: NO_LIMIT,
  rc_presence: { per_user: NO_LIMIT },
  rc_delayed_event_mgmt: NO_LIMIT,
  rc_reports: NO_LIMIT,
};

function homeserverConfig(dir: string, port: number, secret: string): Record<string, unknown> {
  return {
    server_name: SERVER_NAME,
    pid_file: path.join(dir, 'homeserver.pid'),
    // Only the client API: no federation listener, nothing but 127.0.0.1.
    listeners: [{ port, bind_addresses: ['127.0.0.1'], type: 'http', tls: false, x_forwarded: false, resources: [{ names: ['client'], compress: false }] }],
    database: { name: 'sqlite3', args: { database: path.join(dir, 'homeserver.db') } },
    media_store_path: path.join(dir, 'media'),
    signing_key_path: path.join(dir, 'signing.key'),
    enable_registration: false,
    registration_shared_secret: secret,
    macaroon_secret_key: `${secret}-macaroon`,
    form_secret: `${secret}-form`,
    report_stats: false,
    trusted_key_servers: [],
    suppress_key_server_warning: true,
    use_presence: false,
    ...rateLimits,
  };
}

async function waitForVersions(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Synapse exited (${child.exitCode ?? child.signalCode}) while starting; see ${SYNAPSE_LOG}`);
    try {
      const res = await fetch(`${url}/_matrix/client/versions`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Synapse did not answer /_matrix/client/versions within ${timeoutMs / 1000} s; see ${SYNAPSE_LOG}`);
}

/** The shared-secret admin registration: HMAC-SHA1 over nonce, user, password and admin flag. */
async function registerUser(url: string, secret: string, localpart: string): Promise<SynapseUser> {
  const endpoint = `${url}/_synapse/admin/v1/register`;
  const { nonce } = (await (await fetch(endpoint)).json()) as { nonce: string };
  const password = `pw-${localpart}-${Math.random().toString(36).slice(2)}`;
  const mac = createHmac('sha1', secret).update(`${nonce}\0${localpart}\0${password}\0notadmin`).digest('hex');
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nonce, username: localpart, password, admin: false, mac }),
  });
  const body = (await res.json()) as { user_id?: string; access_token?: string; error?: string };
  if (!res.ok || !body.user_id || !body.access_token) throw new Error(`registering ${localpart} failed: ${res.status} ${JSON.stringify(body)}`);
  return { userId: body.user_id, localpart, password, accessToken: body.access_token };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

export async function startSynapse(): Promise<Synapse> {
  const { python, installMs } = await ensureSynapse();
  await mkdir(CACHE_DIR, { recursive: true });
  const dir = await mkdtemp(path.join(CACHE_DIR, 'synapse-run-'));
  const port = await freePort();
  const secret = `lectern-test-${Math.random().toString(36).slice(2)}`;
  const configPath = path.join(dir, 'homeserver.yaml');
  // JSON is YAML, so the config needs no YAML writer.
  await writeFile(configPath, JSON.stringify(homeserverConfig(dir, port, secret), null, 2));
  await run(python, ['-m', 'synapse.app.homeserver', '--config-path', configPath, '--generate-keys'], 'generating the signing key');

  const logFd = openSync(SYNAPSE_LOG, 'w');
  // Its own process group, so stop() can kill Synapse and anything it forked in one signal.
  const child = spawn(python, ['-m', 'synapse.app.homeserver', '--config-path', configPath], { detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const onExit = () => killGroup(child, 'SIGKILL');
  process.once('exit', onExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    process.removeListener('exit', onExit);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForVersions(url, child, 120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, serverName: SERVER_NAME, installMs, register: (localpart) => registerUser(url, secret, localpart), stop };
}
