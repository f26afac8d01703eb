/**
 * Worker threads for the library's heavy work (extraction, ingestion, index building), up to
 * `concurrency` at once, so one group's long add never waits behind another's (each collection
 * sends one job at a time: the manager serialises a collection's changes). Every job is bounded:
 * past its wall-clock limit, or past the worker's heap limit, the worker is terminated, the job is
 * rejected with a UserError the uploader can act on, and a fresh worker takes the next job.
 * Idle workers are unref'd so they never keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { UserError } from '../errors.ts';
import { libraryErrors } from './errors.ts';
import type { IngestJob, IngestResult, IndexJob, Job, Outcome } from './worker-protocol.ts';

export interface PoolLimits {
  /** Jobs that run at the same time (one worker thread each). */
  concurrency: number;
  /** Wall-clock limit of one job. */
  timeoutMs: number;
  /** Heap limit of one worker (V8's old generation), in MB. */
  memoryMb: number;
}

export const DEFAULT_POOL_LIMITS: PoolLimits = { concurrency: 2, timeoutMs: 120_000, memoryMb: 1024 };

interface Queued {
  job: Job;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  running?: { id: number; item: Queued; timer?: NodeJS.Timeout; started: number };
}

/** What the pool is doing, for /metrics and /healthz. */
export interface PoolStats {
  running: number;
  queued: number;
  workers: number;
}

export interface PoolEvents {
  /** A job ended: its kind, how, and how long it ran. */
  onJobEnd?(kind: Job['kind'], outcome: 'ok' | 'user-error' | 'error' | 'timeout' | 'memory', seconds: number): void;
}

export class JobPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private readonly log: Logger;
  private readonly limits: PoolLimits;
  private readonly events: PoolEvents;
  private closed = false;

  constructor(log: Logger, limits: Partial<PoolLimits> = {}, events: PoolEvents = {}) {
    this.log = log;
    this.limits = { ...DEFAULT_POOL_LIMITS, ...limits };
    this.events = events;
  }

  stats(): PoolStats {
    return { running: this.slots.filter((s) => s.running).length, queued: this.queue.length, workers: this.slots.length };
  }

  private spawn(): Slot {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
    });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (o: Outcome) => {
      const run = slot.running;
      if (!run || run.id !== o.id) return;
      if ('started' in o) {
        // A fresh worker loads its modules first; the job's time is counted from when it begins.
        run.started = performance.now();
        run.timer = setTimeout(() => this.overrun(slot, o.id), this.limitOf(run.item.job));
        return;
      }
      this.finish(slot);
      const seconds = (performance.now() - run.started) / 1000;
      if (o.ok) {
        this.events.onJobEnd?.(run.item.job.kind, 'ok', seconds);
        run.item.resolve(o.value);
      } else if (o.userError) {
        this.events.onJobEnd?.(run.item.job.kind, 'user-error', seconds);
        run.item.reject(new UserError(o.userError.identifier, o.userError.message));
      } else {
        this.events.onJobEnd?.(run.item.job.kind, 'error', seconds);
        run.item.reject(Object.assign(new Error(o.message), o.stack ? { stack: o.stack } : {}));
      }
      this.pump();
    });
    const died = (err: Error) => {
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      const run = slot.running;
      if (run) {
        clearTimeout(run.timer);
        slot.running = undefined;
        const seconds = (performance.now() - run.started) / 1000;
        const memory = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
        this.events.onJobEnd?.(run.item.job.kind, memory ? 'memory' : 'error', seconds);
        run.item.reject(memory ? libraryErrors.tooMuchMemory(this.limits.memoryMb) : err);
      }
      this.pump();
    };
    worker.on('error', (err) => {
      this.log.error({ err }, 'library worker failed');
      died(err);
    });
    worker.on('exit', (code) => died(new Error(`the library worker exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private finish(slot: Slot): void {
    if (slot.running) clearTimeout(slot.running.timer);
    slot.running = undefined;
    slot.worker.unref();
  }

  /** Starts queued jobs while there is a free worker or room for one more. */
  private pump(): void {
    while (this.queue.length && !this.closed) {
      const slot = this.slots.find((s) => !s.running) ?? (this.slots.length < this.limits.concurrency ? this.spawn() : undefined);
      if (!slot) return;
      const item = this.queue.shift()!;
      const id = this.nextId++;
      slot.running = { id, item, started: performance.now() };
      // A worker with a job must keep the process alive; an idle one must not.
      slot.worker.ref();
      slot.worker.postMessage({ id, job: item.job });
    }
  }

  /**
   * Reading one file gets the configured limit; building a collection's index (bounded by
   * LIBRARY_MAX_WORKS files that each passed that limit, plus the bundled texts) gets ten times it.
   */
  private limitOf(job: Job): number {
    return job.kind === 'ingest' ? this.limits.timeoutMs : this.limits.timeoutMs * 10;
  }

  /** The job took too long: its worker is terminated (nothing else can stop synchronous work) and replaced. */
  private overrun(slot: Slot, id: number): void {
    const run = slot.running;
    if (!run || run.id !== id) return;
    slot.running = undefined;
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    const seconds = (performance.now() - run.started) / 1000;
    this.log.warn({ kind: run.item.job.kind, name: run.item.job.kind === 'ingest' ? run.item.job.name.slice(0, 100) : undefined, seconds: Math.round(seconds) }, 'library job over its time limit; worker terminated');
    this.events.onJobEnd?.(run.item.job.kind, 'timeout', seconds);
    run.item.reject(libraryErrors.tooSlow(Math.round(this.limitOf(run.item.job) / 1000)));
    void slot.worker.terminate().catch(() => undefined);
    this.pump();
  }

  private run<T>(job: Job): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the library is shutting down'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  ingest(job: Omit<IngestJob, 'kind'>): Promise<IngestResult> {
    return this.run<IngestResult>({ kind: 'ingest', ...job });
  }

  index(job: Omit<IndexJob, 'kind'>): Promise<string[]> {
    return this.run<string[]>({ kind: 'index', ...job });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new Error('the library is shutting down'));
    const slots = this.slots.splice(0);
    for (const s of slots) {
      if (s.running) {
        clearTimeout(s.running.timer);
        s.running.item.reject(new Error('the library is shutting down'));
        s.running = undefined;
      }
    }
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }
}
