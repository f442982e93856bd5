import * as assert from 'node:assert/strict';
import { lintTemplate } from '../../../../src/engine/lint/lint-template';
import { ASG, stack, without } from './rules/tables/snippets';
import { readFixture } from '../../../support/fixtures';

const MIN_ONE = { asg: without(ASG, 'MinSize', "      MinSize: '1'"), userData: ['dnf install -y httpd php8.3', 'unzip /tmp/moodle.zip -d /var/www/moodle'] };
const haIds = (findings: Array<{ ruleId: string; source: string }>) => findings.filter((f) => f.source === 'Moodle HA').map((f) => f.ruleId);

describe('lint: Moodle-HA rules only on a Moodle stack, and only where the template does not turn them off', () => {
  for (const name of ['php-blog.yaml', 'jump-host.yaml']) {
    it(`${name} (not Moodle): no Moodle-HA finding, and the decision says why`, async () => {
      const result = await lintTemplate(name, readFixture('stacks', 'not-moodle', name));
      assert.deepEqual(haIds(result.findings), []);
      assert.equal(result.moodleStack?.isMoodle, false);
      assert.match(result.moodleStack.reason, /nothing in its parameters, resource names, user data/);
    });
  }

  it('the same PHP blog becomes a Moodle stack once its user data installs Moodle, and then gets findings', async () => {
    const text = readFixture('stacks', 'not-moodle', 'php-blog.yaml').replace('https://example.org/blog-latest.tar.gz', 'https://download.moodle.org/moodle-latest.tgz');
    const result = await lintTemplate('blog.yaml', text);
    assert.equal(result.moodleStack?.isMoodle, true);
    assert.match(result.moodleStack.reason, /'moodle' appears in Resources › BlogTemplate/);
    assert.ok(haIds(result.findings).includes('MHA1003'), haIds(result.findings).join(', '));
  });

  it('template Metadata moodle-ha ignore turns a rule off everywhere, by id or by name', async () => {
    const base = stack(MIN_ONE);
    assert.ok(haIds((await lintTemplate('t.yaml', base)).findings).includes('MHA1003'));
    for (const entry of ['MHA1003', 'web-tier-min-size']) {
      const text = `Metadata:\n  moodle-ha:\n    ignore: [${entry}]\n${base}`;
      const ids = haIds((await lintTemplate('t.yaml', text)).findings);
      assert.ok(!ids.includes('MHA1003'), `${entry}: ${ids.join(', ')}`);
      assert.ok(ids.includes('MHA1101'), 'other rules still run');
    }
  });

  it('resource Metadata moodle-ha ignore turns a rule off on that resource only', async () => {
    const base = stack(MIN_ONE);
    const onWeb = base.replace('  Web:\n    Type: AWS::AutoScaling::AutoScalingGroup\n', '  Web:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Metadata:\n      moodle-ha:\n        ignore: [MHA1003]\n');
    assert.notEqual(onWeb, base);
    assert.ok(!haIds((await lintTemplate('t.yaml', onWeb)).findings).includes('MHA1003'));
    const onOther = base.replace('  Lt:\n    Type: AWS::EC2::LaunchTemplate\n', '  Lt:\n    Type: AWS::EC2::LaunchTemplate\n    Metadata:\n      moodle-ha:\n        ignore: [MHA1003]\n');
    assert.notEqual(onOther, base);
    assert.ok(haIds((await lintTemplate('t.yaml', onOther)).findings).includes('MHA1003'), 'ignored on another resource: still reported on Web');
  });

  it('the rules setting still turns a rule off (moodleHa.lint.rules, --rule)', async () => {
    const ids = haIds((await lintTemplate('t.yaml', stack(MIN_ONE), { rules: { MHA1003: 'off' } })).findings);
    assert.ok(!ids.includes('MHA1003') && ids.includes('MHA1101'), ids.join(', '));
  });

  it('a finding on a resource with a Condition says which condition it holds under', async () => {
    const text = stack(MIN_ONE).replace('  Web:\n    Type: AWS::AutoScaling::AutoScalingGroup\n', '  Web:\n    Type: AWS::AutoScaling::AutoScalingGroup\n    Condition: Production\n')
      .replace('Resources:\n', "Conditions:\n  Production: !Equals [!Ref 'AWS::Region', eu-west-1]\nResources:\n");
    const finding = (await lintTemplate('t.yaml', text)).findings.find((f) => f.ruleId === 'MHA1003');
    assert.ok(finding);
    assert.match(finding.message, /This holds when condition Production is true: Web has Condition: Production/);
  });
});

describe('lint: the web tier of a Moodle template that also runs helper groups (test/fixtures/stacks/moodle-with-helpers.yaml)', () => {
  it('takes the group that boots Moodle, sets ECS hosts, the bastion and the NAT instance aside, and follows its !If launch configuration', async () => {
    const result = await lintTemplate('moodle-with-helpers.yaml', readFixture('stacks', 'moodle-with-helpers.yaml'));
    const web = result.topology?.webTier;
    assert.ok(web?.found);
    assert.equal(web.asgLogicalId, 'MoodleNodes');
    assert.deepEqual(web.otherGroups?.filter((g) => !g.role.startsWith('not the web tier')), [
      { logicalId: 'ReportHosts', role: 'ECS container host' },
      { logicalId: 'BastionGroup', role: 'bastion host' },
      { logicalId: 'EgressRouter', role: 'NAT instance' },
    ]);
    const onHelpers = result.findings.filter((f) => f.source === 'Moodle HA' && ['ReportHosts', 'BastionGroup', 'EgressRouter', 'BastionLaunch', 'EgressRouterLaunch'].includes(String(f.path?.[1])));
    assert.deepEqual(onHelpers.map((f) => `${f.ruleId} ${f.message}`), []);
    const messages = result.findings.map((f) => `${f.ruleId} ${f.message}`);
    // Both branches of the !If: the ARM launch configuration allows IMDSv1, the other requires tokens.
    assert.ok(messages.some((m) => /^MHA1006 MoodleArmLaunch \(the group uses it when condition Arm is true\) allows IMDSv1/.test(m)), messages.join('\n'));
    assert.ok(!messages.some((m) => /^MHA1006 MoodleLaunch\b/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^MHA1005 .*MoodleArmLaunch \(when condition Arm is true\) and MoodleLaunch \(when condition Arm is false\)/.test(m)), messages.join('\n'));
    // The user data of either branch mentions the file system: it is mounted (no MHA2002).
    assert.ok(!messages.some((m) => m.startsWith('MHA2002')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('MHA1003')), 'MinSize 1 of the web tier is reported');
  });
});
