import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintTemplate } from '../../../../src/engine/lint/lint-template';
import { nodeTemplateFiles } from '../../../../src/engine/topology/stack-family/template-files';
import { fixturePath } from '../../../support/fixtures';

/**
 * MHA5007 on a project in the scaffold's layout: infra/moodle-ha.yaml (a CodeDeploy stack) beside
 * moodle/appspec.yml and its hook scripts, read from disk as the CLI and the editor read them.
 */
describe('lint: the project bundle\'s CodeDeploy hooks (MHA5007)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-hooks-'));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const APPSPEC = ['version: 0.0', 'os: linux', 'hooks:', '  AfterInstall:', '    - location: hooks/after-install.sh', '      runas: root', '  ValidateService:', '    - location: hooks/validate.sh'].join('\n');

  async function lintProject(name: string, hooks: Record<string, string>, appspec = APPSPEC) {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, 'infra'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'moodle', 'hooks'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'moodle', 'appspec.yml'), appspec);
    for (const [file, text] of Object.entries(hooks)) fs.writeFileSync(path.join(dir, 'moodle', file), text);
    const template = path.join(dir, 'infra', 'moodle-ha.yaml');
    fs.copyFileSync(fixturePath('ha', 'clean-ha.yaml'), template);
    const result = await lintTemplate(template, fs.readFileSync(template, 'utf8'), { files: nodeTemplateFiles() });
    return result.findings.filter((f) => f.ruleId === 'MHA5007');
  }

  it('an AfterInstall hook that installs and upgrades is an error at the deployment group, naming the script and both', async () => {
    const found = await lintProject('installs', {
      'hooks/after-install.sh': ['#!/bin/bash', 'if ! php admin/cli/upgrade.php --is-pending; then', '  php admin/cli/install_database.php --agree-license', 'fi', 'php admin/cli/upgrade.php --non-interactive'].join('\n'),
      'hooks/validate.sh': '#!/bin/bash\ncurl -fsS http://127.0.0.1/\n',
    });
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /^\.\.\/moodle\/hooks\/after-install\.sh \(the AfterInstall hook.*\) installs Moodle's database and runs Moodle's database upgrade/);
    assert.equal(found[0].path?.[1], 'DeploymentGroup', `reported at ${found[0].path?.join('.')}`);
  });

  it('hooks that only ask (--is-pending), comment or print the scripts are quiet', async () => {
    const found = await lintProject('asks', {
      'hooks/after-install.sh': ['#!/bin/bash', '# never run install_database.php here', 'php admin/cli/upgrade.php --is-pending', 'echo "run upgrade.php through moodle-ha site upgrade"'].join('\n'),
      'hooks/validate.sh': '#!/bin/bash\n',
    });
    assert.deepEqual(found, []);
  });

  it('a hook location outside the bundle is not read', async () => {
    const outside = path.join(root, 'outside.sh');
    fs.writeFileSync(outside, 'php admin/cli/install_database.php\n');
    const found = await lintProject('escapes', {}, ['version: 0.0', 'os: linux', 'hooks:', '  AfterInstall:', `    - location: ../${path.relative(path.join(root, 'escapes', 'moodle'), outside)}`].join('\n'));
    assert.deepEqual(found, []);
  });

  it('an appspec that is not YAML leaves the template linted, without MHA5007', async () => {
    const found = await lintProject('broken', { 'hooks/after-install.sh': 'php admin/cli/install_database.php\n' }, 'hooks: [unclosed');
    assert.deepEqual(found, []);
  });
});
