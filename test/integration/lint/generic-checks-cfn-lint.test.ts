import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheClusterMode } from '../../../src/engine/lint/generic/cache-cluster-mode';
import { cidrHostBits } from '../../../src/engine/lint/generic/cidr-host-bits';
import type { GenericCheck } from '../../../src/engine/lint/generic/generic-check';
import { interfaceMetadata } from '../../../src/engine/lint/generic/interface-metadata';
import { ruleNames } from '../../../src/engine/lint/generic/rule-names';
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
});
