import * as assert from 'node:assert/strict';
import { isCancellation } from '../../../../../src/engine/common/cancellation';
import { lintTemplate } from '../../../../../src/engine/lint/lint-template';
import { CfnLintProcess } from '../../../../../src/engine/lint/sources/cfn-lint/cfn-lint-process';
import { withCfnLint } from '../../../../../src/engine/lint/sources/with-cfn-lint';
import { ValidatorPool } from '../../../../../src/engine/lint/validator/validator-pool';
import { readFixture } from '../../../../support/fixtures';

describe('lint/sources: cfn-lint as a third source and arbiter (needs cfn-lint on python3)', function () {
  this.timeout(180_000);
  let cfnLint: CfnLintProcess;
  let pool: ValidatorPool;
  before(async () => {
    cfnLint = new CfnLintProcess();
    pool = new ValidatorPool({ size: 1 });
    await Promise.all([cfnLint.ready(), pool.warmUp()]);
  });
  after(async () => { await Promise.all([cfnLint.dispose(), pool.dispose()]); });

  it('lints many templates in one process that imported cfnlint once', async () => {
    const ref = await cfnLint.lint(readFixture('cfn', 'bad-ref.yaml'));
    assert.ok(ref.some((m) => m.rule === 'E1020' && m.line === 7), 'the unknown Ref, at its line');
    assert.deepEqual(await cfnLint.lint(readFixture('cfn', 'clean.yaml')), []);
    assert.equal(cfnLint.restarts, 0);
  });

  it('reports which sources ran, with cfn-lint errors merged and not repeated', async () => {
    const fast = await lintTemplate('bad-ref.yaml', readFixture('cfn', 'bad-ref.yaml'), { validator: pool });
    const merged = await withCfnLint(fast, cfnLint);
    assert.deepEqual([merged.sources.validator, merged.sources.generic, merged.sources.cfnLint], ['ran', 'ran', 'ran']);
    const errorsOnLine7 = merged.findings.filter((f) => f.severity === 'error' && f.range.start.line === 6);
    assert.equal(errorsOnLine7.length, 1, `one error for the unknown Ref, not one per source: ${errorsOnLine7.map((f) => f.ruleId)}`);
  });

  it('drops a generic error that cfn-lint, run on the same text, does not confirm', async () => {
    // AWS's validator reports a second-level Mappings value that is not a map (F0017); cfn-lint
    // reads `true: z` under a mapping as valid YAML and finds no error on that line.
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nMappings:\n  M:\n    k:\n      A: x\n    true: z\nResources:\n  B:\n    Type: AWS::SNS::Topic\n';
    const fast = await lintTemplate('m.yaml', text, { validator: pool });
    const before = fast.findings.filter((f) => f.severity === 'error' && f.source === 'CloudFormation');
    const merged = await withCfnLint(fast, cfnLint);
    const reference = (await cfnLint.lint(text)).filter((m) => m.rule.startsWith('E'));
    const after = merged.findings.filter((f) => f.severity === 'error' && f.source === 'CloudFormation');
    assert.ok(before.some((f) => f.ruleId === 'F0017'), 'the validator reports F0017 without cfn-lint');
    assert.ok(!reference.some((m) => m.line === 6), 'cfn-lint finds no error on that line');
    assert.ok(!after.some((f) => f.ruleId === 'F0017'), 'so it is dropped');
    assert.ok(merged.sources.notes.some((n) => /not confirmed by cfn-lint/.test(n)));
    for (const f of after) assert.ok(reference.some((m) => Math.abs(m.line - 1 - f.range.start.line) <= 1), `${f.ruleId} is confirmed by cfn-lint`);
  });

  it('kills a cfn-lint run cancelled mid-flight, and the next request gets a fresh worker', async () => {
    const controller = new AbortController();
    const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:'];
    for (let i = 0; i < 400; i++) lines.push(`  Q${i}:`, '    Type: AWS::SQS::Queue', '    Properties:', `      QueueName: !Sub "\${AWS::StackName}-${i}"`);
    const running = cfnLint.lint(lines.join('\n'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    await assert.rejects(running, (e) => isCancellation(e));
    assert.equal(cfnLint.restarts, 1);
    const next = await cfnLint.lint(readFixture('cfn', 'bad-ref.yaml'));
    assert.ok(next.some((m) => m.rule === 'E1020'));
  });

  it('says cfn-lint is not usable when the configured path has no cfnlint', async () => {
    const missing = new CfnLintProcess({ path: '/nonexistent/python3' });
    try {
      await assert.rejects(missing.ready(), /cfn-lint is not usable/);
    } finally {
      await missing.dispose();
    }
  });
});
