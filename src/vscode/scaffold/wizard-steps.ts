import type { ScaffoldOptions, ScheduleOption } from '../../engine/scaffold/options';
import { CACHE_ENGINES, CODE_SOURCES, DATABASE_ENGINES, defaultSchedules, STORAGE_KINDS } from '../../engine/scaffold/options';
import { validateOptions } from '../../engine/scaffold/validate-options';
import { CALENDAR_PRESETS, presetCalendar, type CalendarPresetId } from '../../engine/scaffold/calendar';
import { utcToZoned, zonedToUtc } from '../../engine/scaffold/zoned-time';
import type { PickItem } from './quick-input';

/**
 * The wizard's questions, as data: each reads and writes one part of ScaffoldOptions, and an input
 * is checked with the engine's validateOptions at the step that asks for it.
 */
export type WizardStep =
  | { kind: 'pick'; placeholder: string; when?: (o: ScaffoldOptions) => boolean; items: (o: ScaffoldOptions) => PickItem<string>[]; get: (o: ScaffoldOptions) => string; set: (o: ScaffoldOptions, v: string) => void }
  | { kind: 'input'; prompt: string; /** Said after the prompt, from the answers so far (e.g. the zone a time is read in). */ note?: (o: ScaffoldOptions) => string; when?: (o: ScaffoldOptions) => boolean; fields: string[]; check?: (text: string) => string | undefined; get: (o: ScaffoldOptions) => string; set: (o: ScaffoldOptions, v: string) => void };

const items = (pairs: [string, string, string?][]): PickItem<string>[] => pairs.map(([value, label, description]) => ({ value, label, description }));
const int = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

type ScheduleKind = ScheduleOption['kind'];
const firstOf = (o: ScaffoldOptions, kind: ScheduleKind) => o.scaling.schedules.find((s) => s.kind === kind);
const pair = (text: string) => text.split('/').map(int);
const PAIR = /^\s*\d+\s*\/\s*\d+\s*$/;
/** Schedules set MinSize/MaxSize only: target tracking keeps the desired size. */
const capacityFormat = (text: string) => (PAIR.test(text) ? undefined : 'Give two whole numbers: minimum / maximum (e.g. 4/10).');
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A time on the schedules' clocks; a trailing Z means UTC. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z?$/;
/** The exam cron a switch back from dates starts with (the default's). */
const EXAM_CRON = defaultSchedules().find((s) => s.kind === 'exam')?.recurrence ?? '30 6 * 5,6 1-5';
/**
 * On dates, the boost still recurs every weekday morning, bounded by the period's start and end:
 * a one-off action at the start would be undone by the term-time night schedule that same evening.
 */
export const EXAM_DAY_MORNINGS = '15 7 * * 1-5';

export const WIZARD_STEPS: WizardStep[] = [
  { kind: 'pick', placeholder: 'What should the project contain?', items: () => items([['cloudformation', 'CloudFormation YAML', 'infra/moodle-ha.yaml + parameters (default)'], ['cdk', 'CDK app (TypeScript)', 'the same template, wrapped in a MoodleHa construct']]), get: (o) => o.format, set: (o, v) => { o.format = v as ScaffoldOptions['format']; } },
  { kind: 'input', prompt: 'Project name (the Project tag; lower-case letters, digits, hyphens)', fields: ['projectName'], get: (o) => o.projectName, set: (o, v) => { o.projectName = v.trim(); } },
  { kind: 'input', prompt: 'Environment name (e.g. prod, staging, test)', fields: ['environment'], get: (o) => o.environment, set: (o, v) => { o.environment = v.trim(); } },
  { kind: 'input', prompt: 'AWS region', fields: ['region', 'domain.certificateArn'], get: (o) => o.region, set: (o, v) => { o.region = v.trim(); } },
  { kind: 'pick', placeholder: 'Availability Zones to spread over', items: () => items([['2', '2 AZs', 'survives the loss of one AZ'], ['3', '3 AZs', 'more headroom when one AZ is lost']]), get: (o) => String(o.azCount), set: (o, v) => { o.azCount = Number(v) as 2 | 3; } },
  { kind: 'pick', placeholder: 'Web server', items: () => items([['apache', 'Apache + PHP-FPM'], ['nginx', 'nginx + PHP-FPM']]), get: (o) => o.web.server, set: (o, v) => { o.web.server = v as ScaffoldOptions['web']['server']; } },
  { kind: 'pick', placeholder: 'Moodle version', items: () => items([['4.5', 'Moodle 4.5 LTS'], ['5.0', 'Moodle 5.0'], ['5.1', 'Moodle 5.1+', 'serves from public/']]), get: (o) => o.web.moodleVersion, set: (o, v) => { o.web.moodleVersion = v as ScaffoldOptions['web']['moodleVersion']; if (v === '4.5' && o.web.phpVersion === '8.4') o.web.phpVersion = '8.3'; } },
  { kind: 'pick', placeholder: 'PHP version', items: (o) => items((o.web.moodleVersion === '4.5' ? ['8.2', '8.3'] : ['8.2', '8.3', '8.4']).map((v) => [v, `PHP ${v}`])), get: (o) => o.web.phpVersion, set: (o, v) => { o.web.phpVersion = v as ScaffoldOptions['web']['phpVersion']; } },
  { kind: 'input', prompt: 'Web server instance type', fields: ['web.instanceType'], get: (o) => o.web.instanceType, set: (o, v) => { o.web.instanceType = v.trim(); } },
  {
    kind: 'input', prompt: 'Web servers: minimum / desired / maximum (e.g. 2/2/6)', fields: ['web.minSize', 'web.desiredCapacity', 'web.maxSize'],
    get: (o) => `${o.web.minSize}/${o.web.desiredCapacity}/${o.web.maxSize}`,
    set: (o, v) => { const [min, desired, max] = v.split('/').map(int); Object.assign(o.web, { minSize: min, desiredCapacity: desired, maxSize: max }); },
  },
  { kind: 'pick', placeholder: 'Scale on', items: () => items([['cpu', 'Average CPU'], ['requests', 'ALB requests per web server']]), get: (o) => o.scaling.metric, set: (o, v) => { o.scaling.metric = v as 'cpu' | 'requests'; o.scaling.targetValue = v === 'cpu' ? 60 : 1000; } },
  { kind: 'input', prompt: 'Scaling target (CPU percent, or requests per server per minute)', fields: ['scaling.targetValue'], get: (o) => String(o.scaling.targetValue), set: (o, v) => { o.scaling.targetValue = Number(v); } },
  {
    kind: 'pick', placeholder: 'School year: whose calendar do the term, holiday and exam schedules follow?', when: (o) => o.scaling.schedules.length > 0,
    items: () => [
      ...Object.entries(CALENDAR_PRESETS).map(([id, p]) => ({ value: id, label: p.label, description: p.timeZone, detail: `${p.terms.length} terms from ${p.terms[0].start}; exams ${p.exams.map((e) => `${e.start} to ${e.end}`).join(', ')} (edit the dates in moodle-ha.options.json)` })),
      { value: 'custom', label: 'No calendar: my own cron expressions', description: 'the schedules run all year as written' },
    ],
    get: (o) => o.scaling.calendar.preset,
    set: (o, v) => {
      if (v === 'custom') { o.scaling.calendar = { preset: 'custom', terms: [], exams: [] }; return; }
      const id = v as Exclude<CalendarPresetId, 'custom'>;
      // The preset's zone is the default; the next question can change it.
      if (o.scaling.calendar.preset !== id) o.scaling.timeZone = CALENDAR_PRESETS[id].timeZone;
      o.scaling.calendar = presetCalendar(id);
    },
  },
  { kind: 'input', prompt: 'Time zone of the term, holiday and exam schedules (IANA, e.g. Europe/London)', when: (o) => o.scaling.schedules.length > 0, fields: ['scaling.timeZone'], check: timeZoneProblem, get: (o) => o.scaling.timeZone, set: (o, v) => { o.scaling.timeZone = v.trim(); } },
  ...scheduleSteps('term', 'Term-time capacity: web servers minimum / maximum on term days (e.g. 4/10)'),
  ...scheduleSteps('holiday', 'Holiday minimum: web servers minimum / maximum over the holidays (e.g. 2/4)'),
  ...scheduleSteps('exam', 'Exam-day boost: web servers minimum / maximum on exam days (e.g. 5/12)'),
  { kind: 'pick', placeholder: 'Shared storage for moodledata', items: () => items(STORAGE_KINDS.map((k) => [k, k === 'efs' ? 'Amazon EFS' : k === 'nfs' ? 'Existing NFS export' : 'Existing GlusterFS volume', k === 'efs' ? 'encrypted, backed up, a mount target per AZ (default)' : undefined])), get: (o) => o.storage.kind, set: (o, v) => { o.storage.kind = v as ScaffoldOptions['storage']['kind']; } },
  { kind: 'input', prompt: 'The existing export, as host:/path', when: (o) => o.storage.kind !== 'efs', fields: ['storage.endpoint'], get: (o) => o.storage.endpoint, set: (o, v) => { o.storage.endpoint = v.trim(); } },
  { kind: 'pick', placeholder: 'Database', items: () => items(DATABASE_ENGINES.map((e) => [e, { 'aurora-mysql': 'Aurora MySQL', 'aurora-postgresql': 'Aurora PostgreSQL', mysql: 'RDS MySQL', mariadb: 'RDS MariaDB', postgres: 'RDS PostgreSQL' }[e], e.startsWith('aurora') ? 'writer + reader in different AZs' : 'Multi-AZ'])), get: (o) => o.database.engine, set: (o, v) => { o.database.engine = v as ScaffoldOptions['database']['engine']; } },
  {
    kind: 'pick', placeholder: 'Aurora capacity', when: (o) => o.database.engine.startsWith('aurora-'),
    items: () => [
      { value: 'provisioned', label: 'Provisioned instances', description: 'a fixed instance class, billed the same all year' },
      { value: 'serverless', label: 'Aurora Serverless v2 with a holiday floor', description: 'scales with load; its minimum is scheduled down between terms' },
    ],
    get: (o) => (o.database.serverless.enabled ? 'serverless' : 'provisioned'),
    set: (o, v) => { o.database.serverless.enabled = v === 'serverless'; },
  },
  { kind: 'input', prompt: 'Aurora Serverless v2 capacity in ACUs: term minimum / holiday minimum / maximum (e.g. 2/0.5/16)', when: (o) => o.database.engine.startsWith('aurora-') && o.database.serverless.enabled, fields: ['database.serverless'], check: acuProblem, get: (o) => `${o.database.serverless.termMinAcu}/${o.database.serverless.holidayMinAcu}/${o.database.serverless.maxAcu}`, set: (o, v) => { const [term, holiday, max] = v.split('/').map((x) => Number(x.trim())); Object.assign(o.database.serverless, { termMinAcu: term, holidayMinAcu: holiday, maxAcu: max }); } },
  { kind: 'input', prompt: 'DB instance class', when: (o) => !(o.database.engine.startsWith('aurora-') && o.database.serverless.enabled), fields: ['database.instanceClass'], get: (o) => o.database.instanceClass, set: (o, v) => { o.database.instanceClass = v.trim(); } },
  { kind: 'input', prompt: 'Days of backups (and point-in-time restore), 1–35', fields: ['database.backupRetentionDays'], get: (o) => String(o.database.backupRetentionDays), set: (o, v) => { o.database.backupRetentionDays = int(v); } },
  { kind: 'pick', placeholder: 'Session cache', items: () => items(CACHE_ENGINES.map((e) => [e, e === 'memcached' ? 'ElastiCache memcached' : `ElastiCache ${e === 'redis' ? 'Redis' : 'Valkey'}`, e === 'memcached' ? 'nodes across AZs, no replication' : 'Multi-AZ, failover, TLS'])), get: (o) => o.cache.engine, set: (o, v) => { o.cache.engine = v as ScaffoldOptions['cache']['engine']; } },
  { kind: 'input', prompt: 'memcached nodes (at least 2)', when: (o) => o.cache.engine === 'memcached', fields: ['cache.nodeCount'], get: (o) => String(o.cache.nodeCount), set: (o, v) => { o.cache.nodeCount = int(v); } },
  { kind: 'pick', placeholder: 'Where CodePipeline takes the Moodle bundle from', items: () => items(CODE_SOURCES.map((s) => [s, { s3: 'S3 zip', github: 'GitHub (CodeConnections)', codecommit: 'CodeCommit' }[s], s === 's3' ? 'default' : undefined])), get: (o) => o.code.source, set: (o, v) => { o.code.source = v as ScaffoldOptions['code']['source']; } },
  { kind: 'input', prompt: 'GitHub connection ARN (create it in the console first)', when: (o) => o.code.source === 'github', fields: ['code.githubConnectionArn'], get: (o) => o.code.githubConnectionArn, set: (o, v) => { o.code.githubConnectionArn = v.trim(); } },
  { kind: 'input', prompt: 'GitHub repository (owner/name)', when: (o) => o.code.source === 'github', fields: ['code.githubRepository'], get: (o) => o.code.githubRepository, set: (o, v) => { o.code.githubRepository = v.trim(); } },
  { kind: 'input', prompt: 'CodeCommit repository name', when: (o) => o.code.source === 'codecommit', fields: ['code.codeCommitRepository'], get: (o) => o.code.codeCommitRepository, set: (o, v) => { o.code.codeCommitRepository = v.trim(); } },
  { kind: 'input', prompt: 'Branch to deploy', when: (o) => o.code.source !== 's3', fields: ['code.branch'], get: (o) => o.code.branch, set: (o, v) => { o.code.branch = v.trim(); } },
  { kind: 'input', prompt: 'Domain name (empty: use the load balancer name)', fields: ['domain.name'], get: (o) => o.domain.name, set: (o, v) => { o.domain.name = v.trim(); } },
  { kind: 'input', prompt: 'ACM certificate ARN, same region (empty: HTTP-only DEMO mode, not for real users)', fields: ['domain.certificateArn', 'domain.name'], get: (o) => o.domain.certificateArn, set: (o, v) => { o.domain.certificateArn = v.trim(); } },
];

/** Three numbers separated by slashes, before the engine checks their values. */
function acuProblem(text: string): string | undefined {
  const parts = text.split('/').map((x) => x.trim());
  return parts.length === 3 && parts.every((x) => x !== '' && Number.isFinite(Number(x))) ? undefined : 'Three numbers: term minimum / holiday minimum / maximum, e.g. 2/0.5/16';
}

/** The first problem an input step would cause, checked with the engine's own rules. */
export function stepProblem(step: Extract<WizardStep, { kind: 'input' }>, draft: ScaffoldOptions, text: string): string | undefined {
  const early = step.check?.(text);
  if (early) return early;
  const candidate = structuredClone(draft);
  step.set(candidate, text);
  return validateOptions(candidate).find((p) => step.fields.some((f) => p.field === f || p.field.startsWith(`${f}.`) || p.field.startsWith(`${f}[`)))?.message;
}

/**
 * The questions for the first schedule of a kind (the one the wizard edits; more are JSON-only):
 * its capacity, then when it runs. The exam boost runs on a yearly cron or on one period's dates.
 */
/** With a school-year calendar the terms and exam periods say when; the crons keep only the time of day (edit them in the JSON). */
const hasCalendar = (o: ScaffoldOptions) => o.scaling.calendar.terms.length > 0;

function scheduleSteps(kind: ScheduleKind, capacityPrompt: string): WizardStep[] {
  const has = (o: ScaffoldOptions) => firstOf(o, kind) !== undefined;
  const label = { term: 'Term-time capacity', holiday: 'Holiday minimum', exam: 'Exam-day boost' }[kind];
  const steps: WizardStep[] = [
    {
      kind: 'input', prompt: capacityPrompt, when: has, fields: ['scaling.schedules'], check: capacityFormat,
      get: (o) => { const s = firstOf(o, kind)!; return `${s.minSize}/${s.maxSize}`; },
      set: (o, v) => { const s = firstOf(o, kind); if (s) { const [min, max] = pair(v); Object.assign(s, { minSize: min, maxSize: max }); delete s.desiredCapacity; } },
    },
  ];
  if (kind === 'exam') {
    steps.push({
      kind: 'pick', placeholder: 'Exam-day boost: when', when: (o) => has(o) && !hasCalendar(o),
      items: () => items([['cron', 'Every year, by cron', 'in the schedules\' time zone'], ['dates', 'On dates', 'one exam period, in the schedules\' time zone']]),
      get: (o) => (firstOf(o, kind)?.startTime !== undefined ? 'dates' : 'cron'),
      set: (o, v) => {
        const s = firstOf(o, kind);
        if (!s) return;
        if (v === 'cron') {
          if (s.startTime !== undefined || s.recurrence === undefined) s.recurrence = EXAM_CRON;
          delete s.startTime; delete s.endTime;
        } else {
          if (s.startTime === undefined) Object.assign(s, defaultExamPeriod(new Date()));
          s.recurrence = EXAM_DAY_MORNINGS;
        }
      },
    });
  }
  steps.push({
    kind: 'input',
    prompt: `${label}: cron (minute hour day month weekday)`,
    when: (o) => has(o) && !hasCalendar(o) && (kind !== 'exam' || firstOf(o, kind)?.startTime === undefined),
    fields: ['scaling.schedules'],
    get: (o) => firstOf(o, kind)?.recurrence ?? '',
    set: (o, v) => { const s = firstOf(o, kind); if (s) { s.recurrence = v.trim(); delete s.startTime; delete s.endTime; } },
  });
  if (kind === 'exam') {
    steps.push({
      kind: 'input',
      prompt: 'Exam-day boost: first / last day (YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time; e.g. 2027-05-17/2027-06-11)',
      note: (o) => `on the clocks of ${o.scaling.timeZone}, like the other schedules`,
      when: (o) => !hasCalendar(o) && firstOf(o, kind)?.startTime !== undefined,
      fields: ['scaling.schedules'], check: examPeriodFormat,
      get: (o) => { const s = firstOf(o, kind)!; const zone = o.scaling.timeZone; return [s.startTime, s.endTime].filter((t) => t !== undefined).map((t) => utcToZoned(t, zone)).join('/'); },
      set: (o, v) => { const s = firstOf(o, kind); if (s) { const [start, end] = parseExamPeriod(v, o.scaling.timeZone); s.startTime = start; if (end) s.endTime = end; else delete s.endTime; s.recurrence = EXAM_DAY_MORNINGS; } },
    });
  }
  return steps;
}

/**
 * The period as UTC instants (the only form Auto Scaling takes for one-off times), read on the
 * clocks of `zone`: a date alone means the whole day there; a time ending in Z is UTC already.
 */
export function parseExamPeriod(text: string, zone: string): [string, string | undefined] {
  const [start, end] = text.split('/').map((t) => t.trim());
  const full = (t: string, endOfDay: boolean) => {
    if (t.endsWith('Z')) return t.length === 17 ? `${t.slice(0, 16)}:00Z` : t;
    return zonedToUtc(DATE.test(t) ? `${t}T${endOfDay ? '23:59:59' : '00:00:00'}` : t, zone);
  };
  return [full(start ?? '', false), end ? full(end, true) : undefined];
}

function examPeriodFormat(text: string): string | undefined {
  const parts = text.split('/').map((t) => t.trim());
  if (parts.length > 2 || !parts[0]) return 'Give the first exam day, or first / last day (e.g. 2027-05-17/2027-06-11).';
  for (const part of parts) {
    if (!DATE.test(part) && !DATE_TIME.test(part)) return `'${part}' is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDTHH:MM).`;
    const day = part.slice(0, 10);
    const parsed = new Date(`${day}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) return `${day} is not a day in the calendar.`;
    const [hour, minute, second] = part.slice(11).replace('Z', '').split(':').map(Number);
    if (part.length > 10 && (hour > 23 || minute > 59 || (second ?? 0) > 59)) return `${part.slice(11)} is not a time of day.`;
  }
  return undefined;
}

/** Next year's May–June exam season, so a switch to dates starts from a period in the future. */
export function defaultExamPeriod(now: Date): { startTime: string; endTime: string } {
  const year = now.getUTCFullYear() + 1;
  return { startTime: `${year}-05-17T05:30:00Z`, endTime: `${year}-06-11T18:00:00Z` };
}

/** Asked before the engine's check so an empty box says what is wanted; Intl decides what a zone is. */
export function timeZoneProblem(text: string): string | undefined {
  const zone = text.trim();
  if (!zone) return 'Give an IANA time zone (e.g. Europe/London, America/New_York, UTC).';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return undefined;
  } catch {
    return `'${zone}' is not an IANA time zone (e.g. Europe/London).`;
  }
}
