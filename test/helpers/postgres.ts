/**
 * A real PostgreSQL server for one test file: Debian's binaries (or LECTERN_TEST_PG_BIN), a fresh
 * cluster in a temporary folder, listening on 127.0.0.1 on a free port, with fsync off (its data
 * is thrown away). initdb refuses to run as root, so when the tests run as root the server runs as
 * the `postgres` user the Debian package creates. `.ci/run` installs the package when it is missing;
 * without it this throws (a test that needs PostgreSQL never passes without one).
 *
 *   const pg = await startPostgres();          // beforeAll
 *   const url = await pg.newDatabase();        // an empty database, migrations not yet run
 *   await pg.stop();                           // afterAll
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** The server's `postgres` database, as the superuser `lectern` (no password: trust on 127.0.0.1). */
  readonly url: string;
  readonly port: number;
  /** A new empty database on this server; its URL. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export function postgresBinDir(): string {
  const fromEnv = process.env.LECTERN_TEST_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("test/helpers/postgres: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin; install Debian's postgresql package (.ci/run does) or set LECTERN_TEST_PG_BIN");
  return path.join(root, newest, 'bin');
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;
/** The command line that runs `bin` as the user owning the cluster. */
const asOwner = (bin: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]);

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-pg-'));
  chmodSync(dir, 0o755);
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const [initCmd, initArgs] = asOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'lectern', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`test/helpers/postgres: initdb failed (${init.status}): ${init.stderr || init.error?.message}`);
  let port = 0;
  let server: ChildProcess | undefined;
  let log = '';
  // Another test file may take the port between our probe and the server's bind: try again then.
  for (let attempt = 0; attempt < 5 && !server; attempt++) {
    port = await freePort();
    const [cmd, args] = asOwner(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200']);
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    if (await ready(port, child)) server = child;
    else child.kill('SIGKILL');
  }
  if (!server) throw new Error(`test/helpers/postgres: the server did not start: ${log}`);
  const running = server;
  const kill = () => {
    const pid = postmasterPid(data);
    if (pid) process.kill(pid, 'SIGKILL');
    running.kill('SIGKILL');
  };
  process.once('exit', kill);
  const url = `postgres://lectern@127.0.0.1:${port}/postgres`;
  let n = 0;
  return {
    url,
    port,
    async newDatabase() {
      const name = `lectern_test_${++n}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://lectern@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      process.off('exit', kill);
      if (running.exitCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        // Signal the server itself: as root, `running` is runuser, which does not pass SIGINT on.
        // SIGINT is PostgreSQL's fast shutdown (clients disconnected, no checkpoint wait).
        const pid = postmasterPid(data);
        if (pid) process.kill(pid, 'SIGINT');
        else running.kill('SIGINT');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (running.exitCode === null) {
          const left = postmasterPid(data);
          if (left) process.kill(left, 'SIGKILL');
          running.kill('SIGKILL');
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The server's own process id (first line of postmaster.pid), while it runs. */
function postmasterPid(data: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function ready(port: number, child: ChildProcess): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) return false;
    const client = new pg.Client({ connectionString: `postgres://lectern@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return false;
}
