/**
 * Building blocks for small rule-test templates. Each default passes every rule, so a case only
 * changes the lines it is about. Indentation is part of the strings: resources at 2 spaces.
 */
import { yaml } from '../lint-text';

export const SUBNETS = [
  '  SubnetA:', '    Type: AWS::EC2::Subnet', '    Properties:', '      VpcId: vpc-1', '      CidrBlock: 10.0.0.0/24', "      AvailabilityZone: !Select [0, !GetAZs '']",
  '  SubnetB:', '    Type: AWS::EC2::Subnet', '    Properties:', '      VpcId: vpc-1', '      CidrBlock: 10.0.1.0/24', "      AvailabilityZone: !Select [1, !GetAZs '']",
];

/** ASG property lines (6 spaces). */
export const ASG = [
  "      MinSize: '2'", "      MaxSize: '4'", '      HealthCheckType: ELB', '      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]',
  '      TargetGroupARNs: [!Ref Tg]', '      LaunchTemplate:', '        LaunchTemplateId: !Ref Lt', '        Version: !GetAtt Lt.LatestVersionNumber',
];

/** LaunchTemplateData lines (8 spaces), without UserData. */
export const LAUNCH_DATA = ['        ImageId: ami-12345678', '        InstanceType: t3.medium', '        MetadataOptions:', '          HttpTokens: required'];

export const MOUNT_EFS = ['mount -t efs -o tls ${Fs}:/ /mnt/moodledata'];

export const EFS = [
  '  Fs:', '    Type: AWS::EFS::FileSystem', '    DeletionPolicy: Retain', '    UpdateReplacePolicy: Retain', '    Properties:', '      Encrypted: true', '      BackupPolicy:', '        Status: ENABLED',
  '  MtA:', '    Type: AWS::EFS::MountTarget', '    Properties:', '      FileSystemId: !Ref Fs', '      SubnetId: !Ref SubnetA', '      SecurityGroups: [!Ref FsSg]',
  '  MtB:', '    Type: AWS::EFS::MountTarget', '    Properties:', '      FileSystemId: !Ref Fs', '      SubnetId: !Ref SubnetB', '      SecurityGroups: [!Ref FsSg]',
];

export const REDIS = [
  '  Cache:', '    Type: AWS::ElastiCache::ReplicationGroup', '    Properties:', '      ReplicationGroupDescription: sessions', '      Engine: redis', '      CacheNodeType: cache.t4g.small',
  '      NumCacheClusters: 2', '      AutomaticFailoverEnabled: true', '      MultiAZEnabled: true', '      TransitEncryptionEnabled: true', '      SecurityGroupIds: [!Ref CacheSg]',
];

export const REDIS_CONFIG = [
  "$CFG->session_handler_class = '\\core\\session\\redis';", "$CFG->session_redis_host = '${Cache.PrimaryEndPoint.Address}';", "$CFG->session_redis_encrypt = ['verify_peer' => true];",
];

export const AURORA = [
  '  Db:', '    Type: AWS::RDS::DBCluster', '    DeletionPolicy: Snapshot', '    UpdateReplacePolicy: Snapshot', '    Properties:', '      Engine: aurora-mysql',
  '      MasterUsername: moodle', '      ManageMasterUserPassword: true', '      StorageEncrypted: true', '      BackupRetentionPeriod: 7', '      DeletionProtection: true', '      VpcSecurityGroupIds: [!Ref DbSg]',
  '  DbA:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: aurora-mysql', '      DBClusterIdentifier: !Ref Db', '      DBInstanceClass: db.r6g.large',
  '  DbB:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      Engine: aurora-mysql', '      DBClusterIdentifier: !Ref Db', '      DBInstanceClass: db.r6g.large',
];

/** RDS instance property lines follow `rdsInstance(...)`'s header; pass replacements for defaults. */
export const RDS_PROPS = [
  '      Engine: postgres', '      DBInstanceClass: db.m6g.large', "      AllocatedStorage: '100'", '      MultiAZ: true', '      MasterUsername: moodle',
  '      ManageMasterUserPassword: true', '      StorageEncrypted: true', '      BackupRetentionPeriod: 7', '      DeletionProtection: true',
];

export function rds(props: string[] = RDS_PROPS, resourceLines: string[] = []): string[] {
  return ['  Rds:', '    Type: AWS::RDS::DBInstance', ...resourceLines, '    Properties:', ...props];
}

export const ALB = [
  '  Alb:', '    Type: AWS::ElasticLoadBalancingV2::LoadBalancer', '    Properties:', '      Subnets: [!Ref SubnetA, !Ref SubnetB]',
  '  Tg:', '    Type: AWS::ElasticLoadBalancingV2::TargetGroup', '    Properties:', '      Port: 80', '      Protocol: HTTP', '      VpcId: vpc-1',
  '  Https:', '    Type: AWS::ElasticLoadBalancingV2::Listener', '    Properties:', '      LoadBalancerArn: !Ref Alb', '      Port: 443', '      Protocol: HTTPS',
  '      DefaultActions:', '        - Type: forward', '          TargetGroupArn: !Ref Tg',
];

export const CODE_DEPLOY = [
  '  App:', '    Type: AWS::CodeDeploy::Application',
  '  Dg:', '    Type: AWS::CodeDeploy::DeploymentGroup', '    Properties:', '      ApplicationName: !Ref App', '      ServiceRoleArn: arn:aws:iam::123456789012:role/cd', '      AutoScalingGroups: [!Ref Web]',
];

export const AGENT = ['wget https://aws-codedeploy-${AWS::Region}.s3.${AWS::Region}.amazonaws.com/latest/install', 'chmod +x ./install && ./install auto'];

export interface StackOptions {
  asg?: string[];
  launchData?: string[];
  /** Script lines of the user data; config lines go in a config.php heredoc. */
  userData?: string[];
  config?: string[];
  /** Other resources (2-space indent). */
  resources?: string[];
  parameters?: string[];
  /** Leave out the ASG and launch template (a stack that is not a web tier). */
  noWebTier?: boolean;
}

/** A template with subnets, a web tier (ASG + launch template + user data) and any other resources. */
export function stack(o: StackOptions = {}): string {
  const script = [...(o.userData ?? ['#!/bin/bash', 'dnf install -y httpd php8.3'])];
  if (o.config) script.push("cat > /var/www/moodle/config.php <<'PHP'", '<?php', ...o.config, 'PHP');
  const web = o.noWebTier ? [] : [
    '  Web:', '    Type: AWS::AutoScaling::AutoScalingGroup', '    Properties:', ...(o.asg ?? ASG),
    '  Lt:', '    Type: AWS::EC2::LaunchTemplate', '    Properties:', '      LaunchTemplateData:', ...(o.launchData ?? LAUNCH_DATA),
    '        UserData:', '          Fn::Base64: !Sub |', ...script.map((l) => '            ' + l),
  ];
  const params = o.parameters?.length ? ['Parameters:', ...o.parameters] : [];
  return yaml(...params, 'Resources:', ...SUBNETS, ...web, ...(o.resources ?? []));
}

/** Replace (or with null remove) the first line that starts with `prefix` after trimming. */
export function without(lines: string[], prefix: string, replacement: string | null = null): string[] {
  const i = lines.findIndex((l) => l.trim().startsWith(prefix));
  if (i < 0) throw new Error(`no line starting with ${prefix}`);
  const out = [...lines];
  if (replacement === null) out.splice(i, 1); else out[i] = replacement;
  return out;
}
