import * as assert from 'node:assert/strict';
import { cacheClusterMode } from '../../../../../src/engine/lint/generic/cache-cluster-mode';
import { cidrHostBits } from '../../../../../src/engine/lint/generic/cidr-host-bits';
import type { GenericCheck } from '../../../../../src/engine/lint/generic/generic-check';
import { interfaceMetadata } from '../../../../../src/engine/lint/generic/interface-metadata';
import { networksOverlap, parseIpv4Network } from '../../../../../src/engine/lint/generic/ipv4-network';
import { parseIpv6Network } from '../../../../../src/engine/lint/generic/ipv6-network';
import { ruleNames } from '../../../../../src/engine/lint/generic/rule-names';
import { securityGroupNameAsId } from '../../../../../src/engine/lint/generic/security-group-name-as-id';
import { runGenericChecks } from '../../../../../src/engine/lint/generic/run-generic-checks';
import { subnetOverlap } from '../../../../../src/engine/lint/generic/subnet-overlap';
import { TemplateModel } from '../../../../../src/engine/template/template-model';

function reportedLines(check: GenericCheck, lines: string[], file = 't.yaml'): number[] {
  return runGenericChecks(TemplateModel.parse(file, lines.join('\n')), [check]).findings.map((f) => f.range.start.line + 1);
}

const subnet = (name: string, vpc: string, cidr: string, condition?: string): string[] => [
  `  ${name}:`, '    Type: AWS::EC2::Subnet', ...(condition ? [`    Condition: ${condition}`] : []),
  '    Properties:', `      VpcId: ${vpc}`, `      CidrBlock: ${cidr}`,
];

// Cases from cfn-lint's rule documentation (E3060: subnet CIDRs of a VPC must not overlap; E3026:
// Redis cluster mode needs automatic failover and more than one node) and from the shapes of
// public templates: the Quick Start VPC's /19 and /20 subnets, a subnet whose CidrBlock is an
// !If between two layouts, and ElastiCache samples that turn on cluster mode in a parameter group.
describe('lint/generic network and cache checks (cfn-lint ids, cases from its rule docs and public templates)', () => {
  it('parses IPv4 networks as CloudFormation does: host bits set or leading zeros are not a network', () => {
    assert.deepEqual(parseIpv4Network('10.0.32.0/19'), { text: '10.0.32.0/19', first: 10 * 2 ** 24 + 32 * 256, size: 2 ** 13 });
    for (const bad of ['10.0.0.5/24', '192.168.1.0/0', '010.0.0.0/16', '10.0.0.0/33', '256.0.0.0/8', '10.0.0.0', '::/0']) assert.equal(parseIpv4Network(bad), undefined, bad);
    assert.equal(networksOverlap(parseIpv4Network('10.0.0.0/19')!, parseIpv4Network('10.0.16.0/20')!), true);
    assert.equal(networksOverlap(parseIpv4Network('10.0.0.0/19')!, parseIpv4Network('10.0.32.0/19')!), false);
  });

  it('E3060: a subnet overlapping an earlier one of the same VPC (Ref or GetAtt) is reported on its Properties', () => {
    const lines = [
      'Parameters:', '  Existing: {Type: AWS::EC2::VPC::Id}',
      'Resources:', '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties: {CidrBlock: 10.0.0.0/16}',
      ...subnet('PrivateA', '!Ref Vpc', '10.0.0.0/19'),
      ...subnet('PrivateB', '!Ref Vpc', '10.0.32.0/19'),
      ...subnet('PublicA', '!GetAtt Vpc.VpcId', '10.0.16.0/20'), // inside PrivateA: its Properties are line 19
      ...subnet('Elsewhere', '!Ref Existing', '10.0.0.0/19'), // another VPC
      ...subnet('HostBits', '!Ref Vpc', '10.0.0.5/24'), // not a network (E3002's finding, not this one)
      ...subnet('Imported', '!ImportValue vpc', '10.0.0.0/19'), // VPC unknown
    ];
    assert.deepEqual(reportedLines(subnetOverlap, lines), [19]);
  });

  it('E3060: the branches of one !If, and subnets whose conditions exclude each other, never exist together', () => {
    const lines = [
      'Parameters:', '  Env: {Type: String}',
      'Conditions:', '  IsProd: !Equals [!Ref Env, prod]', '  IsDev: !Equals [!Ref Env, dev]',
      'Resources:',
      ...subnet('Big', '!Ref Vpc', '!If [IsProd, 10.0.0.0/19, 10.0.64.0/19]'),
      ...subnet('Small', '!Ref Vpc', '!If [IsProd, 10.0.64.0/24, 10.0.0.0/24]'), // each branch meets only Big's other branch
      ...subnet('ProdOnly', '!Ref Vpc', '10.0.128.0/24', 'IsProd'),
      ...subnet('DevOnly', '!Ref Vpc', '10.0.128.0/24', 'IsDev'), // excluded by the conditions
      ...subnet('Always', '!Ref Vpc', '10.0.128.0/25'), // line 31: meets both, one finding for the one pair of CIDRs
      ...subnet('Twice', '!Ref Vpc', '10.0.0.0/20'), // line 36: inside Big's prod branch and Small's dev branch
    ];
    assert.deepEqual(reportedLines(subnetOverlap, lines), [31, 36, 36]);
  });

  it('parses IPv6 networks as Python\'s ipaddress does (cfn-lint\'s reading): "::" once, a dotted tail, no bits past the prefix', () => {
    assert.deepEqual(parseIpv6Network('2001:db8::/64'), { text: '2001:db8::/64', first: 0x20010db8n << 96n, size: 1n << 64n });
    assert.equal(parseIpv6Network('2001:DB8:0:1::/64')?.first, (0x20010db8n << 96n) + (1n << 64n));
    assert.equal(parseIpv6Network('::ffff:10.0.0.0/120')?.first, (0xffffn << 32n) + (10n << 24n));
    assert.equal(parseIpv6Network('::/0')?.size, 1n << 128n);
    for (const bad of ['2001:db8::1/64', '2001:db8::/129', '1::2:3:4:5:6:7:8/128', '2001:db8:::/64', '1.2.3.4::/64', '2001:db8::', '2001:db8::g/64', '10.0.0.0/8']) {
      assert.equal(parseIpv6Network(bad), undefined, bad);
    }
  });

  it('E3060: IPv6 blocks of one VPC overlap on their own (Ipv6CidrBlock), never with an IPv4 block; a !Select of !Cidr is not judged', () => {
    const v6 = (name: string, v4: string, block: string): string[] => [...subnet(name, '!Ref Vpc', v4), `      Ipv6CidrBlock: ${block}`];
    const lines = [
      'Resources:',
      ...v6('A', '10.0.0.0/24', '2001:db8:0:1::/64'),
      ...v6('B', '10.0.1.0/24', '2001:db8::/56'), // Properties on line 10: contains A's /64
      ...v6('C', '10.0.2.0/24', '2001:db8:0:100::/64'), // outside B's /56
      ...v6('D', '10.0.3.0/24', '!Select [0, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]]'),
      ...v6('E', '10.0.4.0/24', '::ffff:10.0.0.0/120'), // an IPv6 block, though it spells 10.0.0.0: no IPv4 overlap
    ];
    assert.deepEqual(reportedLines(subnetOverlap, lines), [10]);
  });

  it('E1041: a Ref to a security group without VpcId (its name) where group ids belong, each !If branch; a VPC group, GetAtt GroupId or a names list are fine', () => {
    const lines = [
      'Resources:',
      '  Classic: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: d}}',
      '  InVpc: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: d, VpcId: !ImportValue vpc}}',
      '  Template:', '    Type: AWS::EC2::LaunchTemplate', '    Properties:', '      LaunchTemplateData:', '        SecurityGroupIds:',
      '          - !Ref Classic', // 9
      '          - !Ref InVpc',
      '          - !GetAtt Classic.GroupId',
      '          - !If [C, !Ref InVpc, !Ref Classic]', // 12
      '  Lb: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {SecurityGroups: [!Ref Classic]}}', // 13
      '  Config: {Type: AWS::AutoScaling::LaunchConfiguration, Properties: {ImageId: ami-12345678, InstanceType: t3.micro, SecurityGroups: [!Ref Classic]}}',
      '  Rule: {Type: AWS::EC2::SecurityGroupIngress, Properties: {GroupId: !Ref Classic, IpProtocol: "-1", SourceSecurityGroupId: !Ref InVpc}}', // 15
      '  Topic: {Type: AWS::SNS::Topic}',
      '  Fn: {Type: AWS::Lambda::Function, Properties: {VpcConfig: {SecurityGroupIds: [!Ref Topic]}}}', // not a security group
    ];
    assert.deepEqual(reportedLines(securityGroupNameAsId, lines), [9, 12, 13, 15]);
    const message = runGenericChecks(TemplateModel.parse('t.yaml', lines.join('\n')), [securityGroupNameAsId]).findings[0].message;
    assert.match(message, /!GetAtt Classic\.GroupId/);
  });

  const clusterParams = (value: string): string[] => [
    '  ClusterParams:', '    Type: AWS::ElastiCache::ParameterGroup', '    Properties:',
    '      CacheParameterGroupFamily: redis7', '      Description: cluster mode', '      Properties:', `        cluster-enabled: ${value}`,
  ];
  const group = (name: string, props: string[], params = '!Ref ClusterParams'): string[] => [
    `  ${name}:`, '    Type: AWS::ElastiCache::ReplicationGroup', '    Properties:',
    '      ReplicationGroupDescription: sessions', '      Engine: redis', '      CacheNodeType: cache.t3.micro',
    `      CacheParameterGroupName: ${params}`, ...props.map((p) => `      ${p}`),
  ];

  it('E3026: cluster mode with failover off, or one node and no NumNodeGroups, is reported on CacheParameterGroupName', () => {
    const lines = [
      'Resources:', ...clusterParams("'yes'"), 
      ...group('NoFailover', ['AutomaticFailoverEnabled: false', 'NumNodeGroups: 2']), // line 15
      ...group('OneNode', ['NumCacheClusters: 1']), // line 24
      ...group('NoCount', []), // line 32
      ...group('Sharded', ['NumNodeGroups: 3', 'ReplicasPerNodeGroup: 1']),
      ...group('TwoNodes', ['NumCacheClusters: 2', 'AutomaticFailoverEnabled: true']),
      ...group('Named', ['NumCacheClusters: 1'], 'default.redis7.cluster.on'), // not a Ref to this template
    ];
    assert.deepEqual(reportedLines(cacheClusterMode, lines), [15, 24, 32]);
  });

  it('E3026: only a quoted "yes" turns cluster mode on in YAML; counts that are not literal numbers are not judged', () => {
    const bare = ['Resources:', ...clusterParams('yes'), ...group('OneNode', ['NumCacheClusters: 1'])];
    assert.deepEqual(reportedLines(cacheClusterMode, bare), []);
    const unjudged = [
      'Parameters:', '  Nodes: {Type: Number}', 'Resources:', ...clusterParams('"yes"'),
      ...group('FromParameter', ['NumCacheClusters: !Ref Nodes']),
      ...group('AsText', ["NumCacheClusters: '1'"]),
      ...group('Conditional', ['AutomaticFailoverEnabled: !If [X, true, false]', 'NumNodeGroups: 2']),
    ];
    assert.deepEqual(reportedLines(cacheClusterMode, unjudged), []);
    const json = JSON.stringify({
      Resources: {
        P: { Type: 'AWS::ElastiCache::ParameterGroup', Properties: { CacheParameterGroupFamily: 'redis7', Description: 'd', Properties: { 'cluster-enabled': 'yes' } } },
        G: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupDescription: 'd', CacheParameterGroupName: { Ref: 'P' }, NumCacheClusters: 1 } },
      },
    }, null, 2);
    assert.deepEqual(reportedLines(cacheClusterMode, json.split('\n'), 't.json'), [json.split('\n').findIndex((l) => l.includes('"CacheParameterGroupName"')) + 1]);
  });

  it('E1700: a Rules name with anything but letters and digits is reported on its key', () => {
    const lines = [
      'Parameters:', '  T: {Type: String}', 'Rules:',
      '  ArmInstance:', '    Assertions: [{Assert: !Equals [!Ref T, t4g.micro]}]',
      '  X86_64Instance:', '    Assertions: [{Assert: !Equals [!Ref T, t3.micro]}]',
      '  "Has Space":', '    Assertions: [{Assert: !Equals [!Ref T, t3.micro]}]',
      'Resources:', '  Topic: {Type: AWS::SNS::Topic}',
    ];
    assert.deepEqual(reportedLines(ruleNames, lines), [6, 8]);
  });

  it('E4001: Interface keys the console does not read, a misspelt label key (named) and a label that is not text', () => {
    const lines = [
      'Metadata:', '  AWS::CloudFormation::Interface:',
      '    ParameterGroups:',
      '      - Label: {default: Network, extra: x}', // 4
      '        Parameters: [Env]',
      '        Other: 1', // 6
      '      - Label: {default: !Sub "${AWS::Region}"}', // a function: left alone
      '        Parameters: Env', // 8
      '    ParameterLabels:',
      '      Env: {defaut: Environment}', // 10
      '      Count: {default: 3}', // 11
      '      Name: {default: "3"}',
      '    Extra: {}', // 13
      'Parameters:', '  Env: {Type: String}', '  Count: {Type: Number}', '  Name: {Type: String}',
      'Resources:', '  Topic: {Type: AWS::SNS::Topic}',
    ];
    const findings = runGenericChecks(TemplateModel.parse('t.yaml', lines.join('\n')), [interfaceMetadata]).findings;
    assert.deepEqual(findings.map((f) => f.range.start.line + 1).sort((a, b) => a - b), [4, 6, 8, 10, 11, 13]);
    assert.match(findings.find((f) => f.range.start.line === 9)!.message, /Did you mean 'default'\?/);
    assert.deepEqual(reportedLines(interfaceMetadata, ['Metadata:', '  AWS::CloudFormation::Interface:', '    ParameterGroups: [{Label: {default: A}, Parameters: [P]}]', 'Resources:', '  T: {Type: AWS::SNS::Topic}']), []);
  });

  it('E3002: a CIDR with bits set past its prefix, in a VPC, subnet, security group rule or route; other shapes are left to the validator', () => {
    const lines = [
      'Resources:',
      '  Vpc:', '    Type: AWS::EC2::VPC', '    Properties: {CidrBlock: 10.0.0.1/16}', // 4
      '  Sg:', '    Type: AWS::EC2::SecurityGroup', '    Properties:', '      GroupDescription: x',
      '      SecurityGroupIngress:',
      '        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 192.168.1.0/0}', // 10
      '        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}',
      '        - {IpProtocol: tcp, FromPort: 81, ToPort: 81, CidrIp: 10.0.0.0/33}', // malformed: the validator's
      '        - {IpProtocol: tcp, FromPort: 82, ToPort: 82, CidrIp: !Ref AWS::NoValue}',
      '  Route:', '    Type: AWS::EC2::Route', '    Properties: {RouteTableId: rtb-1, GatewayId: igw-1, DestinationCidrBlock: 10.1.1.1/8}', // 16
      '  Other:', '    Type: AWS::EC2::Instance', '    Properties: {CidrBlock: 10.0.0.1/16}', // not a network property of this type
    ];
    assert.deepEqual(reportedLines(cidrHostBits, lines), [4, 10, 16]);
  });
});
