import * as assert from 'node:assert/strict';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { drawDeployedStack } from '../../../src/engine/topology/draw/deployed-stack-picture';
import { ScriptedError, startScriptedEndpoint, type ScriptedEndpoint } from '../../support/scripted-endpoint';
import { assertWellFormedSvg } from '../../support/svg-checks';

/**
 * moto creates every resource synchronously and never reports UPDATE_IN_PROGRESS or *_FAILED for a
 * resource, and does not cap DescribeStackResources at 100 as CloudFormation does. These cases run
 * the same engine through the real SDK client against a scripted CloudFormation endpoint.
 */
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Subnets: [a, b] }
  Tg:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties: { Port: 80, Protocol: HTTP, VpcId: v }
  Listener:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { LoadBalancerArn: !Ref Lb, Port: 80, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Tg }] }
  Web:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: { MinSize: '2', MaxSize: '4', DesiredCapacity: '2', VPCZoneIdentifier: [a, b], TargetGroupARNs: [!Ref Tg], LaunchTemplate: { LaunchTemplateId: lt, Version: '1' } }
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: mysql, DBInstanceClass: db.t3.medium, MultiAZ: true, AllocatedStorage: '20' }
`;

describe('deployed stack topology against a scripted CloudFormation endpoint (states moto cannot produce)', function () {
  this.timeout(30_000);
  let endpoint: ScriptedEndpoint;
  let resources: { LogicalResourceId: string; ResourceType: string; ResourceStatus: string; ResourceStatusReason?: string }[];
  const stackStatus = 'UPDATE_IN_PROGRESS';
  beforeEach(async () => {
    endpoint = await startScriptedEndpoint((action, params) => {
      if (params.StackName !== 'site') throw new ScriptedError('ValidationError', `Stack with id ${String(params.StackName)} does not exist`);
      switch (action) {
        case 'DescribeStacks': return { Stacks: [{ StackName: 'site', StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/site/1', StackStatus: stackStatus, CreationTime: new Date(0) }] };
        case 'GetTemplate': return { TemplateBody: TEMPLATE };
        // As CloudFormation does: the first 100 only, with no token (ListStackResources pages).
        case 'DescribeStackResources': return { StackResources: resources.slice(0, 100).map((r) => ({ ...r, StackName: 'site', Timestamp: new Date(0) })) };
        case 'ListStackResources': {
          const from = Number(params.NextToken ?? 0);
          const page = resources.slice(from, from + 40);
          return { StackResourceSummaries: page.map((r) => ({ ...r, LastUpdatedTimestamp: new Date(0) })), NextToken: from + 40 < resources.length ? String(from + 40) : undefined };
        }
        default: throw new ScriptedError('InvalidAction', `${action} is not scripted`);
      }
    });
  });
  afterEach(() => endpoint.stop());
  const client = () => new CloudFormationClient({ endpoint: endpoint.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });

  it('marks an updating load balancer dashed with ⟳ and a failed database thick with ✖, and lists the failure with its reason', async () => {
    resources = [
      { LogicalResourceId: 'Lb', ResourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', ResourceStatus: 'UPDATE_IN_PROGRESS' },
      { LogicalResourceId: 'Tg', ResourceType: 'AWS::ElasticLoadBalancingV2::TargetGroup', ResourceStatus: 'UPDATE_COMPLETE' },
      { LogicalResourceId: 'Listener', ResourceType: 'AWS::ElasticLoadBalancingV2::Listener', ResourceStatus: 'CREATE_COMPLETE' },
      { LogicalResourceId: 'Web', ResourceType: 'AWS::AutoScaling::AutoScalingGroup', ResourceStatus: 'UPDATE_COMPLETE' },
      { LogicalResourceId: 'Db', ResourceType: 'AWS::RDS::DBInstance', ResourceStatus: 'UPDATE_FAILED', ResourceStatusReason: 'DB instance class db.t3.medium is not available in us-east-1f' },
    ];
    const picture = await drawDeployedStack(client(), 'site', { region: 'us-east-1' });
    const { texts } = assertWellFormedSvg(picture.svg);
    const lines = texts.map((t) => t.text);
    assert.ok(lines.some((l) => l.startsWith('⟳ UPDATE_IN_PROGRESS · Application Load Balancer Lb')), lines.join(' | '));
    assert.ok(lines.some((l) => l.startsWith('✔ UPDATE_COMPLETE · Auto Scaling group Web')), lines.join(' | '));
    assert.ok(lines.some((l) => l.startsWith('✖ UPDATE_FAILED · RDS mysql')), lines.join(' | '));
    assert.ok(lines.includes('5 resource(s) in the stack: ✖ 1 failed · ⟳ 1 in progress · ✔ 3 complete'), lines.join(' | '));
    assert.ok(lines.includes('✖ Db: UPDATE_FAILED — DB instance class db.t3.medium is not available in us-east-1f'), 'the failure and its reason, failed first');
    assert.ok(lines.includes('⟳ Lb: UPDATE_IN_PROGRESS'));
    // The line style tells the classes apart without colour.
    assert.match(picture.svg, /stroke="var\(--warning\)" stroke-width="2" stroke-dasharray="8 4"><title>Lb: UPDATE_IN_PROGRESS<\/title>/);
    assert.match(picture.svg, /stroke="var\(--error\)" stroke-width="3"><title>Db: UPDATE_FAILED \(DB instance class/);
    assert.match(picture.svg, /UPDATE_IN_PROGRESS · us-east-1/);
  });

  it('a stack of more than 100 resources is read whole with ListStackResources', async () => {
    resources = [
      { LogicalResourceId: 'Lb', ResourceType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', ResourceStatus: 'CREATE_COMPLETE' },
      ...Array.from({ length: 149 }, (_, i) => ({ LogicalResourceId: `Sg${i}`, ResourceType: 'AWS::EC2::SecurityGroup', ResourceStatus: i === 148 ? 'CREATE_FAILED' : 'CREATE_COMPLETE', ...(i === 148 ? { ResourceStatusReason: 'limit exceeded' } : {}) })),
    ];
    const picture = await drawDeployedStack(client(), 'site');
    assert.equal(Object.keys(picture.resources).length, 150);
    assert.equal(endpoint.callsTo('ListStackResources').length, 4, '150 in pages of 40');
    assert.match(picture.svg, /150 resource\(s\) in the stack: ✖ 1 failed · ✔ 149 complete/);
    assert.match(picture.svg, /✖ Sg148: CREATE_FAILED — limit exceeded/, 'the 150th resource, beyond DescribeStackResources\' 100');
  });

  it('an unknown stack is refused, naming it and the next step', async () => {
    await assert.rejects(drawDeployedStack(client(), 'other', { region: 'us-east-1' }), /There is no stack named 'other' in us-east-1/);
  });
});
