import * as assert from 'node:assert/strict';
import { isCancellation } from '../../../../../src/engine/common/cancellation';
import { ValidatorPool } from '../../../../../src/engine/lint/validator/validator-pool';

/** Many resources with references between them: the validator takes seconds on it. */
function slowTemplate(count: number): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
  for (let i = 0; i < count; i++) lines.push(`  Topic${i}:`, '    Type: AWS::SNS::Topic', `    DependsOn: [${Array.from({ length: Math.min(i, 30) }, (_, j) => `Topic${i - j - 1}`).join(', ')}]`, '    Properties:', `      TopicName: !Sub "\${AWS::StackName}-${i}-\${Missing${i}}"`);
  return lines.join('\n') + '\n';
}

const small = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !Ref Nowhere\n';

describe('lint/validator: cancellation and deadlines reach the worker (AWS validator in a worker thread)', function () {
  this.timeout(120_000);

  it('terminates the worker of a validation aborted mid-flight, and the next template is validated by a fresh worker', async () => {
    const pool = new ValidatorPool({ size: 1 });
    try {
      await pool.warmUp();
      const controller = new AbortController();
      const big = pool.validate('big.yaml', slowTemplate(3000), { signal: controller.signal });
      // Abort once the request is with the worker (not before the call, which was always handled).
      setTimeout(() => controller.abort(), 200);
      await assert.rejects(big, (e) => isCancellation(e));
      assert.equal(pool.restarts, 1, 'the busy worker was terminated');
      const next = await pool.validate('small.yaml', small);
      assert.ok(next.some((d) => /Nowhere/.test(d.message)), 'the next validation ran on a new worker');
    } finally {
      await pool.dispose();
    }
  });

  it('stops a validation past its deadline with a clear error, and keeps serving', async () => {
    const pool = new ValidatorPool({ size: 1, requestTimeoutMs: 300 });
    try {
      await pool.warmUp();
      await assert.rejects(pool.validate('big.yaml', slowTemplate(3000)), /did not finish within/);
      assert.equal(pool.restarts, 1);
    } finally {
      await pool.dispose();
    }
  });
});
