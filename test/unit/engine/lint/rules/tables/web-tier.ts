import { imdsV2Required } from '../../../../../../src/engine/lint/rules/web-tier/imdsv2-required';
import { launchTemplateNotConfiguration } from '../../../../../../src/engine/lint/rules/web-tier/launch-template-not-configuration';
import { webTierBehindLoadBalancer } from '../../../../../../src/engine/lint/rules/web-tier/web-tier-behind-load-balancer';
import { webTierElbHealthCheck } from '../../../../../../src/engine/lint/rules/web-tier/web-tier-elb-health-check';
import { webTierMinSize } from '../../../../../../src/engine/lint/rules/web-tier/web-tier-min-size';
import { webTierMultiAz } from '../../../../../../src/engine/lint/rules/web-tier/web-tier-multi-az';
import { scheduledScaling } from '../../../../../../src/engine/lint/rules/scaling/scheduled-scaling';
import type { RuleTable } from '../rule-table';
import { ASG, LAUNCH_DATA, stack, without } from './snippets';

const BUCKET_ONLY = stack({ noWebTier: true, resources: ['  Bucket:', '    Type: AWS::S3::Bucket'] });

export const webTierTables: RuleTable[] = [
  {
    rule: webTierBehindLoadBalancer,
    valid: [
      { name: 'ASG with a target group', template: stack() },
      { name: 'no web tier at all', template: BUCKET_ONLY },
    ],
    invalid: [
      { name: 'no TargetGroupARNs', template: stack({ asg: without(ASG, 'TargetGroupARNs') }), line: '  Web:', message: /behind no load balancer.*TargetGroupARNs/ },
      { name: 'classic ELB', template: stack({ asg: without(ASG, 'TargetGroupARNs', '      LoadBalancerNames: [!Ref Elb]') }), line: 'LoadBalancerNames', message: /classic ELB/, severity: 'warning' },
    ],
  },
  {
    rule: webTierMultiAz,
    valid: [
      { name: 'two subnets in two AZs', template: stack() },
      { name: 'subnets from a List<AWS::EC2::Subnet::Id> parameter (unknowable)', template: stack({ parameters: ['  Subnets:', '    Type: List<AWS::EC2::Subnet::Id>'], asg: without(ASG, 'VPCZoneIdentifier', '      VPCZoneIdentifier: !Ref Subnets') }) },
      { name: 'two literal AvailabilityZones', template: stack({ asg: without(ASG, 'VPCZoneIdentifier', '      AvailabilityZones: [eu-west-1a, eu-west-1b]') }) },
    ],
    invalid: [
      { name: 'one subnet', template: stack({ asg: without(ASG, 'VPCZoneIdentifier', '      VPCZoneIdentifier: [!Ref SubnetA]') }), line: 'VPCZoneIdentifier', message: /spans 1 Availability Zone\b/ },
      {
        name: 'two subnets in the same AZ',
        template: stack({ asg: without(ASG, 'VPCZoneIdentifier', '      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetC]'), resources: ['  SubnetC:', '    Type: AWS::EC2::Subnet', '    Properties:', '      VpcId: vpc-1', '      CidrBlock: 10.0.2.0/24', '      AvailabilityZone: !Select [0, !GetAZs ""]'] }),
        line: 'VPCZoneIdentifier', message: /spans 1 Availability Zone/,
      },
      { name: 'one literal AZ', template: stack({ asg: without(ASG, 'VPCZoneIdentifier', '      AvailabilityZones: [eu-west-1a]') }), line: 'AvailabilityZones', message: /spans 1/ },
    ],
  },
  {
    rule: webTierMinSize,
    valid: [
      { name: 'MinSize 2', template: stack() },
      { name: 'MinSize from a parameter', template: stack({ parameters: ['  Min:', '    Type: Number'], asg: without(ASG, 'MinSize', '      MinSize: !Ref Min') }) },
    ],
    invalid: [
      { name: 'MinSize 1', template: stack({ asg: without(ASG, 'MinSize', "      MinSize: '1'") }), line: 'MinSize', message: /MinSize is 1/, severity: 'warning', fixable: true },
      { name: 'MinSize 0', template: stack({ asg: without(ASG, 'MinSize', '      MinSize: 0') }), line: 'MinSize', message: /no Moodle node at all/, severity: 'error', fixable: true },
      { name: 'MinSize 1 and MaxSize 1: no fix', template: stack({ asg: without(without(ASG, 'MinSize', '      MinSize: 1'), 'MaxSize', '      MaxSize: 1') }), line: 'MinSize', message: /MinSize is 1/, fixable: false },
    ],
  },
  {
    rule: webTierElbHealthCheck,
    valid: [
      { name: 'ELB health check', template: stack() },
      { name: 'no target group to check with', template: stack({ asg: without(without(ASG, 'TargetGroupARNs'), 'HealthCheckType') }) },
    ],
    invalid: [
      { name: 'EC2 health check', template: stack({ asg: without(ASG, 'HealthCheckType', '      HealthCheckType: EC2') }), line: 'HealthCheckType', message: /uses EC2 health checks:/, fixable: true },
      { name: 'default (EC2)', template: stack({ asg: without(ASG, 'HealthCheckType') }), line: '  Web:', message: /\(the default\)/, fixable: true },
    ],
  },
  {
    rule: launchTemplateNotConfiguration,
    valid: [{ name: 'launch template', template: stack() }],
    invalid: [{
      name: 'launch configuration',
      template: stack({
        asg: [...without(ASG, 'LaunchTemplate:', '      LaunchConfigurationName: !Ref Lc').filter((l) => !/LaunchTemplateId|Version:/.test(l))],
        resources: ['  Lc:', '    Type: AWS::AutoScaling::LaunchConfiguration', '    Properties:', '      ImageId: ami-12345678', '      InstanceType: t3.medium'],
      }),
      line: 'LaunchConfigurationName', message: /launch configuration Lc.*deprecated.*AWS::EC2::LaunchTemplate/,
    }],
  },
  {
    rule: imdsV2Required,
    valid: [{ name: 'HttpTokens required', template: stack() }],
    invalid: [
      { name: 'HttpTokens optional', template: stack({ launchData: without(LAUNCH_DATA, 'HttpTokens', '          HttpTokens: optional') }), line: 'HttpTokens', message: /allows IMDSv1/, fixable: true },
      { name: 'no MetadataOptions', template: stack({ launchData: LAUNCH_DATA.slice(0, 2) }), line: 'LaunchTemplateData', message: /HttpTokens: required/, fixable: true },
      { name: 'MetadataOptions without HttpTokens', template: stack({ launchData: [...LAUNCH_DATA.slice(0, 3), '          HttpEndpoint: enabled'] }), line: 'MetadataOptions', message: /allows IMDSv1/, fixable: true },
    ],
  },
  {
    rule: scheduledScaling,
    valid: [
      { name: 'a scheduled action', template: stack({ resources: ['  Morning:', '    Type: AWS::AutoScaling::ScheduledAction', '    Properties:', '      AutoScalingGroupName: !Ref Web', '      Recurrence: 0 7 * * 1-5', '      MinSize: 4'] }) },
      { name: 'no web tier', template: BUCKET_ONLY },
    ],
    invalid: [{ name: 'no scheduled actions', template: stack(), line: '  Web:', message: /no AWS::AutoScaling::ScheduledAction.*term-time/ }],
  },
];
