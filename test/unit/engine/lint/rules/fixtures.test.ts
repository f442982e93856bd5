import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { haRules } from '../../../../../src/engine/lint/rules';
import { applyAllFixes, fixturesDir, lintText, readFixture } from './lint-text';

const fixtureFiles = fs.readdirSync(fixturesDir).filter((f) => /^MHA\d{4}-.+\.yaml$/.test(f)).sort();

describe('lint/rules: fixtures in test/fixtures/ha', () => {
  it('clean-ha.yaml: no Moodle HA rule fires (cost figures, MHA9xxx, are advice and may)', () => {
    const { findings } = lintText(readFixture('clean-ha.yaml'));
    assert.deepEqual(findings.filter((f) => !f.ruleId.startsWith('MHA9')).map((f) => `${f.ruleId} line ${f.range.start.line + 1}: ${f.message}`), []);
  });

  it('clean-ha.yaml: cfn-lint reports nothing (skipped where cfn-lint is not installed)', function () {
    this.timeout(60_000);
    const run = spawnSync('cfn-lint', [path.join(fixturesDir, 'clean-ha.yaml')], { encoding: 'utf8' });
    if (run.error) this.skip();
    assert.equal(run.stdout + run.stderr, '');
    assert.equal(run.status, 0);
  });

  it('has a fixture for every rule', () => {
    const covered = new Set(fixtureFiles.map((f) => f.slice(0, 7)));
    assert.deepEqual(haRules.map((r) => r.id).filter((id) => !covered.has(id)), []);
  });

  for (const file of fixtureFiles) {
    const id = file.slice(0, 7);
    it(`${file}: ${id} fires`, () => {
      const { findings } = lintText(readFixture(file));
      assert.ok(findings.some((f) => f.ruleId === id), `${id} should fire; got ${findings.map((f) => f.ruleId).join(', ') || 'nothing'}`);
    });

    const rule = haRules.find((r) => r.id === id);
    const { findings } = lintText(readFixture(file));
    if (!findings.some((f) => f.ruleId === id && f.fixes?.length)) continue;
    it(`${file}: applying the quick fix makes ${rule?.name} pass and leaves valid YAML`, () => {
      const { fixed, fixCount, after } = applyAllFixes(readFixture(file), id);
      assert.ok(fixCount > 0);
      assert.deepEqual(after.filter((f) => f.ruleId === id).map((f) => f.message), [], `after the fix:\n${fixed}`);
      // The fix must not break something else: no rule fires that did not fire before.
      const before = new Set(findings.map((f) => f.ruleId));
      assert.deepEqual(after.filter((f) => !before.has(f.ruleId)).map((f) => f.ruleId), []);
    });
  }
});
