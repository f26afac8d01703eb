/**
 * Per-query timing for the benchmarks: wall time, and CPU time beside it. Other work on the machine
 * (two cores shared with test suites) stretches wall time while a query waits for a core; CPU time
 * counts only the work done, so a figure taken under load still compares with one taken quietly.
 *
 * The CPU clock is the thread's (process.threadCpuUsage) where it is precise; on kernels that
 * update a running thread's time only at the scheduler tick (4 ms here: far coarser than a query),
 * it is the process's (process.cpuUsage), which reads the running time exactly but also counts
 * V8's helper threads (concurrent compilation and garbage collection) while they work.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Times {
  wall: number[];
  cpu: number[];
  /** How long the main thread waited for a core during each query, ms (empty where not known). */
  waited: number[];
  /**
   * The main thread's CPU time over all the timed queries, and the process's, in ms: the thread's
   * clock is exact over a whole row even where it is too coarse for one query, so their ratio says
   * how much of the per-query CPU time was V8's helper threads.
   */
  threadTotal: number;
  processTotal: number;
}

const usage = (u: NodeJS.CpuUsage) => u.user + u.system;

/**
 * Does the clock move in fine steps? Spinning ~20 ms, a precise clock advances at nearly every
 * read; one updated at the scheduler tick advances a handful of times.
 */
function fine(read: () => number): boolean {
  let last = read();
  let steps = 0;
  const end = performance.now() + 20;
  while (performance.now() < end) {
    const now = read();
    if (now !== last) {
      steps++;
      last = now;
    }
  }
  return steps >= 200;
}

function pickClock(): { name: string; read: () => number } {
  const thread = typeof process.threadCpuUsage === 'function' ? () => usage(process.threadCpuUsage()) : undefined;
  if (thread && fine(thread)) return { name: 'process.threadCpuUsage (this thread)', read: thread };
  return {
    name: `process.cpuUsage (the whole process${thread ? ': this thread\'s clock moves only at the scheduler tick here' : ''})`,
    read: () => usage(process.cpuUsage()),
  };
}

export const cpuClock = pickClock();

/**
 * How long this thread has waited for a core, ms: the run-queue delay Linux keeps per thread (the
 * second field of /proc/thread-self/schedstat, in ns, exact even where the CPU clocks above move
 * at the tick). A query's wall time minus its work is mostly this under load; undefined elsewhere.
 */
function waitedClock(): (() => number) | undefined {
  const read = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  try {
    return Number.isFinite(read()) ? read : undefined;
  } catch {
    return undefined;
  }
}
const waitClock = waitedClock();

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/** One untimed round, then `rounds` rounds of every query: wall and CPU time of each, in ms. */
export async function timeQueries(run: (q: string) => unknown, queries: string[], rounds: number): Promise<Times> {
  const wall: number[] = [];
  const cpu: number[] = [];
  const waited: number[] = [];
  for (const q of queries) await run(q);
  const thread0 = threadCpu();
  const process0 = usage(process.cpuUsage());
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      // Read outside the timed span, so that reading it adds nothing to the times.
      const w = waitClock?.();
      const c = cpuClock.read();
      const t = performance.now();
      await run(q);
      wall.push(performance.now() - t);
      cpu.push((cpuClock.read() - c) / 1000);
      if (w !== undefined) waited.push(waitClock!() - w);
    }
  }
  return { wall, cpu, waited, threadTotal: (threadCpu() - thread0) / 1000, processTotal: (usage(process.cpuUsage()) - process0) / 1000 };
}

const threadCpu = () => (typeof process.threadCpuUsage === 'function' ? usage(process.threadCpuUsage()) : usage(process.cpuUsage()));

/** "main thread 87 % of the process's CPU time" over several rows' timings. */
export function threadShare(times: Times[]): string {
  const thread = times.reduce((n, t) => n + t.threadTotal, 0);
  const all = times.reduce((n, t) => n + t.processTotal, 0);
  return `${((100 * thread) / Math.max(all, 1e-9)).toFixed(0)} %`;
}

/**
 * Of the wall time of a row's queries at or above its p99, the share the main thread spent waiting
 * for a core ("85 %"): near 100 % the p99 is the machine's load, near 0 % it is work (the query's
 * own, or V8's helper threads' and the collector's while the query waits for them). "?" where the
 * run queue's delay is not known.
 */
export function tailWaitShare(t: Times): string {
  if (t.waited.length !== t.wall.length) return '?';
  const floor = percentile(t.wall, 99);
  let wall = 0;
  let waited = 0;
  t.wall.forEach((w, i) => {
    if (w < floor) return;
    wall += w;
    waited += t.waited[i]!;
  });
  return `${Math.round((100 * Math.min(waited, wall)) / Math.max(wall, 1e-9))} %`;
}

export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
/** "p50 / p99" of wall time and of CPU time. */
export const wallPair = (t: Times) => `${ms(percentile(t.wall, 50))} / ${ms(percentile(t.wall, 99))}`;
export const cpuPair = (t: Times) => `${ms(percentile(t.cpu, 50))} / ${ms(percentile(t.cpu, 99))}`;

/** The machine's load average (1 and 5 minutes) and core count: what the wall times were taken under. */
export function machineLoad(): string {
  const [one, five] = os.loadavg();
  return `load average ${one!.toFixed(1)} (1 min) / ${five!.toFixed(1)} (5 min) on ${os.availableParallelism()} cores`;
}
