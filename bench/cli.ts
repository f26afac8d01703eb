/**
 * `npm run bench:cli`: what a warm one-shot CLI answer and the console's first answer cost, as
 * CPU time (user + system, of every thread: the figure the machine's load disturbs least) and, for
 * the console, the wall time until the answer is printed. With `--base DIR` (another checkout, its
 * data/build already built) the same runs alternate between the two, so both see the same load.
 *
 *   npm run bench:cli                          # this checkout, 7 runs of each
 *   npm run bench:cli -- --base ../main --runs 9
 *
 * The one-shot CPU comes from GNU time (/usr/bin/time, Debian's `time` package); the console's
 * from /proc/<pid>/stat at the moment its answer arrives (Linux).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.ts';

const { values } = parseArgs({ options: { base: { type: 'string' }, runs: { type: 'string', default: '7' }, query: { type: 'string', default: 'Kirov' } } });
const RUNS = Math.max(1, Number(values.runs));
const QUERY = values.query!;
const TIME = '/usr/bin/time';

/** The entry a checkout's npm scripts run: the launcher where there is one. */
const entryOf = (dir: string) => (existsSync(path.join(dir, 'bin', 'lectern.js')) ? 'bin/lectern.js' : 'src/main.ts');
const nodeOf = (dir: string) => path.join(dir, 'node_modules', '.bin', 'node');
const CLOCK_TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);

/** CPU seconds of one `quote` run, from GNU time. */
function oneShot(dir: string, entry: string): number {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'lectern-bench-cli-')), 'time');
  try {
    execFileSync(TIME, ['-o', out, '-f', '%U %S', nodeOf(dir), entry, 'quote', QUERY], { cwd: dir, stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'warn' } });
    const [user, sys] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return user! + sys!;
  } finally {
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

const SCRIPT = '/usr/bin/script';
/**
 * CPU seconds of one `quote` run with stdout and stderr on a terminal, as a user runs it (util-linux
 * `script` gives it a pseudo-terminal; GNU time runs inside it, so only Lectern's process counts):
 * what the process does only for a terminal (colours, the pretty logger) shows here and not in `oneShot`.
 */
function oneShotTerminal(dir: string, entry: string): number | undefined {
  if (!existsSync(SCRIPT)) return undefined;
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'lectern-bench-cli-')), 'time');
  const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  try {
    const command = [TIME, '-o', out, '-f', '%U %S', nodeOf(dir), entry, 'quote', QUERY].map(quote).join(' ');
    execFileSync(SCRIPT, ['-qec', command, '/dev/null'], { cwd: dir, stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'info' } });
    const [user, sys] = readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    return user! + sys!;
  } finally {
    rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

/** The console fed one `/quote`: wall ms until the answer is printed and the process's CPU ms by then. */
function consoleFirst(dir: string, entry: string): Promise<{ wall: number; cpu: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const env = { ...process.env, LOG_LEVEL: 'warn', DISCORD_TOKEN: '', DISCORD_PUBLIC_KEY: '', MATRIX_HOMESERVER_URL: '', MATRIX_ACCESS_TOKEN: '' };
    const child = spawn(nodeOf(dir), [entry, 'start'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'ignore'] });
    let seen = '';
    let done = false;
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString();
      if (done || !seen.includes(QUERY)) return;
      done = true;
      const wall = performance.now() - started;
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      resolve({ wall, cpu: (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS });
      child.stdin.end();
    });
    child.on('exit', () => {
      if (!done) reject(new Error(`the console in ${dir} gave no answer: ${seen.slice(0, 300)}`));
    });
    child.stdin.write(`/quote ${QUERY}\n`);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const range = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

if (!existsSync(TIME)) {
  console.error(`${TIME} (GNU time) is needed for the one-shot CPU: apt-get install time`);
  process.exit(1);
}
const checkouts = [{ name: 'this', dir: PROJECT_ROOT }, ...(values.base ? [{ name: 'base', dir: path.resolve(values.base) }] : [])];
const results = new Map(checkouts.map((c) => [c.name, { cpu: [] as number[], terminal: [] as number[], consoleWall: [] as number[], consoleCpu: [] as number[] }]));
// One run first in each, so the compile caches and data/build are warm.
for (const c of checkouts) oneShot(c.dir, entryOf(c.dir));
for (let i = 0; i < RUNS; i++) {
  for (const c of checkouts) {
    const r = results.get(c.name)!;
    r.cpu.push(oneShot(c.dir, entryOf(c.dir)));
    const terminal = oneShotTerminal(c.dir, entryOf(c.dir));
    if (terminal !== undefined) r.terminal.push(terminal);
    const first = await consoleFirst(c.dir, entryOf(c.dir));
    r.consoleWall.push(first.wall);
    r.consoleCpu.push(first.cpu);
  }
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(`${RUNS} alternating runs, query "${QUERY}", load average now ${load}`);
for (const c of checkouts) {
  const r = results.get(c.name)!;
  console.log(`${c.name.padEnd(5)} ${c.dir} (${entryOf(c.dir)})`);
  console.log(`  one-shot quote, CPU s        median ${median(r.cpu).toFixed(2)}  (${range(r.cpu, 2)})   target ≤ 0.5`);
  if (r.terminal.length) console.log(`  same, in a terminal, CPU s   median ${median(r.terminal).toFixed(2)}  (${range(r.terminal, 2)})`);
  console.log(`  console first answer, wall ms median ${median(r.consoleWall).toFixed(0)}  (${range(r.consoleWall, 0)})   target ≤ 1000`);
  console.log(`  console first answer, CPU ms  median ${median(r.consoleCpu).toFixed(0)}  (${range(r.consoleCpu, 0)})`);
}
if (values.base) {
  const [a, b] = [results.get('this')!, results.get('base')!];
  console.log(`ratio this/base: one-shot CPU ${(median(a.cpu) / median(b.cpu)).toFixed(2)}, console wall ${(median(a.consoleWall) / median(b.consoleWall)).toFixed(2)}, console CPU ${(median(a.consoleCpu) / median(b.consoleCpu)).toFixed(2)}`);
}
