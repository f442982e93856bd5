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
