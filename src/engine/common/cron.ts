import { localTime, type LocalTime } from './local-clock';

/**
 * The Unix cron that Auto Scaling scheduled actions take as Recurrence: five fields
 * (minute hour day-of-month month day-of-week) with lists, ranges, steps and names, read in the
 * action's TimeZone. The one reading used by the scaffolder (is an answer valid?), the cost
 * replay and the replica's calendar replay, so all three agree on what a schedule means.
 * As in Vixie cron, when both day fields are restricted a day matches if either does.
 */
export interface Cron {
  /** The minutes past the hour it can fire at, ascending. */
  readonly minutes: number[];
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  /** 1 = January. */
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday (7 is read as Sunday too). */
  readonly weekdays: ReadonlySet<number>;
  /** The day-of-month / day-of-week field is not '*'. */
  readonly dayRestricted: boolean;
  readonly weekdayRestricted: boolean;
  matches(local: LocalTime): boolean;
}

export type CronReading = { cron: Cron; problem?: undefined } | { cron?: undefined; problem: string };

interface FieldSpec { name: string; min: number; max: number; names?: string[]; firstName?: number }

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], firstName: 1 },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], firstName: 0 },
];

/** The schedule, or what is wrong with it in words (a sentence naming the field). */
export function readCron(expression: string): CronReading {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return { problem: `A schedule needs 5 cron fields (minute hour day month weekday), not ${parts.length}.` };
  const sets: Set<number>[] = [];
  for (let i = 0; i < 5; i++) {
    const read = fieldValues(parts[i], FIELDS[i]);
    if (typeof read === 'string') return { problem: `The ${FIELDS[i].name} field '${parts[i]}' ${read}.` };
    sets.push(read);
  }
  const [minutes, hours, days, months, weekdays] = sets;
  if (weekdays.delete(7)) weekdays.add(0);
  const dayRestricted = parts[2] !== '*';
  const weekdayRestricted = parts[4] !== '*';
  return {
    cron: {
      minutes: [...minutes].sort((a, b) => a - b), hours, days, months, weekdays, dayRestricted, weekdayRestricted,
      matches(t) {
        if (!minutes.has(t.minute) || !hours.has(t.hour) || !months.has(t.month)) return false;
        const byDay = days.has(t.day);
        const byWeekday = weekdays.has(t.weekday);
        return dayRestricted && weekdayRestricted ? byDay || byWeekday : byDay && byWeekday;
      },
    },
  };
}

/** undefined when valid, else what is wrong, in words. */
export function cronProblem(expression: string): string | undefined {
  return readCron(expression).problem;
}

/** The schedule; throws an Error saying what is wrong. */
export function parseCron(expression: string): Cron {
  const read = readCron(expression);
  if (!read.cron) throw new Error(`'${expression}' is not a valid 5-field cron expression: ${read.problem}`);
  return read.cron;
}

/** Every instant in [fromMs, toMs) at which the schedule fires in `timeZone`, in order. */
export function cronOccurrences(cron: Cron, timeZone: string, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  const HOUR = 3_600_000;
  // Walk UTC hours; within each, the minutes the schedule names (time zones shift by whole or half hours).
  for (let h = Math.floor(fromMs / HOUR) * HOUR; h < toMs; h += HOUR) {
    const start = localTime(h, timeZone);
    for (const minute of cron.minutes) {
      const at = h + ((minute - start.minute + 60) % 60) * 60_000;
      if (at < fromMs || at >= toMs || at >= h + HOUR) continue;
      if (cron.matches(at === h ? start : localTime(at, timeZone))) out.push(at);
    }
  }
  return out.sort((a, b) => a - b);
}

/** The values a field allows, or what is wrong with it. */
function fieldValues(field: string, spec: FieldSpec): Set<number> | string {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || (stepText !== undefined && !/^\d+$/.test(stepText))) return 'has a bad step';
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step === 0) return 'has a step of 0';
    let from = spec.min, to = spec.max;
    if (range !== '*') {
      const bounds = range.split('-');
      if (bounds.length > 2) return 'has a bad range';
      const ends = bounds.map((b) => valueOf(b, spec));
      if (ends.some((v) => v === undefined)) return `must use ${spec.min}-${spec.max}${spec.names ? ' or names' : ''}, '*', ',', '-' and '/'`;
      [from, to] = ends.length === 2 ? (ends as [number, number]) : [ends[0] as number, stepText === undefined ? (ends[0] as number) : spec.max];
      if (from > to) return 'has a range that runs backwards';
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function valueOf(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  return index < 0 ? undefined : index + (spec.firstName ?? 0);
}
