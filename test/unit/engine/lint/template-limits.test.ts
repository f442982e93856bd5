import * as assert from 'node:assert/strict';
import { lintTemplate } from '../../../../src/engine/lint/lint-template';
import type { TemplateValidator } from '../../../../src/engine/lint/validator/validator-pool';

function template(resources: number, outputs = 0, conditions = 0): string {
  const lines = ['AWSTemplateFormatVersion: "2010-09-09"'];
  if (conditions) { lines.push('Conditions:'); for (let i = 0; i < conditions; i++) lines.push(`  C${i}: !Equals [a, b]`); }
  lines.push('Resources:');
  for (let i = 0; i < resources; i++) lines.push(`  T${i}:`, '    Type: AWS::SNS::Topic');
  if (outputs) { lines.push('Outputs:'); for (let i = 0; i < outputs; i++) lines.push(`  O${i}:`, '    Value: !Ref T0'); }
  return lines.join('\n') + '\n';
}

/** Records whether it was asked: the limits must be reported without calling the validator. */
class RecordingValidator implements TemplateValidator {
  calls = 0;
  async validate() { this.calls++; return []; }
  async dispose() {}
}

describe("lint: CloudFormation's limits checked before AWS's validator (MEDIUM-2)", () => {
  it('reports over 500 resources (E3010) and over 200 outputs (E6010) and does not call the validator', async () => {
    const validator = new RecordingValidator();
    const result = await lintTemplate('big.yaml', template(501, 201), { validator });
    assert.equal(validator.calls, 0);
    assert.deepEqual(result.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId).sort(), ['E3010', 'E6010']);
    assert.equal(result.sources.validator, 'skipped');
    assert.ok(result.sources.notes.some((n) => /501 resources/.test(n)));
  });

  it('skips the validator past 200 conditions with an info, not an error (CloudFormation sets no quota on them)', async () => {
    const validator = new RecordingValidator();
    const result = await lintTemplate('c.yaml', template(1, 0, 201), { validator });
    assert.equal(validator.calls, 0);
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'G0001').map((f) => f.severity), ['info']);
    assert.ok(!result.findings.some((f) => f.severity === 'error'));
  });

  it('calls the validator at the limits', async () => {
    const validator = new RecordingValidator();
    await lintTemplate('ok.yaml', template(500, 200, 200), { validator });
    assert.equal(validator.calls, 1);
  });
});
