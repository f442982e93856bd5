import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../../common/cancellation';
import { MhaError } from '../../common/errors';
import { silentLogger, type Logger } from '../../common/logger';
import { RequestScheduler, type Lane, type Timers } from '../sources/request-scheduler';
import { locateValidatorModule } from './locate-validator';
import type { RawDiagnostic, ValidateRequest, WorkerMessage, WorkerSetup } from './protocol';

export interface ValidateOptions {
  region?: string;
  signal?: AbortSignal;
  /** The document the text is a version of: a newer request for it drops older queued ones. */
  key?: string;
}

export interface TemplateValidator {
  validate(name: string, text: string, options?: ValidateOptions): Promise<RawDiagnostic[]>;
  dispose(): Promise<void>;
}

export interface ValidatorPoolOptions {
  /** Worker threads, each with its own engine (~300 MB). */
  size?: number;
  logger?: Logger;
  /** Where validator-worker.js lives; defaults to beside this module (true in dist/ and out/). */
  workerScript?: string;
  modulePath?: string;
  /**
   * Compile the engine's 9 MB of WASM with V8's baseline compiler (Liftoff) only, never optimising
   * it. Measured on 120 corpus templates in one engine: 377 MB peak instead of 533 MB, and less CPU
   * in all (build + validations 9.7 s against 13.2 s): the optimised code V8 builds in the
   * background costs more than it saves over a run of this length. Same diagnostics (2,659 both
   * ways). The V8 flag is process-wide, so only for a process the toolkit owns (the CLI), not the
   * extension host; the editor's long session keeps the optimising tier.
   */
  baselineWasm?: boolean;
  /** How long one validation may run before its worker is terminated and replaced (default 60 s). */
  requestTimeoutMs?: number;
  timers?: Timers;
}

export const DEFAULT_VALIDATION_TIMEOUT_MS = 60_000;

/**
 * AWS's validator in worker threads, started lazily and built once each. Each worker gets one
 * request at a time, so a request that runs too long or is cancelled can be stopped: its worker
 * is terminated (the engine is synchronous WASM; nothing else stops it) and a new one is built
 * for the next request.
 */
export class ValidatorPool implements TemplateValidator {
  private lanes: ValidatorLane[] = [];
  private disposed = false;
  private readonly logger: Logger;
  private readonly scheduler: RequestScheduler<ValidateRequest, RawDiagnostic[]>;
  private nextId = 1;

  constructor(private readonly options: ValidatorPoolOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.scheduler = new RequestScheduler(() => this.lanes, "AWS's validator", options.timers);
  }

  /** Workers killed for a deadline or an abort since the pool started. */
  get restarts(): number { return this.scheduler.kills; }

  /** Starts the workers now (e.g. right after activation) instead of on the first request. */
  warmUp(): Promise<void> {
    this.ensureStarted();
    return Promise.all(this.lanes.map((l) => l.start())).then(() => undefined);
  }

  async validate(name: string, text: string, options: ValidateOptions = {}): Promise<RawDiagnostic[]> {
    if (this.disposed) throw new MhaError('validator.unavailable', 'The validator was shut down.');
    if (options.signal?.aborted) throw new CancelledError();
    this.ensureStarted();
    const request: ValidateRequest = { id: this.nextId++, name, text, region: options.region };
    return this.scheduler.schedule(request, { key: options.key, signal: options.signal, deadlineMs: this.options.requestTimeoutMs ?? DEFAULT_VALIDATION_TIMEOUT_MS });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.scheduler.rejectAll(new CancelledError('The validator was shut down.'));
    const lanes = this.lanes;
    this.lanes = [];
    await Promise.all(lanes.map((l) => l.stop()));
  }

  private ensureStarted(): void {
    if (this.lanes.length) return;
    const size = Math.max(1, this.options.size ?? 1);
    const script = this.options.workerScript ?? path.join(__dirname, 'validator-worker.js');
    let modulePath: string | Error;
    try {
      modulePath = this.options.modulePath ?? locateValidatorModule(__dirname);
    } catch (error) {
      modulePath = error as Error;
    }
    for (let i = 0; i < size; i++) this.lanes.push(new ValidatorLane(script, modulePath, i, this.logger, !!this.options.baselineWasm));
  }
}

/** One worker thread with its engine; replaced after a kill or a crash. */
class ValidatorLane implements Lane<ValidateRequest, RawDiagnostic[]> {
  private worker?: Worker;
  private ready?: Promise<void>;
  private pending?: { id: number; resolve(d: RawDiagnostic[]): void; reject(e: Error): void };

  constructor(private readonly script: string, private readonly modulePath: string | Error, private readonly index: number, private readonly logger: Logger, private readonly baselineWasm: boolean) {}

  start(): Promise<void> {
    if (this.ready) return this.ready;
    if (this.modulePath instanceof Error) {
      this.ready = Promise.reject(new MhaError('validator.unavailable', this.modulePath.message));
      this.ready.catch(() => undefined);
      return this.ready;
    }
    const setup: WorkerSetup = { modulePath: this.modulePath, baselineWasm: this.baselineWasm };
    const worker = new Worker(this.script, { workerData: setup });
    this.worker = worker;
    let markReady!: () => void;
    let markFailed!: (e: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => { markReady = resolve; markFailed = reject; });
    this.ready.catch(() => undefined);
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'ready':
          this.logger.info(`AWS CloudFormation validator ${message.version} ready in worker ${this.index} (${message.engineMs} ms)`);
          markReady();
          break;
        case 'failed':
          markFailed(new MhaError('validator.unavailable', `AWS's validator could not start: ${message.error}`));
          break;
        case 'result':
        case 'error': {
          const p = this.pending;
          if (!p || p.id !== message.id) return;
          this.pending = undefined;
          if (message.kind === 'result') p.resolve(message.diagnostics);
          else p.reject(new MhaError('validator.unavailable', `AWS's validator failed on this template: ${message.error}`, { userFixable: false }));
          break;
        }
      }
    });
    const onExit = (reason: string) => {
      if (this.worker !== worker) return; // a worker we replaced on purpose
      const error = new MhaError('validator.unavailable', `AWS's validator stopped: ${reason}`, { userFixable: false });
      markFailed(error);
      this.pending?.reject(error);
      this.pending = undefined;
      // A crashed worker is replaced on the next request.
      this.worker = undefined;
      this.ready = undefined;
    };
    worker.on('error', (error) => { this.logger.error(`validator worker ${this.index}: ${error.message}`); onExit(error.message); });
    worker.on('exit', (code) => onExit(`exit code ${code}`));
    return this.ready;
  }

  async run(request: ValidateRequest): Promise<RawDiagnostic[]> {
    await this.start();
    const worker = this.worker!;
    return new Promise<RawDiagnostic[]>((resolve, reject) => {
      this.pending = { id: request.id, resolve, reject };
      worker.postMessage(request);
    });
  }

  kill(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    this.pending = undefined;
    if (!worker) return;
    this.logger.info(`AWS's validator worker ${this.index} terminated (${reason}); a new one starts with the next request`);
    void worker.terminate();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    this.pending = undefined;
    if (worker) await worker.terminate();
  }
}
