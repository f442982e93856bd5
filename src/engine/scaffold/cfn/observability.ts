import { isAurora } from '../options';
import { Equals, GetAtt, Not, Ref, Sub, type CfnValue } from './intrinsics';
import { output, tags, type BuildContext, type Section } from './section';

/**
 * Regions older than August 2022 deliver ALB access logs from an Elastic Load Balancing account;
 * newer ones from the log-delivery service principal (Elastic Load Balancing guide, access logs).
 */
const ELB_LOG_ACCOUNTS: Record<string, string> = {
  'us-east-1': '127311923021', 'us-east-2': '033677994240', 'us-west-1': '027434742980', 'us-west-2': '797873946194',
  'af-south-1': '098369216593', 'ap-east-1': '754344448648', 'ap-southeast-3': '589379963580', 'ap-south-1': '718504428378',
  'ap-northeast-3': '383597477331', 'ap-northeast-2': '600734575887', 'ap-southeast-1': '114774131450', 'ap-southeast-2': '783225319266',
  'ap-northeast-1': '582318560864', 'ca-central-1': '985666609251', 'eu-central-1': '054676820928', 'eu-west-1': '156460612806',
  'eu-west-2': '652711504416', 'eu-south-1': '635631232127', 'eu-west-3': '009996457667', 'eu-north-1': '897822967062',
  'me-south-1': '076674570225', 'sa-east-1': '507241528517', 'us-gov-west-1': '048591011584', 'us-gov-east-1': '190560391635',
};

/** Eyes for the school's IT team: node logs in CloudWatch, ALB access logs, alarms e-mailed through SNS. */
export function observabilitySection(ctx: BuildContext): Section {
  const { options } = ctx;
  const elbAccount = ELB_LOG_ACCOUNTS[options.region];
  const parameters: Record<string, CfnValue> = {
    AlarmEmail: { Type: 'String', Default: options.alarms.email, AllowedPattern: '^$|^[^@\\s]+@[^@\\s]+$', Description: 'E-mail address the alarms go to (confirm the subscription mail). Empty: subscribe to AlarmTopic later.' },
  };
  const resources: Record<string, CfnValue> = {
    WebLogGroup: {
      '//': 'Observability: boot, web server, PHP-FPM and Moodle cron logs from every node (CloudWatch agent), ALB access logs, alarms.',
      Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain',
      Properties: { LogGroupName: Sub('/moodle-ha/${AWS::StackName}/web'), RetentionInDays: 90, Tags: tags('logs') },
    },
    AccessLogsBucket: {
      Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain',
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: { Rules: [{ Id: 'expire-access-logs', Status: 'Enabled', ExpirationInDays: 90 }] },
        Tags: tags('alb-logs'),
      },
    },
    AccessLogsBucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: Ref('AccessLogsBucket'),
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'LoadBalancerWritesAccessLogs', Effect: 'Allow', Action: 's3:PutObject',
              Principal: elbAccount ? { AWS: Sub(`arn:\${AWS::Partition}:iam::${elbAccount}:root`) } : { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
              Resource: Sub('${AccessLogsBucket.Arn}/alb/AWSLogs/${AWS::AccountId}/*'),
            },
            { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [GetAtt('AccessLogsBucket', 'Arn'), Sub('${AccessLogsBucket.Arn}/*')], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          ],
        },
      },
    },
    AlarmTopic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'Moodle alarms', Tags: tags('alarms') } },
    AlarmEmailSubscription: { Type: 'AWS::SNS::Subscription', Condition: 'HasAlarmEmail', Properties: { TopicArn: Ref('AlarmTopic'), Protocol: 'email', Endpoint: Ref('AlarmEmail') } },
    ...alarms(ctx),
  };
  return {
    parameters,
    conditions: { HasAlarmEmail: Not(Equals(Ref('AlarmEmail'), '')) },
    resources,
    outputs: {
      AlarmTopicArn: output('SNS topic of the alarms (subscribe more addresses here).', Ref('AlarmTopic')),
      WebLogGroupName: output('CloudWatch log group with every node\'s boot, web server, PHP and cron logs.', Ref('WebLogGroup')),
      AccessLogsBucketName: output('ALB access logs (prefix alb/).', Ref('AccessLogsBucket')),
    },
  };
}

interface AlarmSpec { id: string; description: string; namespace: string; metric: string; dimensions: Record<string, CfnValue>; statistic: string; comparison: string; threshold: number; periods?: number; period?: number }

function alarms(ctx: BuildContext): Record<string, CfnValue> {
  const { options } = ctx;
  const alb = { LoadBalancer: GetAtt('LoadBalancer', 'LoadBalancerFullName') };
  const db: Record<string, CfnValue> = isAurora(options.database.engine) ? { DBClusterIdentifier: Ref('DatabaseCluster'), Role: 'WRITER' } : { DBInstanceIdentifier: Ref('Database') };
  const memcached = options.cache.engine === 'memcached';
  const sessionNode = memcached ? Ref('SessionCache') : Sub('${SessionCache}-001');
  const specs: AlarmSpec[] = [
    { id: 'AlarmLoadBalancer5xx', description: 'The load balancer answered 5xx itself (no healthy node, timeouts).', namespace: 'AWS/ApplicationELB', metric: 'HTTPCode_ELB_5XX_Count', dimensions: alb, statistic: 'Sum', comparison: 'GreaterThanThreshold', threshold: 10 },
    { id: 'AlarmMoodle5xx', description: 'Moodle answered 5xx (PHP errors, database or cache down).', namespace: 'AWS/ApplicationELB', metric: 'HTTPCode_Target_5XX_Count', dimensions: alb, statistic: 'Sum', comparison: 'GreaterThanThreshold', threshold: 25 },
    { id: 'AlarmUnhealthyWebServers', description: 'A web server fails the load balancer health check.', namespace: 'AWS/ApplicationELB', metric: 'UnHealthyHostCount', dimensions: { ...alb, TargetGroup: GetAtt('WebTargetGroup', 'TargetGroupFullName') }, statistic: 'Maximum', comparison: 'GreaterThanOrEqualToThreshold', threshold: 1, periods: 3, period: 60 },
    { id: 'AlarmDatabaseCpu', description: 'Database CPU above 80 % for 15 minutes.', namespace: 'AWS/RDS', metric: 'CPUUtilization', dimensions: db, statistic: 'Average', comparison: 'GreaterThanThreshold', threshold: 80, periods: 3 },
    { id: 'AlarmDatabaseConnections', description: 'Many database connections (each PHP request opens one).', namespace: 'AWS/RDS', metric: 'DatabaseConnections', dimensions: db, statistic: 'Maximum', comparison: 'GreaterThanThreshold', threshold: 800, periods: 2 },
    { id: 'AlarmDatabaseMemory', description: 'Database freeable memory below 256 MiB.', namespace: 'AWS/RDS', metric: 'FreeableMemory', dimensions: db, statistic: 'Minimum', comparison: 'LessThanThreshold', threshold: 268435456, periods: 2 },
    memcached
      ? { id: 'AlarmSessionCacheEvictions', description: 'The session cache evicts items: sessions are being lost.', namespace: 'AWS/ElastiCache', metric: 'Evictions', dimensions: { CacheClusterId: sessionNode }, statistic: 'Sum', comparison: 'GreaterThanThreshold', threshold: 0 }
      : { id: 'AlarmSessionCacheMemory', description: 'Session cache memory above 80 %.', namespace: 'AWS/ElastiCache', metric: 'DatabaseMemoryUsagePercentage', dimensions: { CacheClusterId: sessionNode }, statistic: 'Maximum', comparison: 'GreaterThanThreshold', threshold: 80 },
    { id: 'AlarmApplicationCacheMemory', description: 'Application cache (MUC) memory above 80 %.', namespace: 'AWS/ElastiCache', metric: 'DatabaseMemoryUsagePercentage', dimensions: { CacheClusterId: Sub('${ApplicationCache}-001') }, statistic: 'Maximum', comparison: 'GreaterThanThreshold', threshold: 80 },
    { id: 'AlarmApplicationCacheEvictions', description: 'The application cache evicts items (too small for the site).', namespace: 'AWS/ElastiCache', metric: 'Evictions', dimensions: { CacheClusterId: Sub('${ApplicationCache}-001') }, statistic: 'Sum', comparison: 'GreaterThanThreshold', threshold: 1000 },
  ];
  if (options.storage.kind === 'efs') {
    specs.push({ id: 'AlarmSharedStorageIo', description: 'moodledata (EFS) near its I/O limit.', namespace: 'AWS/EFS', metric: 'PercentIOLimit', dimensions: { FileSystemId: Ref('SharedFileSystem') }, statistic: 'Maximum', comparison: 'GreaterThanThreshold', threshold: 90, periods: 3 });
  }
  const out: Record<string, CfnValue> = {};
  for (const a of specs) {
    out[a.id] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmDescription: a.description, Namespace: a.namespace, MetricName: a.metric,
        Dimensions: Object.entries(a.dimensions).map(([Name, Value]) => ({ Name, Value })),
        Statistic: a.statistic, Period: a.period ?? 300, EvaluationPeriods: a.periods ?? 1, Threshold: a.threshold, ComparisonOperator: a.comparison,
        TreatMissingData: 'notBreaching', AlarmActions: [Ref('AlarmTopic')], OKActions: [Ref('AlarmTopic')], Tags: tags('alarm'),
      },
    };
  }
  return out;
}
