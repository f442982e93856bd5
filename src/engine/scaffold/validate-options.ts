import { contains, overlaps, parseCidr, type CidrBlock } from './cidr';
import { CALENDAR_PRESETS, windowProblem, type DateWindow } from './calendar';
import { cronProblem } from '../common/cron';
import { isTimeZone } from '../common/local-clock';
import { CACHE_ENGINES, CODE_SOURCES, DATABASE_ENGINES, STORAGE_KINDS, type ScaffoldOptions } from './options';

/** One wrong answer: `field` is the option's path (`web.maxSize`), so the wizard can ask again there. */
export interface OptionProblem {
  field: string;
  message: string;
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** An AWS region name such as eu-west-1 (the shape, not a list: new regions appear). */
export function isRegionName(text: string): boolean {
  return REGION.test(text);
}
const PROJECT = /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/;
const ENVIRONMENT = /^[a-z][a-z0-9]{0,11}$/;
const SCHEDULE_NAME = /^[A-Za-z][A-Za-z0-9]{0,39}$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const CERTIFICATE_ARN = /^arn:(aws|aws-cn|aws-us-gov):acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;
const CONNECTION_ARN = /^arn:(aws|aws-cn|aws-us-gov):(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[0-9a-f-]{36}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ENDPOINT = /^[A-Za-z0-9.-]+:\/[A-Za-z0-9._/-]*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/;

/** Every problem in the answers, each tied to the field where the wizard asks for it. Empty: valid. */
export function validateOptions(options: ScaffoldOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  if (!['cloudformation', 'cdk'].includes(options.format)) add('format', "Format must be 'cloudformation' or 'cdk'.");
  if (!PROJECT.test(options.projectName)) add('projectName', 'Project name: 3–24 characters, lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen.');
  if (!ENVIRONMENT.test(options.environment)) add('environment', 'Environment name: 1–12 lower-case letters and digits, starting with a letter (e.g. prod, test).');
  if (!REGION.test(options.region)) add('region', `'${options.region}' is not an AWS region name (e.g. eu-west-1).`);
  if (options.azCount !== 2 && options.azCount !== 3) add('azCount', 'Use 2 or 3 Availability Zones.');

  checkNetwork(options, add);
  checkWeb(options, add);
  checkScaling(options, add);

  if (!STORAGE_KINDS.includes(options.storage.kind)) add('storage.kind', `Shared storage must be one of ${STORAGE_KINDS.join(', ')}.`);
  else if (options.storage.kind !== 'efs' && !ENDPOINT.test(options.storage.endpoint)) add('storage.endpoint', `Give the ${options.storage.kind === 'nfs' ? 'NFS export' : 'GlusterFS volume'} as host:/path (e.g. 10.80.20.10:/moodledata).`);

  if (!DATABASE_ENGINES.includes(options.database.engine)) add('database.engine', `Database engine must be one of ${DATABASE_ENGINES.join(', ')}.`);
  if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(options.database.instanceClass)) add('database.instanceClass', `'${options.database.instanceClass}' is not a DB instance class (e.g. db.r6g.large).`);
  if (!isInt(options.database.backupRetentionDays) || options.database.backupRetentionDays < 1 || options.database.backupRetentionDays > 35) add('database.backupRetentionDays', 'Backup retention: 1 to 35 days (0 would turn backups and point-in-time restore off).');
  serverlessProblems(options).forEach(([field, message]) => add(field, message));
  if (!isInt(options.database.allocatedStorageGiB) || options.database.allocatedStorageGiB < 20 || options.database.allocatedStorageGiB > 65536) add('database.allocatedStorageGiB', 'Database storage: 20 to 65536 GiB.');

  if (!CACHE_ENGINES.includes(options.cache.engine)) add('cache.engine', `Session cache must be one of ${CACHE_ENGINES.join(', ')}.`);
  if (!/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(options.cache.nodeType)) add('cache.nodeType', `'${options.cache.nodeType}' is not a cache node type (e.g. cache.t4g.medium).`);
  if (options.cache.engine === 'memcached' && (!isInt(options.cache.nodeCount) || options.cache.nodeCount < 2 || options.cache.nodeCount > 20)) add('cache.nodeCount', 'memcached needs 2 to 20 nodes: one node is a single point of failure for every session.');

  checkCode(options, add);
  checkDomain(options, add);
  checkMail(options, add);
  if (options.alarms.email && !EMAIL.test(options.alarms.email)) add('alarms.email', `'${options.alarms.email}' is not an e-mail address.`);
  return problems;
}

type Add = (field: string, message: string) => void;

function checkNetwork(options: ScaffoldOptions, add: Add): void {
  const vpc = parseCidr(options.network.vpcCidr);
  if (!vpc) add('network.vpcCidr', `'${options.network.vpcCidr}' is not an IPv4 network in CIDR form (e.g. 10.80.0.0/16).`);
  else if (vpc.prefix < 16 || vpc.prefix > 24) add('network.vpcCidr', 'A VPC network must be between /16 and /24.');
  const seen: { field: string; block: CidrBlock }[] = [];
  for (const tier of ['publicSubnetCidrs', 'appSubnetCidrs', 'dataSubnetCidrs'] as const) {
    const list = options.network[tier];
    if (!Array.isArray(list) || list.length < options.azCount) {
      add(`network.${tier}`, `Give one subnet per Availability Zone: ${options.azCount} networks.`);
      continue;
    }
    list.slice(0, options.azCount).forEach((text, i) => {
      const field = `network.${tier}[${i}]`;
      const block = parseCidr(text);
      if (!block) return add(field, `'${text}' is not an IPv4 network in CIDR form (e.g. 10.80.1.0/24).`);
      if (block.prefix < 16 || block.prefix > 28) return add(field, 'A subnet must be between /16 and /28.');
      if (vpc && !contains(vpc, block)) return add(field, `${text} is outside the VPC network ${vpc.text}.`);
      const clash = seen.find((s) => overlaps(s.block, block));
      if (clash) return add(field, `${text} overlaps ${clash.block.text} (${clash.field}).`);
      seen.push({ field, block });
    });
  }
}

function checkWeb(options: ScaffoldOptions, add: Add): void {
  const w = options.web;
  if (!INSTANCE_TYPE.test(w.instanceType)) add('web.instanceType', `'${w.instanceType}' is not an EC2 instance type (e.g. m7g.large).`);
  checkCapacity('web', w, add);
  if (!['apache', 'nginx'].includes(w.server)) add('web.server', "Web server must be 'apache' or 'nginx'.");
  if (!['8.2', '8.3', '8.4'].includes(w.phpVersion)) add('web.phpVersion', 'PHP version must be 8.2, 8.3 or 8.4.');
  if (!['4.5', '5.0', '5.1'].includes(w.moodleVersion)) add('web.moodleVersion', 'Moodle version must be 4.5, 5.0 or 5.1.');
  if (w.moodleVersion === '4.5' && w.phpVersion === '8.4') add('web.phpVersion', 'Moodle 4.5 supports PHP 8.1 to 8.3.');
  // amazonlinux/amazon-linux-2023#844, #903, #906: php8.4-zip and php8.4-sodium reported missing; dnf would abort every boot.
  else if (w.phpVersion === '8.4') add('web.phpVersion', 'PHP 8.4 is not offered on Amazon Linux 2023 yet: php8.4-zip and php8.4-sodium were reported missing, so every boot would fail. Use PHP 8.3.');
}

function checkCapacity(prefix: string, c: { minSize: number; desiredCapacity: number; maxSize: number }, add: Add): void {
  if (!isInt(c.minSize) || c.minSize < 2) add(`${prefix}.minSize`, 'Minimum size: at least 2 web servers, so losing one (or an AZ) keeps the site up.');
  if (!isInt(c.maxSize) || c.maxSize > 100) add(`${prefix}.maxSize`, 'Maximum size: a whole number up to 100.');
  else if (isInt(c.minSize) && c.minSize > c.maxSize) add(`${prefix}.maxSize`, `Maximum (${c.maxSize}) is below the minimum (${c.minSize}).`);
  if (!isInt(c.desiredCapacity) || c.desiredCapacity < c.minSize || c.desiredCapacity > c.maxSize) add(`${prefix}.desiredCapacity`, `Desired capacity must be between the minimum (${c.minSize}) and the maximum (${c.maxSize}).`);
}

function checkScaling(options: ScaffoldOptions, add: Add): void {
  const s = options.scaling;
  if (!['cpu', 'requests'].includes(s.metric)) add('scaling.metric', "Scaling metric must be 'cpu' or 'requests'.");
  else if (typeof s.targetValue !== 'number' || s.targetValue <= 0 || (s.metric === 'cpu' && s.targetValue > 100)) add('scaling.targetValue', s.metric === 'cpu' ? 'CPU target: a percentage between 1 and 100.' : 'Requests per target: a positive number.');
  if (!isTimeZone(s.timeZone)) add('scaling.timeZone', `'${s.timeZone}' is not an IANA time zone (e.g. Europe/London).`);
  const names = new Set<string>();
  (Array.isArray(s.schedules) ? s.schedules : []).forEach((schedule, i) => {
    const at = `scaling.schedules[${i}]`;
    if (!SCHEDULE_NAME.test(schedule.name ?? '')) add(`${at}.name`, 'Schedule name: letters and digits, starting with a letter (it becomes part of a logical id).');
    else if (names.has(schedule.name)) add(`${at}.name`, `Two schedules are called '${schedule.name}'.`);
    names.add(schedule.name);
    if (!['term', 'holiday', 'exam'].includes(schedule.kind)) add(`${at}.kind`, "Schedule kind must be 'term', 'holiday' or 'exam'.");
    if (schedule.recurrence === undefined && schedule.startTime === undefined) add(`${at}.recurrence`, 'Give a cron expression or a start time.');
    if (schedule.recurrence !== undefined) {
      const problem = cronProblem(schedule.recurrence);
      if (problem) add(`${at}.recurrence`, problem);
    }
    for (const key of ['startTime', 'endTime'] as const) {
      const value = schedule[key];
      if (value !== undefined && (!ISO_TIME.test(value) || Number.isNaN(Date.parse(value)))) add(`${at}.${key}`, `'${value}' is not a UTC time like 2026-06-01T06:00:00Z.`);
    }
    if (schedule.startTime && schedule.endTime && Date.parse(schedule.endTime) <= Date.parse(schedule.startTime)) add(`${at}.endTime`, 'The end time is before the start time.');
    checkScheduleSize(at, schedule, add);
  });
  checkCalendar(options, add);
}

/** Scheduled actions set MinSize and MaxSize only (target tracking owns DesiredCapacity). */
function checkScheduleSize(at: string, s: { minSize: number; maxSize: number }, add: Add): void {
  if (!isInt(s.minSize) || s.minSize < 2) add(`${at}.minSize`, 'Minimum size: at least 2 web servers, so losing one (or an AZ) keeps the site up.');
  if (!isInt(s.maxSize) || s.maxSize > 100) add(`${at}.maxSize`, 'Maximum size: a whole number up to 100.');
  else if (isInt(s.minSize) && s.minSize > s.maxSize) add(`${at}.maxSize`, `Maximum (${s.maxSize}) is below the minimum (${s.minSize}).`);
}

function checkCalendar(options: ScaffoldOptions, add: Add): void {
  const c = options.scaling.calendar;
  if (!c || typeof c !== 'object') return add('scaling.calendar', 'Give an academic calendar: { preset, terms: [...], exams: [...] } (terms may be empty).');
  if (c.preset !== 'custom' && !(c.preset in CALENDAR_PRESETS)) add('scaling.calendar.preset', `Calendar preset must be one of ${[...Object.keys(CALENDAR_PRESETS), 'custom'].join(', ')}.`);
  const names = new Set<string>();
  for (const key of ['terms', 'exams'] as const) {
    const list: DateWindow[] = Array.isArray(c[key]) ? c[key] : [];
    if (!Array.isArray(c[key])) add(`scaling.calendar.${key}`, `scaling.calendar.${key} must be a list of { name, start, end }.`);
    list.forEach((w, i) => {
      const problem = windowProblem(w);
      if (problem) return add(`scaling.calendar.${key}[${i}]`, `${key === 'terms' ? 'Term' : 'Exam period'} ${i + 1} ${problem.startsWith('a window') ? `needs ${problem}` : problem}.`);
      if (names.has(w.name)) add(`scaling.calendar.${key}[${i}].name`, `Two calendar windows are called '${w.name}'.`);
      names.add(w.name);
    });
    if (key === 'terms') {
      const sorted = [...list].filter((w) => !windowProblem(w)).sort((a, b) => a.start.localeCompare(b.start));
      for (let i = 1; i < sorted.length; i++) {
        if (sorted[i].start <= sorted[i - 1].end) add('scaling.calendar.terms', `Terms ${sorted[i - 1].name} and ${sorted[i].name} overlap: the holiday between them would never start.`);
      }
    }
  }
  const kinds = new Set(options.scaling.schedules.map((s) => s.kind));
  if (c.terms?.length && !kinds.has('holiday')) add('scaling.schedules', 'With calendar terms, add a holiday schedule: it sets the floor the day after each term ends.');
  if (c.terms?.length) {
    const night = Math.min(...options.scaling.schedules.filter((s) => s.kind === 'term').map((s) => s.minSize));
    const holiday = options.scaling.schedules.find((s) => s.kind === 'holiday');
    if (holiday && Number.isFinite(night) && holiday.minSize >= night && night > 2) add('scaling.schedules', `The holiday minimum (${holiday.minSize}) is not below the quietest term minimum (${night}): holidays would cost as much as term nights.`);
  }
}

function checkMail(options: ScaffoldOptions, add: Add): void {
  const m = options.mail;
  if (!['none', 'ses', 'smtp'].includes(m.relay)) return add('mail.relay', "Mail relay must be 'none', 'ses' or 'smtp'.");
  if (m.relay === 'smtp' && !/^[A-Za-z0-9.-]+$/.test(m.smtpHost)) add('mail.smtpHost', 'Give the SMTP relay host name (e.g. smtp.example.edu).');
  if (!isInt(m.smtpPort) || m.smtpPort < 1 || m.smtpPort > 65535) add('mail.smtpPort', 'SMTP port: 1 to 65535 (587 for submission with STARTTLS).');
  if (m.relay === 'smtp' && m.smtpPort === 25) add('mail.smtpPort', 'EC2 blocks outgoing port 25 by default: use 587.');
  if (m.noReplyAddress && !EMAIL.test(m.noReplyAddress)) add('mail.noReplyAddress', `'${m.noReplyAddress}' is not an e-mail address.`);
  // SES sends only from a verified identity; without a domain there is nothing to verify but the sender.
  if (m.relay === 'ses' && !options.domain.name && !m.noReplyAddress) add('mail.noReplyAddress', "Amazon SES sends only from a verified domain or address: give the site's domain, or a no-reply address for SES to verify.");
}

function checkCode(options: ScaffoldOptions, add: Add): void {
  const c = options.code;
  if (!CODE_SOURCES.includes(c.source)) return add('code.source', `Code source must be one of ${CODE_SOURCES.join(', ')}.`);
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(c.branch)) add('code.branch', `'${c.branch}' is not a branch name.`);
  if (c.source === 's3' && !/^[A-Za-z0-9!_.*'()/-]+\.zip$/.test(c.s3ObjectKey)) add('code.s3ObjectKey', 'The S3 object key must name a .zip file (e.g. moodle-bundle.zip).');
  if (c.source === 'github') {
    const arn = CONNECTION_ARN.exec(c.githubConnectionArn);
    if (!arn) add('code.githubConnectionArn', 'Give the ARN of a CodeConnections (CodeStar) connection to GitHub, arn:aws:codeconnections:REGION:ACCOUNT:connection/ID.');
    if (!/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(c.githubRepository)) add('code.githubRepository', 'GitHub repository as owner/name.');
  }
  if (c.source === 'codecommit' && !/^[\w.-]{1,100}$/.test(c.codeCommitRepository)) add('code.codeCommitRepository', 'CodeCommit repository name: letters, digits, ., _ and -.');
}

function checkDomain(options: ScaffoldOptions, add: Add): void {
  const d = options.domain;
  if (d.name && !DOMAIN.test(d.name)) add('domain.name', `'${d.name}' is not a domain name (e.g. moodle.example.edu).`);
  if (!d.certificateArn) return;
  const arn = CERTIFICATE_ARN.exec(d.certificateArn);
  if (!arn) return add('domain.certificateArn', 'Not an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID).');
  if (arn[2] !== options.region) add('domain.certificateArn', `The certificate is in ${arn[2]}, but the stack is in ${options.region}: a load balancer can only use a certificate from its own region.`);
  if (!d.name) add('domain.name', 'With a certificate, give the domain name it is for: Moodle needs a fixed wwwroot.');
}

function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}

/** Aurora Serverless v2 capacities: 0.5 to 256 ACUs in steps of 0.5, holiday ≤ term ≤ maximum. */
function serverlessProblems(options: ScaffoldOptions): [string, string][] {
  const s = options.database.serverless;
  if (!s.enabled) return [];
  if (!options.database.engine.startsWith('aurora-')) return [['database.serverless.enabled', `Aurora Serverless v2 needs an Aurora engine; ${options.database.engine} is provisioned only. Choose aurora-mysql or aurora-postgresql, or turn serverless off.`]];
  const acu = (v: number) => Number.isFinite(v) && v >= 0.5 && v <= 256 && Number.isInteger(v * 2);
  const out: [string, string][] = [];
  for (const key of ['holidayMinAcu', 'termMinAcu', 'maxAcu'] as const) {
    if (!acu(s[key])) out.push([`database.serverless.${key}`, `${s[key]} is not an Aurora Serverless v2 capacity: 0.5 to 256 ACUs in steps of 0.5.`]);
  }
  if (out.length) return out;
  if (s.holidayMinAcu > s.termMinAcu) out.push(['database.serverless.holidayMinAcu', `The holiday minimum (${s.holidayMinAcu} ACU) is above the term minimum (${s.termMinAcu} ACU): the holiday floor must be the lower one.`]);
  if (s.termMinAcu > s.maxAcu) out.push(['database.serverless.maxAcu', `The maximum (${s.maxAcu} ACU) is below the term minimum (${s.termMinAcu} ACU).`]);
  return out;
}
