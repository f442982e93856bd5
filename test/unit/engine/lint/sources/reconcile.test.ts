import * as assert from 'node:assert/strict';
import type { Finding } from '../../../../../src/engine/lint/finding';
import { reconcileWithCfnLint, sameRule } from '../../../../../src/engine/lint/sources/reconcile';

const at = (line: number, ruleId: string, severity: Finding['severity'], source: Finding['source'] = 'CloudFormation', message = ruleId): Finding =>
  ({ ruleId, severity, source, message, range: { start: { line, character: 0 }, end: { line, character: 1 } } });

describe('lint/sources/reconcile (cfn-lint is the arbiter of generic errors)', () => {
  it('drops our generic errors without a cfn-lint error within one line, keeps confirmed ones and HA findings', () => {
    const ours = [at(3, 'F1020', 'error'), at(10, 'E3001', 'error'), at(10, 'MHA2001', 'error', 'Moodle HA'), at(20, 'W2001', 'warning')];
    const cfn = [at(4, 'E1020', 'error')];
    const { findings, dropped } = reconcileWithCfnLint(ours, cfn);
    assert.deepEqual(dropped.map((f) => f.ruleId), ['E3001']);
    assert.deepEqual(findings.map((f) => f.ruleId), ['F1020', 'MHA2001', 'W2001']);
  });

  it('adds cfn-lint findings we do not have, and does not repeat ones we have (same rule number, or same message)', () => {
    const ours = [at(3, 'F1020', 'error'), at(8, 'E9006', 'error', 'CloudFormation', "'x' is not one of ['a']")];
    const cfn = [at(3, 'E1020', 'error'), at(8, 'E3691', 'error', 'CloudFormation', "'x' is not one of ['a']"), at(12, 'E3012', 'error'), at(14, 'W1001', 'warning')];
    const { findings } = reconcileWithCfnLint(ours, cfn);
    assert.deepEqual(findings.map((f) => f.ruleId), ['F1020', 'E9006', 'E3012', 'W1001']);
  });

  it('matches rule ids by their number', () => {
    assert.equal(sameRule('F1020', 'E1020'), true);
    assert.equal(sameRule('E1020', 'E1019'), false);
    assert.equal(sameRule('MHA1020', 'E1020'), false);
  });
});
