import { al2023AmiParameter, instanceArchitecture, instanceTypePattern } from '../../common/ec2-instance-types';
import { isAurora, usesHttps } from '../options';
import { APP_SECRET } from './database';
import { Base64, Equals, GetAtt, If, NoValue, Not, Ref, Sub, type CfnValue } from './intrinsics';
import { siteUrl } from './load-balancer';
import { subnetIds } from './network';
import { output, tags, type BuildContext, type Section } from './section';
import { storageDependencies } from './storage';
import { userDataScript } from './user-data';

/** Web servers: a launch template (AL2023, IMDSv2) in an Auto Scaling group over the app subnets. */
export function webTierSection(ctx: BuildContext): Section {
  const { options } = ctx;
  const boot = userDataScript(ctx);
  // The AMI follows the instance type's architecture; the type parameter then accepts only that
  // architecture, so a wrong choice fails at deploy time with a reason instead of at every launch.
  const arch = instanceArchitecture(options.web.instanceType);
  const archName = arch === 'arm64' ? 'arm64 (Graviton)' : 'x86_64';
  const parameters: Record<string, CfnValue> = {
    LatestAmiId: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: al2023AmiParameter(arch), Description: `Amazon Linux 2023 for ${archName}, resolved at deploy time from the public SSM parameter.` },
    WebInstanceType: {
      Type: 'String', Default: options.web.instanceType, Description: `EC2 instance type of the web servers; ${archName}, the architecture of the AMI.`,
      AllowedPattern: instanceTypePattern(arch),
      ConstraintDescription: arch === 'arm64'
        ? 'must be a Graviton (arm64) type such as m7g.large, c7g.xlarge or r7g.large: the AMI is Amazon Linux 2023 for arm64. For an x86 type, scaffold again with it as web.instanceType.'
        : 'must be an x86_64 type such as m7i.large or c7i.xlarge: the AMI is Amazon Linux 2023 for x86_64. For a Graviton type, scaffold again with it as web.instanceType.',
    },
    WebMinSize: { Type: 'Number', Default: options.web.minSize, MinValue: 2, Description: 'Fewest web servers (at least 2, in different AZs).' },
    WebDesiredCapacity: { Type: 'Number', Default: options.web.desiredCapacity, MinValue: 2, Description: 'Web servers to start with.' },
    WebMaxSize: { Type: 'Number', Default: options.web.maxSize, MinValue: 2, Description: 'Most web servers scaling may add.' },
    WebBakedAmiId: { Type: 'String', Default: '', AllowedPattern: '^$|^ami-[0-9a-f]{8,17}$', Description: `Optional AMI baked from Amazon Linux 2023 for ${archName} with the packages, PHP extensions, RDS CA bundle and agents (codedeploy-agent installed but disabled) and /etc/moodle-ha/baked-ami: boots without the internet. Empty: LatestAmiId, installing at boot.` },
  };
  const aurora = isAurora(options.database.engine);
  const snapshotActions = aurora ? ['rds:CreateDBClusterSnapshot', 'rds:DescribeDBClusterSnapshots', 'rds:AddTagsToResource'] : ['rds:CreateDBSnapshot', 'rds:DescribeDBSnapshots', 'rds:AddTagsToResource'];
  const snapshotResources = aurora
    ? [Sub('arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster:${DatabaseCluster}'), Sub('arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:cluster-snapshot:moodle-upgrade-*')]
    : [Sub('arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:db:${Database}'), Sub('arn:${AWS::Partition}:rds:${AWS::Region}:${AWS::AccountId}:snapshot:moodle-upgrade-*')];
  const resources: Record<string, CfnValue> = {
    WebInstanceRole: {
      '//': 'Web tier: Amazon Linux 2023 + PHP, the CodeDeploy agent, moodledata mounted from shared storage.',
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        ManagedPolicyArns: [Sub('arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore'), Sub('arn:${AWS::Partition}:iam::aws:policy/CloudWatchAgentServerPolicy')],
        Policies: [{
          PolicyName: 'moodle-web',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              // Moodle's own DB user, the first admin (install op), SMTP: never the RDS-managed master secret.
              { Sid: 'ReadAppSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [Ref(APP_SECRET), Ref('AdminPasswordSecret'), If('MailOn', Ref('SmtpCredentialsSecret'), NoValue)] },
              { Sid: 'SnapshotBeforeUpgrade', Effect: 'Allow', Action: snapshotActions, Resource: snapshotResources },
              // HeadBucket and the moodledata sync of a migration's restore (migrate-restore.sh) list the bucket.
              { Sid: 'ListArtifactBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: GetAtt('ArtifactBucket', 'Arn') },
              { Sid: 'FetchDeploymentBundles', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: Sub('${ArtifactBucket.Arn}/*') },
            ],
          },
        }],
        Tags: tags('web'),
      },
    },
    WebInstanceProfile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [Ref('WebInstanceRole')] } },
    WebLaunchTemplate: {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: {
        LaunchTemplateData: {
          ImageId: If('UseBakedAmi', Ref('WebBakedAmiId'), Ref('LatestAmiId')),
          InstanceType: Ref('WebInstanceType'),
          IamInstanceProfile: { Arn: GetAtt('WebInstanceProfile', 'Arn') },
          SecurityGroupIds: [GetAtt('WebSecurityGroup', 'GroupId')],
          MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' },
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 30, VolumeType: 'gp3', Encrypted: true, DeleteOnTermination: true } }],
          TagSpecifications: [{ ResourceType: 'instance', Tags: tags('web') }, { ResourceType: 'volume', Tags: tags('web') }],
          UserData: Base64(Sub(boot.script, { SiteUrl: siteUrl(usesHttps(options), options.domain.name !== ''), ...boot.vars })),
        },
        TagSpecifications: [{ ResourceType: 'launch-template', Tags: tags('web') }],
      },
    },
    WebAutoScalingGroup: {
      Type: 'AWS::AutoScaling::AutoScalingGroup',
      DependsOn: storageDependencies(ctx).length ? storageDependencies(ctx) : undefined,
      // Every boot signals (user data): the stack fails when the nodes do not come up.
      CreationPolicy: { ResourceSignal: { Count: Ref('WebMinSize'), Timeout: 'PT20M' } },
      UpdatePolicy: {
        // One node at a time, each waiting for its boot signal; 1 in service still works when Min = Max.
        AutoScalingRollingUpdate: { MinInstancesInService: 1, MaxBatchSize: 1, PauseTime: 'PT20M', WaitOnResourceSignals: true },
        // A stack update keeps the sizes the academic calendar's scheduled actions set.
        AutoScalingScheduledAction: { IgnoreUnmodifiedGroupSizeProperties: true },
      },
      Properties: {
        LaunchTemplate: { LaunchTemplateId: Ref('WebLaunchTemplate'), Version: GetAtt('WebLaunchTemplate', 'LatestVersionNumber') },
        MinSize: Ref('WebMinSize'), MaxSize: Ref('WebMaxSize'), DesiredCapacity: Ref('WebDesiredCapacity'),
        VPCZoneIdentifier: subnetIds('App', ctx),
        TargetGroupARNs: [Ref('WebTargetGroup')],
        HealthCheckType: 'ELB',
        // Long enough for the boot (packages, PHP extensions) and CodeDeploy's launch deployment.
        HealthCheckGracePeriod: 900,
        Tags: tags('web').map((t) => ({ ...(t as Record<string, CfnValue>), PropagateAtLaunch: true })),
      },
    },
  };
  return { parameters, conditions: { UseBakedAmi: Not(Equals(Ref('WebBakedAmiId'), '')) }, resources, outputs: { WebAutoScalingGroupName: output('The web servers\' Auto Scaling group.', Ref('WebAutoScalingGroup')) } };
}
