import type { AwsBehaviour } from '../aws/aws-behaviour';

/**
 * What the local replica runs: plain data planned from an HaTopology, stored as a label on the
 * project network so every later command (status, drill, scale, down) can read it back from Docker.
 */
export type WebServer = 'apache' | 'nginx';
export type DbFamily = 'mysql' | 'postgres';
export type CacheKind = 'memcached' | 'redis';
export type NodeRole = 'lb' | 'web' | 'db' | 'cache';

export interface ReplicaPlan {
  project: string;
  web: { nodes: number; min: number; max: number; server: WebServer };
  database: { family: DbFamily; engine: string };
  /**
   * redis with `replica: true` runs primary + replica + an endpoint that follows a promotion.
   * lockSweep: the stack sweeps the dead requests' session locks when the endpoint fails over (the
   * template's failover notification → the bundle's ops/sweep-session-locks.php); false or absent: it does not.
   */
  cache: { kind: CacheKind; replica: boolean; lockSweep?: boolean };
  /**
   * Moodle's application cache (MUC) on a Redis of its own (the node app-cache), as the template's second
   * replication group: the bundle's ops/configure-muc.php maps the application mode to it. Absent: the file store.
   */
  appCache?: boolean;
  lb: { port: number; sticky: boolean };
  app: { kind: 'probe' } | { kind: 'moodle'; dir: string; publicDir: boolean };
  /** Why each choice was made, for `sim up` to print. */
  notes: string[];
  /** The AWS behaviours read from the template (health check, Auto Scaling, CodeDeploy, secrets); absent without a template. */
  aws?: AwsBehaviour;
  /** The template the replica was planned from (an absolute path), so its picture opens later without it; absent for the HA defaults. */
  template?: string;
}

export interface PlanOptions {
  project?: string;
  /** Override the template's desired capacity (`--nodes`). */
  nodes?: number;
  lbPort?: number;
  sticky?: boolean;
  /** Hard ceiling so a template with MaxSize 40 still fits one machine. */
  maxLocalNodes?: number;
  moodle?: { dir: string; publicDir: boolean };
  /** Force a cache kind (e.g. to compare memcached with redis side by side). */
  cache?: { kind: CacheKind; replica: boolean };
  /** Force the failover lock sweep on or off (`--lock-sweep`); else the template's, or on without one (the scaffold's design). */
  lockSweep?: boolean;
  /** Force the application cache's Redis on or off; else on when the template's user data sets MOODLE_MUC_REDIS_HOST. */
  appCache?: boolean;
  /** What the template says AWS does (readAwsBehaviour); sizes it resolves fill in what the topology leaves unknown. */
  aws?: AwsBehaviour;
  /** The template's absolute path, recorded in the plan. */
  template?: string;
}

export const DEFAULT_PROJECT = 'moodle-ha';
export const DEFAULT_LB_PORT = 8380;
export const MAX_LOCAL_NODES = 6;
