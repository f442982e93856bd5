/**
 * A five-field Unix cron (what Auto Scaling scheduled actions take) as sets of matching values,
 * evaluated against a local wall-clock time. As in Vixie cron, when both day-of-month and
 * day-of-week are restricted, a day matches if either does.
 */
export interface CronSchedule {
  matches(local: LocalTime): boolean;
  /** The minutes past the hour it can fire at. */
  minutes: number[];
}

export interface LocalTime {
  year: number;
  minute: number;
  hour: number;
  day: number;
  month: number;
  /** 0 = Sunday. */
  weekday: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseCron(expression: string): CronSchedule | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const minute = field(fields[0], 0, 59);
  const hour = field(fields[1], 0, 23);
  const day = field(fields[2], 1, 31);
  const month = field(fields[3], 1, 12, MONTHS, 1);
  const weekday = field(fields[4], 0, 7, DAYS, 0);
  if (!minute || !hour || !day || !month || !weekday) return undefined;
  if (weekday.values.has(7)) weekday.values.add(0);
  return {
    minutes: [...minute.values],
    matches(t) {
      if (!minute.values.has(t.minute) || !hour.values.has(t.hour) || !month.values.has(t.month)) return false;
      const byDay = day.values.has(t.day);
      const byWeekday = weekday.values.has(t.weekday);
      if (day.star || weekday.star) return (day.star || byDay) && (weekday.star || byWeekday);
      return byDay || byWeekday;
    },
  };
}

function field(text: string, min: number, max: number, names?: string[], firstName = 0): { values: Set<number>; star: boolean } | undefined {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let from: number | undefined, to: number | undefined;
    if (range === '*') [from, to] = [min, max];
    else {
      const bounds = range.split('-').map((b) => value(b, names, firstName));
      [from, to] = bounds.length === 1 ? [bounds[0], stepText === undefined ? bounds[0] : max] : [bounds[0], bounds[1]];
    }
    if (from === undefined || to === undefined || from < min || to > max || from > to) return undefined;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, star: text === '*' || text === '?' };
}

function value(text: string, names: string[] | undefined, firstName: number): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = names?.indexOf(text.toUpperCase()) ?? -1;
  return index < 0 ? undefined : index + firstName;
}
