/**
 * What a template means for Moodle: the five concerns of a highly-available Moodle, derived once
 * from a TemplateModel and used by the HA lint rules, the local replica planner and the stack view.
 * Every part is either found (with the logical ids it came from) or missing (with the reason).
 */
import type { TemplatePath } from '../template/nodes';

export type Missing = { found: false; reason: string };
export type Found<T> = { found: true } & T;
export type Part<T> = Found<T> | Missing;

/** A value read from the template: known, or not knowable without deploying (a Ref, a Sub…). */
export type Known<T> = T | 'unknown';

export interface LoadBalancerInfo {
  logicalId: string;
  kind: 'application' | 'network' | 'gateway' | 'classic';
  scheme: Known<'internet-facing' | 'internal'>;
  listeners: ListenerInfo[];
  targetGroupIds: string[];
  /** Added by deriveTopology; optional so hand-built topologies stay valid. */
  path?: TemplatePath;
  targetGroups?: TargetGroupInfo[];
  /** Classic ELB: sticky-session policies are declared on the load balancer itself. */
  classicStickiness?: boolean;
  /** CloudFront distributions whose origin is this load balancer (here or in a sibling stack). */
  cloudFrontOrigins?: CloudFrontOrigin[];
}

/** A CloudFront distribution in front of the load balancer: what viewers and the origin leg see. */
export interface CloudFrontOrigin {
  distributionId: string;
  /** The template file it is in, when it is not this one. */
  file?: string;
  /** OriginProtocolPolicy: http-only, https-only or match-viewer. */
  originProtocol: Known<string>;
  /** ViewerProtocolPolicy of the default behaviour is redirect-to-https or https-only. */
  viewerHttps: Known<boolean>;
  /** Conditions the distribution (or the nested stack holding it) depends on. */
  conditions: string[];
}

/** A target group and whether it pins users to one node (sticky sessions). */
export interface TargetGroupInfo {
  logicalId: string;
  stickiness: Known<boolean>;
  path: TemplatePath;
}

export interface ListenerInfo {
  logicalId: string;
  port: Known<number>;
  protocol: Known<string>;
  /** The listener's default action redirects to HTTPS. */
  redirectsToHttps: boolean;
  path: TemplatePath;
  /** The listener's DefaultActions value, where a quick fix edits it. */
  defaultActionsPath?: TemplatePath;
  /** The listener resource's Condition, when it only exists on some deployments. */
  condition?: string;
}

export interface ScheduledActionInfo {
  logicalId: string;
  recurrence?: string;
  startTime?: string;
  minSize?: Known<number>;
  maxSize?: Known<number>;
  desiredCapacity?: Known<number>;
  timeZone?: string;
}

/** One launch template or configuration the group can use (several when chosen by `Fn::If`). */
export interface LaunchAlternative {
  logicalId: string;
  type: 'AWS::EC2::LaunchTemplate' | 'AWS::AutoScaling::LaunchConfiguration';
  path: TemplatePath;
  /** The conditions that select it; empty when it is the only one. */
  when: string[];
  imdsV2Required: Known<boolean>;
  /** HttpTokens is unset and the AMI's own ImdsSupport v2.0 makes it required. */
  imdsV2ByAmiDefault?: boolean;
}

export interface WebTierInfo {
  asgLogicalId: string;
  launchTemplateId?: string;
  launchConfigurationId?: string;
  minSize: Known<number>;
  maxSize: Known<number>;
  desiredCapacity: Known<number>;
  /** Distinct AZs the group spans, when the subnets or AZ list make it knowable. */
  azCount: Known<number>;
  healthCheckType: Known<'EC2' | 'ELB'>;
  targetGroupIds: string[];
  scheduledActions: ScheduledActionInfo[];
  scalingPolicyIds: string[];
  imdsV2Required: Known<boolean>;
  /** The instance user data as text, with intrinsic placeholders left in `${...}` form. */
  userData?: string;
  webServer: Known<'apache' | 'nginx'>;
  codeDeployAgentInstalled: Known<boolean>;
  asgPath?: TemplatePath;
  /** The launch template's or launch configuration's resource path. */
  launchPath?: TemplatePath;
  /** Where the group's subnets or AZs are declared (VPCZoneIdentifier or AvailabilityZones). */
  placementPath?: TemplatePath;
  classicLoadBalancerIds?: string[];
  instanceSecurityGroupIds?: string[];
  /** A database server package the user data installs (mysql-server, mariadb-server, postgresql…). */
  installedDatabasePackage?: string;
  /** User data downloads a fixed, versioned code bundle (S3 object, release archive, git tag). */
  fetchesVersionedBundle?: boolean;
  /** AWS::CloudFormation::Init metadata of the launch template/configuration, as text. */
  bootstrapMetadata?: string;
  /** The same metadata as the instance sees it: file contents and commands decoded (cfn-init-text.ts). */
  bootstrapText?: string;
  /** Every launch template/configuration the group can use; the first is launchTemplateId/launchConfigurationId. */
  launchAlternatives?: LaunchAlternative[];
  /** Why this group was taken for Moodle's web tier. */
  selectedBecause?: string;
  /** A CodeDeploy deployment group in this other template of the stack deploys to the group. */
  deployedFromStack?: string;
  /** Other groups of the template and what they are instead (helpers, ECS hosts, bastions…). */
  otherGroups?: Array<{ logicalId: string; role: string }>;
}

export interface SharedStorageInfo {
  kind: 'efs' | 'nfs' | 'glusterfs';
  logicalId?: string;
  encrypted: Known<boolean>;
  mountTargetCount: number;
  mountTargetAzCount: Known<number>;
  backupEnabled: Known<boolean>;
  deletionPolicy?: string;
  mountedByWebTier: Known<boolean>;
  path?: TemplatePath;
  mountTargetIds?: string[];
  securityGroupIds?: string[];
  /** How an NFS/GlusterFS share was recognised (user data mount, parameter, metadata). */
  declaredBy?: string;
}

export type DatabaseEngine = 'aurora-mysql' | 'aurora-postgresql' | 'mysql' | 'mariadb' | 'postgres' | 'unknown';

export interface DatabaseInfo {
  kind: 'aurora' | 'rds' | 'on-web-servers';
  /** The engine (the first branch's, when Engine is an `Fn::If`). */
  engine: DatabaseEngine;
  /** Every engine an `Fn::If` on Engine can choose, when there are several. */
  engineAlternatives?: DatabaseEngine[];
  /** The wire protocol the replica must speak. */
  family: 'mysql' | 'postgres';
  logicalIds: string[];
  multiAz: Known<boolean>;
  instanceCount: number;
  backupRetentionDays: Known<number>;
  storageEncrypted: Known<boolean>;
  deletionProtection: Known<boolean>;
  deletionPolicy?: string;
  /** DeletionPolicy is not written: `deletionPolicy` is CloudFormation's default for the type. */
  deletionPolicyIsDefault?: boolean;
  passwordSource: 'secrets-manager' | 'dynamic-reference' | 'parameter-noecho' | 'parameter-default' | 'literal' | 'unknown';
  /** The cluster (Aurora) or instance (RDS) resource path. */
  path?: TemplatePath;
  /** Where MasterUserPassword is, when it is set. */
  passwordPath?: TemplatePath;
  /** The parameter the password comes from, when it is a Ref. */
  passwordParameter?: { name: string; noEcho: boolean; hasDefault: boolean };
  /** Aurora Serverless v1 (EngineMode serverless): one AZ, no instances to add. */
  serverlessV1?: boolean;
  securityGroupIds?: string[];
}

export interface SessionCacheInfo {
  kind: 'memcached' | 'redis' | 'valkey';
  logicalId: string;
  nodeCount: Known<number>;
  multiAz: Known<boolean>;
  automaticFailover: Known<boolean>;
  transitEncryption: Known<boolean>;
  resourceType?: string;
  path?: TemplatePath;
  securityGroupIds?: string[];
  /**
   * A replication group's failover reaches code that can sweep the dead requests' session locks
   * (NotificationTopicArn → a topic with a Lambda/SQS/HTTPS subscriber). Only set for replication groups.
   */
  failoverLockSweep?: Known<boolean>;
}

export interface CodeDeliveryInfo {
  codeDeployApplicationId?: string;
  deploymentGroupId?: string;
  deploymentGroupTargetsWebTier: Known<boolean>;
  pipelineId?: string;
  sourceKind?: 'S3' | 'GitHub' | 'CodeCommit' | 'other';
  deploymentGroupPath?: TemplatePath;
}

export type PartName = 'loadBalancer' | 'webTier' | 'sharedStorage' | 'database' | 'sessionCache' | 'code';

/** A part this template lacks that another template of the same stack (parent, sibling, nested) has. */
export interface ElsewherePart {
  /** The template it is in, relative to this template's folder. */
  file: string;
  logicalId?: string;
  /** What it is, where that matters to a rule: the session cache's engine (redis, valkey, memcached), the load balancer's type (application, network, …). */
  kind?: string;
  /** The nested stack's Condition in the parent, when it only exists on some deployments. */
  condition?: string;
}

export interface HaTopology {
  loadBalancer: Part<LoadBalancerInfo>;
  webTier: Part<WebTierInfo>;
  sharedStorage: Part<SharedStorageInfo>;
  database: Part<DatabaseInfo>;
  sessionCache: Part<SessionCacheInfo>;
  code: Part<CodeDeliveryInfo>;
  /** Moodle config.php text found in user data, if the template writes one. */
  moodleConfig?: string;
  /** The other template of the stack that writes moodleConfig, when this one does not (it reaches the web tier with the code). */
  moodleConfigWrittenBy?: string;
  /** Whether this template is (part of) a Moodle stack, and why: the Moodle-HA rules run only on one. */
  moodleStack?: { isMoodle: boolean; reason: string };
  /** Parts missing here that the stack's other templates provide (so they are not reported missing). */
  elsewhere?: Partial<Record<PartName, ElsewherePart>>;
  /** The CodeDeploy hooks of the project's bundle (the scaffold's layout), when the web tier's code comes through CodeDeploy. */
  bundleHooks?: Array<{ event: string; file: string; text: string }>;
  /** ElastiCache stores in the template, or in its whole stack when it nests or is nested (sessions, MUC). */
  cacheStores?: number;
  /** The templates deployed together with this one, when it nests or is nested. */
  stackFamily?: { root: string; templates: string[] };
}
