import * as assert from 'node:assert/strict';
import { mapLimited } from '../../../../src/engine/common/map-limited';

/** A call that resolves when the test says so, so how many are in flight can be counted. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { open, opened };
}

describe('common/mapLimited', () => {
  it('never has more than the limit in flight, and keeps the order of the items', async () => {
    const gates = Array.from({ length: 7 }, gate);
    let inFlight = 0;
    let most = 0;
    const run = mapLimited(gates, 3, async (g, i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await g.opened;
      inFlight--;
      return i * 10;
    });
    for (const g of [...gates].reverse()) { g.open(); await Promise.resolve(); }
    for (const g of gates) g.open();
    assert.deepEqual(await run, [0, 10, 20, 30, 40, 50, 60]);
    assert.equal(most, 3);
  });

  it('starts no call after one fails, and rejects with that failure', async () => {
    const started: number[] = [];
    await assert.rejects(mapLimited([1, 2, 3, 4, 5], 1, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('bad file');
      return n;
    }), /bad file/);
    assert.deepEqual(started, [1, 2]);
  });
});
