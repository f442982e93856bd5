import * as assert from 'node:assert/strict';
// The scheduler only imports vscode's types, so it runs in plain mocha.
import { RefreshScheduler } from '../../../../src/vscode/deploy/refresh-scheduler';

describe('RefreshScheduler (stack tree polling)', () => {
  const intervals = { busyMs: 20, idleMinMs: 40, idleMaxMs: 160 };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('does not poll while the view is hidden', async () => {
    let calls = 0;
    const s = new RefreshScheduler(async () => { calls++; return false; }, () => false, intervals);
    s.kick();
    await sleep(100);
    assert.equal(calls, 0);
    s.dispose();
  });

  it('backs off while nothing changes, up to the idle maximum', async () => {
    const times: number[] = [];
    const s = new RefreshScheduler(async () => { times.push(Date.now()); return false; }, () => false, intervals);
    s.setVisible(true);
    await sleep(700);
    s.dispose();
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    // 80, 160, 160, … (40 doubled at once: the first refresh found no change).
    assert.ok(gaps.length >= 3, `only ${gaps.length + 1} refreshes`);
    assert.ok(gaps[0] >= 70 && gaps[1] >= 150, `gaps ${gaps.join(', ')}`);
    assert.ok(gaps.every((g) => g < 260), `a gap exceeded the maximum: ${gaps.join(', ')}`);
  });

  it('polls quickly while a stack is busy, and stops when hidden', async () => {
    let calls = 0;
    const s = new RefreshScheduler(async () => { calls++; return false; }, () => true, intervals);
    s.setVisible(true);
    await sleep(210);
    assert.ok(calls >= 6, `only ${calls} refreshes in 210 ms at 20 ms`);
    s.setVisible(false);
    const before = calls;
    await sleep(80);
    assert.equal(calls, before);
    s.dispose();
  });
});
