import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../../common/cancellation';
import { MhaError } from '../../common/errors';
import { silentLogger, type Logger } from '../../common/logger';
import type { Finding } from '../finding';
import type { TemplateValidator } from '../validator/validator-pool';
import type { FromWorker, LintJob, PlainLintResult, ToWorker } from './protocol';

/** What one lint may cost the worker before it is terminated. */
export interface LintBudget {
  /** The worker's own time on one lint (parsing, checks, rules); waiting for AWS's validator is not counted (it has its own deadline). */
  timeMs: number;
  /** The worker's heap (V8 old generation); past it V8 stops the worker. */
  memoryMb: number;
}

/**
 * Measured with `npm run bench:fuzz`: the slowest hostile input took 0.4 s of parsing and the
 * largest clean template ~0.1 s; real templates are capped at 1 MB. Far above both (also on a
 * machine at load 60, where the worker's wall time is many times its CPU time), so only a runaway
 * is stopped; far below the 65 s and 3.9 GB of the review's frozen editor.
 */
export const DEFAULT_LINT_BUDGET: LintBudget = { timeMs: 20_000, memoryMb: 512 };

export interface BudgetedLintWorkerOptions {
  /** AWS's validator on this thread, which the worker's lints ask through messages. */
  validator?: TemplateValidator;
  budget?: LintBudget;
  logger?: Logger;
  /** Where lint-worker.js lives; defaults to beside this module (true in dist/ and out/). */
  workerScript?: string;
}

interface Running {
  id: number;
  job: LintJob;
  resolve(result: PlainLintResult): void;
  reject(error: Error): void;
  /** The host stopped waiting (cancelled or superseded); the worker's answer is dropped when it comes. */
  abandoned: boolean;
  budgetLeft: number;
  clockStarted?: number;
  timer?: NodeJS.Timeout;
  validating: Map<number, AbortController>;
}

interface Queued { id: number; job: LintJob; signal?: AbortSignal; resolve(r: PlainLintResult): void; reject(e: Error): void }

/**
 * The editor's lint off the extension host's thread: one worker thread runs one lint at a time
 * (keeping each document's incremental state), under a time and a memory budget. A lint that
 * spends its budget gets its worker terminated and answers with one finding that says so; the
 * next lint starts a fresh worker. A newer lint of the same document drops an older one still
 * queued; a cancelled running lint is told to stop and its answer is dropped.
 */
export class BudgetedLintWorker {
  private worker?: Worker;
  /** Whether the current worker has loaded (a lint's clock starts then, not during the thread's start-up). */
  private workerReady = false;
  private running?: Running;
  private readonly queue: Queued[] = [];
  private nextId = 1;
  private disposed = false;
  private readonly budget: LintBudget;
  private readonly logger: Logger;
  /** Workers terminated for a spent budget since this started (for the log and tests). */
  terminations = 0;

  constructor(private readonly options: BudgetedLintWorkerOptions = {}) {
    this.budget = options.budget ?? DEFAULT_LINT_BUDGET;
    this.logger = options.logger ?? silentLogger;
  }

  lint(job: LintJob, signal?: AbortSignal): Promise<PlainLintResult> {
    if (this.disposed) return Promise.reject(new MhaError('internal', 'The linter was shut down.'));
    if (signal?.aborted) return Promise.reject(new CancelledError());
    for (const older of this.queue.filter((q) => q.job.key === job.key)) this.dequeue(older, new CancelledError('Superseded by a newer lint of the same document.'));
    return new Promise<PlainLintResult>((resolve, reject) => {
      const queued: Queued = { id: this.nextId++, job, signal, resolve, reject };
      signal?.addEventListener('abort', () => this.abort(queued.id), { once: true });
      this.queue.push(queued);
      this.pump();
    });
  }

  /** Forgets a closed document's incremental state. */
  forget(key: string): void {
    this.worker?.postMessage({ kind: 'forget', key } satisfies ToWorker);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const q of this.queue.splice(0)) q.reject(new CancelledError('The linter was shut down.'));
    this.settle((r) => r.reject(new CancelledError('The linter was shut down.')));
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const next = this.queue.shift();
    if (!next) return;
    const running: Running = { id: next.id, job: next.job, resolve: next.resolve, reject: next.reject, abandoned: false, budgetLeft: this.budget.timeMs, validating: new Map() };
    this.running = running;
    const worker = this.ensureWorker();
    try {
      worker.postMessage({ kind: 'lint', id: running.id, job: running.job } satisfies ToWorker);
    } catch (error) {
      // A job that cannot cross threads (a value that does not clone) fails alone.
      this.settle((r) => r.reject(new MhaError('internal', `The lint could not be sent to its worker: ${(error as Error).message}`, { userFixable: false })));
      return;
    }
    if (this.workerReady) this.startClock(running);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const script = this.options.workerScript ?? path.join(__dirname, 'lint-worker.js');
    const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: this.budget.memoryMb } });
    this.worker = worker;
    this.workerReady = false;
    worker.on('message', (message: FromWorker) => this.onMessage(worker, message));
    worker.on('error', (error: Error & { code?: string }) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') { this.overBudget('memory'); return; }
      this.logger.error(`lint worker: ${error.message}`);
      this.settle((r) => r.reject(new MhaError('internal', `The lint stopped: ${error.message}`, { userFixable: false })));
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // one we terminated on purpose
      this.worker = undefined;
      this.settle((r) => r.reject(new MhaError('internal', `The lint worker stopped (exit code ${code}).`, { userFixable: false })));
    });
    return worker;
  }

  private onMessage(worker: Worker, message: FromWorker): void {
    if (this.worker !== worker) return;
    const running = this.running;
    switch (message.kind) {
      case 'ready':
        this.workerReady = true;
        if (running && running.validating.size === 0) this.startClock(running);
        return;
      case 'result':
      case 'failed':
        if (!running || running.id !== message.id) return;
        this.settle((r) => {
          if (r.abandoned) return;
          if (message.kind === 'result') r.resolve(message.result);
          else r.reject(message.cancelled ? new CancelledError() : new MhaError('internal', message.error, { userFixable: false }));
        });
        return;
      case 'validate': {
        const validator = this.options.validator;
        if (!running || running.id !== message.id || !validator) {
          worker.postMessage({ kind: 'validated', vid: message.vid, error: "AWS's validator is not available." } satisfies ToWorker);
          return;
        }
        // Waiting for AWS's validator is not the worker's own work: its budget stops while it waits.
        const controller = new AbortController();
        running.validating.set(message.vid, controller);
        this.stopClock(running);
        const reply = (answer: Omit<Extract<ToWorker, { kind: 'validated' }>, 'kind' | 'vid'>) => {
          if (!running.validating.delete(message.vid) || this.running !== running) return;
          if (running.validating.size === 0) this.startClock(running);
          this.worker?.postMessage({ kind: 'validated', vid: message.vid, ...answer } satisfies ToWorker);
        };
        validator.validate(message.name, message.text, { region: message.region, key: message.key, signal: controller.signal })
          .then((diagnostics) => reply({ diagnostics }), (error: Error) => reply({ error: error.message, cancelled: error instanceof CancelledError }));
        return;
      }
      case 'cancel-validate':
        running?.validating.get(message.vid)?.abort();
        return;
    }
  }

  private abort(id: number): void {
    const queued = this.queue.find((q) => q.id === id);
    if (queued) { this.dequeue(queued, new CancelledError()); return; }
    const running = this.running;
    if (!running || running.id !== id || running.abandoned) return;
    // The worker is told to stop; it ends at its next await (a synchronous parse runs on, within its budget).
    running.abandoned = true;
    running.reject(new CancelledError());
    this.worker?.postMessage({ kind: 'cancel', id } satisfies ToWorker);
  }

  private startClock(running: Running): void {
    if (running.clockStarted !== undefined) return;
    running.clockStarted = Date.now();
    running.timer = setTimeout(() => this.overBudget('time'), Math.max(0, running.budgetLeft));
  }

  private stopClock(running: Running): void {
    if (running.clockStarted === undefined) return;
    clearTimeout(running.timer);
    running.budgetLeft -= Date.now() - running.clockStarted;
    running.clockStarted = undefined;
  }

  /** The running lint spent its budget: its worker is terminated and the document gets one finding saying so. */
  private overBudget(what: 'time' | 'memory'): void {
    const running = this.running;
    const worker = this.worker;
    this.worker = undefined;
    this.terminations++;
    if (worker) void worker.terminate();
    if (!running) return;
    this.logger.warn(`lint of ${running.job.name} stopped: over its ${what} budget; the lint worker was terminated`);
    this.settle((r) => { if (!r.abandoned) r.resolve(overBudgetResult(what, this.budget)); });
  }

  /** Ends the running lint (however it ended) and starts the next. */
  private settle(finish: (running: Running) => void): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    clearTimeout(running.timer);
    for (const c of running.validating.values()) c.abort();
    finish(running);
    this.pump();
  }

  private dequeue(queued: Queued, error: Error): void {
    const index = this.queue.indexOf(queued);
    if (index >= 0) this.queue.splice(index, 1);
    queued.reject(error);
  }
}

/** What a document shows when its lint was stopped for its budget. */
export const LINT_BUDGET_RULE = 'MHA0001';

export function overBudgetResult(what: 'time' | 'memory', budget: LintBudget): PlainLintResult {
  const spent = what === 'time' ? `more than ${formatSeconds(budget.timeMs)} of work` : `more than ${budget.memoryMb} MB of memory`;
  const message = `Linting stopped: reading and checking this file needed ${spent}, the editor's budget for one lint, so it was cut off and nothing else is reported. `
    + 'Text this costly to read is usually deeply nested YAML (complex keys, anchors and aliases); simplify that part, or run `moodle-ha lint` on the file in a terminal.';
  const finding: Finding = {
    ruleId: LINT_BUDGET_RULE, severity: 'error', source: 'Moodle HA', message,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
  return {
    isCloudFormation: true, findings: [finding],
    sources: { validator: 'skipped', generic: 'skipped', haRules: 'skipped', notes: [message] },
  };
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
