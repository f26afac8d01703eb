/**
 * /metrics across processes: the children Lectern starts for itself (gateway shards, HTTP workers)
 * serve no ops port of their own, so the parent asks each over the IPC channel it already has, and
 * prom-client's AggregatorRegistry merges their metrics with its own. Each child labels its metrics
 * with its role (`shard="1"`, `worker="0"`), so they stay apart instead of being summed.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { MetricObjectWithValues, MetricValue, Registry } from 'prom-client';

type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

interface MetricsRequest {
  lectern: 'metrics?';
  id: string;
}
interface MetricsAnswer {
  lectern: 'metrics';
  id: string;
  metrics: MetricsJson;
}

/** A child that does not answer in this long is left out of that scrape. */
export const CHILD_METRICS_TIMEOUT_MS = 2_000;

const isRequest = (m: unknown): m is MetricsRequest => typeof m === 'object' && m !== null && (m as MetricsRequest).lectern === 'metrics?';
const isAnswer = (m: unknown): m is MetricsAnswer => typeof m === 'object' && m !== null && (m as MetricsAnswer).lectern === 'metrics';

/** In a child process: label this process's metrics and answer the parent's requests for them. */
export function serveMetricsToParent(registry: Registry, labels: Record<string, string>): void {
  registry.setDefaultLabels(labels);
  process.on('message', (m: unknown) => {
    if (!isRequest(m)) return;
    void registry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ lectern: 'metrics', id: m.id, metrics } satisfies MetricsAnswer),
      () => undefined,
    );
  });
}

/** In the parent: one child's metrics, or undefined when it is not running or too slow. */
export function askChildMetrics(child: ChildProcess, timeoutMs = CHILD_METRICS_TIMEOUT_MS): Promise<MetricsJson | undefined> {
  if (!child.connected) return Promise.resolve(undefined);
  const id = randomUUID();
  return new Promise((resolve) => {
    const done = (value: MetricsJson | undefined) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(value);
    };
    const onMessage = (m: unknown) => {
      if (isAnswer(m) && m.id === id) done(m.metrics);
    };
    const onExit = () => done(undefined);
    const timer = setTimeout(() => done(undefined), timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send({ lectern: 'metrics?', id } satisfies MetricsRequest, (err) => {
      if (err) done(undefined);
    });
  });
}
