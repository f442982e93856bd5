import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateStackCommand, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { GetBucketEncryptionCommand, GetPublicAccessBlockCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { MhaError } from '../../../src/engine/common/errors';
import { createAwsClientFactory, type AwsClientFactory } from '../../../src/engine/deploy/aws-clients';
import { executeDelete, planDelete } from '../../../src/engine/deploy/delete-stack';
import { DeployState } from '../../../src/engine/deploy/deploy-state';
import { deployStack } from '../../../src/engine/deploy/deploy-stack';
import { describeStack, listStacks, recentEvents, stackTemplate } from '../../../src/engine/deploy/stack-reader';
import { detectDrift } from '../../../src/engine/deploy/detect-drift';
import { ValidatorPool } from '../../../src/engine/lint/validator/validator-pool';
import { MOTO_CREDENTIALS, startMoto, type MotoServer } from '../../support/moto';
import { recordingHost } from './recording-host';
import { bigTemplate, webTemplate } from './templates';

/** moto's default account, which its sts:GetCallerIdentity returns. */
const MOTO_ACCOUNT = '123456789012';

describe('deploy against moto (moto_server on 127.0.0.1)', function () {
  this.timeout(60_000);
  let moto: MotoServer;
  let clients: AwsClientFactory;
  let dir: string;
  let state: DeployState;

  before(async () => { moto = await startMoto(); });
  after(async () => { await moto?.stop(); });
  beforeEach(async () => {
    await moto.reset();
    clients = createAwsClientFactory({ region: 'us-east-1', endpointUrl: moto.endpoint, credentials: MOTO_CREDENTIALS });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-deploy-'));
    state = new DeployState(path.join(dir, 'deploy-state.json'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const deploy = (text: string, extra: Partial<Parameters<typeof deployStack>[1]> = {}, host = recordingHost()) =>
    deployStack(clients, { stackName: 'moodle-test', templateFile: 'web.yaml', templateText: text, state, pollIntervalMs: 200, idlePollIntervalMs: 400, ...extra }, host.host);

  it('creates a stack through a change set, tagged as ours, and describes it', async () => {
    const rec = recordingHost();
    const outcome = await deploy(webTemplate(), {}, rec);
    assert.equal(outcome.kind, 'succeeded');
    const preview = rec.of('changeSet')[0].preview;
    assert.equal(preview.type, 'CREATE');
    assert.deepEqual(preview.changes.map((c) => `${c.action} ${c.logicalId}`).sort(), ['Add Files', 'Add WebSg']);
    // The NoEcho value is masked in everything the host sees.
    assert.equal(preview.parameters.find((p) => p.key === 'DbPassword')?.value, '****');
    assert.ok(!JSON.stringify(rec.messages).includes('not-a-real-secret-1'));
    const stack = await describeStack(clients.cloudFormation(), 'moodle-test');
    assert.equal(stack?.StackStatus, 'CREATE_COMPLETE');
    assert.ok(stack?.Tags?.some((t) => t.Key === 'moodle-ha:managed-by'));
    const resources = await clients.cloudFormation().send(new DescribeStackResourcesCommand({ StackName: 'moodle-test' }));
    assert.equal(resources.StackResources?.length, 2);
    assert.ok(clients.calls.byOperation()['cloudformation:ExecuteChangeSet'] === 1);
    // Remembered for next time, without the NoEcho value.
    assert.deepEqual(state.scope(MOTO_ACCOUNT, 'us-east-1').rememberedParameters('moodle-test'), { Env: 'test' });
  });

  it('updates with a parameter change, keeping NoEcho values by UsePreviousValue', async () => {
    await deploy(webTemplate());
    clients.calls.reset();
    const rec = recordingHost();
    const outcome = await deploy(webTemplate(), { parameters: { Env: 'prod' } }, rec);
    assert.equal(outcome.kind, 'succeeded');
    assert.equal(rec.of('changeSet')[0].preview.type, 'UPDATE');
    assert.equal(rec.of('changeSet')[0].preview.parameters.find((p) => p.key === 'DbPassword')?.usePrevious, true);
    const stack = await describeStack(clients.cloudFormation(), 'moodle-test');
    assert.equal(stack?.StackStatus, 'UPDATE_COMPLETE');
    // moto keeps the stack's parameters from the create (a moto gap); its update events prove the execution.
    const events = await recentEvents(clients.cloudFormation(), 'moodle-test');
    assert.equal(events[0].ResourceStatus, 'UPDATE_COMPLETE');
  });

  it('says so when nothing changed, and leaves no change set behind', async () => {
    await deploy(webTemplate());
    const rec = recordingHost();
    const outcome = await deploy(webTemplate(), { parameters: { Env: 'test' } }, rec);
    assert.equal(outcome.kind, 'noChanges');
    assert.deepEqual(rec.asked, []);
  });

  it('reads the outputs and finds the site URL after an update', async () => {
    // moto computes outputs only in CreateStack (not when executing a change set), so the stack starts that way.
    await clients.cloudFormation().send(new CreateStackCommand({ StackName: 'moodle-test', TemplateBody: webTemplate(), Parameters: [{ ParameterKey: 'Env', ParameterValue: 'test' }] }));
    const outcome = await deploy(webTemplate(), { parameters: { Env: 'prod' } });
    assert.equal(outcome.kind, 'succeeded');
    if (outcome.kind !== 'succeeded') return;
    assert.match(outcome.siteUrl ?? '', /^https:\/\/moodle-test-files-.*\.example\.org$/);
    assert.ok(outcome.outputs.some((o) => o.OutputKey === 'SiteUrl'));
  });

  it('declining the change set changes nothing and removes the review stack', async () => {
    const outcome = await deploy(webTemplate(), {}, recordingHost({ changeSet: false }));
    assert.equal(outcome.kind, 'declined');
    const stack = await describeStack(clients.cloudFormation(), 'moodle-test');
    assert.ok(!stack || stack.StackStatus === 'DELETE_COMPLETE', `stack left behind: ${stack?.StackStatus}`);
  });

  it('deletes a stack and lists what it retains', async () => {
    await deploy(webTemplate());
    const plan = await planDelete(clients, 'moodle-test');
    assert.deepEqual(plan.retained.map((r) => `${r.logicalId}:${r.policy}`), ['Files:Retain']);
    const result = await executeDelete(clients, plan, { emit: () => undefined, pollIntervalMs: 200 });
    assert.equal(result.status.name, 'DELETE_COMPLETE');
    assert.equal((await listStacks(clients.cloudFormation())).length, 0);
  });

  it('sends a template over 51,200 bytes through S3, creating a private encrypted bucket after asking', async () => {
    const text = bigTemplate();
    assert.ok(Buffer.byteLength(text) > 51_200);
    const rec = recordingHost();
    const outcome = await deploy(text, {}, rec);
    assert.equal(outcome.kind, 'succeeded');
    assert.ok(rec.asked.includes('bucket'));
    const upload = rec.of('upload')[0];
    assert.ok(upload, 'no upload message');
    const s3 = clients.s3();
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: upload.bucket }));
    assert.equal(listed.Contents?.[0]?.Key, upload.key);
    const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket: upload.bucket }));
    assert.equal(enc.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm, 'AES256');
    const pab = await s3.send(new GetPublicAccessBlockCommand({ Bucket: upload.bucket }));
    assert.equal(pab.PublicAccessBlockConfiguration?.BlockPublicAcls, true);
    const create = clients.calls.byOperation();
    assert.equal(create['s3:PutObject'], 1);
    // The bucket is remembered: the next big deploy does not ask again.
    assert.equal(state.scope(MOTO_ACCOUNT, 'us-east-1').templateBucket(), upload.bucket);
    const stack = await describeStack(clients.cloudFormation(), 'moodle-test');
    assert.equal(stack?.StackStatus, 'CREATE_COMPLETE');
  });

  it('names the owning account (ExpectedBucketOwner, from sts:GetCallerIdentity) on every S3 call that takes one', async () => {
    const seen: Array<{ command: string; owner?: string }> = [];
    clients.s3().middlewareStack.add((next, context) => async (args) => {
      const headers = (args.request as { headers: Record<string, string> }).headers;
      seen.push({ command: context.commandName ?? '?', owner: headers['x-amz-expected-bucket-owner'] });
      return next(args);
    }, { step: 'finalizeRequest', name: 'recordOwner' });
    const outcome = await deploy(bigTemplate());
    assert.equal(outcome.kind, 'succeeded');
    assert.deepEqual(seen.map((c) => c.command), ['HeadBucketCommand', 'CreateBucketCommand', 'PutPublicAccessBlockCommand', 'PutBucketEncryptionCommand', 'PutObjectCommand']);
    // CreateBucket has no such field: the new bucket is the caller's by definition.
    for (const call of seen.filter((c) => c.command !== 'CreateBucketCommand')) assert.equal(call.owner, MOTO_ACCOUNT, call.command);
    assert.equal(clients.calls.byOperation()['sts:GetCallerIdentity'], 1);
  });

  it('does not apply remembered values without useRemembered (the review\'s steered deploy), and says so', async () => {
    state.scope(MOTO_ACCOUNT, 'us-east-1').rememberParameters('moodle-test', { Env: 'prod' }, new Set());
    const rec = recordingHost();
    assert.equal((await deploy(webTemplate(), {}, rec)).kind, 'succeeded');
    assert.equal(rec.of('changeSet')[0].preview.parameters.find((p) => p.key === 'Env')?.value, 'test');
    assert.ok(rec.of('info').some((m) => /Not using the values remembered for Env: pass --use-remembered/.test(m.text)));
  });

  it('applies remembered values of this account and region only, when asked to', async () => {
    state.scope(MOTO_ACCOUNT, 'us-east-1').rememberParameters('moodle-test', { Env: 'prod' }, new Set());
    state.scope('999999999999', 'us-east-1').rememberParameters('other-stack', { Env: 'test' }, new Set());
    const rec = recordingHost();
    assert.equal((await deploy(webTemplate(), { useRemembered: true }, rec)).kind, 'succeeded');
    assert.equal(rec.of('changeSet')[0].preview.parameters.find((p) => p.key === 'Env')?.value, 'prod');
    state.scope('999999999999', 'us-east-1').rememberParameters('moodle-test', { Env: 'test' }, new Set());
    assert.deepEqual(state.scope(MOTO_ACCOUNT, 'us-east-1').rememberedParameters('moodle-test'), { Env: 'prod' });
  });

  it('refuses a template over 1 MB with the reason, before any call', async () => {
    const huge = webTemplate() + `# ${'x'.repeat(1_000_100)}\n`;
    // Refused by the lint gate or the upload size check, whichever reads it first: both name the 1 MB limit.
    await assert.rejects(deploy(huge), (e: unknown) => e instanceof MhaError && /1,000,000 bytes/.test(e.message) && /Split it into nested stacks/.test(e.message + (e.nextStep ?? '')));
    assert.equal(clients.calls.byOperation()['cloudformation:CreateChangeSet'], undefined);
  });

  it('stops a template with S3-bound refusal when the user does not allow a bucket', async () => {
    await assert.rejects(deploy(bigTemplate(), {}, recordingHost({ bucket: false })), (e: unknown) => e instanceof MhaError && /bucket/.test(e.message));
  });

  describe('the lint gate (with AWS validator)', () => {
    let validator: ValidatorPool;
    before(() => { validator = new ValidatorPool({ size: 1 }); });
    after(() => validator.dispose());
    const broken = webTemplate().replace('    Properties:\n      GroupDescription', '    Properties:\n      GroupDescriptionTypo: x\n      GroupDescription');

    it('blocks a template with lint errors before touching AWS', async () => {
      await assert.rejects(deploy(broken, { validator }), (e: unknown) => e instanceof MhaError && /lint error/.test(e.message) && /--allow-lint-errors/.test(e.nextStep ?? ''));
      assert.equal(clients.calls.total, 0);
    });

    it('deploys anyway when the user overrides, and reports the errors', async () => {
      const rec = recordingHost({ lintOverride: true });
      const outcome = await deploy(broken, { validator }, rec);
      assert.ok(rec.asked.includes('lintOverride'));
      assert.equal(rec.of('lint')[0].overridden, true);
      assert.ok(rec.of('lint')[0].errors.length > 0);
      assert.equal(outcome.kind, 'succeeded');
    });
  });

  it('views the deployed template, and says plainly that moto has no drift detection', async () => {
    await deploy(webTemplate());
    assert.match(await stackTemplate(clients.cloudFormation(), 'moodle-test'), /WebSg/);
    // moto answers DetectStackDrift with an HTML 500 page; the user gets a sentence, not an XML parse error.
    await assert.rejects(detectDrift(clients, 'moodle-test'), (e: unknown) => e instanceof MhaError && /does not implement drift detection/.test(e.message));
  });

  it('lists every stack across pages, ours first', async () => {
    const cfn = clients.cloudFormation();
    const small = `Resources:\n  T:\n    Type: AWS::S3::Bucket\n`;
    // moto pages DescribeStacks at 50.
    for (let i = 0; i < 53; i++) await cfn.send(new CreateStackCommand({ StackName: `other-${String(i).padStart(2, '0')}`, TemplateBody: small }));
    await deploy(webTemplate());
    clients.calls.reset();
    const stacks = await listStacks(cfn);
    assert.equal(stacks.length, 54);
    assert.equal(stacks[0].StackName, 'moodle-test');
    assert.ok(clients.calls.byOperation()['cloudformation:DescribeStacks'] >= 2, 'expected more than one page');
  });

  it('reads all events of a stack after many operations', async () => {
    await deploy(webTemplate());
    await deploy(webTemplate(), { parameters: { Env: 'prod' } });
    await deploy(webTemplate(), { parameters: { Env: 'test' } });
    const events = await recentEvents(clients.cloudFormation(), 'moodle-test', 100);
    // moto records stack-level events only (REVIEW, CREATE and UPDATE in progress/complete); it never pages them.
    assert.ok(events.length >= 5, `only ${events.length} events`);
    assert.ok(events.some((e) => e.ResourceStatus === 'UPDATE_COMPLETE'));
    assert.ok(events[0].Timestamp! >= events[events.length - 1].Timestamp!);
  });
});
