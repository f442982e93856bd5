import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeployState } from '../../../../src/engine/deploy/deploy-state';

describe('deploy state (security review MEDIUM-6)', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-state-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("lives in the user's config folder, not in the workspace", () => {
    const state = DeployState.forUser({ XDG_CONFIG_HOME: path.join(dir, 'config'), HOME: path.join(dir, 'home') });
    assert.equal(state.file, path.join(dir, 'config', 'moodle-ha', 'deploy-state.json'));
    assert.equal(DeployState.forUser({ HOME: path.join(dir, 'home') }).file, path.join(dir, 'home', '.config', 'moodle-ha', 'deploy-state.json'));
  });

  it("ignores the old workspace file's shape (a committed .moodle-ha/deploy-state.json steers nothing)", () => {
    const file = path.join(dir, 'deploy-state.json');
    fs.writeFileSync(file, JSON.stringify({ stacks: { prod: { parameters: { AdminCidr: '0.0.0.0/0' } } }, templateBuckets: { 'us-east-1': 'someone-elses-bucket' } }));
    const scope = new DeployState(file).scope('123456789012', 'us-east-1');
    assert.deepEqual(scope.rememberedParameters('prod'), {});
    assert.equal(scope.templateBucket(), undefined);
  });

  it('keeps accounts and regions apart, writes the file for the user only, and never NoEcho values', () => {
    const state = new DeployState(path.join(dir, 'sub', 'deploy-state.json'));
    state.scope('111111111111', 'eu-west-1').rememberParameters('web', { Env: 'prod', Secret: 'x' }, new Set(['Secret']), '/t.yaml');
    state.scope('111111111111', 'eu-west-1').rememberTemplateBucket('b-eu');
    assert.deepEqual(state.scope('111111111111', 'eu-west-1').rememberedParameters('web'), { Env: 'prod' });
    assert.deepEqual(state.scope('222222222222', 'eu-west-1').rememberedParameters('web'), {});
    assert.deepEqual(state.scope('111111111111', 'us-east-1').rememberedParameters('web'), {});
    assert.equal(state.scope('111111111111', 'us-east-1').templateBucket(), undefined);
    assert.equal(state.scope('111111111111', 'eu-west-1').templateBucket(), 'b-eu');
    assert.equal(state.stackNameFor('/t.yaml'), 'web');
    assert.equal(fs.statSync(state.file).mode & 0o077, 0);
    assert.ok(!fs.readFileSync(state.file, 'utf8').includes('"x"'));
  });

  it('a stack named like an Object property is just a name', () => {
    const state = new DeployState(path.join(dir, 'deploy-state.json'));
    assert.deepEqual(state.scope('1', 'r').rememberedParameters('constructor'), {});
    assert.deepEqual(state.scope('1', 'r').rememberedParameters('__proto__'), {});
  });
});
