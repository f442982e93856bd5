import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../../src/cli/run-cli';

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['scaffold', ...args], { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd, env: {}, signal: new AbortController().signal });
  return { code, out, err };
}

describe('cli: moodle-ha scaffold', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-cli-scaffold-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('without --yes or --config says what it needs and writes nothing', async () => {
    const r = await cli(['--out', 'p'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /--config options\.json .* or --yes/);
    assert.ok(!fs.existsSync(path.join(dir, 'p')));
  });

  it('--yes writes the default project; --config with --format cdk adds the CDK app', async () => {
    const r = await cli(['--out', 'p', '--yes'], dir);
    assert.equal(r.code, 0, r.err);
    assert.ok(fs.existsSync(path.join(dir, 'p/infra/moodle-ha.yaml')));
    assert.match(r.out, /DEMO MODE/);
    fs.writeFileSync(path.join(dir, 'answers.json'), JSON.stringify({ projectName: 'campus', database: { engine: 'postgres' } }));
    const cdk = await cli(['--out', 'q', '--config', 'answers.json', '--format', 'cdk'], dir);
    assert.equal(cdk.code, 0, cdk.err);
    assert.ok(fs.existsSync(path.join(dir, 'q/cdk.json')));
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'q/moodle-ha.options.json'), 'utf8')).database.engine, 'postgres');
  });

  it('refuses to overwrite changed files unless --force, listing them', async () => {
    await cli(['--out', 'p', '--yes'], dir);
    fs.writeFileSync(path.join(dir, 'p/README.md'), 'my notes');
    const refused = await cli(['--out', 'p', '--yes'], dir);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /README\.md/);
    assert.equal(fs.readFileSync(path.join(dir, 'p/README.md'), 'utf8'), 'my notes');
    const forced = await cli(['--out', 'p', '--yes', '--force'], dir);
    assert.equal(forced.code, 0);
    assert.match(forced.out, /README\.md {2}\(overwritten\)/);
  });

  it('reports every invalid answer with its field', async () => {
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ web: { minSize: 5, maxSize: 3 }, domain: { name: 'm.example.edu', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3' } }));
    const r = await cli(['--out', 'p', '--config', 'bad.json'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /web\.maxSize/);
    assert.match(r.err, /domain\.certificateArn: The certificate is in us-east-1/);
    assert.ok(!fs.existsSync(path.join(dir, 'p')));
  });
});
