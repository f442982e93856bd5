import * as assert from 'node:assert/strict';
import { isCancellation } from '../../../../../src/engine/common/cancellation';
import { RequestScheduler, type Lane, type Timers } from '../../../../../src/engine/lint/sources/request-scheduler';

/** A worker that finishes only when the test says so, and records being killed. */
class ControlledLane implements Lane<string, string> {
  readonly started: string[] = [];
  readonly killed: string[] = [];
  private finish?: (r: string) => void;
  run(payload: string): Promise<string> {
    this.started.push(payload);
    return new Promise((resolve) => { this.finish = resolve; });
  }
  complete(result: string): void { this.finish?.(result); }
  kill(reason: string): void { this.killed.push(reason); }
}

/** A manual clock: deadlines fire when the test advances it, never by waiting. */
class ManualTimers implements Timers {
  private timers: Array<{ at: number; cb: () => void; id: number }> = [];
  private now = 0;
  private next = 1;
  setTimeout(cb: () => void, ms: number): unknown { const id = this.next++; this.timers.push({ at: this.now + ms, cb, id }); return id; }
  clearTimeout(handle: unknown): void { this.timers = this.timers.filter((t) => t.id !== handle); }
  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((t) => t.at <= this.now);
    this.timers = this.timers.filter((t) => t.at > this.now);
    for (const t of due) t.cb();
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe('lint/sources/request-scheduler (one request per worker, stoppable)', () => {
  it('kills the worker of a request aborted while it runs, and goes on with the next one', async () => {
    const lane = new ControlledLane();
    const scheduler = new RequestScheduler(() => [lane], 'test worker');
    const controller = new AbortController();
    const big = scheduler.schedule('big', { signal: controller.signal });
    const small = scheduler.schedule('small');
    await tick();
    assert.deepEqual(lane.started, ['big']);
    controller.abort();
    await assert.rejects(big, (e) => isCancellation(e));
    assert.deepEqual(lane.killed, ['cancelled']);
    await tick();
    assert.deepEqual(lane.started, ['big', 'small'], 'the next request starts without waiting for the killed one');
    lane.complete('small done');
    assert.equal(await small, 'small done');
    assert.equal(scheduler.kills, 1);
  });

  it('kills and replaces a worker past its deadline', async () => {
    const lane = new ControlledLane();
    const timers = new ManualTimers();
    const scheduler = new RequestScheduler(() => [lane], 'test worker', timers);
    const slow = scheduler.schedule('slow', { deadlineMs: 30_000 });
    await tick();
    timers.advance(29_999);
    assert.deepEqual(lane.killed, []);
    timers.advance(1);
    await assert.rejects(slow, /did not finish within 30 s/);
    assert.equal(lane.killed.length, 1);
  });

  it('drops queued requests superseded by a newer one for the same document', async () => {
    const lane = new ControlledLane();
    const scheduler = new RequestScheduler(() => [lane], 'test worker');
    const running = scheduler.schedule('v1', { key: 'a.yaml' });
    const v2 = scheduler.schedule('v2', { key: 'a.yaml' });
    const other = scheduler.schedule('b1', { key: 'b.yaml' });
    const v3 = scheduler.schedule('v3', { key: 'a.yaml' });
    await assert.rejects(v2, /Superseded/);
    lane.complete('v1 done');
    assert.equal(await running, 'v1 done');
    await tick();
    lane.complete('b1 done');
    assert.equal(await other, 'b1 done');
    await tick();
    lane.complete('v3 done');
    assert.equal(await v3, 'v3 done');
    assert.deepEqual(lane.started, ['v1', 'b1', 'v3']);
  });

  it('drops a queued request aborted before it starts without killing anything', async () => {
    const lane = new ControlledLane();
    const scheduler = new RequestScheduler(() => [lane], 'test worker');
    const first = scheduler.schedule('first');
    const controller = new AbortController();
    const queued = scheduler.schedule('queued', { signal: controller.signal });
    controller.abort();
    await assert.rejects(queued, (e) => isCancellation(e));
    assert.deepEqual(lane.killed, []);
    lane.complete('ok');
    assert.equal(await first, 'ok');
  });
});
