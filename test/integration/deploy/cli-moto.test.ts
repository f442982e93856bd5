import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/run-cli';
import { motoCredentialsInEnv, startMoto, type MotoServer } from '../../support/moto';
import { webTemplate } from './templates';

describe('moodle-ha deploy / stacks / delete CLI against moto (moto_server on 127.0.0.1)', function () {
  this.timeout(60_000);
  let moto: MotoServer;
  let dir: string;
  let restoreEnv: () => void;
  before(async () => {
    moto = await startMoto();
    restoreEnv = motoCredentialsInEnv();
  });
  after(async () => {
    await moto?.stop();
    restoreEnv();
  });
  beforeEach(async () => { await moto.reset(); dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-cli-')); fs.writeFileSync(path.join(dir, 'web.yaml'), webTemplate()); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    // The deploy state is the user's (XDG_CONFIG_HOME), never the workspace's: kept inside the test's folder.
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_PROFILE: '', XDG_CONFIG_HOME: path.join(dir, 'user-config') };
    const code = await runCli(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: dir, env, signal: new AbortController().signal });
    return { code, out, err };
  }
  const target = () => ['--region', 'us-east-1', '--endpoint-url', moto.endpoint];

  it('deploys with --yes, printing the change set on stdout and progress on stderr; lists; deletes', async () => {
    const deployed = await cli('deploy', '--stack', 'cli-site', '--template', 'web.yaml', '--param', 'Env=prod', '--no-validator', '--yes', ...target());
    assert.equal(deployed.code, 0, deployed.err);
    assert.match(deployed.out, /\+ Add\s+Files\s+AWS::S3::Bucket/);
    assert.match(deployed.out, /Env = prod/);
    assert.match(deployed.out, /DbPassword = \*\*\*\*/);
    assert.match(deployed.out, /Stack cli-site: CREATE_COMPLETE/);
    assert.ok(!(deployed.out + deployed.err).includes('not-a-real-secret-1'), 'a NoEcho value was printed');
    assert.ok(fs.existsSync(path.join(dir, 'user-config', 'moodle-ha', 'deploy-state.json')), 'the state is kept per user');
    assert.ok(!fs.existsSync(path.join(dir, '.moodle-ha', 'deploy-state.json')), 'and not in the workspace');

    const listed = await cli('stacks', ...target());
    assert.equal(listed.code, 0);
    assert.match(listed.out, /^\* cli-site\s+CREATE_COMPLETE/m);

    const deleted = await cli('delete', '--stack', 'cli-site', '--yes', ...target());
    assert.equal(deleted.code, 0, deleted.err);
    assert.match(deleted.out, /Files \(AWS::S3::Bucket\): DeletionPolicy Retain/);
    assert.match(deleted.out, /Deleted cli-site/);
  });

  it('without a terminal or --yes, shows the change set and executes nothing', async () => {
    // Run from a terminal, mocha's stdin is one: hide it, or the question would wait for an answer.
    const tty = Object.getOwnPropertyDescriptor(process.stdin, 'isTTY');
    Object.defineProperty(process.stdin, 'isTTY', { value: false, configurable: true });
    const r = await cli('deploy', '--stack', 'cli-site', '--template', 'web.yaml', '--no-validator', ...target());
    if (tty) Object.defineProperty(process.stdin, 'isTTY', tty); else delete (process.stdin as { isTTY?: boolean }).isTTY;
    assert.equal(r.code, 1);
    assert.match(r.err, /answering no/);
    const listed = await cli('stacks', '--json', ...target());
    assert.deepEqual(JSON.parse(listed.out), []);
  });

  it('refuses to deploy without a region, saying how to give one', async () => {
    const r = await cli('deploy', '--stack', 'x', '--template', 'web.yaml', '--endpoint-url', moto.endpoint);
    assert.equal(r.code, 2);
    assert.match(r.err, /No AWS region/);
  });
});
