import type { DateWindow } from '../../scaffold/calendar';

/**
 * What the replica borrows from AWS, as plain data read from the template (stored in the replica
 * plan): the target group's health check, the Auto Scaling group's sizes and health settings, the
 * CodeDeploy deployment group, where the nodes' database credentials come from and whether they
 * rotate, and what the user data serves before any code arrives. Every field carries AWS's own
 * default when the template leaves it out, so the stand-ins are as strict as the services.
 */
export interface HealthCheckSpec {
  targetGroupId?: string;
  path: string;
  /** 'traffic-port' (AWS's default) = the port the LB sends traffic to (80 in the replica). */
  port: number | 'traffic-port';
  /** HTTP codes: "200", "200,302", "200-399". */
  matcher: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  /** deregistration_delay.timeout_seconds: how long a deregistered node finishes in-flight requests. */
  deregistrationDelaySeconds: number;
}

export interface AutoScalingSpec {
  asgId?: string;
  min: number;
  max: number;
  desired: number;
  healthCheckType: 'EC2' | 'ELB';
  gracePeriodSeconds: number;
  /** One name per subnet the group spans ("a", "b"…): new nodes go to the emptiest one. */
  zones: string[];
}

export interface DeploymentGroupSpec {
  groupId?: string;
  config: 'OneAtATime' | 'HalfAtATime' | 'AllAtOnce';
  type: 'IN_PLACE' | 'BLUE_GREEN';
  withTrafficControl: boolean;
  autoRollback: { enabled: boolean; events: string[] };
}

export interface DbCredentialsSpec {
  /** master: the nodes use the RDS-managed master secret; own: an application user's secret. */
  source: 'master' | 'own' | 'unknown';
  /** What rotates that secret: RDS managed rotation (every 7 days by default), a rotation schedule, or nothing. */
  rotation: 'rds-managed' | 'schedule' | 'none';
  /** How the template said so, for the report. */
  evidence: string;
}

export interface ScheduleSpec {
  id: string;
  recurrence: string;
  timeZone: string;
  min?: number;
  max?: number;
  desired?: number;
}

/** A target tracking policy of the web group, as the calendar replay models it. */
export interface TargetTrackingSpec {
  policyId: string;
  /** cpu: ASGAverageCPUUtilization (percent); requests: ALBRequestCountPerTarget (per target per minute). */
  metric: 'cpu' | 'requests';
  targetValue: number;
  /** Seconds of one datapoint of the metric: 60 with detailed monitoring (and for ALB metrics), 300 with EC2's basic monitoring. */
  metricPeriodSeconds: number;
  /** DisableScaleIn: the policy only ever adds nodes. */
  scaleIn: boolean;
  /** EstimatedInstanceWarmup, else the group's DefaultInstanceWarmup, else 300 s. */
  warmupSeconds: number;
}

/** The school's own year from the scaffold's options next to the template (terms and exam windows, local dates). */
export interface SchoolYearSpec {
  source: string;
  timeZone: string;
  terms: DateWindow[];
  exams: DateWindow[];
}

export interface AwsBehaviour {
  template: string;
  healthCheck: HealthCheckSpec;
  autoScaling: AutoScalingSpec;
  deploymentGroup: DeploymentGroupSpec;
  db: DbCredentialsSpec;
  /** A path the user data serves as a static file before any code (a Moodle-independent health endpoint). */
  staticHealthPath?: string;
  /** A path the user data serves with a PHP file outside Moodle (it answers only while PHP works). */
  phpHealthPath?: string;
  schedules: ScheduleSpec[];
  /** The web group's target tracking policy, when it has one the replay can model (CPU or requests per target). */
  targetTracking?: TargetTrackingSpec;
  /** The academic calendar the template was scaffolded with, when its options file is beside it. */
  schoolYear?: SchoolYearSpec;
  /** The app bundle next to the template (../moodle with hooks/), the revision's hooks. */
  bundleDir?: string;
  /** A web ACL rule on the load balancer that refuses request bodies over `blocksBodiesOverBytes` (AWS WAF's Core rule set). */
  firewall?: FirewallSpec;
  notes: string[];
}

export interface FirewallSpec { webAclId: string; ruleName: string; blocksBodiesOverBytes: number }

/** AWS's defaults for an HTTP target group of an Application Load Balancer. */
export const ALB_HEALTH_DEFAULTS: HealthCheckSpec = {
  path: '/', port: 'traffic-port', matcher: '200', intervalSeconds: 30, timeoutSeconds: 5,
  healthyThreshold: 5, unhealthyThreshold: 2, deregistrationDelaySeconds: 300,
};

/** Does an HTTP status pass a target group matcher ("200", "200,302", "200-399")? */
export function matcherAccepts(matcher: string, status: number): boolean {
  return matcher.split(',').map((p) => p.trim()).some((part) => {
    const range = /^(\d{3})-(\d{3})$/.exec(part);
    if (range) return status >= Number(range[1]) && status <= Number(range[2]);
    return /^\d{3}$/.test(part) && Number(part) === status;
  });
}
