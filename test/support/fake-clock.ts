/**
 * Timers under the test's control: `advance(ms)` runs every timer that falls due, in time order,
 * letting the promises each one starts settle before the next. No test waits on the wall clock.
 */
export class FakeClock {
  now = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; run: () => void }>();

  readonly setTimeout = (run: () => void, ms: number): number => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + Math.max(0, ms), run });
    return id;
  };

  readonly clearTimeout = (id: number | undefined): void => { if (id !== undefined) this.timers.delete(id); };

  get pending(): number { return this.timers.size; }

  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      await settle();
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].run();
    }
    this.now = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
