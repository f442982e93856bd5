import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, GetObjectCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { createAwsClientFactory } from '../../../src/engine/deploy/aws-clients';
import { followRelease } from '../../../src/engine/deploy/publish/follow-release';
import { publishCode } from '../../../src/engine/deploy/publish/publish-code';
import type { PublishMessage } from '../../../src/engine/deploy/publish/publish-messages';
import { MOTO_CREDENTIALS, startMoto, type MotoServer } from '../../support/moto';
import { ScriptedError, startScriptedEndpoint, type ScriptedEndpoint } from '../../support/scripted-endpoint';

function makeBundle(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-app-'));
  const write = (name: string, text: string) => { fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true }); fs.writeFileSync(path.join(dir, name), text); };
  write('appspec.yml', 'version: 0.0\nos: linux\nfiles:\n  - source: moodle\n    destination: /var/www/moodle\n');
  write('hooks/after_install.sh', '#!/bin/bash\nphp admin/cli/upgrade.php --non-interactive\n');
  write('config.php.template', '<?php // rendered on the node\n');
  write('moodle/index.php', '<?php echo "hello";\n'.repeat(200));
  write('moodle/config.php', '<?php $CFG->dbpass = "secret";\n');
  return dir;
}

describe('publish code to the pipeline source bucket (moto_server on 127.0.0.1)', function () {
  this.timeout(60_000);
  let moto: MotoServer;
  let bundle: string;
  before(async () => { moto = await startMoto(); bundle = makeBundle(); });
  after(async () => { await moto?.stop(); fs.rmSync(bundle, { recursive: true, force: true }); });

  it('zips the bundle without secrets, uploads it as a new version to the bucket the stack outputs', async () => {
    await moto.reset();
    const clients = createAwsClientFactory({ region: 'us-east-1', endpointUrl: moto.endpoint, credentials: MOTO_CREDENTIALS });
    // moto's CloudFormation ignores VersioningConfiguration, so the versioned bucket is made through S3.
    await clients.s3().send(new CreateBucketCommand({ Bucket: 'moodle-prod-source' }));
    await clients.s3().send(new PutBucketVersioningCommand({ Bucket: 'moodle-prod-source', VersioningConfiguration: { Status: 'Enabled' } }));
    await clients.cloudFormation().send(new CreateStackCommand({
      StackName: 'moodle-prod',
      TemplateBody: JSON.stringify({
        Parameters: { Bucket: { Type: 'String' } },
        Resources: { Marker: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'marker' } } },
        Outputs: { SourceBucket: { Value: { Ref: 'Bucket' } } },
      }),
      Parameters: [{ ParameterKey: 'Bucket', ParameterValue: 'moodle-prod-source' }],
    }));
    const messages: PublishMessage[] = [];
    const outcome = await publishCode(clients, { stackName: 'moodle-prod', bundleDir: bundle, emit: (m) => messages.push(m) });
    assert.equal(outcome.kind, 'uploaded');
    const summary = messages.find((m) => m.kind === 'bundle') as Extract<PublishMessage, { kind: 'bundle' }>;
    assert.equal(summary.files, 4);
    assert.ok(summary.excluded.some((e) => e.name === 'moodle/config.php'));
    assert.ok(messages.some((m) => m.kind === 'info' && /no pipeline/.test(m.text)));
    if (outcome.kind !== 'uploaded') return;
    const object = await clients.s3().send(new GetObjectCommand({ Bucket: outcome.target.sourceBucket, Key: 'moodle/app.zip' }));
    assert.ok(outcome.versionId, 'a versioned bucket gives a version id to follow');
    const zipFile = path.join(os.tmpdir(), `mha-published-${process.pid}.zip`);
    fs.writeFileSync(zipFile, Buffer.from(await object.Body!.transformToByteArray()));
    const names = execFileSync('python3', ['-c', 'import zipfile,sys;z=zipfile.ZipFile(sys.argv[1]);assert z.testzip() is None;print("\\n".join(z.namelist()))', zipFile], { encoding: 'utf8' }).trim().split('\n');
    fs.rmSync(zipFile);
    assert.deepEqual(names.sort(), ['appspec.yml', 'config.php.template', 'hooks/after_install.sh', 'moodle/index.php']);
  });
});

/**
 * moto's CodePipeline has no executions or stage state, and its CodeDeploy has no deployment
 * targets or lifecycle events, so the follower runs against a scripted endpoint (JSON 1.1
 * protocol, the real SDK clients) that plays a release whose AfterInstall hook fails.
 */
describe('follow a release through CodePipeline and CodeDeploy (scripted endpoint: moto lacks executions and lifecycle events)', function () {
  this.timeout(30_000);
  let server: ScriptedEndpoint;
  let polls = 0;
  before(async () => {
    server = await startScriptedEndpoint((action, p) => {
      const phase = Math.min(polls, 3);
      switch (action) {
        case 'ListPipelineExecutions':
          return { pipelineExecutionSummaries: [
            { pipelineExecutionId: 'old', status: 'Succeeded', sourceRevisions: [{ actionName: 'Source', revisionId: 'v0' }] },
            { pipelineExecutionId: 'exec-1', status: 'InProgress', sourceRevisions: [{ actionName: 'Source', revisionId: 'v1' }] },
          ] };
        case 'GetPipelineExecution':
          polls++;
          assert.equal(p.pipelineExecutionId, 'exec-1');
          return { pipelineExecution: { pipelineExecutionId: 'exec-1', status: phase >= 3 ? 'Failed' : 'InProgress' } };
        case 'GetPipelineState':
          return { stageStates: [
            { stageName: 'Source', latestExecution: { pipelineExecutionId: 'exec-1', status: 'Succeeded' } },
            { stageName: 'Deploy', latestExecution: { pipelineExecutionId: 'exec-1', status: phase >= 3 ? 'Failed' : 'InProgress' },
              actionStates: [{ actionName: 'Deploy', latestExecution: { status: 'InProgress', externalExecutionId: 'd-ABCDEFGH1' } }] },
          ] };
        case 'GetDeployment':
          return { deploymentInfo: { deploymentId: 'd-ABCDEFGH1', status: phase >= 3 ? 'Failed' : 'InProgress', deploymentOverview: { Succeeded: phase >= 2 ? 1 : 0, Failed: phase >= 3 ? 1 : 0 } } };
        case 'ListDeploymentTargets':
          return { targetIds: ['i-0aaa', 'i-0bbb'] };
        case 'BatchGetDeploymentTargets':
          return { deploymentTargets: (p.targetIds as string[]).map((id) => ({ deploymentTargetType: 'InstanceTarget', instanceTarget: {
            targetId: id, status: id === 'i-0bbb' && phase >= 3 ? 'Failed' : phase >= 2 ? 'Succeeded' : 'InProgress',
            lifecycleEvents: [
              { lifecycleEventName: 'BeforeInstall', status: 'Succeeded' },
              { lifecycleEventName: 'AfterInstall', status: id === 'i-0bbb' && phase >= 3 ? 'Failed' : phase >= 2 ? 'Succeeded' : 'InProgress',
                diagnostics: id === 'i-0bbb' && phase >= 3 ? { errorCode: 'ScriptFailed', message: 'Script at specified location: hooks/after_install.sh run as user root failed with exit code 1', logTail: '[stderr]Database connection failed: Access denied for user moodle' } : undefined },
            ],
          } })) };
        default:
          return new ScriptedError('UnknownOperationException', action);
      }
    });
  });
  after(() => server.stop());

  it('finds our execution by the uploaded version, follows each instance, and reports the failed hook with its log tail', async () => {
    const clients = createAwsClientFactory({ region: 'us-east-1', endpointUrl: server.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const messages: PublishMessage[] = [];
    const outcome = await followRelease(clients, {
      target: { sourceBucket: 'b', sourceKey: 'k', pipelineName: 'moodle-prod-pipeline' }, versionId: 'v1', uploadedAt: Date.now(),
      emit: (m) => messages.push(m), pollIntervalMs: 50,
    });
    assert.equal(outcome.pipelineStatus, 'Failed');
    assert.equal(outcome.deploymentId, 'd-ABCDEFGH1');
    assert.deepEqual(outcome.failure && [outcome.failure.instanceId, outcome.failure.event], ['i-0bbb', 'AfterInstall']);
    assert.match(outcome.failure?.logTail ?? '', /Access denied for user moodle/);
    const instanceMessages = messages.filter((m) => m.kind === 'instance');
    assert.ok(instanceMessages.some((m) => m.kind === 'instance' && m.instanceId === 'i-0aaa' && m.status === 'Succeeded'));
    assert.ok(instanceMessages.length <= 6, `unchanged instance states were re-sent (${instanceMessages.length})`);
    assert.equal(messages.filter((m) => m.kind === 'hookFailed').length, 1);
  });
});
