import * as assert from 'node:assert/strict';
import { lintTemplate } from '../../../../src/engine/lint/lint-template';
import { ValidatorPool } from '../../../../src/engine/lint/validator/validator-pool';
import { readFixture } from '../../../support/fixtures';

describe('lint/lint-template (with AWS validator in a worker)', function () {
  // A hang guard, not a time limit: building the validator's engine took over 60 s at load 28.
  this.timeout(240_000);
  let pool: ValidatorPool;
  before(async () => { pool = new ValidatorPool({ size: 1 }); await pool.warmUp(); });
  after(() => pool.dispose());

  it('maps validator errors to our ranges, with the source and a quick fix for a misspelt property', async () => {
    const result = await lintTemplate('bad-property.yaml', readFixture('cfn', 'bad-property.yaml'), { validator: pool });
    const error = result.findings.find((f) => f.severity === 'error');
    assert.ok(error, 'an error');
    assert.equal(error.source, 'CloudFormation');
    assert.equal(error.range.start.line, 6);
    const fix = error.fixes?.[0];
    assert.ok(fix, 'a quick fix');
    assert.equal(fix.edits[0].newText, 'BucketName');
    const text = readFixture('cfn', 'bad-property.yaml');
    const lines = text.split('\n');
    const { start, end } = fix.edits[0].range;
    assert.equal(lines[start.line].slice(start.character, end.character), 'BucketNam');
  });

  it("keeps an enum message's allowed values; only an unknown Ref becomes 'not a parameter, resource or pseudo parameter'", async () => {
    const enumResult = await lintTemplate('bad-allowed-value.yaml', readFixture('cfn', 'bad-allowed-value.yaml'), { validator: pool });
    const enumError = enumResult.findings.find((f) => /mysqlx/.test(f.message));
    assert.ok(enumError, 'the enum error');
    assert.match(enumError.message, /is not one of \[.*'mysql'/);
    assert.doesNotMatch(enumError.message, /pseudo parameter/);
    const refResult = await lintTemplate('bad-ref.yaml', readFixture('cfn', 'bad-ref.yaml'), { validator: pool });
    assert.ok(refResult.findings.some((f) => /'SiteName' is not a parameter, resource or pseudo parameter/.test(f.message)));
  });

  it('finds nothing wrong with a clean template (errors or warnings)', async () => {
    const result = await lintTemplate('clean.yaml', readFixture('cfn', 'clean.yaml'), { validator: pool });
    assert.deepEqual(result.findings.filter((f) => f.severity !== 'info').map((f) => f.message), []);
  });

  it('skips what is not CloudFormation', async () => {
    const result = await lintTemplate('ci.yaml', readFixture('cfn', 'not-cloudformation.yaml'), { validator: pool });
    assert.equal(result.isCloudFormation, false);
    assert.deepEqual(result.findings, []);
  });

  it('reports a syntax error once, at the right line, without running the validator', async () => {
    const result = await lintTemplate('s.yaml', readFixture('cfn', 'syntax-error.yaml'), { validator: pool });
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0].ruleId, 'E0000');
    assert.ok(result.findings[0].range.start.line >= 4);
  });

  it('reports a duplicate key once per line', async () => {
    const result = await lintTemplate('d.yaml', readFixture('cfn', 'duplicate-key.yaml'), { validator: pool });
    const onLine6 = result.findings.filter((f) => f.range.start.line === 5 && f.severity === 'error');
    assert.equal(onLine6.length, 1);
  });

  it('applies rule settings: off and severity overrides', async () => {
    const text = readFixture('cfn', 'bad-property.yaml');
    const off = await lintTemplate('b.yaml', text, { validator: pool, rules: { F3002: 'off' } });
    assert.ok(!off.findings.some((f) => f.ruleId === 'F3002'));
    const warn = await lintTemplate('b.yaml', text, { validator: pool, rules: { F3002: 'warning' } });
    assert.equal(warn.findings.find((f) => f.ruleId === 'F3002')?.severity, 'warning');
  });

  it('turns a validator that cannot start into one warning, and still runs the HA rules', async () => {
    const broken = new ValidatorPool({ modulePath: '/nonexistent/validator' });
    try {
      // A Moodle template on which MHA1003 fires: its finding must survive the validator's failure.
      const result = await lintTemplate('m.yaml', readFixture('ha', 'MHA1003-min-size-one.yaml'), { validator: broken });
      const warning = result.findings.find((f) => f.ruleId === 'MHA0000');
      assert.ok(warning, 'a warning that the validator is unavailable');
      assert.match(warning.message, /Only the Moodle HA rules ran/);
      assert.ok(result.findings.some((f) => f.ruleId === 'MHA1003'), `MHA1003 survives; got ${result.findings.map((f) => f.ruleId).join(', ')}`);
    } finally {
      await broken.dispose();
    }
  });

  it('honours cancellation', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(lintTemplate('b.yaml', readFixture('cfn', 'bad-property.yaml'), { validator: pool, signal: controller.signal }), /Cancelled/);
  });
});
