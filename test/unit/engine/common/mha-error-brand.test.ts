import * as assert from 'node:assert/strict';
import { asMhaError, describeError, isMhaError, MhaError } from '../../../../src/engine/common/errors';

describe('MhaError is recognised by its brand', () => {
  it('from another copy of the module (as each feature bundle has), where instanceof fails', () => {
    const modulePath = require.resolve('../../../../src/engine/common/errors');
    const cached = require.cache[modulePath];
    delete require.cache[modulePath];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const other = require(modulePath) as typeof import('../../../../src/engine/common/errors');
    require.cache[modulePath] = cached;
    const foreign = new other.MhaError('usage', 'from the other bundle', { nextStep: 'do this' });
    assert.equal(foreign instanceof MhaError, false);
    assert.equal(isMhaError(foreign), true);
    assert.equal(asMhaError(foreign)?.nextStep, 'do this');
    assert.equal(describeError(foreign), 'from the other bundle\n  → do this');
  });

  it('a plain Error that only calls itself MhaError is not one', () => {
    const impostor = Object.assign(new Error('x'), { name: 'MhaError', code: 'usage' });
    assert.equal(isMhaError(impostor), false);
    assert.equal(isMhaError({ name: 'MhaError' }), false);
    assert.equal(isMhaError(null), false);
  });
});
