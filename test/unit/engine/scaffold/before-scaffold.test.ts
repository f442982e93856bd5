import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runHaRules } from '../../../../src/engine/lint/run-ha-rules';
import { haRules } from '../../../../src/engine/lint/rules';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { deriveTopology } from '../../../../src/engine/topology/derive';
import { nodeTemplateFiles } from '../../../../src/engine/topology/stack-family/template-files';
import { REPO_ROOT } from './support/snapshot-sets';

/** The rules added for the AWS review (issue 9): each finds one of its defects in today's-default copy. */
const REVIEW_RULES = ['MHA1007', 'MHA1008', 'MHA1009', 'MHA1010', 'MHA1102', 'MHA1103', 'MHA2007', 'MHA3008', 'MHA3009', 'MHA5003', 'MHA5004', 'MHA5005', 'MHA5006', 'MHA5007', 'MHA6004', 'MHA7001', 'MHA7002', 'MHA8004', 'MHA8005', 'MHA8006'];

const firing = (file: string) => {
  const model = TemplateModel.parse(path.join(REPO_ROOT, file), fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));
  // With the project's files, as the CLI and the editor lint: config.php comes from the bundle (moodle/config.php.template).
  return new Set(runHaRules(model, deriveTopology(model, { files: nodeTemplateFiles() }), haRules).map((f) => f.ruleId));
};

describe('scaffold: the review\'s rules on the "before" and the new default scaffold', () => {
  it('on test/fixtures/before-scaffold exactly the review\'s rules fire (each of them)', () => {
    const fired = firing('test/fixtures/before-scaffold/infra/moodle-ha.yaml');
    assert.deepEqual(REVIEW_RULES.filter((id) => fired.has(id)), REVIEW_RULES);
  });

  it('on infra-templates/default none of them fires', () => {
    const fired = firing('infra-templates/default/infra/moodle-ha.yaml');
    assert.deepEqual(REVIEW_RULES.filter((id) => fired.has(id)), []);
  });
});
