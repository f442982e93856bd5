import * as assert from 'node:assert/strict';
import { CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetDocumentCommand, ListCommandsCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildTemplate } from '../../../src/engine/scaffold/cfn/build-template';
import { toPlain } from '../../../src/engine/scaffold/cfn/intrinsics';
import { CODE_DIR } from '../../../src/engine/scaffold/cfn/node-paths';
import { resolveOptions } from '../../../src/engine/scaffold/options';
import { parse as parseYaml } from 'yaml';
import { ssmParameterProblems } from '../../support/ssm-parameters';
import { createAwsClientFactory, type AwsClientFactory } from '../../../src/engine/deploy/aws-clients';
import { runSiteOperation, type SiteOperationMessage } from '../../../src/engine/deploy/ops/site-operation';
import { MOTO_CREDENTIALS, startMoto, type MotoServer } from '../../support/moto';
import { DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Journal } from '../../../src/engine/migrate/journal';
import { takeFromFiles } from '../../../src/engine/migrate/take/take-files';
import { CUTOVER_STEP, restoreOnStack } from '../../../src/engine/migrate/cutover/restore-on-stack';
import { silentLogger } from '../../../src/engine/common/logger';
import { writeSiteOnDisk } from '../../support/site-on-disk';

/**
 * The scaffolded template's own SSM documents (what `moodle-ha scaffold` generates, not a copy
 * written for this test), without their Tags, which name parameters this small stack lacks.
 */
function generatedDocuments(): Record<string, unknown> {
  const template = toPlain(buildTemplate(resolveOptions({})) as never) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
  const documents: Record<string, unknown> = {};
  for (const id of ['InstallDocument', 'UpgradeDocument', 'CodeVersionDocument', 'MigrateRestoreDocument']) {
    const { Tags: _tags, ...properties } = template.Resources[id].Properties;
    documents[id] = { Type: template.Resources[id].Type, Properties: properties };
  }
  return documents;
}

/** A stack like the scaffolded one, as far as the site operations read it: its SSM documents and a web ASG. */
function stackTemplate(documents: 'all' | 'no-code-version' | 'none' = 'all'): string {
  const all = generatedDocuments();
  const chosen = documents === 'none' ? {} : documents === 'all' ? all : { InstallDocument: all.InstallDocument, UpgradeDocument: all.UpgradeDocument };
  const outputs = Object.fromEntries(Object.keys(chosen).map((id) => [`${id}Name`, { Value: { Ref: id } }]));
  return JSON.stringify({
    Resources: {
      // The migration's restore document names the stack's artifact bucket.
      ...(documents === 'all' ? { ArtifactBucket: { Type: 'AWS::S3::Bucket' } } : {}),
      WebLaunchTemplate: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: 'ami-12c6146b', InstanceType: 't3.large' } } },
      WebGroup: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: { MinSize: '2', MaxSize: '4', DesiredCapacity: '2', AvailabilityZones: ['us-east-1a', 'us-east-1b'], LaunchTemplate: { LaunchTemplateId: { Ref: 'WebLaunchTemplate' }, Version: { 'Fn::GetAtt': ['WebLaunchTemplate', 'LatestVersionNumber'] } } },
      },
      ...chosen,
    },
    Outputs: outputs,
  });
}

/** What one web server holds, for the CodeVersionDocument's script to read. */
interface NodeFiles { version?: string; deployment?: string }

/**
 * moto as strict as SSM where these tests need it (moto accepts any SendCommand and runs nothing):
 * SendCommand's Parameters are checked against the document moto stored (from the generated
 * template), and an InvalidParameters error is thrown as SSM would; the CodeVersionDocument's
 * real script (from the template) runs in bash against a directory per instance, and its output
 * replaces moto's empty one. Returns what was sent.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's middleware is generic over every command and its input; this stand-in reads any of them */
function strictSsm(clients: AwsClientFactory, nodes: Record<string, NodeFiles> = {}): { sent: Array<Record<string, any>>; dir: string } {
  const sent: Array<Record<string, any>> = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-site-op-'));
  const documentOf = new Map<string, string>();
  clients.ssm().middlewareStack.remove('strictSsm'); // one stand-in at a time
  clients.ssm().middlewareStack.add((next: any, context: any) => async (args: any) => {
    const input = args.input as Record<string, any>;
    if (context.commandName === 'SendCommandCommand') {
      const doc = await clients.ssm().send(new GetDocumentCommand({ Name: input.DocumentName }));
      // moto names a template's documents by a UUID: tell them apart by their step (install, upgrade, code-version).
      const step = (parseYaml(doc.Content ?? '') as { mainSteps: Array<{ name: string }> }).mainSteps[0].name;
      sent.push({ ...input, step });
      const problems = ssmParameterProblems(doc.Content ?? '', input.Parameters);
      if (problems.length) throw Object.assign(new Error(`InvalidParameters: ${problems.join('; ')}`), { name: 'InvalidParameters', $fault: 'client' });
      const result = await next(args);
      documentOf.set(result.output.Command.CommandId, step);
      return result;
    }
    const result = await next(args);
    if (context.commandName === 'GetCommandInvocationCommand' && documentOf.get(input.CommandId) === 'code-version') {
      result.output.StandardOutputContent = runCodeVersionScript(dir, input.InstanceId, nodes[input.InstanceId] ?? {});
    }
    return result;
  }, { step: 'initialize', name: 'strictSsm' });
  return { sent, dir };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function runCodeVersionScript(dir: string, instanceId: string, files: NodeFiles): string {
  const root = path.join(dir, instanceId);
  fs.mkdirSync(path.join(root, 'code'), { recursive: true });
  fs.mkdirSync(path.join(root, 'state'), { recursive: true });
  // As Moodle writes it: "$version  = 2025041400.00;  // YYYYMMDD ...".
  if (files.version) fs.writeFileSync(path.join(root, 'code', 'version.php'), `<?php\ndefined('MOODLE_INTERNAL') || die();\n$version  = ${files.version};              // YYYYMMDD      = weekly release date of this DEV branch.\n$release  = '5.0 (Build: 20250414)';\n`);
  if (files.deployment) fs.writeFileSync(path.join(root, 'state', 'deployed-revision'), `deployment=${files.deployment}\n`);
  const content = (generatedDocuments().CodeVersionDocument as { Properties: { Content: { mainSteps: Array<{ inputs: { runCommand: string[] } }> } } }).Properties.Content;
  const script = content.mainSteps[0].inputs.runCommand.join('\n').replaceAll(CODE_DIR, path.join(root, 'code')).replaceAll('/var/lib/moodle-ha', path.join(root, 'state'));
  const run = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

describe('moodle-ha site install|upgrade: the stack\'s SSM document on one web server (moto_server on 127.0.0.1)', function () {
  this.timeout(90_000);
  let moto: MotoServer;
  let clients: AwsClientFactory;
  before(async () => { moto = await startMoto(); });
  after(async () => { await moto?.stop(); });
  beforeEach(async () => {
    await moto.reset();
    clients = createAwsClientFactory({ region: 'us-east-1', endpointUrl: moto.endpoint, credentials: MOTO_CREDENTIALS });
  });

  it('sends the install document to exactly one running web server of the stack and follows it to Success', async () => {
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'school', TemplateBody: stackTemplate() }));
    // What we ask SSM for, as sent: moto's ListCommands adds every instance of the region to a
    // command sent without Targets, so it cannot show that only one was asked for.
    const { sent } = strictSsm(clients);
    const messages: SiteOperationMessage[] = [];
    const outcome = await runSiteOperation(clients, { stackName: 'school', operation: 'install', emit: (m) => messages.push(m), pollIntervalMs: 0 });
    assert.equal(outcome.status, 'Success');
    const target = messages.find((m) => m.kind === 'target') as Extract<SiteOperationMessage, { kind: 'target' }>;
    assert.equal(target.candidates, 2, 'both web servers were candidates');
    const listed = await clients.ssm().send(new ListCommandsCommand({}));
    assert.equal(listed.Commands?.length, 1);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].InstanceIds, [outcome.instanceId], 'one instance only');
    assert.equal(sent[0].Targets, undefined);
    assert.equal(listed.Commands![0].DocumentName, target.document);
    assert.equal(sent[0].Parameters, undefined, 'no ResetPartial unless asked');
    assert.ok(messages.some((m) => m.kind === 'status' && m.status === 'Success'));
  });

  it('every parameter the CLI sends is declared by the generated document it targets (SSM would answer InvalidParameters)', async () => {
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'school', TemplateBody: stackTemplate() }));
    const { sent } = strictSsm(clients);
    await runSiteOperation(clients, { stackName: 'school', operation: 'install', resetPartial: true, emit: () => undefined, pollIntervalMs: 0 });
    assert.deepEqual(sent[0].Parameters, { ResetPartial: ['yes'] });
    const [install] = (await clients.ssm().send(new ListCommandsCommand({}))).Commands!;
    assert.deepEqual(install.Parameters, { ResetPartial: ['yes'] });
    // The same check refuses what SSM refuses: ResetPartial sent to the upgrade document, which has no parameters.
    const upgradeDocument = (await describeOutputs(clients, 'school')).UpgradeDocumentName;
    await assert.rejects(clients.ssm().send(new SendCommandCommand({ DocumentName: upgradeDocument, InstanceIds: install.InstanceIds!.slice(0, 1), Parameters: { ResetPartial: ['yes'] } })),
      /InvalidParameters: ResetPartial is not a parameter of the document/);
    await assert.rejects(runSiteOperation(clients, { stackName: 'school', operation: 'upgrade', resetPartial: true, emit: () => undefined }), /--reset-partial applies to site install only/);
  });

  it('the migration\'s restore: the MigrateRestoreDocument with the Prefix it declares; a prefix outside its pattern is refused by SSM, a prefix without the restore by us', async () => {
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'school', TemplateBody: stackTemplate() }));
    const { sent } = strictSsm(clients);
    const outcome = await runSiteOperation(clients, { stackName: 'school', operation: 'migrate-restore', prefix: 'migrate/school', emit: () => undefined, pollIntervalMs: 0 });
    assert.equal(outcome.status, 'Success');
    assert.equal(sent.length, 1);
    assert.equal(sent[0].step, 'migrate-restore');
    assert.deepEqual(sent[0].Parameters, { Prefix: ['migrate/school'] });
    assert.deepEqual(sent[0].InstanceIds, [outcome.instanceId], 'one web server restores');
    await assert.rejects(runSiteOperation(clients, { stackName: 'school', operation: 'migrate-restore', prefix: 'migrate/x" ; rm -rf /', emit: () => undefined, pollIntervalMs: 0 }),
      /does not match/);
    await assert.rejects(runSiteOperation(clients, { stackName: 'school', operation: 'install', prefix: 'migrate/school', emit: () => undefined }), /only with it/);
    assert.equal(sent.length, 2, 'the refused prefix reached SSM once, the misplaced one never');
  });

  it('migrate cutover: the taken site uploaded to the stack\'s bucket and restored there by its document; run again, neither is repeated', async () => {
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'school', TemplateBody: stackTemplate() }));
    const resources = await clients.cloudFormation().send(new DescribeStackResourcesCommand({ StackName: 'school' }));
    const bucket = resources.StackResources!.find((r) => r.LogicalResourceId === 'ArtifactBucket')!.PhysicalResourceId!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-cutover-'));
    const ctx = () => ({ journal: Journal.open(path.join(dir, 'work')), logger: silentLogger, progress: () => undefined });
    const inv = await takeFromFiles(ctx(), writeSiteOnDisk(path.join(dir, 'site'), { files: 5 }));
    const s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: MOTO_CREDENTIALS });
    let s3Requests = 0;
    s3.middlewareStack.add((next) => async (args) => { s3Requests++; return next(args); }, { step: 'initialize', name: 'countS3' });
    const { sent } = strictSsm(clients);
    const request = { stackName: 'school', bucket, account: '123456789012', name: 'school', s3, aws: clients, emit: () => undefined, pollIntervalMs: 0 };
    const first = await restoreOnStack(ctx(), inv, request);
    assert.equal(first.upload.uploaded, 7, 'the dump, 5 pool files and the language file');
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'migrate/school/manifest.json' }));
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0].Parameters, { Prefix: ['migrate/school'] });
    assert.deepEqual(ctx().journal.steps().slice(-2), [CUTOVER_STEP.upload, CUTOVER_STEP.restore]);

    s3Requests = 0;
    const again = await restoreOnStack(ctx(), inv, request);
    assert.equal(s3Requests, 0, 'nothing uploaded or listed again');
    assert.equal(sent.length, 1, 'the document is not sent again');
    assert.deepEqual(again.restore, first.restore);
    await assert.rejects(restoreOnStack(ctx(), inv, { ...request, name: '../other' }), /cannot be a key prefix/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('site upgrade asks every running web server for its code first, then upgrades on the named one', async () => {
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'school', TemplateBody: stackTemplate() }));
    const ids = await webInstanceIds(clients);
    const { sent } = strictSsm(clients, Object.fromEntries(ids.map((id) => [id, { version: '2025041400.02', deployment: 'd-NEW0000001' }])));
    const messages: SiteOperationMessage[] = [];
    const up = await runSiteOperation(clients, { stackName: 'school', operation: 'upgrade', instanceId: ids[1], emit: (m) => messages.push(m), pollIntervalMs: 0 });
    assert.equal(up.instanceId, ids[1]);
    assert.deepEqual(sent.map((c) => [c.step, [...c.InstanceIds].sort()]), [['code-version', ids], ['upgrade', [ids[1]]]], 'the version question to both, the upgrade to one');
    const fleet = messages.find((m) => m.kind === 'fleet') as Extract<SiteOperationMessage, { kind: 'fleet' }>;
    assert.equal(fleet.codeVersion, '2025041400.02');
    assert.equal(fleet.deployment, 'd-NEW0000001');
    assert.equal(fleet.nodes.length, 2);
    assert.match(fleet.notChecked.join('\n'), /deployment group's last deployment \(the stack has no CodeDeployApplicationName\/DeploymentGroupName output\)/);
    await assert.rejects(runSiteOperation(clients, { stackName: 'school', operation: 'upgrade', instanceId: 'i-0000000000000000f', emit: () => undefined, pollIntervalMs: 0 }), /Instance i-0000000000000000f is not a running web server of stack school/);
  });

  it('site upgrade refuses, sending no upgrade, when a web server still runs the old code or another deployment', async () => {
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'school', TemplateBody: stackTemplate() }));
    const [a, b] = await webInstanceIds(clients);
    const { sent } = strictSsm(clients, { [a]: { version: '2025041400.02', deployment: 'd-NEW0000001' }, [b]: { version: '2025041400.00', deployment: 'd-OLD0000001' } });
    await assert.rejects(runSiteOperation(clients, { stackName: 'school', operation: 'upgrade', emit: () => undefined, pollIntervalMs: 0 }), (e: Error & { nextStep?: string }) => {
      assert.match(e.message, /Not upgrading school: the deployment has not reached every web server/);
      assert.match(e.message, new RegExp(`different code versions: 2025041400.02 on ${a}; 2025041400.00 on ${b}`));
      assert.match(e.message, /different deployments: d-NEW0000001/);
      assert.match(e.nextStep ?? '', /Nothing was changed/);
      return true;
    });
    assert.deepEqual(sent.map((c) => c.step), ['code-version'], 'no upgrade sent');
    // A node without code at all is refused too.
    const second = strictSsm(clients, { [a]: { version: '2025041400.02' } });
    await assert.rejects(runSiteOperation(clients, { stackName: 'school', operation: 'upgrade', emit: () => undefined, pollIntervalMs: 0 }), new RegExp(`${b} has no Moodle code yet`));
    assert.equal(second.sent.length, 1);
  });

  it('a stack scaffolded before the fleet check: site upgrade says it did not check, and upgrades', async () => {
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'school', TemplateBody: stackTemplate('no-code-version') }));
    strictSsm(clients);
    const messages: SiteOperationMessage[] = [];
    const up = await runSiteOperation(clients, { stackName: 'school', operation: 'upgrade', emit: (m) => messages.push(m), pollIntervalMs: 0 });
    assert.equal(up.status, 'Success');
    const unchecked = messages.find((m) => m.kind === 'fleet-unchecked') as Extract<SiteOperationMessage, { kind: 'fleet-unchecked' }>;
    assert.match(unchecked.reason, /no CodeVersionDocumentName output .* nothing confirmed that every web server runs the new code/);
  });

  it('says what to do when the stack has no such document, or does not exist, and sends nothing', async () => {
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'old', TemplateBody: stackTemplate('none') }));
    await assert.rejects(runSiteOperation(clients, { stackName: 'old', operation: 'upgrade', emit: () => undefined }), (e: Error & { nextStep?: string }) => {
      assert.match(e.message, /no UpgradeDocumentName output/);
      assert.match(e.nextStep ?? '', /Scaffold the template again/);
      return true;
    });
    await assert.rejects(runSiteOperation(clients, { stackName: 'nope', operation: 'install', emit: () => undefined }), /There is no stack named nope/);
    assert.equal((await clients.ssm().send(new ListCommandsCommand({}))).Commands?.length ?? 0, 0);
  });
});

async function describeOutputs(clients: AwsClientFactory, stackName: string): Promise<Record<string, string>> {
  const { Stacks } = await clients.cloudFormation().send(new DescribeStacksCommand({ StackName: stackName }));
  return Object.fromEntries((Stacks?.[0].Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

/** The running instances moto's Auto Scaling group launched, sorted. */
async function webInstanceIds(clients: AwsClientFactory): Promise<string[]> {
  const { Reservations } = await clients.ec2().send(new DescribeInstancesCommand({ Filters: [{ Name: 'instance-state-name', Values: ['running'] }] }));
  return (Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId!).sort();
}

describe('moodle-ha site: progress and cancel while the command runs (moto + a scripted SSM)', function () {
  this.timeout(90_000);
  let moto: MotoServer;
  before(async () => { moto = await startMoto(); });
  after(async () => { await moto?.stop(); });

  /**
   * moto's SendCommand is Success the moment it is sent, so it cannot show a command in progress;
   * this SSM stand-in (CloudFormation and EC2 stay moto) answers Pending, InProgress, … in turn,
   * and records CancelCommand, which moto does not implement.
   */
  function scriptedSsm(statuses: string[], final: { ResponseCode?: number; StandardOutputContent?: string } = {}) {
    const calls: string[] = [];
    let polls = 0;
    const client = {
      send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
        calls.push(command.constructor.name);
        if (command.constructor.name === 'SendCommandCommand') return { Command: { CommandId: 'cmd-1' } };
        if (command.constructor.name === 'CancelCommandCommand') return {};
        if (polls === 0) { polls++; throw Object.assign(new Error('not yet'), { name: 'InvocationDoesNotExist' }); }
        const status = statuses[Math.min(polls++ - 1, statuses.length - 1)];
        return { Status: status, StatusDetails: status, ...(status === statuses[statuses.length - 1] ? final : {}) };
      },
    };
    return { client, calls };
  }

  async function stackClients(ssm: unknown): Promise<AwsClientFactory> {
    await moto.reset();
    const real = createAwsClientFactory({ region: 'us-east-1', endpointUrl: moto.endpoint, credentials: MOTO_CREDENTIALS });
    // Without the CodeVersionDocument: these tests follow the one operation command; the fleet check has its own tests above.
    await real.cloudFormation().send(new CreateStackCommand({ StackName: 'school', TemplateBody: stackTemplate('no-code-version') }));
    return { ...real, ssm: () => ssm as never };
  }

  it('reports each status change, and explains a failing exit code (3: code older than the database)', async () => {
    const { client } = scriptedSsm(['Pending', 'InProgress', 'InProgress', 'Failed'], { ResponseCode: 3, StandardOutputContent: 'moodle-ha: STOP' });
    const clients = await stackClients(client);
    const statuses: string[] = [];
    const outcome = await runSiteOperation(clients, { stackName: 'school', operation: 'upgrade', pollIntervalMs: 0, emit: (m) => { if (m.kind === 'status') statuses.push(m.status); } });
    assert.deepEqual(statuses, ['Pending', 'InProgress', 'Failed'], 'each change once, the not-yet-existing invocation as Pending');
    assert.equal(outcome.exitCode, 3);
    assert.equal(outcome.output, 'moodle-ha: STOP');
    assert.match(outcome.explanation ?? '', /older than the database: Moodle cannot downgrade/);
  });

  it('cancelling stops following and cancels the command on the instance', async () => {
    const { client, calls } = scriptedSsm(['InProgress']);
    const clients = await stackClients(client);
    const controller = new AbortController();
    const messages: SiteOperationMessage[] = [];
    const running = runSiteOperation(clients, {
      stackName: 'school', operation: 'install', pollIntervalMs: 0, signal: controller.signal,
      emit: (m) => { messages.push(m); if (m.kind === 'status' && m.status === 'InProgress') controller.abort(); },
    });
    await assert.rejects(running, (e: Error) => e.name === 'AbortError');
    assert.ok(calls.includes('CancelCommandCommand'), 'CancelCommand sent');
    assert.ok(messages.some((m) => m.kind === 'cancelling' && m.commandId === 'cmd-1'));
  });
});
