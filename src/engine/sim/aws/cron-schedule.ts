/**
 * Scheduled actions' Recurrence: Unix cron (minute hour day-of-month month day-of-week) in the
 * action's TimeZone, as EC2 Auto Scaling reads it. When both day fields are restricted a day
 * matches either, as in cron.
 */
export interface CronFields { minutes: Set<number>; hours: Set<number>; days: Set<number>; months: Set<number>; weekdays: Set<number>; dayRestricted: boolean; weekdayRestricted: boolean }

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseCron(expression: string): CronFields {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`'${expression}' is not a 5-field cron expression (minute hour day month weekday)`);
  const [mi, h, d, mo, wd] = parts;
  const weekdays = field(wd, 0, 7, DAYS);
  if (weekdays.has(7)) { weekdays.delete(7); weekdays.add(0); }
  return { minutes: field(mi, 0, 59), hours: field(h, 0, 23), days: field(d, 1, 31), months: field(mo, 1, 12, MONTHS, 1), weekdays, dayRestricted: d !== '*', weekdayRestricted: wd !== '*' };
}

function field(text: string, low: number, high: number, names: string[] = [], nameBase = 0): Set<number> {
  const out = new Set<number>();
  const value = (s: string) => {
    const i = names.indexOf(s.toUpperCase());
    const n = i >= 0 ? i + nameBase : Number(s);
    if (!Number.isInteger(n) || n < low || n > high) throw new Error(`'${s}' is out of range ${low}-${high} in '${text}'`);
    return n;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad step in '${part}'`);
    let from = low, to = high;
    if (range !== '*') {
      const [a, b] = range.split('-');
      from = value(a);
      to = b === undefined ? (stepText === undefined ? from : high) : value(b);
    }
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

export interface LocalTime { year: number; month: number; day: number; hour: number; minute: number; weekday: number }

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields of an instant in a time zone. */
export function localTime(ms: number, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = part.value;
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), hour: Number(p.hour), minute: Number(p.minute), weekday: DAYS.indexOf(p.weekday.slice(0, 3).toUpperCase()) };
}

export function cronMatches(c: CronFields, t: LocalTime): boolean {
  if (!c.minutes.has(t.minute) || !c.hours.has(t.hour) || !c.months.has(t.month)) return false;
  const dayOk = c.days.has(t.day), weekdayOk = c.weekdays.has(t.weekday);
  if (c.dayRestricted && c.weekdayRestricted) return dayOk || weekdayOk;
  return dayOk && weekdayOk;
}

/** Every instant in [fromMs, toMs) at which the expression fires in `timeZone`, in order. */
export function occurrences(expression: string, timeZone: string, fromMs: number, toMs: number): number[] {
  const c = parseCron(expression);
  const out: number[] = [];
  const HOUR = 3_600_000;
  // Walk UTC hours; within each, the minutes the expression names (time zones shift by whole or half hours).
  for (let h = Math.floor(fromMs / HOUR) * HOUR; h < toMs; h += HOUR) {
    const start = localTime(h, timeZone);
    for (const minute of c.minutes) {
      const at = h + ((minute - start.minute + 60) % 60) * 60_000;
      if (at < fromMs || at >= toMs || at >= h + HOUR) continue;
      if (cronMatches(c, at === h ? start : localTime(at, timeZone))) out.push(at);
    }
  }
  return out.sort((a, b) => a - b);
}
