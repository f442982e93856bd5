import * as assert from 'assert';
import { activated, ourExtension } from './support/extension';

describe('activation (extension host)', () => {
  it('activates and returns its activation time', async () => {
    const api = await activated();
    assert.strictEqual(ourExtension().isActive, true);
    assert.ok(api && typeof api.activationMs === 'number', `activate() must return { activationMs }, got ${JSON.stringify(api)}`);
  });

  it('activates in at most 100 ms', async () => {
    const { activationMs } = await activated();
    assert.ok(activationMs <= 100, `activation took ${activationMs} ms; move the heavy work behind the first use`);
  });
});
