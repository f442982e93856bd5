/** Tables of the rules that came from the AWS review of the default scaffold (issue 9). */
import { deployNeverAutoRollsBack } from '../../../../../../src/engine/lint/rules/code/deploy-never-auto-rolls-back';
import { deploymentTerminationHook } from '../../../../../../src/engine/lint/rules/code/deployment-termination-hook';
import { codeDeployAgentStartsLast } from '../../../../../../src/engine/lint/rules/code/codedeploy-agent-starts-last';
import { pipelineSourceEventDriven } from '../../../../../../src/engine/lint/rules/code/pipeline-source-event-driven';
import { databaseRequiresTls } from '../../../../../../src/engine/lint/rules/database/database-requires-tls';
import { webNeverReadsMasterSecret } from '../../../../../../src/engine/lint/rules/database/web-never-reads-master-secret';
import { loadBalancerAccessLogs } from '../../../../../../src/engine/lint/rules/observability/load-balancer-access-logs';
import { efsTlsOnly } from '../../../../../../src/engine/lint/rules/storage/efs-tls-only';
import { webTierAlarms } from '../../../../../../src/engine/lint/rules/observability/web-tier-alarms';
import { scheduleLeavesDesiredCapacity } from '../../../../../../src/engine/lint/rules/scaling/schedule-leaves-desired-capacity';
import { scheduledSizesSurviveUpdates } from '../../../../../../src/engine/lint/rules/scaling/scheduled-sizes-survive-updates';
import { healthCheckIndependentOfMoodle } from '../../../../../../src/engine/lint/rules/web-tier/health-check-independent-of-moodle';
import { webTierSignalsBoot } from '../../../../../../src/engine/lint/rules/web-tier/web-tier-signals-boot';
import { wwwrootLowerCase } from '../../../../../../src/engine/lint/rules/web-tier/wwwroot-lower-case';
import type { RuleTable } from '../rule-table';
import { AGENT, ALB, ASG, AURORA, CODE_DEPLOY, EFS, LAUNCH_DATA, MOUNT_EFS, RDS_PROPS, rds, stack, without } from './snippets';

const healthPath = (path: string) => without(ALB, 'VpcId: vpc-1', `      VpcId: vpc-1\n      HealthCheckPath: ${path}`);
const SIGNAL = ['#!/bin/bash', 'trap \'/opt/aws/bin/cfn-signal -e 1 --stack ${AWS::StackName} --resource Web --region ${AWS::Region}\' ERR', 'dnf install -y httpd php8.3', '/opt/aws/bin/cfn-signal -e 0 --stack ${AWS::StackName} --resource Web --region ${AWS::Region}'];
const CREATION_POLICY = ['    CreationPolicy:', '      ResourceSignal:', "        Count: 2", '        Timeout: PT20M'];
const POLICY = ['  Pol:', '    Type: AWS::AutoScaling::ScalingPolicy', '    Properties:', '      AutoScalingGroupName: !Ref Web', '      PolicyType: TargetTrackingScaling', '      TargetTrackingConfiguration:', '        PredefinedMetricSpecification:', '          PredefinedMetricType: ASGAverageCPUUtilization', '        TargetValue: 60'];
const schedule = (extra: string[] = []) => ['  Night:', '    Type: AWS::AutoScaling::ScheduledAction', '    Properties:', '      AutoScalingGroupName: !Ref Web', "      Recurrence: '0 20 * * *'", '      MinSize: 2', '      MaxSize: 6', ...extra];
const IGNORE_SIZES = ['    UpdatePolicy:', '      AutoScalingScheduledAction:', '        IgnoreUnmodifiedGroupSizeProperties: true'];
const WITH_PROFILE = [...LAUNCH_DATA, '        IamInstanceProfile:', '          Arn: !GetAtt Prof.Arn'];
const role = (resource: string) => [
  '  Prof:', '    Type: AWS::IAM::InstanceProfile', '    Properties:', '      Roles: [!Ref Role]',
  '  Role:', '    Type: AWS::IAM::Role', '    Properties:', '      AssumeRolePolicyDocument: {}', '      Policies:', '        - PolicyName: web', '          PolicyDocument:',
  '            Statement:', '              - Effect: Allow', '                Action: secretsmanager:GetSecretValue', `                Resource: ${resource}`,
];
const APP_SECRET = ['  AppSecret:', '    Type: AWS::SecretsManager::Secret', '    Properties:', '      GenerateSecretString:', "        SecretStringTemplate: '{\"username\":\"moodle\"}'", '        GenerateStringKey: password'];
const pipeline = (configuration: string[]) => [
  '  Pipe:', '    Type: AWS::CodePipeline::Pipeline', '    Properties:', '      RoleArn: arn:aws:iam::123456789012:role/p', '      Stages:',
  '        - Name: Source', '          Actions:', '            - Name: Bundle', '              ActionTypeId: { Category: Source, Owner: AWS, Provider: S3, Version: "1" }',
  '              OutputArtifacts: [{ Name: Bundle }]', '              Configuration:', '                S3Bucket: artifacts', '                S3ObjectKey: bundle.zip', ...configuration,
];
const ALARM = (actions: boolean) => ['  Unhealthy:', '    Type: AWS::CloudWatch::Alarm', '    Properties:', '      Namespace: AWS/ApplicationELB', '      MetricName: UnHealthyHostCount', '      Statistic: Maximum', '      Period: 60', '      EvaluationPeriods: 3', '      Threshold: 1', '      ComparisonOperator: GreaterThanOrEqualToThreshold', ...(actions ? ['      AlarmActions: [arn:aws:sns:eu-west-1:123456789012:alarms]'] : [])];
const ACCESS_LOGS = without(ALB, 'Subnets: [!Ref SubnetA, !Ref SubnetB]', "      Subnets: [!Ref SubnetA, !Ref SubnetB]\n      LoadBalancerAttributes:\n        - Key: access_logs.s3.enabled\n          Value: 'true'\n        - Key: access_logs.s3.bucket\n          Value: alb-logs");

const TLS_GROUP = (value: string) => ['  DbParams:', '    Type: AWS::RDS::DBClusterParameterGroup', '    Properties:', '      Family: aurora-mysql8.0', '      Description: tls', '      Parameters:', `        require_secure_transport: '${value}'`];
const AURORA_WITH_GROUP = without(AURORA, 'StorageEncrypted: true', '      StorageEncrypted: true\n      DBClusterParameterGroupName: !Ref DbParams');

const efsPolicy = (statements: string[]) => without(EFS, 'Encrypted: true', ['      Encrypted: true', '      FileSystemPolicy:', "        Version: '2012-10-17'", '        Statement:', ...statements].join('\n'));
const ALLOW_MOUNT = ["          - Effect: Allow", "            Principal: { AWS: '*' }", '            Action: [elasticfilesystem:ClientMount, elasticfilesystem:ClientWrite]', "            Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } }"];
const denyPlain = (action: string, secure = "'false'") => ['          - Effect: Deny', "            Principal: { AWS: '*' }", `            Action: ${action}`, `            Condition: { Bool: { 'aws:SecureTransport': ${secure} } }`];

export const awsReviewTables: RuleTable[] = [
  {
    rule: efsTlsOnly,
    valid: [
      { name: 'a Deny of every action without TLS', template: stack({ resources: efsPolicy([...ALLOW_MOUNT, ...denyPlain("'*'")]), userData: ['#!/bin/bash', ...MOUNT_EFS] }) },
      { name: 'a Deny of mount and write without TLS', template: stack({ resources: efsPolicy(denyPlain('[elasticfilesystem:ClientMount, elasticfilesystem:ClientWrite]')), userData: ['#!/bin/bash', ...MOUNT_EFS] }) },
    ],
    invalid: [
      { name: 'no file system policy', template: stack({ resources: EFS, userData: ['#!/bin/bash', ...MOUNT_EFS] }), line: '  Fs:', message: /no FileSystemPolicy/ },
      { name: 'a policy that only allows', template: stack({ resources: efsPolicy(ALLOW_MOUNT), userData: ['#!/bin/bash', ...MOUNT_EFS] }), line: '      FileSystemPolicy:', message: /no Deny for aws:SecureTransport false/ },
      { name: 'a Deny of root access only', template: stack({ resources: efsPolicy([...ALLOW_MOUNT, ...denyPlain('elasticfilesystem:ClientRootAccess')]), userData: ['#!/bin/bash', ...MOUNT_EFS] }), line: '      FileSystemPolicy:', message: /no Deny/ },
      { name: "a Deny when SecureTransport is 'true' (inverted)", template: stack({ resources: efsPolicy(denyPlain("'*'", "'true'")), userData: ['#!/bin/bash', ...MOUNT_EFS] }), line: '      FileSystemPolicy:', message: /no Deny/ },
    ],
  },
  {
    rule: databaseRequiresTls,
    valid: [
      { name: 'Aurora with require_secure_transport ON', template: stack({ resources: [...AURORA_WITH_GROUP, ...TLS_GROUP('ON')] }) },
      { name: 'RDS PostgreSQL with rds.force_ssl', template: stack({ resources: [...rds([...RDS_PROPS, '      DBParameterGroupName: !Ref PgParams']), '  PgParams:', '    Type: AWS::RDS::DBParameterGroup', '    Properties:', '      Family: postgres16', '      Description: tls', '      Parameters:', "        rds.force_ssl: '1'"] }) },
    ],
    invalid: [
      { name: 'no parameter group', template: stack({ resources: AURORA }), line: '  Db:', message: /no parameter group/ },
      { name: 'a parameter group that allows plain TCP', template: stack({ resources: [...AURORA_WITH_GROUP, ...TLS_GROUP('OFF')] }), line: '      Parameters:', message: /does not require TLS/ },
    ],
  },
  {
    rule: wwwrootLowerCase,
    valid: [
      { name: 'lower-cased with tr', template: stack({ resources: ALB, userData: ['#!/bin/bash', "wwwroot=$(printf '%s' 'http://${Alb.DNSName}' | tr '[:upper:]' '[:lower:]')", 'echo "MOODLE_WWWROOT=$wwwroot" > /etc/moodle.env'] }) },
      { name: 'a domain name', template: stack({ resources: ALB, parameters: ['  DomainName:', '    Type: String'], userData: ['#!/bin/bash', 'echo "MOODLE_WWWROOT=https://${DomainName}" > /etc/moodle.env'] }) },
      { name: 'config.php lower-cases it', template: stack({ resources: ALB, config: ["$CFG->wwwroot = strtolower('http://${Alb.DNSName}');"] }) },
    ],
    invalid: [
      { name: 'env file from the DNS name', template: stack({ resources: ALB, userData: ['#!/bin/bash', 'echo "MOODLE_WWWROOT=http://${Alb.DNSName}" > /etc/moodle.env'] }), line: 'UserData', message: /mixed case.*case-sensitive/ },
      { name: 'config.php from the DNS name', template: stack({ resources: ALB, config: ["$CFG->wwwroot = 'http://${Alb.DNSName}';"] }), line: 'UserData', message: /load balancer's DNS name/ },
    ],
  },
  {
    rule: healthCheckIndependentOfMoodle,
    valid: [
      { name: 'a static health file', template: stack({ resources: healthPath('/moodle-ha-health') }) },
      { name: 'a text file', template: stack({ resources: healthPath('/status.txt') }) },
      { name: 'EC2 health checks (nothing replaced on a failed check)', template: stack({ resources: healthPath('/login/index.php'), asg: without(ASG, 'HealthCheckType', '      HealthCheckType: EC2') }) },
    ],
    invalid: [
      { name: 'the login page', template: stack({ resources: healthPath('/login/index.php') }), line: 'HealthCheckPath', message: /503.*maintenance/ },
      { name: 'the default path /', template: stack({ resources: ALB }), line: '  Tg:', message: /default path \// },
    ],
  },
  {
    rule: webTierSignalsBoot,
    valid: [
      { name: 'creation policy and cfn-signal', template: stack({ asg: [...ASG, ...CREATION_POLICY], userData: SIGNAL }) },
      { name: 'rolling update waits for signals', template: stack({ asg: [...ASG, ...CREATION_POLICY, '    UpdatePolicy:', '      AutoScalingRollingUpdate:', '        WaitOnResourceSignals: true'], userData: SIGNAL }) },
    ],
    invalid: [
      { name: 'no creation policy', template: stack(), line: '  Web:', message: /no CreationPolicy/ },
      { name: 'a creation policy nobody signals', template: stack({ asg: [...ASG, ...CREATION_POLICY] }), line: '  Web:', message: /never sends/ },
      { name: 'a rolling update that does not wait', template: stack({ asg: [...ASG, ...CREATION_POLICY, '    UpdatePolicy:', '      AutoScalingRollingUpdate:', '        MaxBatchSize: 1'], userData: SIGNAL }), line: 'AutoScalingRollingUpdate', message: /WaitOnResourceSignals/ },
    ],
  },
  {
    rule: scheduleLeavesDesiredCapacity,
    valid: [
      { name: 'min and max only', template: stack({ resources: [...POLICY, ...schedule()] }) },
      { name: 'desired capacity with no scaling policy', template: stack({ resources: schedule(['      DesiredCapacity: 2']) }) },
    ],
    invalid: [{ name: 'desired capacity under target tracking', template: stack({ resources: [...POLICY, ...schedule(['      DesiredCapacity: 2'])] }), line: 'DesiredCapacity: 2', message: /scaling in under an evening deadline/ }],
  },
  {
    rule: scheduledSizesSurviveUpdates,
    valid: [
      { name: 'update policy keeps scheduled sizes', template: stack({ asg: [...ASG, ...IGNORE_SIZES], resources: schedule() }) },
      { name: 'no scheduled actions', template: stack() },
    ],
    invalid: [{ name: 'schedules without the update policy', template: stack({ resources: schedule() }), line: '  Web:', message: /IgnoreUnmodifiedGroupSizeProperties/ }],
  },
  {
    rule: webNeverReadsMasterSecret,
    valid: [
      { name: 'web role reads the app secret only', template: stack({ launchData: WITH_PROFILE, resources: [...AURORA, ...APP_SECRET, ...role('!Ref AppSecret')], userData: ['#!/bin/bash', 'echo "MOODLE_DB_SECRET_ARN=${AppSecret}" > /etc/moodle.env'] }) },
      { name: 'no database in the template', template: stack({ launchData: WITH_PROFILE, resources: role('"*"') }) },
    ],
    invalid: [
      { name: 'web role reads the managed master secret', template: stack({ launchData: WITH_PROFILE, resources: [...AURORA, ...role('!GetAtt Db.MasterUserSecret.SecretArn')] }), line: 'Effect: Allow', message: /rotates that secret every 7 days/ },
      { name: 'user data passes the master secret', template: stack({ resources: AURORA, userData: ['#!/bin/bash', 'echo "MOODLE_DB_SECRET_ARN=${Db.MasterUserSecret.SecretArn}" > /etc/moodle.env'] }), line: 'UserData', message: /master credentials/ },
    ],
  },
  {
    rule: codeDeployAgentStartsLast,
    valid: [
      { name: 'agent after the mount and the settings', template: stack({ resources: CODE_DEPLOY, userData: ['#!/bin/bash', ...MOUNT_EFS, 'echo MOODLE_WWWROOT=https://moodle.example.edu > /etc/moodle-ha/moodle.env', 'systemctl enable --now php-fpm httpd', ...AGENT] }) },
      { name: 'no deployment group', template: stack({ userData: ['#!/bin/bash', ...AGENT, ...MOUNT_EFS] }) },
    ],
    invalid: [
      { name: 'agent before the mount', template: stack({ resources: CODE_DEPLOY, userData: ['#!/bin/bash', ...AGENT, ...MOUNT_EFS] }), line: 'UserData', message: /before moodledata is mounted/ },
      { name: 'agent before the web server', template: stack({ resources: CODE_DEPLOY, userData: ['#!/bin/bash', ...MOUNT_EFS, ...AGENT, 'systemctl enable --now php-fpm httpd'] }), line: 'UserData', message: /before the web server/ },
    ],
  },
  {
    rule: pipelineSourceEventDriven,
    valid: [{ name: 'S3 source without polling', template: stack({ resources: pipeline(['                PollForSourceChanges: false']) }) }],
    invalid: [
      { name: 'S3 source polling', template: stack({ resources: pipeline(['                PollForSourceChanges: true']) }), line: 'PollForSourceChanges', message: /disables polling on pipelines inactive for 30 days/ },
      { name: 'S3 source polling by default', template: stack({ resources: pipeline([]) }), line: 'Configuration:', message: /defaults to true/ },
    ],
  },
  {
    rule: deployNeverAutoRollsBack,
    valid: [
      { name: 'auto-rollback off', template: stack({ resources: [...CODE_DEPLOY, '      AutoRollbackConfiguration:', '        Enabled: false'] }) },
      { name: 'no rollback configuration', template: stack({ resources: CODE_DEPLOY }) },
    ],
    invalid: [{ name: 'rolls back on failure', template: stack({ resources: [...CODE_DEPLOY, '      AutoRollbackConfiguration:', '        Enabled: true', '        Events: [DEPLOYMENT_FAILURE]'] }), line: 'AutoRollbackConfiguration', message: /downgradedcore/ }],
  },
  {
    rule: deploymentTerminationHook,
    valid: [{ name: 'termination hook on', template: stack({ resources: [...CODE_DEPLOY, '      TerminationHookEnabled: true'] }) }],
    invalid: [{ name: 'termination hook off', template: stack({ resources: CODE_DEPLOY }), line: '  Dg:', message: /TerminationHookEnabled/ }],
  },
  {
    rule: webTierAlarms,
    valid: [
      { name: 'an alarm that notifies', template: stack({ resources: ALARM(true) }) },
      { name: 'not a web tier', template: stack({ noWebTier: true }) },
    ],
    invalid: [
      { name: 'no alarms', template: stack(), line: '  Web:', message: /Nothing watches/ },
      { name: 'an alarm that tells nobody', template: stack({ resources: ALARM(false) }), line: '  Web:', message: /no AlarmActions/ },
    ],
  },
  {
    rule: loadBalancerAccessLogs,
    valid: [{ name: 'access logs on', template: stack({ resources: ACCESS_LOGS }) }],
    invalid: [{ name: 'no access logs', template: stack({ resources: ALB }), line: '  Alb:', message: /keeps no access logs/ }],
  },
];
