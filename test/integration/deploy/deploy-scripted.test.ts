import * as assert from 'node:assert/strict';
import { MhaError } from '../../../src/engine/common/errors';
import { createAwsClientFactory, type AwsClientFactory } from '../../../src/engine/deploy/aws-clients';
import { deployStack, type DeployRequest } from '../../../src/engine/deploy/deploy-stack';
import { mapAwsError } from '../../../src/engine/deploy/map-aws-error';
import { planDelete } from '../../../src/engine/deploy/delete-stack';
import { listStacks, recentEvents } from '../../../src/engine/deploy/stack-reader';
import { ScriptedError } from '../../support/scripted-endpoint';
import { ScriptedCloudFormation, successfulCreate } from '../../support/scripted-cloudformation';
import { recordingHost } from './recording-host';
import { webTemplate } from './templates';

/**
 * moto runs every resource synchronously inside the API call and records stack-level events only:
 * it never produces per-resource events, *_FAILED with a reason, a rollback, ROLLBACK_COMPLETE,
 * UPDATE_ROLLBACK_FAILED, throttling or expired credentials. These tests drive the same engine
 * through the real SDK client against a scripted CloudFormation endpoint that does.
 */
describe('deploy against a scripted CloudFormation endpoint (cases moto cannot produce)', function () {
  this.timeout(30_000);
  let cfn: ScriptedCloudFormation;
  let clients: AwsClientFactory;

  beforeEach(async () => {
    cfn = await new ScriptedCloudFormation().start();
    clients = createAwsClientFactory({ region: 'us-east-1', endpointUrl: cfn.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 3 });
    cfn.plannedChanges = [
      { Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'Files', ResourceType: 'AWS::S3::Bucket' } },
      { Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'WebSg', ResourceType: 'AWS::EC2::SecurityGroup' } },
    ];
  });
  afterEach(() => cfn.stop());

  const request = (extra: Partial<DeployRequest> = {}): DeployRequest => ({
    stackName: 'moodle-test', templateFile: 'web.yaml', templateText: webTemplate(), pollIntervalMs: 100, idlePollIntervalMs: 200, ...extra,
  });

  it('reports each resource as its status changes, and done of total (per-resource events)', async () => {
    cfn.timelines.execute = (s) => successfulCreate(s.name, [{ id: 'Files', type: 'AWS::S3::Bucket' }, { id: 'WebSg', type: 'AWS::EC2::SecurityGroup' }], 150);
    const rec = recordingHost();
    const outcome = await deployStack(clients, request(), rec.host);
    assert.equal(outcome.kind, 'succeeded');
    assert.deepEqual(rec.of('resource').map((m) => `${m.resource.logicalId} ${m.resource.status}`),
      ['Files CREATE_IN_PROGRESS', 'Files CREATE_COMPLETE', 'WebSg CREATE_IN_PROGRESS', 'WebSg CREATE_COMPLETE']);
    const last = rec.of('progress').at(-1)!;
    assert.equal(`${last.done}/${last.total}`, '2/2');
    assert.ok(rec.of('progress').some((p) => p.done === 1), 'progress never showed 1 of 2');
  });

  it('names the first real cause of a failed create, not the cancelled siblings, then follows the rollback', async () => {
    cfn.timelines.execute = (s) => [
      { afterMs: 0, logicalId: s.name, status: 'CREATE_IN_PROGRESS', reason: 'User Initiated' },
      { afterMs: 50, logicalId: 'Files', type: 'AWS::S3::Bucket', status: 'CREATE_IN_PROGRESS' },
      { afterMs: 60, logicalId: 'WebSg', type: 'AWS::EC2::SecurityGroup', status: 'CREATE_IN_PROGRESS' },
      { afterMs: 200, logicalId: 'WebSg', type: 'AWS::EC2::SecurityGroup', status: 'CREATE_FAILED', reason: 'The vpc ID vpc-123 does not exist' },
      { afterMs: 210, logicalId: 'Files', type: 'AWS::S3::Bucket', status: 'CREATE_FAILED', reason: 'Resource creation cancelled' },
      { afterMs: 220, logicalId: s.name, status: 'ROLLBACK_IN_PROGRESS', reason: 'The following resource(s) failed to create: [WebSg, Files].' },
      { afterMs: 400, logicalId: 'Files', type: 'AWS::S3::Bucket', status: 'DELETE_COMPLETE' },
      { afterMs: 450, logicalId: 'WebSg', type: 'AWS::EC2::SecurityGroup', status: 'DELETE_COMPLETE' },
      { afterMs: 500, logicalId: s.name, status: 'ROLLBACK_COMPLETE' },
    ];
    const rec = recordingHost();
    const outcome = await deployStack(clients, request(), rec.host);
    assert.equal(outcome.kind, 'failed');
    if (outcome.kind !== 'failed') return;
    assert.equal(outcome.status.name, 'ROLLBACK_COMPLETE');
    assert.deepEqual(outcome.cause && [outcome.cause.logicalId, outcome.cause.reason], ['WebSg', 'The vpc ID vpc-123 does not exist']);
    assert.equal(rec.of('failure').length, 1, 'the cause is announced once');
    assert.ok(rec.of('rollback').length >= 1, 'rollback progress was not reported');
  });

  it('offers to delete and recreate a stack in ROLLBACK_COMPLETE, and says why when declined', async () => {
    cfn.addStack({ name: 'moodle-test', status: 'ROLLBACK_COMPLETE' });
    const declined = recordingHost({ recreate: false });
    await assert.rejects(deployStack(clients, request(), declined.host),
      (e: unknown) => e instanceof MhaError && e.code === 'aws.stackState' && /ROLLBACK_COMPLETE/.test(e.message) && /deleted and created again/.test(e.message));
    assert.equal(cfn.callsTo('DeleteStack').length, 0);

    // The failed create was a minute ago: its events are inside the clock-skew window, and must not
    // be read as the delete's outcome (the delete's first event only shows after 300 ms).
    const stuck = cfn.stacks.get('moodle-test')!;
    cfn.addPastEvent(stuck, 70_000, { logicalId: 'moodle-test', status: 'CREATE_IN_PROGRESS', reason: 'User Initiated' });
    cfn.addPastEvent(stuck, 65_000, { logicalId: 'WebSg', type: 'AWS::EC2::SecurityGroup', status: 'CREATE_FAILED', reason: 'old failure' });
    cfn.addPastEvent(stuck, 60_000, { logicalId: 'moodle-test', status: 'ROLLBACK_COMPLETE' });
    cfn.timelines.delete = (s) => [
      { afterMs: 300, logicalId: s.name, status: 'DELETE_IN_PROGRESS', reason: 'User Initiated' },
      { afterMs: 400, logicalId: s.name, status: 'DELETE_COMPLETE' },
    ];
    cfn.timelines.execute = (s) => successfulCreate(s.name, [{ id: 'Files', type: 'AWS::S3::Bucket' }], 50);
    const agreed = recordingHost({ recreate: true });
    const outcome = await deployStack(clients, request(), agreed.host);
    assert.equal(outcome.kind, 'succeeded');
    assert.equal(cfn.callsTo('DeleteStack').length, 1);
    assert.equal(cfn.callsTo('CreateChangeSet')[0].params.ChangeSetType, 'CREATE');
  });

  it('continues an UPDATE_ROLLBACK_FAILED rollback when the user agrees, then updates', async () => {
    const stack = cfn.addStack({ name: 'moodle-test', status: 'UPDATE_ROLLBACK_FAILED', parameters: [{ ParameterKey: 'Env', ParameterValue: 'test' }, { ParameterKey: 'DbPassword', ParameterValue: 'x' }] });
    cfn.timelines.continueRollback = (s) => [
      { afterMs: 0, logicalId: s.name, status: 'UPDATE_ROLLBACK_IN_PROGRESS', reason: 'User Initiated' },
      { afterMs: 100, logicalId: s.name, status: 'UPDATE_ROLLBACK_COMPLETE' },
    ];
    cfn.timelines.execute = (s) => [
      { afterMs: 0, logicalId: s.name, status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' },
      { afterMs: 100, logicalId: s.name, status: 'UPDATE_COMPLETE' },
    ];
    const rec = recordingHost();
    const outcome = await deployStack(clients, request(), rec.host);
    assert.ok(rec.asked.includes('continueRollback'));
    assert.equal(cfn.callsTo('ContinueUpdateRollback').length, 1);
    assert.equal(outcome.kind, 'succeeded');
    assert.equal(cfn.callsTo('CreateChangeSet')[0].params.ChangeSetType, 'UPDATE');
    assert.equal(stack.status, 'UPDATE_COMPLETE');
  });

  it('cancels an update with CancelUpdateStack when the signal aborts', async () => {
    cfn.addStack({ name: 'moodle-test', status: 'CREATE_COMPLETE', parameters: [{ ParameterKey: 'Env', ParameterValue: 'test' }, { ParameterKey: 'DbPassword', ParameterValue: 'x' }] });
    cfn.timelines.execute = (s) => [{ afterMs: 0, logicalId: s.name, status: 'UPDATE_IN_PROGRESS', reason: 'User Initiated' }];
    const controller = new AbortController();
    const rec = recordingHost();
    rec.host.emit = (m) => { rec.messages.push(m); if (m.kind === 'progress') controller.abort(); };
    await assert.rejects(deployStack(clients, request({ signal: controller.signal }), rec.host), (e: unknown) => (e as Error).name === 'AbortError');
    assert.equal(cfn.callsTo('CancelUpdateStack').length, 1);
  });

  it('respects termination protection: no DeleteStack is sent, and the message says how to lift it', async () => {
    cfn.addStack({ name: 'moodle-prod', status: 'CREATE_COMPLETE', terminationProtection: true });
    await assert.rejects(planDelete(clients, 'moodle-prod'), (e: unknown) => e instanceof MhaError && /termination protection/.test(e.message) && /update-termination-protection/.test(e.nextStep ?? ''));
    assert.equal(cfn.callsTo('DeleteStack').length, 0);
  });

  it('retries throttled calls with backoff, and says so when retries run out', async () => {
    cfn.timelines.execute = (s) => successfulCreate(s.name, [{ id: 'Files', type: 'AWS::S3::Bucket' }], 50);
    cfn.faults.push({ action: 'DescribeStacks', times: 2, error: new ScriptedError('Throttling', 'Rate exceeded') });
    const outcome = await deployStack(clients, request(), recordingHost().host);
    assert.equal(outcome.kind, 'succeeded');
    assert.ok(clients.calls.byOperation()['cloudformation:DescribeStacks'] >= 3, 'throttled calls were not retried');

    cfn.faults.push({ action: 'DescribeStacks', times: Infinity, error: new ScriptedError('Throttling', 'Rate exceeded') });
    await assert.rejects(listStacks(clients.cloudFormation()).catch((e) => { throw mapAwsError(e, clients.target, 'listing stacks'); }),
      (e: unknown) => e instanceof MhaError && e.code === 'aws.throttled' && /gave up after 3 attempts/.test(e.message));
  });

  it('tells the user to run aws sso login when the credentials have expired', async () => {
    cfn.faults.push({ times: Infinity, error: new ScriptedError('ExpiredToken', 'The security token included in the request is expired', 403) });
    const sso = createAwsClientFactory({ region: 'us-east-1', profile: 'school-sso', endpointUrl: cfn.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    await assert.rejects(deployStack(sso, request(), recordingHost().host),
      (e: unknown) => e instanceof MhaError && e.code === 'aws.ssoExpired' && /aws sso login --profile school-sso/.test(e.nextStep ?? ''));
  });

  it('maps access denied to a clear message', async () => {
    cfn.faults.push({ times: Infinity, error: new ScriptedError('AccessDenied', 'User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:DescribeStacks', 403) });
    await assert.rejects(deployStack(clients, request(), recordingHost().host), (e: unknown) => e instanceof MhaError && e.code === 'aws.accessDenied');
  });

  it('rejects an invalid stack name before any call', async () => {
    await assert.rejects(deployStack(clients, request({ stackName: '1 bad_name' }), recordingHost().host), (e: unknown) => e instanceof MhaError && e.code === 'aws.invalidInput');
    assert.equal(cfn.calls.length, 0);
  });

  it('pages through events with a tiny page size (moto never pages events)', async () => {
    const stack = cfn.addStack({ name: 'moodle-test', status: 'CREATE_COMPLETE' });
    for (let i = 0; i < 23; i++) cfn.addPastEvent(stack, 60_000 - i, { logicalId: `R${i}`, type: 'AWS::S3::Bucket', status: 'CREATE_COMPLETE' });
    cfn.eventPageSize = 5;
    const events = await recentEvents(clients.cloudFormation(), 'moodle-test', 100);
    assert.equal(events.length, 23);
    assert.equal(cfn.callsTo('DescribeStackEvents').length, 5);
  });
});
