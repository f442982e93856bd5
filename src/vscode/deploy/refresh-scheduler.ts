import type * as vscode from 'vscode';

/**
 * When the stack tree re-reads the stack list: only while visible; every 1.5 s while a stack is
 * changing that no operation of ours follows (ours report their events to the tree directly);
 * otherwise backing off from 5 s to 30 s while nothing changes (one call per 30 s when idle).
 */
export interface RefreshIntervals { busyMs: number; idleMinMs: number; idleMaxMs: number }

export const DEFAULT_REFRESH_INTERVALS: RefreshIntervals = { busyMs: 1500, idleMinMs: 5000, idleMaxMs: 30_000 };

/** The timer functions the scheduler uses; tests pass a fake clock. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class RefreshScheduler implements vscode.Disposable {
  private timer?: unknown;
  private idleMs: number;
  private visible = false;

  constructor(
    private readonly refresh: () => Promise<boolean>,
    private readonly busy: () => boolean,
    private readonly intervals: RefreshIntervals = DEFAULT_REFRESH_INTERVALS,
    private readonly timers: Timers = realTimers,
  ) {
    this.idleMs = intervals.idleMinMs;
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.kick(); else this.stop();
  }

  /** Something happened (an operation started, the user refreshed): look again soon. */
  kick(): void {
    this.idleMs = this.intervals.idleMinMs;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    this.stop();
    if (!this.visible) return;
    this.timer = this.timers.setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    let changed = false;
    try { changed = await this.refresh(); } catch { /* the tree shows the error node */ }
    if (this.busy()) { this.schedule(this.intervals.busyMs); return; }
    this.idleMs = changed ? this.intervals.idleMinMs : Math.min(this.intervals.idleMaxMs, this.idleMs * 2);
    this.schedule(this.idleMs);
  }

  private stop(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void { this.stop(); this.visible = false; }
}
