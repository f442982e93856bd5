import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TemplateModel } from '../../../../src/engine/template/template-model';
import { deriveTopology } from '../../../../src/engine/topology/derive';
import type { HaTopology } from '../../../../src/engine/topology/types';

// Tests run from out/ (which may hold a package.json of its own): the root is where the fixtures are.
const root = (() => { let d = __dirname; while (!fs.existsSync(path.join(d, 'test', 'fixtures', 'ha')) && path.dirname(d) !== d) d = path.dirname(d); return d; })();
const fixture = (name: string) => fs.readFileSync(path.join(root, 'test', 'fixtures', 'ha', name), 'utf8');
const derive = (text: string): HaTopology => deriveTopology(TemplateModel.parse('t.yaml', text));
const y = (...lines: string[]) => lines.join('\n') + '\n';

describe('topology/deriveTopology on clean-ha.yaml', () => {
  const t = derive(fixture('clean-ha.yaml'));

  it('finds the ALB, its HTTPS listener and the HTTP redirect', () => {
    assert.ok(t.loadBalancer.found);
    assert.equal(t.loadBalancer.kind, 'application');
    assert.equal(t.loadBalancer.logicalId, 'LoadBalancer');
    assert.deepEqual(t.loadBalancer.targetGroupIds, ['TargetGroup']);
    assert.deepEqual(t.loadBalancer.listeners.map((l) => [l.logicalId, l.port, l.protocol, l.redirectsToHttps]), [['HttpsListener', 443, 'HTTPS', false], ['HttpListener', 80, 'HTTP', true]]);
  });

  it('reads the web tier: ASG, launch template, 2 AZs, sizes, ELB checks, IMDSv2, schedules, agent', () => {
    assert.ok(t.webTier.found);
    const w = t.webTier;
    assert.deepEqual([w.asgLogicalId, w.launchTemplateId, w.minSize, w.maxSize, w.azCount, w.healthCheckType], ['WebServerGroup', 'LaunchTemplate', 2, 8, 2, 'ELB']);
    assert.equal(w.imdsV2Required, true);
    assert.deepEqual(w.scheduledActions.map((a) => a.logicalId), ['TermTimeMorning', 'TermTimeEvening']);
    assert.deepEqual(w.scalingPolicyIds, ['CpuScalingPolicy']);
    assert.equal(w.codeDeployAgentInstalled, true);
    assert.equal(w.webServer, 'apache');
    assert.equal(w.installedDatabasePackage, undefined);
    assert.match(w.userData ?? '', /mount -t efs -o tls \$\{FileSystem\}/);
  });

  it('reads EFS with two mount targets in two AZs, backups, Retain, mounted by the web tier', () => {
    assert.ok(t.sharedStorage.found);
    const s = t.sharedStorage;
    assert.deepEqual([s.kind, s.logicalId, s.encrypted, s.mountTargetCount, s.mountTargetAzCount, s.backupEnabled, s.deletionPolicy, s.mountedByWebTier],
      ['efs', 'FileSystem', true, 2, 2, true, 'Retain', true]);
  });

  it('reads Aurora MySQL with two instances and a managed password', () => {
    assert.ok(t.database.found);
    const d = t.database;
    assert.deepEqual([d.kind, d.engine, d.family, d.instanceCount, d.multiAz, d.backupRetentionDays, d.storageEncrypted, d.deletionProtection, d.deletionPolicy, d.passwordSource],
      ['aurora', 'aurora-mysql', 'mysql', 2, true, 7, true, true, 'Snapshot', 'secrets-manager']);
    assert.deepEqual(d.logicalIds, ['DatabaseCluster', 'DatabaseWriter', 'DatabaseReader']);
  });

  it('reads the Redis replication group with failover and TLS', () => {
    assert.ok(t.sessionCache.found);
    const c = t.sessionCache;
    assert.deepEqual([c.kind, c.logicalId, c.nodeCount, c.multiAz, c.automaticFailover, c.transitEncryption], ['redis', 'SessionCache', 2, true, true, true]);
  });

  it('reads the CodeDeploy group targeting the ASG, and the config.php in user data', () => {
    assert.ok(t.code.found);
    assert.equal(t.code.deploymentGroupId, 'DeploymentGroup');
    assert.equal(t.code.codeDeployApplicationId, 'CodeDeployApplication');
    assert.equal(t.code.deploymentGroupTargetsWebTier, true);
    assert.match(t.moodleConfig ?? '', /\$CFG->session_redis_encrypt = \['verify_peer' => true\];/);
  });
});

describe('topology/deriveTopology: parts and edge cases', () => {
  const subnets = ['  A:', '    Type: AWS::EC2::Subnet', '    Properties:', '      AvailabilityZone: eu-west-1a', '  B:', '    Type: AWS::EC2::Subnet', '    Properties:', '      AvailabilityZone: eu-west-1a', '  C:', '    Type: AWS::EC2::Subnet', '    Properties:', '      AvailabilityZone: eu-west-1b'];
  const asg = (placement: string, ...more: string[]) => ['  Web:', '    Type: AWS::AutoScaling::AutoScalingGroup', '    Properties:', "      MinSize: '1'", "      MaxSize: '2'", placement, ...more];

  it('records every missing part with a reason', () => {
    const t = derive(y('Resources:', '  Bucket:', '    Type: AWS::S3::Bucket'));
    for (const part of [t.loadBalancer, t.webTier, t.sharedStorage, t.database, t.sessionCache, t.code]) {
      assert.equal(part.found, false);
      if (!part.found) assert.ok(part.reason.length > 10);
    }
  });

  it('counts distinct AZs from literal AvailabilityZone subnets', () => {
    const t = derive(y('Resources:', ...subnets, ...asg('      VPCZoneIdentifier: [!Ref A, !Ref B]')));
    assert.ok(t.webTier.found);
    assert.equal(t.webTier.azCount, 1);
    const t2 = derive(y('Resources:', ...subnets, ...asg('      VPCZoneIdentifier: [!Ref A, !Ref B, !Ref C]')));
    assert.ok(t2.webTier.found);
    assert.equal(t2.webTier.azCount, 2);
  });

  it('cannot know the AZs of subnets passed as parameters', () => {
    const params = ['Parameters:', '  Subnets:', '    Type: List<AWS::EC2::Subnet::Id>', '  One:', '    Type: AWS::EC2::Subnet::Id'];
    const t = derive(y(...params, 'Resources:', ...asg('      VPCZoneIdentifier: !Ref Subnets')));
    assert.ok(t.webTier.found);
    assert.equal(t.webTier.azCount, 'unknown');
    const t2 = derive(y(...params, 'Resources:', ...asg('      VPCZoneIdentifier: [!Ref One]')));
    assert.ok(t2.webTier.found);
    assert.equal(t2.webTier.azCount, 'unknown');
  });

  it('reads user data through Fn::Base64 + Fn::Join, keeping Refs as ${...}', () => {
    const t = derive(y('Resources:', ...asg('      LaunchConfigurationName: !Ref Lc'),
      '  Lc:', '    Type: AWS::AutoScaling::LaunchConfiguration', '    Properties:', '      ImageId: ami-1', '      InstanceType: t3.small',
      '      UserData:', '        Fn::Base64:', '          Fn::Join:', "            - ''", '            - - "#!/bin/bash\\n"', '              - "mount -t nfs4 "', '              - !GetAtt Nfs.Address', '              - ":/ /mnt/moodledata\\n"',
      '              - "yum install -y mariadb-server\\n"'));
    assert.ok(t.webTier.found);
    assert.equal(t.webTier.launchConfigurationId, 'Lc');
    assert.equal(t.webTier.userData, '#!/bin/bash\nmount -t nfs4 ${Nfs.Address}:/ /mnt/moodledata\nyum install -y mariadb-server\n');
    assert.equal(t.webTier.imdsV2Required, false);
    assert.equal(t.webTier.healthCheckType, 'EC2');
    assert.ok(t.sharedStorage.found);
    assert.equal(t.sharedStorage.kind, 'nfs');
    assert.ok(t.database.found);
    assert.deepEqual([t.database.kind, t.database.engine], ['on-web-servers', 'mariadb']);
  });

  it('finds a classic ELB and an RDS PostgreSQL instance with a NoEcho password parameter', () => {
    const t = derive(y('Parameters:', '  Pw:', '    Type: String', '    NoEcho: true', 'Resources:',
      '  Elb:', '    Type: AWS::ElasticLoadBalancing::LoadBalancer', '    Properties:', '      Listeners:', '        - LoadBalancerPort: 80', '          InstancePort: 80', '          Protocol: HTTP',
      '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: postgres', '      MultiAZ: true', '      MasterUserPassword: !Ref Pw'));
    assert.ok(t.loadBalancer.found);
    assert.equal(t.loadBalancer.kind, 'classic');
    assert.ok(t.database.found);
    assert.deepEqual([t.database.kind, t.database.family, t.database.multiAz, t.database.passwordSource, t.database.backupRetentionDays], ['rds', 'postgres', true, 'parameter-noecho', 1]);
  });

  it('reads memcached, serverless Valkey and CodePipeline sources', () => {
    const mem = derive(y('Resources:', '  M:', '    Type: AWS::ElastiCache::CacheCluster', '    Properties:', '      Engine: memcached', '      NumCacheNodes: 3', '      AZMode: cross-az'));
    assert.ok(mem.sessionCache.found);
    assert.deepEqual([mem.sessionCache.kind, mem.sessionCache.nodeCount, mem.sessionCache.multiAz], ['memcached', 3, true]);
    const valkey = derive(y('Resources:', '  V:', '    Type: AWS::ElastiCache::ServerlessCache', '    Properties:', '      Engine: valkey', '      ServerlessCacheName: s',
      '  P:', '    Type: AWS::CodePipeline::Pipeline', '    Properties:', '      Stages:', '        - Name: Source', '          Actions:', '            - Name: Src', '              ActionTypeId:', '                Provider: CodeStarSourceConnection'));
    assert.ok(valkey.sessionCache.found);
    assert.deepEqual([valkey.sessionCache.kind, valkey.sessionCache.transitEncryption], ['valkey', true]);
    assert.ok(valkey.code.found);
    assert.deepEqual([valkey.code.pipelineId, valkey.code.sourceKind, valkey.code.deploymentGroupTargetsWebTier], ['P', 'GitHub', false]);
  });

  it('never throws, on any template under test/fixtures, nor on odd shapes', () => {
    const odd = [
      y('Resources:', '  Web:', '    Type: AWS::AutoScaling::AutoScalingGroup', '    Properties:', '      VPCZoneIdentifier: [!Ref 7, !Select [x, y]]', '      LaunchTemplate: {LaunchTemplateId: !Ref [a]}', '      TargetGroupARNs: !Ref'),
      y('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      MasterUserPassword: !Ref', '      MultiAZ: [1]'),
      y('Resources:', '  Fs:', '    Type: AWS::EFS::FileSystem', '    Properties: 3', '  Mt:', '    Type: AWS::EFS::MountTarget', '    Properties: {FileSystemId: !Ref Fs, SubnetId: !GetAtt}'),
      '{"Resources": {"L": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"DefaultActions": 5}}}}',
    ];
    const dir = path.join(root, 'test', 'fixtures');
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(ya?ml|json)$/.test(f));
    for (const text of [...odd, ...files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))]) {
      assert.doesNotThrow(() => derive(text));
    }
  });
});
