import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { resolveOptions } from '../../../src/engine/scaffold/options';
import { planScaffold, TEMPLATE_FILE } from '../../../src/engine/scaffold/plan';
import { writePlan } from '../../../src/engine/scaffold/write-plan';
import { toPlain } from '../../../src/engine/template/nodes';
import { TemplateModel } from '../../../src/engine/template/template-model';
import { motoCompatible } from './support/moto-compat';
import { MotoServer } from './support/moto-server';

const REGION = 'eu-west-1';

interface Resource { Type: string; Properties?: Record<string, unknown> }

/**
 * The session cache's failover lock sweep as the default (Redis) scaffold writes it, created in moto:
 * the SSM document, the function with its role, and the topic it listens on. Then the function's own
 * code (the template's ZipFile, run by python3 with boto3 against moto, as Lambda would run it) gets
 * the SNS deliveries ElastiCache sends: FailoverComplete must send the document to the web group
 * with the notification's time as PromotedAt, any other event must send nothing.
 */
describe('scaffold: the failover lock sweep in moto (integration: needs moto_server, python3 with boto3)', function () {
  this.timeout(180_000);
  let moto: MotoServer;
  let cfn: CloudFormationClient;
  let workDir: string;
  let plain: { Resources: Record<string, Resource> };
  let physical: (id: string) => string;

  before(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-lock-sweep-'));
    await writePlan(planScaffold(resolveOptions({})), workDir);
    const file = path.join(workDir, TEMPLATE_FILE);
    plain = toPlain(TemplateModel.parse(file, fs.readFileSync(file, 'utf8')).root) as typeof plain;
    moto = await MotoServer.start();
    cfn = new CloudFormationClient({ endpoint: moto.endpoint, region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
    const { template } = motoCompatible(plain as never);
    await cfn.send(new CreateStackCommand({ StackName: 'mha-sweep', TemplateBody: JSON.stringify(template), Capabilities: ['CAPABILITY_IAM'] }));
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'mha-sweep' }))).Stacks![0];
    assert.equal(stack.StackStatus, 'CREATE_COMPLETE');
    const resources = (await cfn.send(new DescribeStackResourcesCommand({ StackName: 'mha-sweep' }))).StackResources ?? [];
    physical = (id) => {
      const r = resources.find((x) => x.LogicalResourceId === id);
      assert.ok(r?.PhysicalResourceId, `${id} was not created`);
      return r.PhysicalResourceId;
    };
  });
  after(() => {
    moto?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("creates the sweep document, the function wired to it and the web group, and the session cache's events reach it", async () => {
    // ListDocuments, not DescribeDocument: moto keeps a document created by CloudFormation as an object and fails hashing it (HTTP 500).
    const documents = (await moto.json('ssm', REGION, 'AmazonSSM.ListDocuments', { Filters: [{ Key: 'Owner', Values: ['Self'] }] })) as { DocumentIdentifiers: Array<{ Name: string; DocumentType: string; SchemaVersion: string; Tags: Array<{ Key: string; Value: string }> }> };
    const document = documents.DocumentIdentifiers.find((d) => d.Name === physical('SessionLockSweepDocument'));
    assert.ok(document, 'the sweep document is listed');
    assert.deepEqual([document.DocumentType, document.SchemaVersion], ['Command', '2.2']);
    assert.equal(document.Tags.find((t) => t.Key === 'Name')?.Value, 'mha-sweep-ops-sweep-session-locks');
    const fn = (await moto.restJson('lambda', REGION, `/2015-03-31/functions/${physical('LockSweepFunction')}`)) as { Configuration: { Environment: { Variables: Record<string, string> }; Role: string } };
    assert.deepEqual(fn.Configuration.Environment.Variables, { SWEEP_DOCUMENT: physical('SessionLockSweepDocument'), WEB_GROUP: physical('WebAutoScalingGroup') });
    assert.match(fn.Configuration.Role, new RegExp(`role/${physical('LockSweepRole')}$`));
    const topic = await moto.query('sns', REGION, { Action: 'GetTopicAttributes', Version: '2010-03-31', TopicArn: physical('SessionFailoverTopic') });
    assert.match(topic, /<key>DisplayName<\/key>\s*<value>Moodle session cache events<\/value>/);
    // moto's CloudFormation creates neither ElastiCache nor SNS subscriptions: the rest of the wiring is read from the template.
    const props = (id: string) => plain.Resources[id].Properties!;
    assert.deepEqual(props('SessionCache').NotificationTopicArn, { Ref: 'SessionFailoverTopic' });
    assert.deepEqual([props('LockSweepSubscription').TopicArn, props('LockSweepSubscription').Protocol, props('LockSweepSubscription').Endpoint],
      [{ Ref: 'SessionFailoverTopic' }, 'lambda', { 'Fn::GetAtt': ['LockSweepFunction', 'Arn'] }]);
    assert.deepEqual([props('LockSweepInvokePermission').Principal, props('LockSweepInvokePermission').SourceArn], ['sns.amazonaws.com', { Ref: 'SessionFailoverTopic' }]);
  });

  it("the function's code sends the sweep to the web group on FailoverComplete, with the notification's time as PromotedAt, and nothing on other cache events", async () => {
    const code = (plain.Resources.LockSweepFunction.Properties!.Code as { ZipFile: string }).ZipFile;
    const handlerFile = path.join(workDir, 'index.py');
    fs.writeFileSync(handlerFile, code);
    const delivery = (message: Record<string, string>, timestamp: string) => ({ Records: [{ Sns: { Message: JSON.stringify(message), Timestamp: timestamp } }] });
    const events = [
      delivery({ 'ElastiCache:CacheNodeReplaceComplete': 'moodle-sessions-002' }, '2026-12-02T09:00:00.000Z'),
      { Records: [{ Sns: { Message: 'not json', Timestamp: '2026-12-02T09:00:01.000Z' } }] },
      delivery({ 'ElastiCache:FailoverComplete': 'moodle-sessions-002' }, '2026-12-02T09:15:30.250Z'),
    ];
    const run = spawnSync('python3', ['-c', 'import json, sys, index\nfor event in json.loads(sys.argv[1]):\n    index.handler(event, None)', JSON.stringify(events)], {
      cwd: workDir, encoding: 'utf8', timeout: 60_000,
      env: {
        PATH: process.env.PATH, AWS_ENDPOINT_URL: moto.endpoint, AWS_DEFAULT_REGION: REGION, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test',
        SWEEP_DOCUMENT: physical('SessionLockSweepDocument'), WEB_GROUP: physical('WebAutoScalingGroup'),
      },
    });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const listed = (await moto.json('ssm', REGION, 'AmazonSSM.ListCommands', {})) as { Commands: Array<{ DocumentName: string; Parameters: Record<string, string[]>; Targets: Array<{ Key: string; Values: string[] }>; MaxConcurrency: string }> };
    assert.equal(listed.Commands.length, 1, `one command for the one FailoverComplete: ${JSON.stringify(listed.Commands)}`);
    const [sent] = listed.Commands;
    assert.equal(sent.DocumentName, physical('SessionLockSweepDocument'));
    assert.deepEqual(sent.Targets, [{ Key: 'tag:aws:autoscaling:groupName', Values: [physical('WebAutoScalingGroup')] }]);
    assert.deepEqual(sent.Parameters.PromotedAt, [String(Date.parse('2026-12-02T09:15:30.250Z'))]);
    // The document's own pattern for the parameter: what the function sends, SSM accepts.
    const parameter = (plain.Resources.SessionLockSweepDocument.Properties!.Content as { parameters: { PromotedAt: { allowedPattern: string } } }).parameters.PromotedAt;
    assert.match(sent.Parameters.PromotedAt[0], new RegExp(parameter.allowedPattern));
    assert.equal(sent.MaxConcurrency, '1');
  });
});
