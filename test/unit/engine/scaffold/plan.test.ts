import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { MhaError } from '../../../../src/engine/common/errors';
import { buildTemplate } from '../../../../src/engine/scaffold/cfn/build-template';
import { GetAtt, Ref, Sub, toPlain } from '../../../../src/engine/scaffold/cfn/intrinsics';
import { toYaml } from '../../../../src/engine/scaffold/cfn/to-yaml';
import { resolveOptions, type ScaffoldOptionsInput } from '../../../../src/engine/scaffold/options';
import { OPTIONS_FILE, planScaffold, TEMPLATE_FILE } from '../../../../src/engine/scaffold/plan';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { toPlain as modelToPlain } from '../../../../src/engine/template/nodes';

type Res = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; Condition?: string };
const template = (input: ScaffoldOptionsInput = {}) => toPlain(buildTemplate(resolveOptions(input)) as never) as { Parameters: Record<string, { Default?: unknown }>; Resources: Record<string, Res>; Outputs: Record<string, unknown>; Conditions: Record<string, unknown> };
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b5c1d2e-3f40-4a5b-8c6d-7e8f90a1b2c3';

describe('scaffold/planScaffold', () => {
  it('writes the CloudFormation project, the bundle with executable hooks, and the answers', () => {
    const plan = planScaffold(resolveOptions({}));
    const paths = plan.files.map((f) => f.path);
    for (const p of [OPTIONS_FILE, 'README.md', TEMPLATE_FILE, 'infra/parameters.json', 'moodle/appspec.yml', 'moodle/config.php.template', 'moodle/render-config.php',
      'moodle/php/moodle.ini', 'moodle/cron/moodle.cron', 'moodle/hooks/application-stop.sh', 'moodle/hooks/before-install.sh', 'moodle/hooks/after-install.sh',
      'moodle/hooks/application-start.sh', 'moodle/hooks/validate-service.sh']) assert.ok(paths.includes(p), p);
    assert.ok(!paths.includes('cdk.json'));
    for (const f of plan.files.filter((x) => x.path.startsWith('moodle/hooks/'))) assert.equal(f.mode, 0o755, f.path);
    assert.deepEqual(JSON.parse(plan.files.find((f) => f.path === OPTIONS_FILE)!.content), resolveOptions({}), 'answers saved in the --config shape');
  });

  it('adds the CDK app with the cdk format, and never imports aws-cdk-lib itself', () => {
    const paths = planScaffold(resolveOptions({ format: 'cdk' })).files.map((f) => f.path);
    for (const p of ['package.json', 'cdk.json', 'tsconfig.json', 'bin/moodle-ha.ts', 'lib/moodle-ha.ts', 'lib/moodle-ha-stack.ts']) assert.ok(paths.includes(p), p);
    const construct = planScaffold(resolveOptions({ format: 'cdk' })).files.find((f) => f.path === 'lib/moodle-ha.ts')!.content;
    assert.match(construct, /new CfnInclude\(/);
    assert.ok(!Object.keys(require.cache).some((k) => k.includes(`${'aws-cdk-lib'}/`)), 'the engine did not load aws-cdk-lib');
  });

  it('refuses invalid answers with every problem and its field', () => {
    assert.throws(() => planScaffold(resolveOptions({ web: { minSize: 5, maxSize: 3 }, region: 'moon' })), (e: unknown) => e instanceof MhaError && e.code === 'scaffold.invalidOptions' && /web\.maxSize/.test(e.message) && /region/.test(e.message));
  });

  it('writes parameters.json with every parameter and the wizard values', () => {
    const options = resolveOptions({ web: { instanceType: 'm6i.large' } });
    const entries = JSON.parse(planScaffold(options).files.find((f) => f.path === 'infra/parameters.json')!.content) as { ParameterKey: string; ParameterValue: string }[];
    assert.deepEqual(entries.map((e) => e.ParameterKey).sort(), Object.keys(buildTemplate(options).Parameters).sort());
    assert.equal(entries.find((e) => e.ParameterKey === 'WebInstanceType')!.ParameterValue, 'm6i.large');
  });
});

describe('scaffold/template', () => {
  it('spreads three subnet tiers over each AZ with Fn::GetAZs and CIDR parameters, never Fn::Cidr', () => {
    for (const azCount of [2, 3] as const) {
      const t = template({ azCount });
      const subnets = Object.entries(t.Resources).filter(([, r]) => r.Type === 'AWS::EC2::Subnet');
      assert.equal(subnets.length, azCount * 3);
      for (const [id, r] of subnets) {
        assert.deepEqual(r.Properties.CidrBlock, { Ref: `${id}Cidr` });
        assert.deepEqual((r.Properties.AvailabilityZone as { 'Fn::Select': unknown[] })['Fn::Select'][1], { 'Fn::GetAZs': '' });
      }
      assert.ok(!JSON.stringify(t).includes('Fn::Cidr'));
    }
  });

  it('HTTPS: certificate listener and a 301 redirect from HTTP; demo mode: HTTP only, said in an output', () => {
    const https = template({ domain: { name: 'moodle.example.edu', certificateArn: CERT } });
    assert.equal(https.Resources.HttpsListener.Properties.Protocol, 'HTTPS');
    assert.deepEqual((https.Resources.HttpListener.Properties.DefaultActions as { RedirectConfig: unknown }[])[0].RedirectConfig, { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' });
    assert.equal(https.Outputs.DemoModeWarning, undefined);
    const demo = template();
    assert.equal(demo.Resources.HttpsListener, undefined);
    assert.ok(demo.Outputs.DemoModeWarning);
  });

  it('web tier: AL2023 from SSM, IMDSv2, CodeDeploy agent, EFS mounted with TLS, ELB health checks', () => {
    const t = template();
    assert.equal(t.Parameters.LatestAmiId.Default, '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64');
    const data = t.Resources.WebLaunchTemplate.Properties.LaunchTemplateData as { MetadataOptions: { HttpTokens: string }; UserData: { 'Fn::Base64': { 'Fn::Sub': [string, unknown] } } };
    assert.equal(data.MetadataOptions.HttpTokens, 'required');
    const script = data.UserData['Fn::Base64']['Fn::Sub'][0];
    assert.match(script, /codedeploy-install auto/);
    assert.match(script, /efs _netdev,noresvport,tls/);
    assert.match(script, /php8\.3-sodium/);
    assert.ok(!/\$\{[a-z]/.test(script), 'shell variables never use ${…}, which Fn::Sub would read');
    assert.equal(t.Resources.WebAutoScalingGroup.Properties.HealthCheckType, 'ELB');
  });

  it('scaling: target tracking plus one scheduled action per schedule, in the time zone (no calendar terms)', () => {
    const t = template({ scaling: { metric: 'requests', targetValue: 900, calendar: { preset: 'custom', terms: [], exams: [] } } });
    const metric = ((t.Resources.WebScalingPolicy.Properties.TargetTrackingConfiguration as { PredefinedMetricSpecification: { PredefinedMetricType: string } }).PredefinedMetricSpecification).PredefinedMetricType;
    assert.equal(metric, 'ALBRequestCountPerTarget');
    const scheduled = Object.values(t.Resources).filter((r) => r.Type === 'AWS::AutoScaling::ScheduledAction');
    assert.equal(scheduled.length, 4);
    assert.ok(scheduled.every((r) => r.Properties.TimeZone === 'Europe/London'));
  });

  it('storage: EFS encrypted, backed up, retained, one mount target per AZ; NFS is a parameter', () => {
    const t = template({ azCount: 3 });
    assert.equal(t.Resources.SharedFileSystem.DeletionPolicy, 'Retain');
    assert.equal(t.Resources.SharedFileSystem.Properties.Encrypted, true);
    assert.deepEqual(t.Resources.SharedFileSystem.Properties.BackupPolicy, { Status: 'ENABLED' });
    assert.equal(Object.values(t.Resources).filter((r) => r.Type === 'AWS::EFS::MountTarget').length, 3);
    const nfs = template({ storage: { kind: 'nfs', endpoint: '10.80.20.10:/export' } });
    assert.equal(nfs.Resources.SharedFileSystem, undefined);
    assert.equal(nfs.Parameters.SharedStorageEndpoint.Default, '10.80.20.10:/export');
  });

  it('database: Aurora writer and reader in different AZs; RDS Multi-AZ; secrets managed, snapshot on delete', () => {
    const aurora = template({ database: { engine: 'aurora-postgresql' } });
    assert.equal(aurora.Resources.DatabaseCluster.DeletionPolicy, 'Snapshot');
    assert.equal(aurora.Resources.DatabaseCluster.Properties.ManageMasterUserPassword, true);
    assert.equal(aurora.Resources.DatabaseCluster.Properties.DeletionProtection, true);
    assert.notDeepEqual(aurora.Resources.DatabaseWriter.Properties.AvailabilityZone, aurora.Resources.DatabaseReader.Properties.AvailabilityZone);
    const rds = template({ database: { engine: 'mariadb' } });
    assert.equal(rds.Resources.Database.Properties.MultiAZ, true);
    assert.equal(rds.Resources.Database.DeletionPolicy, 'Snapshot');
    assert.equal(rds.Resources.Database.Properties.Engine, 'mariadb');
  });

  it('cache: Redis/Valkey Multi-AZ with failover and TLS; memcached across AZs', () => {
    const valkey = template({ cache: { engine: 'valkey' } }).Resources.SessionCache.Properties;
    assert.deepEqual([valkey.Engine, valkey.MultiAZEnabled, valkey.AutomaticFailoverEnabled, valkey.TransitEncryptionEnabled], ['valkey', true, true, true]);
    const memcached = template({ cache: { engine: 'memcached', nodeCount: 3 } }).Resources.SessionCache.Properties;
    assert.equal(memcached.AZMode, 'cross-az');
    assert.equal((memcached.PreferredAvailabilityZones as unknown[]).length, 3);
  });

  it('code: CodeDeploy one at a time on the ASG, never rolled back automatically; pipeline source per option', () => {
    const t = template({ code: { source: 'codecommit', codeCommitRepository: 'moodle-site' } });
    const group = t.Resources.DeploymentGroup.Properties;
    assert.equal(group.DeploymentConfigName, 'CodeDeployDefault.OneAtATime');
    assert.deepEqual(group.AutoScalingGroups, [{ Ref: 'WebAutoScalingGroup' }]);
    assert.equal((group.AutoRollbackConfiguration as { Enabled: boolean }).Enabled, false);
    const source = ((t.Resources.Pipeline.Properties.Stages as { Actions: { ActionTypeId: { Provider: string } }[] }[])[0]).Actions[0].ActionTypeId.Provider;
    assert.equal(source, 'CodeCommit');
  });

  it('tags every taggable resource, hard-codes no names, and outputs every endpoint', () => {
    const t = template({ database: { engine: 'aurora-mysql' } });
    for (const [id, r] of Object.entries(t.Resources)) {
      const untaggable = /Route$|RouteTableAssociation|GatewayAttachment|MountTarget|InstanceProfile|ScheduledAction|ScalingPolicy|Listener|BucketPolicy|TopicPolicy|Lambda::Permission|Subscription|SecurityGroupEgress|WebACLAssociation/.test(r.Type);
      const props = r.Properties ?? {};
      if (!untaggable) assert.ok(props.Tags || props.FileSystemTags || (props.LaunchTemplateData && props.TagSpecifications), `${id} (${r.Type}) is tagged`);
      for (const key of ['BucketName', 'DBInstanceIdentifier', 'DBClusterIdentifier', 'RoleName', 'LoadBalancerName', 'ReplicationGroupId', 'ClusterName', 'AutoScalingGroupName', 'LaunchTemplateName'].filter((k) => k !== 'AutoScalingGroupName' || r.Type === 'AWS::AutoScaling::AutoScalingGroup')) {
        assert.notEqual(typeof props[key], 'string', `${id} hard-codes ${key}`);
      }
    }
    for (const key of ['SiteUrl', 'LoadBalancerDnsName', 'DatabaseEndpoint', 'DatabaseReaderEndpoint', 'DatabaseAppSecretArn', 'DatabaseMasterSecretArn', 'CacheEndpoint', 'ApplicationCacheEndpoint', 'SharedFileSystemId', 'PipelineName', 'SourceBucket', 'SourceObjectKey', 'CodeDeployApplicationName', 'DeploymentGroupName']) assert.ok(t.Outputs[key], key);
  });
});

describe('scaffold/template parameters', () => {
  it('puts every parameter in exactly one console group, and uses every parameter', () => {
    for (const input of [{}, { code: { source: 'github' as const, githubConnectionArn: 'x', githubRepository: 'a/b' } }, { storage: { kind: 'nfs' as const, endpoint: 'h:/x' }, cache: { engine: 'memcached' as const } }, { domain: { name: 'moodle.example.edu', certificateArn: CERT } }]) {
      const t = buildTemplate(resolveOptions(input));
      const groups = (t.Metadata['AWS::CloudFormation::Interface'] as { ParameterGroups: { Parameters: string[] }[] }).ParameterGroups.flatMap((g) => g.Parameters);
      assert.deepEqual([...groups].sort(), Object.keys(t.Parameters).sort());
      const body = JSON.stringify(toPlain({ Resources: t.Resources, Outputs: t.Outputs, Conditions: t.Conditions } as never));
      for (const name of Object.keys(t.Parameters)) assert.ok(body.includes(`{"Ref":"${name}"}`) || body.includes(`\${${name}}`), `${name} is used`);
    }
  });
});

describe('scaffold/toYaml', () => {
  it('writes short-form tags and comments that our parser and the yaml package read back to the same template', () => {
    const value = { Resources: { '//': 'ignored', A: { '//': 'the bucket', Type: 'AWS::S3::Bucket', Properties: { X: Ref('B'), Y: GetAtt('Db', 'Endpoint.Address'), Z: Sub('${AWS::StackName}-x'), N: 'on' } } } };
    const text = toYaml(value);
    assert.match(text, /# the bucket\n {2}A:/);
    assert.match(text, /X: !Ref B/);
    assert.match(text, /"Y": !GetAtt \[ Db, Endpoint\.Address \]/);
    assert.match(text, /"N": "on"/, 'YAML 1.1 booleans are quoted');
    const model = TemplateModel.parse('t.yaml', text);
    assert.deepEqual(modelToPlain(model.root), toPlain(value as never));
  });

  it('keeps a nested intrinsic readable (Fn::Base64 around !Sub)', () => {
    const text = planScaffold(resolveOptions({})).files.find((f) => f.path === TEMPLATE_FILE)!.content;
    assert.match(text, /UserData:\n\s+Fn::Base64: !Sub/);
    const customTags = ['!Ref', '!Sub', '!GetAtt', '!Select', '!GetAZs', '!If', '!Equals', '!Join'].map((tag) => ({ tag, resolve: (v: unknown) => v }));
    assert.ok(parse(text, { customTags }), 'valid YAML');
  });
});
