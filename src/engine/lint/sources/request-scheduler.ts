import { CancelledError } from '../../common/cancellation';
import { MhaError } from '../../common/errors';

/** One worker (thread or process) that runs one request at a time and can be killed mid-request. */
export interface Lane<P, R> {
  run(payload: P): Promise<R>;
  /** Stops the worker now (a busy one too); the lane starts a fresh worker on its next run. */
  kill(reason: string): void;
}

export interface ScheduleOptions {
  /** Requests with the same key supersede each other: a newer one drops the older ones still queued. */
  key?: string;
  signal?: AbortSignal;
  /** How long the request may run once started; past it the worker is killed and replaced. */
  deadlineMs?: number;
}

/** Timers, injectable so tests drive deadlines with a manual clock instead of waiting. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

interface Job<P, R> {
  payload: P;
  options: ScheduleOptions;
  resolve(result: R): void;
  reject(error: Error): void;
  detach?: () => void;
}

/**
 * Hands requests to lanes one at a time each, so that a request known to be running can be
 * stopped: aborting it or passing its deadline kills that lane's worker (the only way to stop
 * a synchronous validator or a busy Python), and queued requests superseded for the same key
 * are dropped before they cost anything.
 */
export class RequestScheduler<P, R> {
  private readonly queue: Array<Job<P, R>> = [];
  private readonly running = new Map<Lane<P, R>, Job<P, R>>();
  /** How many workers were killed for a deadline or an abort (for the log and tests). */
  kills = 0;

  constructor(
    private readonly lanes: () => Array<Lane<P, R>>,
    private readonly describe: string,
    private readonly timers: Timers = realTimers,
  ) {}

  schedule(payload: P, options: ScheduleOptions = {}): Promise<R> {
    if (options.signal?.aborted) return Promise.reject(new CancelledError());
    if (options.key !== undefined) {
      for (const queued of this.queue.filter((j) => j.options.key === options.key)) this.drop(queued, new CancelledError('Superseded by a newer request for the same document.'));
    }
    return new Promise<R>((resolve, reject) => {
      const job: Job<P, R> = { payload, options, resolve, reject };
      const onAbort = () => this.abort(job);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      job.detach = () => options.signal?.removeEventListener('abort', onAbort);
      this.queue.push(job);
      this.pump();
    });
  }

  /** Rejects everything queued and running (the owner is shutting down). */
  rejectAll(error: Error): void {
    for (const job of [...this.queue]) this.drop(job, error);
    for (const [lane, job] of [...this.running]) { this.running.delete(lane); this.settle(job, () => job.reject(error)); }
  }

  private pump(): void {
    for (const lane of this.lanes()) {
      if (!this.queue.length) return;
      if (this.running.has(lane)) continue;
      this.start(lane, this.queue.shift()!);
    }
  }

  private start(lane: Lane<P, R>, job: Job<P, R>): void {
    this.running.set(lane, job);
    let timer: unknown;
    if (job.options.deadlineMs !== undefined) {
      timer = this.timers.setTimeout(() => {
        if (this.running.get(lane) !== job) return;
        this.stop(lane, job, `${this.describe} did not finish within ${Math.round(job.options.deadlineMs! / 1000)} s`);
        this.settle(job, () => job.reject(new MhaError('validator.unavailable', `${this.describe} did not finish within ${Math.round(job.options.deadlineMs! / 1000)} s on this template, so it was stopped.`, { nextStep: 'Split the template into nested stacks, or raise the limit.', userFixable: false })));
      }, job.options.deadlineMs);
    }
    const finish = (settle: () => void) => {
      if (timer !== undefined) this.timers.clearTimeout(timer);
      if (this.running.get(lane) !== job) return; // killed already: the job was settled then
      this.running.delete(lane);
      this.settle(job, settle);
      this.pump();
    };
    lane.run(job.payload).then((r) => finish(() => job.resolve(r)), (e: Error) => finish(() => job.reject(e)));
  }

  private abort(job: Job<P, R>): void {
    const lane = [...this.running].find(([, j]) => j === job)?.[0];
    if (!lane) { this.drop(job, new CancelledError()); return; }
    this.stop(lane, job, 'cancelled');
    this.settle(job, () => job.reject(new CancelledError()));
  }

  private stop(lane: Lane<P, R>, job: Job<P, R>, reason: string): void {
    if (this.running.get(lane) !== job) return;
    this.running.delete(lane);
    this.kills++;
    lane.kill(reason);
    // The lane restarts on its next request; the rest of the queue goes on.
    queueMicrotask(() => this.pump());
  }

  private drop(job: Job<P, R>, error: Error): void {
    const index = this.queue.indexOf(job);
    if (index >= 0) this.queue.splice(index, 1);
    this.settle(job, () => job.reject(error));
  }

  private settle(job: Job<P, R>, settle: () => void): void {
    job.detach?.();
    settle();
  }
}
