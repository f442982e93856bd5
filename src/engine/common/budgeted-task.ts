import { Worker } from 'node:worker_threads';
import { CancelledError } from './cancellation';
import { MhaError } from './errors';

/** What one task may cost its worker thread. */
export interface TaskBudget {
  timeMs: number;
  /** The worker's heap (V8 old generation). */
  memoryMb: number;
}

export type TaskOutcome<O> = { ok: true; value: O } | { ok: false; over: 'time' | 'memory' };

/**
 * Runs one task in a fresh worker thread (`script` answers its workerData with one message) and
 * terminates the thread when the task spends its time or memory budget or is cancelled: work
 * that must not hold up the caller's thread, such as the extension host's.
 */
export function runBudgetedTask<I, O>(script: string, input: I, budget: TaskBudget, signal?: AbortSignal): Promise<TaskOutcome<O>> {
  if (signal?.aborted) return Promise.reject(new CancelledError());
  return new Promise<TaskOutcome<O>>((resolve, reject) => {
    const worker = new Worker(script, { workerData: input, resourceLimits: { maxOldGenerationSizeMb: budget.memoryMb } });
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const timer = setTimeout(() => finish(() => resolve({ ok: false, over: 'time' })), budget.timeMs);
    const onAbort = () => finish(() => reject(new CancelledError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (message: { value?: O; error?: string }) => finish(() => {
      if (message.error !== undefined) reject(new MhaError('internal', message.error, { userFixable: false }));
      else resolve({ ok: true, value: message.value as O });
    }));
    worker.once('error', (error: Error & { code?: string }) => finish(() => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve({ ok: false, over: 'memory' });
      else reject(new MhaError('internal', error.message, { userFixable: false }));
    }));
    worker.once('exit', (code) => finish(() => reject(new MhaError('internal', `The worker stopped without an answer (exit code ${code}).`, { userFixable: false }))));
  });
}
