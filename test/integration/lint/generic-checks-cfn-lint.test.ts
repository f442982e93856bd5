import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auroraCluster } from '../../../src/engine/lint/generic/aurora-cluster';
import { cacheClusterMode } from '../../../src/engine/lint/generic/cache-cluster-mode';
import { cidrHostBits } from '../../../src/engine/lint/generic/cidr-host-bits';
import type { GenericCheck } from '../../../src/engine/lint/generic/generic-check';
import { interfaceMetadata } from '../../../src/engine/lint/generic/interface-metadata';
import { requiredProperties } from '../../../src/engine/lint/generic/required-properties';
import { ruleNames } from '../../../src/engine/lint/generic/rule-names';
import { securityGroupNameAsId } from '../../../src/engine/lint/generic/security-group-name-as-id';
import { lintFiles } from '../../../src/engine/lint/lint-files';
import { runGenericChecks } from '../../../src/engine/lint/generic/run-generic-checks';
import { subnetOverlap } from '../../../src/engine/lint/generic/subnet-overlap';
import { TemplateModel } from '../../../src/engine/template/template-model';
import { repoRoot } from '../../support/fixtures';
import { runCfnLint } from '../scaffold/support/cfn-lint';

/** A fixture for each of our generic checks that cfn-lint must confirm line by line. */
const cases: Array<{ check: GenericCheck; fixture: string }> = [
  { check: subnetOverlap, fixture: 'e3060-subnet-overlap.yaml' },
  { check: cacheClusterMode, fixture: 'e3026-cache-cluster-mode.yaml' },
  { check: ruleNames, fixture: 'e1700-rule-names.yaml' },
  { check: interfaceMetadata, fixture: 'e4001-interface-metadata.yaml' },
  { check: cidrHostBits, fixture: 'e3002-cidr-host-bits.yaml' },
  { check: securityGroupNameAsId, fixture: 'e1041-security-group-name.yaml' },
  { check: auroraCluster, fixture: 'e3693-aurora-cluster.yaml' },
  { check: requiredProperties, fixture: 'e3003-required-properties.yaml' },
];

describe('lint/generic checks confirmed by cfn-lint on the same text (needs cfn-lint)', function () {
  this.timeout(300_000);

  it('each check reports exactly the lines where cfn-lint reports its rule, and finds something', async () => {
    const dir = path.join(repoRoot(), 'test', 'fixtures', 'cfn', 'generic');
    const files = cases.map((c) => path.join(dir, c.fixture));
    const reference = await runCfnLint(files, 240_000);
    for (const { check, fixture } of cases) {
      const file = path.join(dir, fixture);
      const ours = runGenericChecks(TemplateModel.parse(file, fs.readFileSync(file, 'utf8')), [check]).findings.map((f) => f.range.start.line + 1);
      const theirs = reference.filter((m) => path.resolve(m.Filename) === file && m.Rule.Id === check.id).map((m) => m.Location.Start.LineNumber);
      assert.ok(ours.length > 0, `${fixture}: the check found nothing, so the comparison proves nothing`);
      assert.deepEqual([...new Set(ours)].sort((a, b) => a - b), [...new Set(theirs)].sort((a, b) => a - b), `${fixture}: ${check.id} lines, ours vs cfn-lint's`);
    }
  });

  // Findings of the validator that we report under cfn-lint's id and where cfn-lint puts them.
  for (const { rule, fixture, what } of [
    { rule: 'E3030', fixture: 'e3030-allowed-values.yaml', what: 'a value outside the allowed values (the validator\'s W3030)' },
    { rule: 'E3014', fixture: 'e3014-exclusive-properties.yaml', what: 'one property of an exclusive group, and only one (the validator\'s F3014, moved onto the properties)' },
  ]) {
    it(`${rule}: ${what} is an error on the lines where cfn-lint reports it`, async () => {
      const file = path.join(repoRoot(), 'test', 'fixtures', 'cfn', 'generic', fixture);
      const [reference, [ours]] = await Promise.all([runCfnLint([file], 240_000), lintFiles([file], {})]);
      const mine = ours.findings.filter((f) => f.ruleId === rule);
      assert.ok(mine.length > 0 && mine.every((f) => f.severity === 'error'), `${rule} findings, as errors`);
      const theirs = reference.filter((m) => m.Rule.Id === rule).map((m) => m.Location.Start.LineNumber);
      assert.deepEqual(mine.map((f) => f.range.start.line + 1).sort((a, b) => a - b), theirs.sort((a, b) => a - b));
    });
  }
});
