import type { Logger } from '../common/logger';

interface Stackable {
  middlewareStack: { add(middleware: unknown, options: unknown): void };
}

/**
 * Counts API calls per operation (retries included), so the benchmark and the poll-rate tests can
 * measure what a deploy costs. Logs each call at trace level, never its parameters (NoEcho values).
 */
export class CallCounter {
  private readonly counts = new Map<string, number>();
  readonly times: number[] = [];

  attach(client: Stackable, service: string, logger?: Logger): void {
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        const name = `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
        this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
        this.times.push(Date.now());
        logger?.trace(`aws ${name}`);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'mhaCallCounter', override: true },
    );
  }

  get total(): number { let n = 0; for (const v of this.counts.values()) n += v; return n; }
  byOperation(): Record<string, number> { return Object.fromEntries([...this.counts].sort()); }
  reset(): void { this.counts.clear(); this.times.length = 0; }
}
