/** Cancellation is an AbortSignal everywhere in the engine; a cancelled operation is not a failure. */
export class CancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error instanceof CancelledError);
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Resolves after `ms`, or rejects at once with CancelledError when `signal` aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(); }, ms);
    const onAbort = () => { clearTimeout(timer); reject(new CancelledError()); };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
