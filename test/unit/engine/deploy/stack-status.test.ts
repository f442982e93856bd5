import * as assert from 'node:assert/strict';
import { StackStatus } from '../../../../src/engine/deploy/stack-status';

describe('StackStatus', () => {
  const cases: Array<[string, string, boolean]> = [
    ['CREATE_COMPLETE', 'complete', true],
    ['UPDATE_COMPLETE', 'complete', true],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'inProgress', false],
    ['CREATE_IN_PROGRESS', 'inProgress', false],
    ['ROLLBACK_IN_PROGRESS', 'inProgress', false],
    ['CREATE_FAILED', 'failed', false],
    ['UPDATE_ROLLBACK_FAILED', 'failed', false],
    ['ROLLBACK_COMPLETE', 'rolledBack', false],
    ['UPDATE_ROLLBACK_COMPLETE', 'rolledBack', false],
    ['DELETE_COMPLETE', 'deleted', false],
    ['REVIEW_IN_PROGRESS', 'review', false],
  ];
  for (const [name, statusClass, success] of cases) {
    it(`${name} is ${statusClass}${success ? ', a success' : ''}`, () => {
      const s = StackStatus.of(name);
      assert.equal(s.statusClass, statusClass);
      assert.equal(s.isSuccess, success);
    });
  }
  it('only a failed first create needs recreating', () => {
    assert.equal(StackStatus.of('ROLLBACK_COMPLETE').needsRecreate, true);
    assert.equal(StackStatus.of('UPDATE_ROLLBACK_COMPLETE').needsRecreate, false);
  });
});
