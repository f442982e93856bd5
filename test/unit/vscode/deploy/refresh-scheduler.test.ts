import * as assert from 'node:assert/strict';
// The scheduler only imports vscode's types, so it runs in plain mocha.
import { RefreshScheduler } from '../../../../src/vscode/deploy/refresh-scheduler';
import { FakeClock } from '../../../support/fake-clock';

describe('RefreshScheduler (stack tree polling, fake timers)', () => {
  const intervals = { busyMs: 1500, idleMinMs: 5000, idleMaxMs: 30_000 };

  function scheduler(busy: () => boolean, changed: () => boolean = () => false) {
    const clock = new FakeClock();
    const times: number[] = [];
    const s = new RefreshScheduler(async () => { times.push(clock.now); return changed(); }, busy, intervals, clock);
    return { clock, times, s };
  }
  const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

  it('does not poll while the view is hidden, even when kicked', async () => {
    const { clock, times, s } = scheduler(() => false);
    s.kick();
    await clock.advance(120_000);
    assert.deepEqual(times, []);
    assert.equal(clock.pending, 0);
  });

  it('refreshes at once when shown, then backs off 10 s, 20 s, 30 s, 30 s while nothing changes', async () => {
    const { clock, times, s } = scheduler(() => false);
    s.setVisible(true);
    await clock.advance(120_000);
    assert.equal(times[0], 0);
    assert.deepEqual(gaps(times).slice(0, 5), [10_000, 20_000, 30_000, 30_000, 30_000]);
  });

  it('goes back to the minimum after a change, and after a kick', async () => {
    let change = false;
    const { clock, times, s } = scheduler(() => false, () => change);
    s.setVisible(true);
    await clock.advance(30_000); // 0, 10 s, 30 s
    change = true;
    await clock.advance(30_000); // 60 s (changed) → next 5 s later
    change = false;
    await clock.advance(5_000);
    assert.deepEqual(times, [0, 10_000, 30_000, 60_000, 65_000]);
    s.kick();
    await clock.advance(0);
    assert.equal(times.at(-1), 65_000);
    assert.equal(times.length, 6);
  });

  it('polls every 1.5 s while a stack is busy, and stops when hidden', async () => {
    const { clock, times, s } = scheduler(() => true);
    s.setVisible(true);
    await clock.advance(6_000);
    assert.deepEqual(times, [0, 1500, 3000, 4500, 6000]);
    s.setVisible(false);
    await clock.advance(60_000);
    assert.equal(times.length, 5);
    assert.equal(clock.pending, 0);
  });

  it('keeps polling after a failed refresh (the tree shows the error)', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const s = new RefreshScheduler(async () => { calls++; throw new Error('offline'); }, () => false, intervals, clock);
    s.setVisible(true);
    await clock.advance(30_000);
    assert.equal(calls, 3);
    s.dispose();
    assert.equal(clock.pending, 0);
  });
});
