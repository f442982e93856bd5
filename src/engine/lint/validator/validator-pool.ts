import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../../common/cancellation';
import { MhaError } from '../../common/errors';
import { silentLogger, type Logger } from '../../common/logger';
import { locateValidatorModule } from './locate-validator';
import type { RawDiagnostic, ValidateRequest, WorkerMessage } from './protocol';

export interface TemplateValidator {
  validate(name: string, text: string, options?: { region?: string; signal?: AbortSignal }): Promise<RawDiagnostic[]>;
  dispose(): Promise<void>;
}

export interface ValidatorPoolOptions {
  /** Worker threads, each with its own engine (~350 MB). The CLI uses one per core for many files. */
  size?: number;
  logger?: Logger;
  /** Where validator-worker.js lives; defaults to beside this module (true in dist/ and out/). */
  workerScript?: string;
  modulePath?: string;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: number;
}

interface Pending {
  resolve(diagnostics: RawDiagnostic[]): void;
  reject(error: Error): void;
  slot: Slot;
}

/** AWS's validator in worker threads, started lazily on the first request and built once each. */
export class ValidatorPool implements TemplateValidator {
  private slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;
  private readonly logger: Logger;

  constructor(private readonly options: ValidatorPoolOptions = {}) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Starts the workers now (e.g. right after activation) instead of on the first request. */
  warmUp(): Promise<void> {
    this.ensureStarted();
    return Promise.all(this.slots.map((s) => s.ready)).then(() => undefined);
  }

  async validate(name: string, text: string, options: { region?: string; signal?: AbortSignal } = {}): Promise<RawDiagnostic[]> {
    if (this.disposed) throw new MhaError('validator.unavailable', 'The validator was shut down.');
    if (options.signal?.aborted) throw new CancelledError();
    this.ensureStarted();
    const slot = this.slots.reduce((best, s) => (s.busy < best.busy ? s : best));
    slot.busy++;
    try {
      await slot.ready;
      if (options.signal?.aborted) throw new CancelledError();
      const id = this.nextId++;
      const request: ValidateRequest = { id, name, text, region: options.region };
      return await new Promise<RawDiagnostic[]>((resolve, reject) => {
        this.pending.set(id, { resolve, reject, slot });
        slot.worker.postMessage(request);
      });
    } finally {
      slot.busy--;
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const slots = this.slots;
    this.slots = [];
    for (const p of this.pending.values()) p.reject(new CancelledError('The validator was shut down.'));
    this.pending.clear();
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private ensureStarted(): void {
    if (this.slots.length) return;
    const size = Math.max(1, this.options.size ?? 1);
    const script = this.options.workerScript ?? path.join(__dirname, 'validator-worker.js');
    let modulePath: string;
    try {
      modulePath = this.options.modulePath ?? locateValidatorModule(__dirname);
    } catch (error) {
      const failed = Promise.reject(new MhaError('validator.unavailable', (error as Error).message));
      failed.catch(() => undefined);
      this.slots = [{ worker: { postMessage() {}, terminate: async () => 0 } as unknown as Worker, ready: failed, busy: 0 }];
      return;
    }
    for (let i = 0; i < size; i++) this.slots.push(this.startWorker(script, modulePath, i));
  }

  private startWorker(script: string, modulePath: string, index: number): Slot {
    const worker = new Worker(script, { workerData: { modulePath } });
    let markReady!: () => void;
    let markFailed!: (e: Error) => void;
    const ready = new Promise<void>((resolve, reject) => { markReady = resolve; markFailed = reject; });
    ready.catch(() => undefined);
    const slot: Slot = { worker, ready, busy: 0 };
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'ready':
          this.logger.info(`AWS CloudFormation validator ${message.version} ready in worker ${index} (${message.engineMs} ms)`);
          markReady();
          break;
        case 'failed':
          markFailed(new MhaError('validator.unavailable', `AWS's validator could not start: ${message.error}`));
          break;
        case 'result':
        case 'error': {
          const p = this.pending.get(message.id);
          if (!p) return;
          this.pending.delete(message.id);
          if (message.kind === 'result') p.resolve(message.diagnostics);
          else p.reject(new MhaError('validator.unavailable', `AWS's validator failed on this template: ${message.error}`, { userFixable: false }));
          break;
        }
      }
    });
    const onExit = (reason: string) => {
      markFailed(new MhaError('validator.unavailable', `AWS's validator stopped: ${reason}`));
      for (const [id, p] of this.pending) {
        if (p.slot !== slot) continue;
        this.pending.delete(id);
        p.reject(new MhaError('validator.unavailable', `AWS's validator stopped: ${reason}`, { userFixable: false }));
      }
      // A crashed worker is replaced on the next request.
      if (!this.disposed) this.slots = this.slots.filter((s) => s !== slot);
    };
    worker.on('error', (error) => { this.logger.error(`validator worker ${index}: ${error.message}`); onExit(error.message); });
    worker.on('exit', (code) => { if (!this.disposed) onExit(`exit code ${code}`); });
    return slot;
  }
}
