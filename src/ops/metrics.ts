/**
 * Prometheus metrics through prom-client (the de-facto Node client: registry, text exposition,
 * process metrics): commands by name and outcome, their latency, queue lengths and library jobs.
 * One registry per process, made in the composition root and passed on (no global registry).
 */
import type { ChildProcess } from 'node:child_process';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { askChildMetrics } from './child-metrics.ts';
import type { Dispatch } from '../dispatch/invocation.ts';
import type { PoolEvents } from '../library/pool.ts';

export type CommandOutcome = 'ok' | 'user-error' | 'error';

/** Queue lengths read at scrape time: name → current length. */
export type QueueProbe = () => Record<string, number>;

export interface Metrics {
  registry: Registry;
  /** Wraps a dispatch so that every command is counted and timed. */
  instrument(dispatch: Dispatch): Dispatch;
  /** For the library's worker pool. */
  libraryJobs: PoolEvents;
  /** Adds a source of queue lengths (a platform's rooms, library jobs). */
  addQueues(probe: QueueProbe): void;
  /** Adds child processes (shards, HTTP workers) whose metrics /metrics also shows, each under its own labels. */
  addChildren(children: () => ChildProcess[]): void;
  /** The Prometheus text of this process and its children. */
  text(): Promise<string>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'lectern_' });
  const commands = new Counter({ name: 'lectern_commands_total', help: 'Commands answered, by command and outcome', labelNames: ['command', 'outcome'], registers: [registry] });
  const latency = new Histogram({
    name: 'lectern_command_duration_seconds',
    help: 'Time from dispatch to reply, by command',
    labelNames: ['command'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
    registers: [registry],
  });
  const jobs = new Counter({ name: 'lectern_library_jobs_total', help: 'Library jobs (reading a file, building an index), by kind and outcome', labelNames: ['kind', 'outcome'], registers: [registry] });
  const jobTime = new Histogram({ name: 'lectern_library_job_duration_seconds', help: 'Library job run time, by kind', labelNames: ['kind'], buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300], registers: [registry] });
  const probes: QueueProbe[] = [];
  const childSources: (() => ChildProcess[])[] = [];
  new Gauge({
    name: 'lectern_queue_length',
    help: 'Work waiting or running, by queue',
    labelNames: ['queue'],
    registers: [registry],
    collect() {
      this.reset();
      for (const probe of probes) for (const [queue, n] of Object.entries(probe())) this.set({ queue }, n);
    },
  });

  // Only registered command names become labels: a typo must not grow the label set without bound.
  const known = new Set<string>();
  return {
    registry,
    instrument(dispatch) {
      return async (invocation) => {
        const started = performance.now();
        const name = known.size < 200 || known.has(invocation.command) ? invocation.command : 'other';
        try {
          const reply = await dispatch(invocation);
          // The dispatcher turns unexpected failures into the 'internal' apology.
          const outcome: CommandOutcome = !reply.error ? 'ok' : reply.error.identifier === 'internal' ? 'error' : 'user-error';
          const label = reply.error?.identifier === 'command.unknown' ? 'unknown' : name;
          if (label !== 'unknown') known.add(label);
          commands.inc({ command: label, outcome });
          latency.observe({ command: label }, (performance.now() - started) / 1000);
          return reply;
        } catch (err) {
          commands.inc({ command: name, outcome: 'error' });
          latency.observe({ command: name }, (performance.now() - started) / 1000);
          throw err;
        }
      };
    },
    libraryJobs: {
      onJobEnd(kind, outcome, seconds) {
        jobs.inc({ kind, outcome });
        jobTime.observe({ kind }, seconds);
      },
    },
    addQueues(probe) {
      probes.push(probe);
    },
    addChildren(children) {
      childSources.push(children);
    },
    async text() {
      if (!childSources.length) return await registry.metrics();
      const children = await Promise.all(childSources.flatMap((source) => source()).map((child) => askChildMetrics(child)));
      const all = [await registry.getMetricsAsJSON(), ...children.filter((m) => m !== undefined)];
      return await AggregatorRegistry.aggregate(all).metrics();
    },
  };
}
