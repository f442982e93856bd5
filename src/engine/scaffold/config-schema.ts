import { defaultOptions } from './options';

/**
 * The shape check for `scaffold --config` JSON, before any answer is used: every field has the type
 * of its default (so the shape follows options.ts as it grows), nothing unknown, sizes capped, dates
 * real. Each problem names its field path. validate-options.ts then checks the values' meaning.
 */
export interface ConfigProblem { field: string; message: string }

export const MAX_CONFIG_BYTES = 256 * 1024;
export const MAX_SCHEDULES = 50;
const MAX_LIST = 6;
const MAX_STRING = 2048;
const MAX_NUMBER = 1_000_000;

/** Fields of a schedule beyond those every default schedule has. */
const OPTIONAL_SCHEDULE_FIELDS = ['recurrence', 'startTime', 'endTime'];
const DATE_FIELDS = new Set(['startTime', 'endTime']);

export function checkConfigShape(value: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (!isPlainObject(value)) return [{ field: '(top level)', message: 'must be a JSON object like the wizard saves (moodle-ha.options.json)' }];
  checkObject(value, defaultOptions() as unknown as Record<string, unknown>, '', problems);
  return problems;
}

function checkObject(value: Record<string, unknown>, model: Record<string, unknown>, at: string, problems: ConfigProblem[]): void {
  for (const key of Object.keys(value)) {
    const field = at ? `${at}.${key}` : key;
    if (!Object.hasOwn(model, key)) { problems.push({ field, message: `unknown field (known here: ${Object.keys(model).join(', ')})` }); continue; }
    checkValue(value[key], model[key], field, problems);
  }
}

function checkValue(value: unknown, model: unknown, field: string, problems: ConfigProblem[]): void {
  if (field === 'scaling.schedules') { checkSchedules(value, problems); return; }
  if (Array.isArray(model)) {
    if (!Array.isArray(value)) { problems.push({ field, message: `must be a list of ${describe(model[0])}s` }); return; }
    if (value.length > MAX_LIST) problems.push({ field, message: `has ${value.length} entries; at most ${MAX_LIST}` });
    value.slice(0, MAX_LIST).forEach((item, i) => checkValue(item, model[0], `${field}[${i}]`, problems));
    return;
  }
  if (isPlainObject(model)) {
    if (!isPlainObject(value)) { problems.push({ field, message: `must be an object with ${Object.keys(model).join(', ')}` }); return; }
    checkObject(value, model, field, problems);
    return;
  }
  checkScalar(value, model, field, problems);
}

function checkScalar(value: unknown, model: unknown, field: string, problems: ConfigProblem[]): void {
  const want = typeof model;
  if (typeof value !== want) { problems.push({ field, message: `must be a ${describe(model)}, not ${describeValue(value)}` }); return; }
  if (typeof value === 'string') {
    if (value.length > MAX_STRING) problems.push({ field, message: `is ${value.length} characters long; at most ${MAX_STRING}` });
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    else if (/[\u0000-\u001f\u007f]/.test(value)) problems.push({ field, message: 'must not contain control characters or line breaks' });
    else if (field === 'code.s3ObjectKey' && !isPlainObjectKey(value)) problems.push({ field, message: "must be an S3 object key without '..' or '.' segments, a leading '/' or a backslash" });
  } else if (typeof value === 'number' && (!Number.isFinite(value) || Math.abs(value) > MAX_NUMBER)) {
    problems.push({ field, message: `must be a finite number up to ${MAX_NUMBER.toLocaleString('en')}` });
  }
}

function checkSchedules(value: unknown, problems: ConfigProblem[]): void {
  const field = 'scaling.schedules';
  if (!Array.isArray(value)) { problems.push({ field, message: 'must be a list of schedules' }); return; }
  if (value.length > MAX_SCHEDULES) { problems.push({ field, message: `has ${value.length} schedules; at most ${MAX_SCHEDULES} (each becomes a scheduled action in the template)` }); return; }
  const model = defaultOptions().scaling.schedules[0] as unknown as Record<string, unknown>;
  const shape: Record<string, unknown> = { ...model };
  for (const k of OPTIONAL_SCHEDULE_FIELDS) shape[k] = '';
  value.forEach((item, i) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(item)) { problems.push({ field: at, message: 'must be an object with name, kind, recurrence or startTime, minSize, desiredCapacity, maxSize' }); return; }
    checkObject(item, shape, at, problems);
    for (const key of DATE_FIELDS) {
      const date = item[key];
      if (typeof date === 'string' && date !== '' && !isRealUtcDate(date)) problems.push({ field: `${at}.${key}`, message: `'${date}' is not a real UTC date and time like 2026-05-11T06:00:00Z` });
    }
  });
}

/** ISO 8601 in UTC (what CloudFormation's scheduled actions take), and a day that exists: 2026-02-30 does not. */
export function isRealUtcDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?Z$/.exec(text);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s;
}

function isPlainObjectKey(key: string): boolean {
  if (key === '' || key.startsWith('/') || key.includes('\\')) return false;
  return key.split('/').every((segment) => segment !== '..' && segment !== '.' && segment !== '');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(model: unknown): string {
  if (Array.isArray(model)) return 'list';
  if (isPlainObject(model)) return 'object';
  return typeof model === 'boolean' ? 'true or false' : typeof model;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}
