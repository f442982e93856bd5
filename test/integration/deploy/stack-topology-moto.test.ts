import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudFormationClient, CreateStackCommand, ListStackResourcesCommand, UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { runCli } from '../../../src/cli/run-cli';
import { resolveOptions } from '../../../src/engine/scaffold/options';
import { renderTemplateJson } from '../../../src/engine/scaffold/cfn/render-template';
import { drawDeployedStack } from '../../../src/engine/topology/draw/deployed-stack-picture';
import { motoCredentialsInEnv, startMoto, MOTO_CREDENTIALS, type MotoServer } from '../../support/moto';
import { assertWellFormedSvg } from '../../support/svg-checks';
import { motoCompatible } from '../scaffold/support/moto-compat';

const REGION = 'eu-west-1';

/** The scaffolded template (RDS MySQL: moto cannot create Aurora), created in moto for real, drawn from what moto reports. */
describe('deployed stack topology against moto (moto_server on 127.0.0.1)', function () {
  this.timeout(120_000);
  let moto: MotoServer;
  let cfn: CloudFormationClient;
  let dir: string;
  let restoreEnv: () => void;
  before(async () => {
    moto = await startMoto();
    restoreEnv = motoCredentialsInEnv();
    cfn = new CloudFormationClient({ endpoint: moto.endpoint, region: REGION, credentials: MOTO_CREDENTIALS });
  });
  after(async () => {
    await moto?.stop();
    restoreEnv();
  });
  beforeEach(async () => { await moto.reset(); dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-stack-topology-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function createScaffoldStack(name: string): Promise<void> {
    const options = resolveOptions({ database: { engine: 'mysql', instanceClass: 'db.r6g.large' } });
    const { template } = motoCompatible(JSON.parse(renderTemplateJson(options)));
    await cfn.send(new CreateStackCommand({ StackName: name, TemplateBody: JSON.stringify(template), Capabilities: ['CAPABILITY_IAM'] }));
  }

  async function everyResource(name: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    let token: string | undefined;
    do {
      const page = await cfn.send(new ListStackResourcesCommand({ StackName: name, NextToken: token }));
      // moto lists one summary with an empty logical id (not a template resource); DescribeStackResources has none.
      for (const r of page.StackResourceSummaries ?? []) if (r.LogicalResourceId) out.set(r.LogicalResourceId, r.ResourceStatus!);
      token = page.NextToken;
    } while (token);
    return out;
  }

  it('draws each part with the status moto reports, and counts every resource of the stack', async () => {
    await createScaffoldStack('pic1');
    const picture = await drawDeployedStack(cfn, 'pic1', { region: REGION });
    const { texts } = assertWellFormedSvg(picture.svg);
    const expected = await everyResource('pic1');
    assert.ok(expected.size > 20, `moto created the stack's resources (${expected.size})`);
    assert.equal(picture.stackStatus, 'CREATE_COMPLETE');
    assert.deepEqual(new Map(Object.entries(picture.resources).map(([id, s]) => [id, s.status])), expected, 'every resource with its status');
    const lines = texts.map((t) => t.text);
    for (const part of ['Application Load Balancer', 'Auto Scaling group', 'EFS', 'RDS']) {
      assert.ok(lines.some((l) => l.startsWith('✔ CREATE_COMPLETE · ') && l.includes(part)), `${part} is marked complete in words: ${lines.join(' | ')}`);
    }
    assert.ok(lines.includes(`${expected.size} resource(s) in the stack: ✔ ${expected.size} complete`), 'the footer counts them');
    assert.match(picture.svg, /CREATE_COMPLETE · eu-west-1/, 'the stack status and region under the title');
    assert.doesNotMatch(picture.svg, /stroke-width="3"/, 'nothing drawn as failed');
  });

  it('moodle-ha topology --stack writes the picture; an unknown stack is refused with the next step', async () => {
    await createScaffoldStack('pic2');
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_PROFILE: '' };
    const cli = async (...argv: string[]) => {
      let out = '', err = '';
      const code = await runCli(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: dir, env, signal: new AbortController().signal });
      return { code, out, err };
    };
    const target = ['--region', REGION, '--endpoint-url', moto.endpoint];
    const ok = await cli('topology', '--stack', 'pic2', '--out', 'stack.html', ...target);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /stack\.html: stack pic2 CREATE_COMPLETE; \d+ resource\(s\), 0 not complete/);
    const html = fs.readFileSync(path.join(dir, 'stack.html'), 'utf8');
    assert.match(html, /✔ CREATE_COMPLETE · Application Load Balancer/);

    const missing = await cli('topology', '--stack', 'nope', '--out', 'nope.svg', ...target);
    assert.equal(missing.code, 2, missing.err);
    assert.match(missing.err, /no stack named 'nope' in eu-west-1/);
    assert.match(missing.err, /moodle-ha stacks/);
    assert.ok(!fs.existsSync(path.join(dir, 'nope.svg')), 'no picture for a stack that does not exist');
  });

  it('after an update, the parts show what moto reports for them (UPDATE_COMPLETE)', async () => {
    await createScaffoldStack('pic3');
    const before = await everyResource('pic3');
    const options = resolveOptions({ database: { engine: 'mysql', instanceClass: 'db.r6g.large' } });
    const { template } = motoCompatible(JSON.parse(renderTemplateJson(options)));
    // A parameter value, not the template's default (6): the picture must read the stack's own values.
    await cfn.send(new UpdateStackCommand({ StackName: 'pic3', TemplateBody: JSON.stringify(template), Capabilities: ['CAPABILITY_IAM'], Parameters: [{ ParameterKey: 'WebMaxSize', ParameterValue: '8' }] }));
    const after = await everyResource('pic3');
    const picture = await drawDeployedStack(cfn, 'pic3', { region: REGION });
    assert.equal(picture.stackStatus, 'UPDATE_COMPLETE');
    assert.deepEqual(new Map(Object.entries(picture.resources).map(([id, s]) => [id, s.status])), after);
    assert.ok(before.size > 0);
    assert.match(picture.svg, /min 2 \/ desired 2 \/ max 8/, 'the sizes are the stack\'s parameter values');
  });
});
