import * as assert from 'node:assert/strict';
import { CancelledError } from '../../../../src/engine/common/cancellation';
import { describeWizardCost } from '../../../../src/engine/cost/describe-wizard-cost';
import { wizardCostLines } from '../../../../src/engine/cost/wizard-cost-in-worker';
import { estimateWizardCost } from '../../../../src/engine/cost/wizard-estimate';
import { resolveOptions } from '../../../../src/engine/scaffold/options';

describe('cost: the New Project summary priced in a worker thread, within a budget', function () {
  this.timeout(120_000);

  it('gives the lines pricing on this thread gives, while this thread stays free', async () => {
    const answers = resolveOptions({});
    let ticks = 0;
    const interval = setInterval(() => { ticks++; }, 5);
    const pending = wizardCostLines(answers);
    const lines = await pending.finally(() => clearInterval(interval));
    assert.deepEqual(lines, describeWizardCost(estimateWizardCost(answers)));
    assert.match(lines[0], /^Term month: about \$/);
    assert.ok(ticks >= 1, 'this thread ran its timers while the worker priced');
  });

  it('says the estimate was stopped when pricing passes its time budget (the worker is terminated)', async () => {
    const lines = await wizardCostLines(resolveOptions({}), { budget: { timeMs: 1, memoryMb: 256 } });
    assert.deepEqual(lines, ['Not estimated (pricing these answers took longer than 1 ms, so it was stopped; the project can still be written)']);
  });

  it('says so when pricing passes its memory budget', async () => {
    const lines = await wizardCostLines(resolveOptions({}), { budget: { timeMs: 120_000, memoryMb: 2 } });
    assert.match(lines[0], /^Not estimated \(pricing these answers needed more than 2 MB/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const pending = wizardCostLines(resolveOptions({}), { signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, (e: Error) => e instanceof CancelledError);
  });
});
