import * as assert from 'node:assert/strict';
import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { ListCommandsCommand } from '@aws-sdk/client-ssm';
import { createAwsClientFactory, type AwsClientFactory } from '../../../src/engine/deploy/aws-clients';
import { runSiteOperation, type SiteOperationMessage } from '../../../src/engine/deploy/ops/site-operation';
import { MOTO_CREDENTIALS, startMoto, type MotoServer } from '../../support/moto';

/** A stack like the scaffolded one, as far as the site operations read it: two SSM documents and a web ASG. */
function stackTemplate(withDocuments = true): string {
  const document = (script: string) => ({
    Type: 'AWS::SSM::Document',
    Properties: {
      DocumentType: 'Command',
      DocumentFormat: 'JSON',
      Content: { schemaVersion: '2.2', description: script, parameters: { ResetPartial: { type: 'String', default: 'no', allowedValues: ['no', 'yes'] } }, mainSteps: [{ action: 'aws:runShellScript', name: 'run', inputs: { runCommand: [`/opt/moodle-ha/ops/${script}`] } }] },
    },
  });
  return JSON.stringify({
    Resources: {
      WebLaunchTemplate: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: 'ami-12c6146b', InstanceType: 't3.large' } } },
      WebGroup: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: { MinSize: '2', MaxSize: '4', DesiredCapacity: '2', AvailabilityZones: ['us-east-1a', 'us-east-1b'], LaunchTemplate: { LaunchTemplateId: { Ref: 'WebLaunchTemplate' }, Version: { 'Fn::GetAtt': ['WebLaunchTemplate', 'LatestVersionNumber'] } } },
      },
      ...(withDocuments ? { InstallDocument: document('install.sh'), UpgradeDocument: document('upgrade.sh') } : {}),
    },
    Outputs: withDocuments ? { InstallDocumentName: { Value: { Ref: 'InstallDocument' } }, UpgradeDocumentName: { Value: { Ref: 'UpgradeDocument' } } } : {},
  });
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
    const sent: Array<Record<string, unknown>> = [];
    clients.ssm().middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'SendCommandCommand') sent.push(args.input as Record<string, unknown>);
      return next(args);
    }, { step: 'initialize' });
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

  it('passes ResetPartial=yes for --reset-partial; runs upgrade on a named instance; refuses an instance that is not a web server', async () => {
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'school', TemplateBody: stackTemplate() }));
    await runSiteOperation(clients, { stackName: 'school', operation: 'install', resetPartial: true, emit: () => undefined, pollIntervalMs: 0 });
    const [install] = (await clients.ssm().send(new ListCommandsCommand({}))).Commands!;
    assert.deepEqual(install.Parameters, { ResetPartial: ['yes'] });
    const chosen = [...install.InstanceIds!].sort()[1];
    const up = await runSiteOperation(clients, { stackName: 'school', operation: 'upgrade', instanceId: chosen, emit: () => undefined, pollIntervalMs: 0 });
    assert.equal(up.instanceId, chosen);
    await assert.rejects(runSiteOperation(clients, { stackName: 'school', operation: 'upgrade', instanceId: 'i-0000000000000000f', emit: () => undefined, pollIntervalMs: 0 }), /Instance i-0000000000000000f is not a running web server of stack school/);
    await assert.rejects(runSiteOperation(clients, { stackName: 'school', operation: 'upgrade', resetPartial: true, emit: () => undefined }), /--reset-partial applies to site install only/);
  });

  it('says what to do when the stack has no such document, or does not exist, and sends nothing', async () => {
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'old', TemplateBody: stackTemplate(false) }));
    await assert.rejects(runSiteOperation(clients, { stackName: 'old', operation: 'upgrade', emit: () => undefined }), (e: Error & { nextStep?: string }) => {
      assert.match(e.message, /no UpgradeDocumentName output/);
      assert.match(e.nextStep ?? '', /Scaffold the template again/);
      return true;
    });
    await assert.rejects(runSiteOperation(clients, { stackName: 'nope', operation: 'install', emit: () => undefined }), /There is no stack named nope/);
    assert.equal((await clients.ssm().send(new ListCommandsCommand({}))).Commands?.length ?? 0, 0);
  });
});

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
    await real.cloudFormation().send(new CreateStackCommand({ StackName: 'school', TemplateBody: stackTemplate() }));
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
