import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildTemplate } from '../../../../src/engine/scaffold/cfn/build-template';
import { toPlain } from '../../../../src/engine/scaffold/cfn/intrinsics';
import { LOCK_SWEEP_HANDLER } from '../../../../src/engine/scaffold/cfn/lock-sweep';
import { SWEEP_SESSION_LOCKS_PHP } from '../../../../src/engine/scaffold/bundle/session-lock-sweep';
import { resolveOptions, type ScaffoldOptionsInput } from '../../../../src/engine/scaffold/options';
import { planScaffold } from '../../../../src/engine/scaffold/plan';
import { ssmParameterProblems, undeclaredPlaceholders } from '../../../support/ssm-parameters';

// The generated template read back as JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const build = (input: ScaffoldOptionsInput = {}) => toPlain(buildTemplate(resolveOptions(input)) as never) as { Resources: Record<string, Json>; Outputs: Record<string, Json> };
const SWEEP_RESOURCES = ['SessionFailoverTopic', 'SessionFailoverTopicPolicy', 'SessionLockSweepDocument', 'LockSweepLogGroup', 'LockSweepRole', 'LockSweepFunction', 'LockSweepInvokePermission', 'LockSweepSubscription'];

describe('scaffold: the failover lock sweep (Redis/Valkey sessions, kill-cache within 10 s)', () => {
  for (const engine of ['redis', 'valkey'] as const) {
    it(`${engine}: the session cache's failover notification reaches a Lambda that runs the bundle's sweep on the web servers`, () => {
      const t = build({ cache: { engine } });
      for (const id of SWEEP_RESOURCES) assert.ok(t.Resources[id], id);
      assert.deepEqual(t.Resources.SessionCache.Properties.NotificationTopicArn, { Ref: 'SessionFailoverTopic' });
      assert.equal(t.Resources.SessionFailoverTopic.Properties.KmsMasterKeyId, undefined, 'ElastiCache cannot publish to an encrypted topic');
      const policy = t.Resources.SessionFailoverTopicPolicy.Properties.PolicyDocument.Statement;
      assert.deepEqual(policy.map((s: Json) => [s.Action, Object.keys(s.Condition.StringEquals)]), [['sns:Publish', ['AWS:SourceOwner']]]);
      const sub = t.Resources.LockSweepSubscription.Properties;
      assert.deepEqual([sub.Protocol, sub.TopicArn, sub.Endpoint], ['lambda', { Ref: 'SessionFailoverTopic' }, { 'Fn::GetAtt': ['LockSweepFunction', 'Arn'] }]);
      assert.deepEqual(t.Resources.LockSweepInvokePermission.Properties.SourceArn, { Ref: 'SessionFailoverTopic' });
      assert.equal(t.Resources.ApplicationCache.Properties.NotificationTopicArn, undefined, 'the MUC store holds no session locks');
    });
  }

  it('memcached sessions get no sweep (php-memcached locks do not replicate)', () => {
    const t = build({ cache: { engine: 'memcached' } });
    for (const id of SWEEP_RESOURCES) assert.equal(t.Resources[id], undefined, id);
  });

  it("least privilege: the Lambda's role may only send the sweep document, to the web group's instances, and write its own log group", () => {
    const t = build();
    const role = t.Resources.LockSweepRole.Properties;
    assert.equal(role.ManagedPolicyArns, undefined);
    const statements: Json[] = role.Policies.flatMap((p: Json) => p.PolicyDocument.Statement);
    const actions = statements.flatMap((s) => [s.Action].flat());
    assert.deepEqual([...new Set(actions)].sort(), ['logs:CreateLogStream', 'logs:PutLogEvents', 'ssm:SendCommand']);
    for (const s of statements) assert.notEqual(s.Resource, '*', JSON.stringify(s));
    const instances = statements.find((s) => JSON.stringify(s.Resource).includes(':instance/*'));
    assert.deepEqual(instances.Condition, { StringEquals: { 'ssm:resourceTag/aws:autoscaling:groupName': { Ref: 'WebAutoScalingGroup' } } });
    const doc = statements.find((s) => JSON.stringify(s.Resource).includes(':document/'));
    assert.match(JSON.stringify(doc.Resource), /document\/\$\{SessionLockSweepDocument\}/);
    assert.deepEqual(statements.find((s) => [s.Action].flat().every((a: string) => a.startsWith('logs:'))).Resource, { 'Fn::GetAtt': ['LockSweepLogGroup', 'Arn'] });
    assert.equal(t.Resources.LockSweepFunction.Properties.VpcConfig, undefined, 'it only calls the SSM API');
  });

  it('the document runs ops/sweep-session-locks.php as the web user; PromotedAt is checked by SSM (13 digits) before the shell sees it', () => {
    const content = build().Resources.SessionLockSweepDocument.Properties.Content;
    assert.deepEqual(undeclaredPlaceholders(content), []);
    const run: string[] = content.mainSteps[0].inputs.runCommand;
    assert.ok(run.some((l) => l.startsWith('as_web_user ') && l.includes('/opt/moodle-ha/ops/sweep-session-locks.php') && l.includes('--promoted-at "{{PromotedAt}}"')), run.join('\n'));
    assert.deepEqual(ssmParameterProblems(content, { PromotedAt: ['1764616800123'] }), []);
    assert.equal(ssmParameterProblems(content, { PromotedAt: ['1; rm -rf /'] }).length, 1);
  });

  it('the sweep is one file: the bundle ships the same ops/sweep-session-locks.php the replica runs', function () {
    this.timeout(30_000);
    const file = planScaffold(resolveOptions({})).files.find((f) => f.path === 'moodle/ops/sweep-session-locks.php');
    assert.equal(file?.content, SWEEP_SESSION_LOCKS_PHP);
    const php = spawnSync('php', ['-l'], { input: SWEEP_SESSION_LOCKS_PHP, encoding: 'utf8' });
    if (php.error) return; // no PHP on this machine: the replica's integration test runs the file itself
    assert.equal(php.status, 0, php.stdout + php.stderr);
  });

  describe('the Lambda handler (real Python; boto3 is a recording stand-in: no AWS account here)', () => {
    let dir: string;
    before(function () {
      if (spawnSync('python3', ['--version']).error) this.skip();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-lock-sweep-'));
      fs.writeFileSync(path.join(dir, 'index.py'), LOCK_SWEEP_HANDLER);
      fs.mkdirSync(path.join(dir, 'boto3'));
      fs.writeFileSync(path.join(dir, 'boto3', '__init__.py'), [
        'import json', 'SENT = []',
        'class _Ssm:', '    def send_command(self, **kw):', '        SENT.append(kw)', '        return {"Command": {"CommandId": "c-1"}}',
        'def client(name):', '    assert name == "ssm", name', '    return _Ssm()',
      ].join('\n'));
    });
    after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

    const invoke = (records: Json[]): Json[] => {
      const script = ['import json, sys, boto3, index', 'index.handler(json.load(sys.stdin), None)', 'print(json.dumps(boto3.SENT))'].join('\n');
      const r = spawnSync('python3', ['-c', script], { cwd: dir, input: JSON.stringify({ Records: records }), encoding: 'utf8', env: { ...process.env, PYTHONPATH: dir, SWEEP_DOCUMENT: 'stack-SessionLockSweepDocument-X', WEB_GROUP: 'stack-web' } });
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout.trim().split('\n').pop()!);
    };
    const sns = (message: string, timestamp = '2026-12-01T19:00:00.123Z') => ({ EventSource: 'aws:sns', Sns: { Type: 'Notification', Message: message, Timestamp: timestamp } });

    it('FailoverComplete: the sweep document goes to the web group, one server at a time, with the notification time as the cutoff', () => {
      const sent = invoke([sns('{"ElastiCache:FailoverComplete":"moodle-sessions-002"}')]);
      assert.equal(sent.length, 1);
      assert.equal(sent[0].DocumentName, 'stack-SessionLockSweepDocument-X');
      assert.deepEqual(sent[0].Targets, [{ Key: 'tag:aws:autoscaling:groupName', Values: ['stack-web'] }]);
      assert.equal(sent[0].MaxConcurrency, '1');
      assert.deepEqual(sent[0].Parameters, { PromotedAt: [String(Date.parse('2026-12-01T19:00:00.123Z'))] });
      assert.ok(sent[0].Comment.length <= 100, 'SSM refuses a longer comment');
    });

    it('other ElastiCache events and unreadable messages send nothing', () => {
      assert.deepEqual(invoke([sns('{"ElastiCache:SnapshotComplete":"moodle-sessions-001"}'), sns('not json'), sns('"a string"')]), []);
    });
  });
});
