import { delay } from '../../common/cancellation';

/**
 * Time for the AWS stand-ins. The health checker, the Auto Scaling controller and the schedule
 * replay never read Date.now() or setTimeout themselves: tests drive a ManualClock, drills run
 * AWS's intervals faster than the wall clock with a ScaledClock.
 */
export interface Clock {
  /** AWS time in ms. */
  now(): number;
  /** Resolves after `ms` of AWS time. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: (ms, signal) => delay(ms, signal) };

/**
 * AWS time running `factor` times faster than `base` (the wall clock): a 15 s health-check interval
 * at factor 10 is 1.5 s of drill time. Starts at the base's time, so events line up with requests.
 */
export class ScaledClock implements Clock {
  private readonly origin: number;
  constructor(readonly factor: number, private readonly base: Clock = systemClock) {
    if (!(factor > 0)) throw new Error('time factor must be positive');
    this.origin = base.now();
  }
  now(): number { return this.origin + (this.base.now() - this.origin) * this.factor; }
  sleep(ms: number, signal?: AbortSignal): Promise<void> { return this.base.sleep(ms / this.factor, signal); }
  /** Wall-clock ms of an AWS duration. */
  toWall(ms: number): number { return ms / this.factor; }
}

/** A clock that moves only when the test says so; sleepers wake in time order. */
export class ManualClock implements Clock {
  private time: number;
  private sleepers: Array<{ at: number; resolve: () => void; reject: (e: unknown) => void }> = [];
  constructor(start = 0) { this.time = start; }
  now(): number { return this.time; }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason ?? new Error('aborted'));
    return new Promise((resolve, reject) => {
      const sleeper = { at: this.time + Math.max(0, ms), resolve, reject };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', () => { this.sleepers = this.sleepers.filter((s) => s !== sleeper); reject(signal.reason ?? new Error('aborted')); }, { once: true });
    });
  }
  /** Moves time forward by `ms`, waking every sleeper due on the way and letting its work run. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      const next = this.sleepers.filter((s) => s.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = next.at;
      this.sleepers = this.sleepers.filter((s) => s !== next);
      next.resolve();
    }
    this.time = end;
    await flush();
  }
  get pending(): number { return this.sleepers.length; }
}

/** Lets promise chains waiting on resolved work run (several turns: async functions chain). */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setImmediate(r));
}
