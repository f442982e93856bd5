import { imdsV2Required } from '../../../../../../src/engine/lint/rules/web-tier/imdsv2-required';
import { launchTemplateNotConfiguration } from '../../../../../../src/engine/lint/rules/web-tier/launch-template-not-configuration';
import { webTierBehindLoadBalancer } from '../../../../../../src/engine/lint/rules/web-tier/web-tier-behind-load-balancer';
import { webTierElbHealthCheck } from '../../../../../../src/engine/lint/rules/web-tier/web-tier-elb-health-check';
import { webTierMinSize } from '../../../../../../src/engine/lint/rules/web-tier/web-tier-min-size';
import { webTierMultiAz } from '../../../../../../src/engine/lint/rules/web-tier/web-tier-multi-az';
import { burstableWebTierAboveBaseline } from '../../../../../../src/engine/lint/rules/web-tier/burstable-web-tier-above-baseline';
import { scheduledScaling } from '../../../../../../src/engine/lint/rules/scaling/scheduled-scaling';
import type { RuleTable } from '../rule-table';
import { ASG, LAUNCH_DATA, stack, without } from './snippets';

const BUCKET_ONLY = stack({ noWebTier: true, resources: ['  Bucket:', '    Type: AWS::S3::Bucket'] });
const AL2023 = ['  Al2023:', '    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', '    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  '  Al2023Arm:', '    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', '    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64'];
/** A target tracking policy on the web group (metric and target as given). */
const scalingPolicy = (target: string, metric = 'ASGAverageCPUUtilization') => [
  '  CpuPolicy:', '    Type: AWS::AutoScaling::ScalingPolicy', '    Properties:', '      AutoScalingGroupName: !Ref Web', '      PolicyType: TargetTrackingScaling',
  '      TargetTrackingConfiguration:', '        PredefinedMetricSpecification:', `          PredefinedMetricType: ${metric}`, `        TargetValue: ${target}`,
];
const launchOn = (type: string, ...extra: string[]) => without(LAUNCH_DATA, 'InstanceType', `        InstanceType: ${type}`).concat(extra);
const ARM_CONDITION = (template: string) => template.replace('Resources:\n', "Conditions:\n  Arm: !Equals [!Ref 'AWS::Region', eu-west-1]\nResources:\n");
/** A second group next to the web tier, with what makes it a helper. */
const helperGroup = (name: string, script: string[], extra: string[] = []) => [
  `  ${name}:`, '    Type: AWS::AutoScaling::AutoScalingGroup', '    Properties:', "      MinSize: '0'", "      MaxSize: '1'", '      VPCZoneIdentifier: [!Ref SubnetA]', ...extra,
  '      LaunchTemplate:', `        LaunchTemplateId: !Ref ${name}Lt`, `        Version: !GetAtt ${name}Lt.LatestVersionNumber`,
  `  ${name}Lt:`, '    Type: AWS::EC2::LaunchTemplate', '    Properties:', '      LaunchTemplateData:', '        ImageId: ami-12345678', '        MetadataOptions: {HttpTokens: required}',
  '        UserData:', '          Fn::Base64: !Sub |', ...script.map((l) => '            ' + l),
];

export const webTierTables: RuleTable[] = [
  {
    rule: webTierBehindLoadBalancer,
    valid: [
      { name: 'ASG with a target group', template: stack() },
      { name: 'no web tier at all', template: BUCKET_ONLY },
      // Helpers are not Moodle's web tier: none of them should get web-tier findings.
      { name: 'a self-terminating helper group (scales itself to 0 after its job)', template: stack({ noWebTier: true, resources: helperGroup('Helper', ['git push origin main', 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name $asg --min-size 0 --desired-capacity 0']) }) },
      { name: 'an ECS container host group', template: stack({ noWebTier: true, resources: helperGroup('EcsHosts', ['echo ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config']) }) },
      { name: 'a bastion group', template: stack({ noWebTier: true, resources: helperGroup('BastionGroup', ['dnf install -y tmux']) }) },
      { name: 'a NAT instance group', template: stack({ noWebTier: true, resources: helperGroup('NatInstances', ['sysctl -w net.ipv4.ip_forward=1', 'iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE']) }) },
    ],
    invalid: [
      { name: 'no TargetGroupARNs', template: stack({ asg: without(ASG, 'TargetGroupARNs') }), line: '  Web:', message: /behind no load balancer.*TargetGroupARNs/ },
      { name: 'classic ELB', template: stack({ asg: without(ASG, 'TargetGroupARNs', '      LoadBalancerNames: [!Ref Elb]') }), line: 'LoadBalancerNames', message: /classic ELB/, severity: 'warning' },
      {
        name: 'the group that boots Moodle is the web tier, not the bastion next to it',
        template: stack({ asg: without(ASG, 'TargetGroupARNs'), userData: ['dnf install -y httpd php8.3', 'unzip moodle.zip -d /var/www/moodle'], resources: helperGroup('BastionGroup', ['dnf install -y tmux']) }),
        line: '  Web:', message: /Auto Scaling group Web is behind no load balancer/,
      },
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
      // Behind the load balancer it serves the site: a shutdown on a failed boot does not make it a one-off helper.
      { name: 'MinSize 1, boot script shuts the node down when it fails', template: stack({ asg: without(ASG, 'MinSize', "      MinSize: '1'"), userData: ['dnf install -y httpd php8.3 || shutdown -h now'] }), line: 'MinSize', message: /MinSize is 1/, severity: 'warning', fixable: true },
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
    }, {
      name: 'a launch configuration chosen by !If: both branches are named with their condition',
      template: ARM_CONDITION(stack({
        asg: [...without(ASG, 'LaunchTemplate:', '      LaunchConfigurationName: !If [Arm, !Ref LcArm, !Ref Lc]').filter((l) => !/LaunchTemplateId|Version:/.test(l))],
        resources: ['  Lc:', '    Type: AWS::AutoScaling::LaunchConfiguration', '    Properties:', '      ImageId: ami-12345678', '      InstanceType: t3.medium',
          '  LcArm:', '    Type: AWS::AutoScaling::LaunchConfiguration', '    Properties:', '      ImageId: ami-87654321', '      InstanceType: t4g.medium'],
      })),
      line: 'LaunchConfigurationName', message: /LcArm \(when condition Arm is true\) and Lc \(when condition Arm is false\)/,
    }],
  },
  {
    rule: imdsV2Required,
    valid: [
      { name: 'HttpTokens required', template: stack() },
      // AL2023 AMIs are registered with ImdsSupport v2.0: HttpTokens left unset means required.
      { name: 'no MetadataOptions, AMI from the AL2023 SSM parameter', template: stack({ parameters: AL2023, launchData: ['        ImageId: !Ref Al2023', '        InstanceType: t3.medium'] }) },
      { name: 'ImageId is an !If between two AL2023 parameters', template: ARM_CONDITION(stack({ parameters: AL2023, launchData: ['        ImageId: !If [Arm, !Ref Al2023Arm, !Ref Al2023]', '        InstanceType: t3.medium'] })) },
      { name: 'AMI resolved from the AL2023 parameter in a dynamic reference', template: stack({ launchData: ["        ImageId: '{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}'", '        InstanceType: t3.medium'] }) },
    ],
    invalid: [
      { name: 'AL2023 AMI but HttpTokens optional written out: the explicit value wins', template: stack({ parameters: AL2023, launchData: ['        ImageId: !Ref Al2023', '        MetadataOptions:', '          HttpTokens: optional'] }), line: 'HttpTokens', message: /allows IMDSv1/, fixable: true },
      { name: 'ImageId is an !If between AL2023 and a plain AMI', template: ARM_CONDITION(stack({ parameters: AL2023, launchData: ['        ImageId: !If [Arm, !Ref Al2023, ami-12345678]', '        InstanceType: t3.medium'] })), line: 'LaunchTemplateData', message: /allows IMDSv1/, fixable: true },
      {
        name: 'a launch template chosen by !If: only the branch that allows IMDSv1 is reported, with its condition',
        template: ARM_CONDITION(stack({
          asg: without(ASG, 'LaunchTemplateId', '        LaunchTemplateId: !If [Arm, !Ref LtArm, !Ref Lt]'),
          resources: ['  LtArm:', '    Type: AWS::EC2::LaunchTemplate', '    Properties:', '      LaunchTemplateData:', '        ImageId: ami-87654321', '        InstanceType: t4g.medium'],
        })),
        line: 'LaunchTemplateData', occurrence: 2, message: /LtArm \(the group uses it when condition Arm is true\) allows IMDSv1/,
      },
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
  {
    rule: burstableWebTierAboveBaseline,
    valid: [
      { name: 't3.medium kept at its 20 % baseline', template: stack({ resources: scalingPolicy('20') }) },
      { name: 'a burstable type and no scaling policy: nothing to judge', template: stack() },
      { name: 'm7g.large (not burstable) at 60 %', template: stack({ launchData: launchOn('m7g.large'), resources: scalingPolicy('60') }) },
      { name: 't3.large scaled on requests per target, not CPU', template: stack({ launchData: launchOn('t3.large'), resources: scalingPolicy('1000', 'ALBRequestCountPerTarget') }) },
      { name: 'not a Moodle stack', template: BUCKET_ONLY },
    ],
    invalid: [
      {
        name: 't3.medium at 60 %: unlimited credits by default',
        template: stack({ resources: scalingPolicy('60') }),
        line: 'InstanceType: t3.medium', message: /Lt runs the web tier on t3\.medium, whose credits pay for 20 % of each vCPU, and CpuPolicy keeps the group's average CPU at 60 %\. In unlimited mode \(T3's default\).*m7i\.large/, fixable: true,
      },
      {
        name: 'type and target from parameters: the fix changes the parameter\'s Default',
        template: stack({ parameters: ['  WebType:', '    Type: String', '    Default: t4g.large', '  Target:', '    Type: Number', '    Default: 50'], launchData: launchOn('!Ref WebType'), resources: scalingPolicy('!Ref Target') }),
        line: 'InstanceType: !Ref WebType', message: /t4g\.large, whose credits pay for 30 %.*at 50 %.*\(m7g\.large, the same architecture\)/, fixable: true,
      },
      {
        name: 'CpuCredits standard: throttled below the target, so no scale-out',
        template: stack({ launchData: launchOn('t3.large', '        CreditSpecification:', '          CpuCredits: standard'), resources: scalingPolicy('60') }),
        line: 'InstanceType: t3.large', message: /In standard mode a node that has spent its credits is held at 30 %, below the 60 %.*does not scale out/, fixable: true,
      },
      { name: 't2.large: standard by default', template: stack({ launchData: launchOn('t2.large'), resources: scalingPolicy('45') }), line: 'InstanceType: t2.large', message: /In standard mode/, fixable: true },
      {
        name: 'a launch template chosen by !If: the burstable branch is reported with its condition',
        template: ARM_CONDITION(stack({
          asg: without(ASG, 'LaunchTemplateId', '        LaunchTemplateId: !If [Arm, !Ref LtArm, !Ref Lt]'),
          launchData: launchOn('m7i.large'),
          resources: ['  LtArm:', '    Type: AWS::EC2::LaunchTemplate', '    Properties:', '      LaunchTemplateData:', '        ImageId: ami-87654321', '        InstanceType: t4g.medium', '        MetadataOptions: {HttpTokens: required}', ...scalingPolicy('60')],
        })),
        line: 'InstanceType: t4g.medium', message: /LtArm \(when condition Arm is true\) runs the web tier on t4g\.medium/, fixable: true,
      },
    ],
  },
];
