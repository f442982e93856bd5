import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintTemplate, type LintResult } from '../../../../src/engine/lint/lint-template';
import { httpRedirectsToHttps } from '../../../../src/engine/lint/rules/network/http-redirects-to-https';
import { runHaRules } from '../../../../src/engine/lint/run-ha-rules';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { deriveTopology } from '../../../../src/engine/topology/derive';
import { nodeTemplateFiles } from '../../../../src/engine/topology/stack-family/template-files';
import { fixturePath, readFixture } from '../../../support/fixtures';

/** Lints one template of test/fixtures/stacks/nested-moodle the way the CLI does: reading its siblings. */
async function lintMember(name: string, withFiles = true): Promise<LintResult> {
  const file = fixturePath('stacks', 'nested-moodle', name);
  return lintTemplate(file, readFixture('stacks', 'nested-moodle', name), withFiles ? { files: nodeTemplateFiles() } : {});
}

const ha = (r: LintResult) => r.findings.filter((f) => f.source === 'Moodle HA').map((f) => `${f.ruleId}: ${f.message}`);
const ids = (r: LintResult) => ha(r).map((f) => f.slice(0, 7));

describe('lint: a Moodle stack split into nested templates (test/fixtures/stacks/nested-moodle)', () => {
  it('web.yaml: the session cache and code delivery of its sibling stacks count, so neither is reported missing', async () => {
    const alone = await lintMember('web.yaml', false);
    // The contrast that makes this test able to fail: read alone, both parts look missing.
    assert.ok(ids(alone).includes('MHA4001') && ids(alone).includes('MHA5001'), ha(alone).join('\n'));
    const inStack = await lintMember('web.yaml');
    assert.deepEqual(ids(inStack).filter((id) => ['MHA4001', 'MHA5001', 'MHA2001'].includes(id)), [], ha(inStack).join('\n'));
    assert.deepEqual(inStack.topology?.elsewhere?.sessionCache, { file: 'cache.yaml', logicalId: 'SessionStore', kind: 'valkey', condition: 'WithSessionCache' });
    assert.equal(inStack.topology?.webTier.found && inStack.topology.webTier.deployedFromStack, 'delivery.yaml');
  });

  it('web.yaml: the config.php that seeder.yaml writes (and the deployment carries) is judged against web.yaml\'s mounts', async () => {
    const alone = await lintMember('web.yaml', false);
    // Alone, web.yaml writes no config.php: nothing to judge, as before.
    assert.ok(!ids(alone).includes('MHA8002'), ha(alone).join('\n'));
    const inStack = await lintMember('web.yaml');
    assert.equal(inStack.topology?.moodleConfigWrittenBy, 'seeder.yaml');
    const finding = ha(inStack).find((f) => f.startsWith('MHA8002'));
    assert.ok(finding, ha(inStack).join('\n'));
    assert.match(finding, /The config\.php that seeder\.yaml writes .* puts \$CFG->tempdir \('\/var\/www\/moodle\/scratch'\) on each server's local disk: the shared file system is mounted at \/var\/www\/moodle\/data\./);
    // The template that writes it has no web tier: the rule does not report there.
    assert.ok(!ids(await lintMember('seeder.yaml')).includes('MHA8002'));
  });

  it('web.yaml: when seeder.yaml\'s config.php keeps sessions in files, MHA8003 names the session cache of cache.yaml to use', async () => {
    // A copy of the family whose seeder writes no session_handler_class (Moodle's default: files).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-family-'));
    try {
      fs.cpSync(fixturePath('stacks', 'nested-moodle'), dir, { recursive: true });
      const seeder = path.join(dir, 'seeder.yaml');
      const text = fs.readFileSync(seeder, 'utf8');
      assert.ok(text.includes("$CFG->session_handler_class = '\\core\\session\\redis';"));
      fs.writeFileSync(seeder, text.replace(/^.*\$CFG->session_handler_class.*\n/m, ''));
      const web = path.join(dir, 'web.yaml');
      const result = await lintTemplate(web, fs.readFileSync(web, 'utf8'), { files: nodeTemplateFiles() });
      const finding = ha(result).find((f) => f.startsWith('MHA8003'));
      assert.ok(finding, ha(result).join('\n'));
      assert.match(finding, /The config\.php that seeder\.yaml writes .* keeps sessions in files .*The stack already has a session cache: SessionStore \(valkey\) in cache\.yaml \(when WithSessionCache is true\)\. Set \$CFG->session_handler_class = '\\core\\session\\redis'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('web.yaml: AL2023 on both branches of ImageId requires IMDSv2 by the AMI\'s own default', async () => {
    const result = await lintMember('web.yaml');
    assert.ok(!ids(result).includes('MHA1006'), ha(result).join('\n'));
    const web = result.topology?.webTier;
    assert.ok(web?.found);
    assert.equal(web.imdsV2Required, true);
    assert.equal(web.launchAlternatives?.[0].imdsV2ByAmiDefault, true);
  });

  it('seeder.yaml: a group that scales itself to zero after its job is not the web tier and gets no web-tier finding', async () => {
    const result = await lintMember('seeder.yaml');
    assert.equal(result.moodleStack?.isMoodle, true);
    assert.deepEqual(ha(result), []);
    assert.ok(result.topology && !result.topology.webTier.found);
    assert.match(result.topology.webTier.found ? '' : result.topology.webTier.reason, /SeederGroup \(self-terminating helper\)/);
  });

  it('alb.yaml: no redirect finding while CloudFront reaches the ALB over HTTP, and MHA6002 names the conditions', async () => {
    const result = await lintMember('alb.yaml');
    assert.ok(!ids(result).includes('MHA6003'), ha(result).join('\n'));
    const https = ha(result).find((f) => f.startsWith('MHA6002'));
    assert.ok(https, ha(result).join('\n'));
    assert.match(https, /when condition HasCertificate is false/);
    assert.match(https, /unless the CloudFront distribution of edge\.yaml is deployed in front of it \(condition WithCdn\)/);
    // Alone, nothing says CloudFront is in front: the HTTP listener next to the conditional HTTPS one is reported, without a fix.
    // (Alone it is not even known to be Moodle, so the rule is run directly.)
    const model = TemplateModel.parse('alb.yaml', readFixture('stacks', 'nested-moodle', 'alb.yaml'));
    const alone = runHaRules(model, deriveTopology(model), [httpRedirectsToHttps]);
    const redirect = alone.find((f) => f.ruleId === 'MHA6003');
    assert.ok(redirect, alone.map((f) => f.message).join('\n'));
    assert.match(redirect.message, /when condition HasCertificate is true/);
    assert.equal(redirect.fixes, undefined);
  });

  it('data.yaml: an Aurora cluster whose Engine is an !If is Aurora; its default DeletionPolicy is Snapshot', async () => {
    const result = await lintMember('data.yaml');
    assert.ok(ids(result).includes('MHA3003'), ha(result).join('\n'));
    assert.ok(!ids(result).includes('MHA3006'), ha(result).join('\n'));
    const db = result.topology?.database;
    assert.ok(db?.found);
    assert.equal(db.kind, 'aurora');
    assert.deepEqual(db.engineAlternatives, ['aurora-postgresql', 'aurora-mysql']);
  });

  it('main.yaml and alb.yaml: Moodle-HA rules run because a template nested with them mentions Moodle', async () => {
    for (const name of ['main.yaml', 'alb.yaml']) {
      const result = await lintMember(name);
      assert.equal(result.moodleStack?.isMoodle, true, name);
      assert.match(result.moodleStack.reason, /nested with .*\.yaml, where 'moodle' appears in/, name);
    }
    const alone = await lintMember('alb.yaml', false);
    assert.equal(alone.moodleStack?.isMoodle, false);
    assert.deepEqual(ha(alone).filter((f) => !f.startsWith('MHA6003')), [], 'alone, alb.yaml is not known to be Moodle');
  });
});
