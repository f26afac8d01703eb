/**
 * One worker thread (started on first use, unref'd so it never keeps the process alive) that runs
 * the library's jobs one after another. A job that fails with a user error is rejected with that
 * UserError; a worker that dies rejects its job and is replaced for the next one.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { UserError } from '../errors.ts';
import type { IngestJob, IngestResult, IndexJob, Job, Outcome } from './worker-protocol.ts';

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class JobPool {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly log: Logger;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(log: Logger) {
    this.log = log;
  }

  private spawn(): Worker {
    const worker = new Worker(new URL('./worker.ts', import.meta.url));
    worker.unref();
    worker.on('message', (o: Outcome) => {
      const p = this.pending.get(o.id);
      if (!p) return;
      this.pending.delete(o.id);
      if (o.ok) p.resolve(o.value);
      else if (o.userError) p.reject(new UserError(o.userError.identifier, o.userError.message));
      else p.reject(Object.assign(new Error(o.message), o.stack ? { stack: o.stack } : {}));
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.reject(err);
      }
    };
    worker.on('error', (err) => {
      this.log.error({ err }, 'library worker failed');
      fail(err);
    });
    worker.on('exit', (code) => fail(new Error(`the library worker exited (code ${code})`)));
    return worker;
  }

  private send(job: Job): Promise<unknown> {
    this.worker ??= this.spawn();
    const worker = this.worker;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A worker waiting for a job's answer must keep the process alive; an idle one must not.
      worker.ref();
      worker.postMessage({ id, job });
    }).finally(() => {
      if (this.pending.size === 0) worker.unref();
    });
  }

  /** Jobs run one at a time: one worker, and memory for one large PDF. */
  private run<T>(job: Job): Promise<T> {
    const next = this.queue.then(() => this.send(job));
    this.queue = next.catch(() => undefined);
    return next as Promise<T>;
  }

  ingest(job: Omit<IngestJob, 'kind'>): Promise<IngestResult> {
    return this.run<IngestResult>({ kind: 'ingest', ...job });
  }

  index(job: Omit<IndexJob, 'kind'>): Promise<string> {
    return this.run<string>({ kind: 'index', ...job });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
