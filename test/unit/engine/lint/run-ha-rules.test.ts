import * as assert from 'node:assert/strict';
import { runHaRules } from '../../../../src/engine/lint/run-ha-rules';
import { ruleDocsUrl, type HaRule, type Report } from '../../../../src/engine/lint/rule';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { deriveTopology } from '../../../../src/engine/topology/derive';

// The runner's own contract, with rules made for the test: what each report becomes as a finding.
const TEMPLATE = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Conditions:',
  '  IsProd: !Equals [!Ref AWS::StackName, prod]',
  'Resources:',
  '  Plain:',
  '    Type: AWS::S3::Bucket',
  '  OnlyInProd:',
  '    Type: AWS::S3::Bucket',
  '    Condition: IsProd',
  '',
].join('\n');

const model = TemplateModel.parse('t.yaml', TEMPLATE);

function ruleReporting(...reports: Report[]): HaRule {
  return { id: 'MHA9001', name: 'test-rule', category: 'storage', defaultSeverity: 'error', description: 'test', check: (ctx) => { for (const r of reports) ctx.report(r); } };
}

function run(...rules: HaRule[]) { return runHaRules(model, deriveTopology(model), rules); }

describe('lint: runHaRules turns reports into findings', () => {
  it('gives each finding its rule id, the source, the docs link and the path it reported', () => {
    const [f] = run(ruleReporting({ message: 'm', path: ['Resources', 'Plain'] }));
    assert.equal(f.ruleId, 'MHA9001');
    assert.equal(f.source, 'Moodle HA');
    assert.equal(f.docsUrl, ruleDocsUrl('MHA9001'));
    assert.deepEqual(f.path, ['Resources', 'Plain']);
    assert.equal(f.message, 'm');
  });

  it("uses the rule's default severity, unless the report overrides it", () => {
    const [plain, overridden] = run(ruleReporting({ message: 'a' }, { message: 'b', severity: 'info' }));
    assert.equal(plain.severity, 'error');
    assert.equal(overridden.severity, 'info');
  });

  it('points at the path (its value, or its key with atKey), at a given range, or else at the first line', () => {
    const range = { start: { line: 2, character: 1 }, end: { line: 2, character: 4 } };
    const [value, key, given, none] = run(ruleReporting(
      { message: 'value', path: ['Resources', 'OnlyInProd', 'Condition'] },
      { message: 'key', path: ['Resources', 'OnlyInProd', 'Condition'], atKey: true },
      { message: 'given', path: ['Resources', 'Plain'], range },
      { message: 'none' },
    ));
    assert.deepEqual(value.range, model.rangeOf(['Resources', 'OnlyInProd', 'Condition']));
    assert.equal(value.range.start.line, 8);
    assert.equal(TEMPLATE.split('\n')[8].slice(value.range.start.character, value.range.end.character), 'IsProd');
    assert.equal(TEMPLATE.split('\n')[8].slice(key.range.start.character, key.range.end.character), 'Condition');
    assert.deepEqual(given.range, range);
    assert.deepEqual(none.range, model.lines.lineRange(0));
  });

  it('carries quick fixes when there are some, and no fixes key when there are none', () => {
    const fix = { title: 'Fix it', edits: [] };
    const [withFix, emptyFixes, noFixes] = run(ruleReporting({ message: 'a', fixes: [fix] }, { message: 'b', fixes: [] }, { message: 'c' }));
    assert.deepEqual(withFix.fixes, [fix]);
    assert.ok(!('fixes' in emptyFixes));
    assert.ok(!('fixes' in noFixes));
  });

  it("says when a finding on a resource holds only under the resource's Condition", () => {
    const [f] = run(ruleReporting({ message: 'Not versioned.', path: ['Resources', 'OnlyInProd', 'Properties'] }));
    assert.equal(f.message, 'Not versioned. (This holds when condition IsProd is true: OnlyInProd has Condition: IsProd.)');
  });

  it('adds no condition note when the rule named the condition, the resource has none, or the path is not a resource', () => {
    const [named, plain, param, bare] = run(ruleReporting(
      { message: 'Only under condition IsProd.', path: ['Resources', 'OnlyInProd'] },
      { message: 'plain', path: ['Resources', 'Plain'] },
      { message: 'param', path: ['Conditions', 'IsProd'] },
      { message: 'bare' },
    ));
    assert.equal(named.message, 'Only under condition IsProd.');
    assert.equal(plain.message, 'plain');
    assert.equal(param.message, 'param');
    assert.equal(bare.message, 'bare');
  });

  it('a rule that throws becomes one warning on the first line naming the rule, keeps what it reported before, and the next rule runs', () => {
    const crashing: HaRule = { ...ruleReporting(), id: 'MHA9002', name: 'crashing-rule', check: (ctx) => { ctx.report({ message: 'before the crash' }); throw new Error('boom'); } };
    const after = { ...ruleReporting({ message: 'after' }), id: 'MHA9003' };
    const findings = run(crashing, after);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.message.slice(0, 16)]), [['MHA9002', 'before the crash'], ['MHA9002', 'Rule MHA9002 (cr'], ['MHA9003', 'after']]);
    const crash = findings[1];
    assert.equal(crash.message, 'Rule MHA9002 (crashing-rule) failed on this template and was skipped: boom. Please report it.');
    assert.equal(crash.severity, 'warning');
    assert.equal(crash.source, 'Moodle HA');
    assert.equal(crash.docsUrl, ruleDocsUrl('MHA9002'));
    assert.deepEqual(crash.range, model.lines.lineRange(0));
  });
});
