import { presetCalendar, type AcademicCalendar } from './calendar';

/**
 * The wizard's answers: JSON-serialisable, the same shape the wizard saves and `--config` reads.
 * Every field has a default, so `{}` is a complete, deployable design.
 */
export type ScaffoldFormat = 'cloudformation' | 'cdk';
export type DatabaseEngineOption = 'aurora-mysql' | 'aurora-postgresql' | 'mysql' | 'mariadb' | 'postgres';
export type CacheEngineOption = 'memcached' | 'redis' | 'valkey';
export type StorageKindOption = 'efs' | 'nfs' | 'glusterfs';
export type CodeSourceOption = 's3' | 'github' | 'codecommit';
export type WebServerOption = 'apache' | 'nginx';
export type MoodleVersionOption = '4.5' | '5.0' | '5.1';
export type PhpVersionOption = '8.2' | '8.3' | '8.4';

export interface ScheduleOption {
  /** Becomes part of the logical id: letters and digits. */
  name: string;
  kind: 'term' | 'holiday' | 'exam';
  /** Unix cron (5 fields), in `scaling.timeZone`. Either this or startTime. */
  recurrence?: string;
  /** One-off start (ISO 8601, UTC), e.g. the first exam day. */
  startTime?: string;
  endTime?: string;
  minSize: number;
  /** Ignored: scheduled actions set MinSize/MaxSize only, so they never fight target tracking. */
  desiredCapacity?: number;
  maxSize: number;
}

export type MailRelayOption = 'none' | 'ses' | 'smtp';

export interface ScaffoldOptions {
  format: ScaffoldFormat;
  /** Project tag and name prefix: lower case letters, digits, hyphens. */
  projectName: string;
  environment: string;
  region: string;
  azCount: 2 | 3;
  network: {
    vpcCidr: string;
    publicSubnetCidrs: string[];
    appSubnetCidrs: string[];
    dataSubnetCidrs: string[];
    natGatewayPerAz: boolean;
  };
  web: {
    instanceType: string;
    minSize: number;
    desiredCapacity: number;
    maxSize: number;
    server: WebServerOption;
    phpVersion: PhpVersionOption;
    moodleVersion: MoodleVersionOption;
  };
  scaling: {
    metric: 'cpu' | 'requests';
    /** Percent CPU, or requests per target per minute. */
    targetValue: number;
    timeZone: string;
    /**
     * With a calendar, term schedules run only inside its terms, exam schedules only inside its
     * exam periods (their crons give the time of day and weekdays), and holiday schedules start the
     * day after each term ends. Without terms, the crons run as written.
     */
    calendar: AcademicCalendar;
    schedules: ScheduleOption[];
  };
  storage: {
    kind: StorageKindOption;
    /** NFS `host:/export` or GlusterFS `host:/volume`; unused with EFS. */
    endpoint: string;
  };
  database: {
    engine: DatabaseEngineOption;
    instanceClass: string;
    backupRetentionDays: number;
    /** RDS only (Aurora storage grows by itself). */
    allocatedStorageGiB: number;
    /**
     * Aurora only: writer and reader as Aurora Serverless v2 (instanceClass unused). Its minimum
     * capacity is `termMinAcu` in term time and is scheduled down to `holidayMinAcu` from the day
     * after each term of the calendar until the next term starts (EventBridge Scheduler calls
     * rds:ModifyDBCluster). Moodle's cron runs every minute, so the cluster never pauses: the
     * holiday saving is the lower floor.
     */
    serverless: { enabled: boolean; termMinAcu: number; holidayMinAcu: number; maxAcu: number };
  };
  cache: {
    engine: CacheEngineOption;
    nodeType: string;
    /** memcached nodes (spread over the AZs); Redis/Valkey get one node per AZ. */
    nodeCount: number;
  };
  code: {
    source: CodeSourceOption;
    /** S3: object key of the zip in the artifact bucket. */
    s3ObjectKey: string;
    githubConnectionArn: string;
    /** owner/name */
    githubRepository: string;
    codeCommitRepository: string;
    branch: string;
  };
  mail: {
    /** ses: Amazon SES SMTP in the stack's region; smtp: your relay; none: Moodle sends no mail. */
    relay: MailRelayOption;
    /** The relay host (smtp only). */
    smtpHost: string;
    smtpPort: number;
    /** From address of Moodle's mail (empty: noreply@ the site's domain). */
    noReplyAddress: string;
  };
  alarms: {
    /** Where CloudWatch alarms are e-mailed (empty: the SNS topic has no subscription yet). */
    email: string;
  };
  domain: {
    /** Empty: the load balancer's name is the site URL. */
    name: string;
    /** Empty: HTTP-only demo mode. */
    certificateArn: string;
  };
}

export type ScaffoldOptionsInput = DeepPartial<ScaffoldOptions>;
type DeepPartial<T> = { [K in keyof T]?: T[K] extends (infer U)[] ? U[] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

export const DATABASE_ENGINES: DatabaseEngineOption[] = ['aurora-mysql', 'aurora-postgresql', 'mysql', 'mariadb', 'postgres'];
export const CACHE_ENGINES: CacheEngineOption[] = ['redis', 'valkey', 'memcached'];
export const STORAGE_KINDS: StorageKindOption[] = ['efs', 'nfs', 'glusterfs'];
export const CODE_SOURCES: CodeSourceOption[] = ['s3', 'github', 'codecommit'];

const SUBNET_DEFAULTS = {
  publicSubnetCidrs: ['10.80.0.0/24', '10.80.1.0/24', '10.80.2.0/24'],
  appSubnetCidrs: ['10.80.10.0/24', '10.80.11.0/24', '10.80.12.0/24'],
  dataSubnetCidrs: ['10.80.20.0/24', '10.80.21.0/24', '10.80.22.0/24'],
};

/**
 * Term-time mornings and nights, a holiday floor below term nights, and an exam boost after the
 * term-day action each weekday. With the default calendar their crons run only in its windows
 * (the month fields are the fallback when the calendar has no terms).
 */
export function defaultSchedules(): ScheduleOption[] {
  return [
    { name: 'TermTimeDay', kind: 'term', recurrence: '0 7 * 1-4,9-12 1-5', minSize: 4, maxSize: 10 },
    { name: 'TermTimeNight', kind: 'term', recurrence: '0 20 * 1-6,9-12 *', minSize: 3, maxSize: 6 },
    { name: 'Holiday', kind: 'holiday', recurrence: '0 6 * 7,8 *', minSize: 2, maxSize: 4 },
    { name: 'ExamBoost', kind: 'exam', recurrence: '15 7 * 5,6 1-5', minSize: 5, maxSize: 12 },
  ];
}

export function defaultOptions(): ScaffoldOptions {
  return {
    format: 'cloudformation',
    projectName: 'moodle',
    environment: 'prod',
    region: 'eu-west-1',
    azCount: 2,
    network: { vpcCidr: '10.80.0.0/16', ...structuredClone(SUBNET_DEFAULTS), natGatewayPerAz: true },
    web: { instanceType: 'm7g.large', minSize: 2, desiredCapacity: 2, maxSize: 6, server: 'apache', phpVersion: '8.3', moodleVersion: '5.0' },
    scaling: { metric: 'cpu', targetValue: 60, timeZone: 'Europe/London', calendar: presetCalendar('england-wales'), schedules: defaultSchedules() },
    storage: { kind: 'efs', endpoint: '' },
    database: { engine: 'aurora-mysql', instanceClass: 'db.r6g.large', backupRetentionDays: 14, allocatedStorageGiB: 100, serverless: { enabled: false, termMinAcu: 2, holidayMinAcu: 0.5, maxAcu: 16 } },
    cache: { engine: 'redis', nodeType: 'cache.t4g.medium', nodeCount: 2 },
    code: { source: 's3', s3ObjectKey: 'moodle-bundle.zip', githubConnectionArn: '', githubRepository: '', codeCommitRepository: '', branch: 'main' },
    mail: { relay: 'none', smtpHost: '', smtpPort: 587, noReplyAddress: '' },
    alarms: { email: '' },
    domain: { name: '', certificateArn: '' },
  };
}

/** Fills every missing field from the defaults (arrays are taken whole, never merged). */
export function resolveOptions(input: ScaffoldOptionsInput = {}): ScaffoldOptions {
  return merge(defaultOptions(), input) as ScaffoldOptions;
}

function merge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (Array.isArray(over) || over === null || typeof over !== 'object' || typeof base !== 'object' || base === null || Array.isArray(base)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over as Record<string, unknown>)) out[k] = merge(out[k], v);
  return out;
}

export function isAurora(engine: DatabaseEngineOption): boolean {
  return engine.startsWith('aurora-');
}

export function isPostgres(engine: DatabaseEngineOption): boolean {
  return engine === 'postgres' || engine === 'aurora-postgresql';
}

/** HTTPS needs both a domain and a certificate; anything else is demo mode. */
export function usesHttps(options: ScaffoldOptions): boolean {
  return options.domain.certificateArn.trim() !== '';
}
