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
}

export interface ListenerInfo {
  logicalId: string;
  port: Known<number>;
  protocol: Known<string>;
  /** The listener's default action redirects to HTTPS. */
  redirectsToHttps: boolean;
  path: TemplatePath;
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
}

export type DatabaseEngine = 'aurora-mysql' | 'aurora-postgresql' | 'mysql' | 'mariadb' | 'postgres' | 'unknown';

export interface DatabaseInfo {
  kind: 'aurora' | 'rds' | 'on-web-servers';
  engine: DatabaseEngine;
  /** The wire protocol the replica must speak. */
  family: 'mysql' | 'postgres';
  logicalIds: string[];
  multiAz: Known<boolean>;
  instanceCount: number;
  backupRetentionDays: Known<number>;
  storageEncrypted: Known<boolean>;
  deletionProtection: Known<boolean>;
  deletionPolicy?: string;
  passwordSource: 'secrets-manager' | 'dynamic-reference' | 'parameter-noecho' | 'parameter-default' | 'literal' | 'unknown';
}

export interface SessionCacheInfo {
  kind: 'memcached' | 'redis' | 'valkey';
  logicalId: string;
  nodeCount: Known<number>;
  multiAz: Known<boolean>;
  automaticFailover: Known<boolean>;
  transitEncryption: Known<boolean>;
}

export interface CodeDeliveryInfo {
  codeDeployApplicationId?: string;
  deploymentGroupId?: string;
  deploymentGroupTargetsWebTier: Known<boolean>;
  pipelineId?: string;
  sourceKind?: 'S3' | 'GitHub' | 'CodeCommit' | 'other';
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
}
