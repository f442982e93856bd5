import type { Clock } from './clock';
import type { ScheduleSpec, TargetTrackingSpec } from './aws-behaviour';
import { FleetCapacity, TargetTracker } from './fleet-capacity';
import { localTime, type LocalTime } from '../../common/local-clock';
import { occurrences } from './cron-schedule';

/** An academic year: dates are local (YYYY-MM-DD) in `timeZone`, ranges inclusive. */
export interface SchoolCalendar {
  timeZone: string;
  start: string;
  end: string;
  holidays: Array<{ from: string; to: string; name: string }>;
  exams: Array<{ from: string; to: string }>;
  /** Assignment deadlines at 23:59 local: the hour before is the busiest of the day. */
  deadlines: string[];
}

/**
 * How many people are on the site, how many one web node serves at 100 % CPU, how many requests a
 * user makes a minute (for a policy on requests per target), and how long a launched node takes to
 * serve. Assumptions, printed with the result.
 */
export interface LoadModel { peakUsers: number; usersPerNode: number; requestsPerUserMinute: number; bootMinutes: number }

export const DEFAULT_LOAD: LoadModel = { peakUsers: 1200, usersPerNode: 250, requestsPerUserMinute: 3, bootMinutes: 8 };

/** A UK-style year (terms, half-terms, Christmas, Easter, summer; May–June exams; Friday deadlines in term). */
export function defaultCalendar(year: number, timeZone = 'Europe/London'): SchoolCalendar {
  const y0 = year, y1 = year + 1;
  const fridays: string[] = [];
  for (let d = Date.UTC(y0, 8, 5); d < Date.UTC(y1, 6, 20); d += 86_400_000) if (new Date(d).getUTCDay() === 5) fridays.push(new Date(d).toISOString().slice(0, 10));
  const cal: SchoolCalendar = {
    timeZone, start: `${y0}-09-01`, end: `${y1}-08-31`,
    holidays: [
      { from: `${y0}-10-26`, to: `${y0}-11-01`, name: 'autumn half-term' },
      { from: `${y0}-12-20`, to: `${y1}-01-04`, name: 'Christmas' },
      { from: `${y1}-02-15`, to: `${y1}-02-22`, name: 'spring half-term' },
      { from: `${y1}-03-29`, to: `${y1}-04-13`, name: 'Easter' },
      { from: `${y1}-05-24`, to: `${y1}-05-31`, name: 'summer half-term' },
      { from: `${y1}-07-19`, to: `${y1}-08-31`, name: 'summer' },
    ],
    exams: [{ from: `${y1}-05-11`, to: `${y1}-06-19` }],
    deadlines: [],
  };
  cal.deadlines = fridays.filter((f) => !inRanges(f, cal.holidays));
  return cal;
}

const ymd = (t: LocalTime) => `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
const inRanges = (date: string, ranges: Array<{ from: string; to: string }>) => ranges.some((r) => date >= r.from && date <= r.to);

/** The share of `peakUsers` online at a local time, and what kind of moment it is. */
export function demandShare(t: LocalTime, cal: SchoolCalendar): { share: number; label: string } {
  const date = ymd(t);
  const h = t.hour + t.minute / 60;
  const holiday = cal.holidays.find((r) => date >= r.from && date <= r.to);
  if (holiday) return { share: h >= 9 && h < 22 ? 0.08 : 0.02, label: holiday.name };
  const weekend = t.weekday === 0 || t.weekday === 6;
  if (cal.deadlines.includes(date) && h >= 21) return { share: h >= 23 ? 0.95 : 0.6, label: 'deadline 23:59' };
  if (weekend) return { share: h >= 10 && h < 22 ? 0.15 : 0.03, label: 'weekend' };
  const exam = inRanges(date, cal.exams);
  if (exam && h >= 8.75 && h < 12) return { share: 1, label: 'exam morning' };
  if (h >= 8.5 && h < 16) return { share: 0.6, label: exam ? 'exam term day' : 'term day' };
  if (h >= 18 && h < 22) return { share: 0.45, label: 'evening' };
  if (h >= 7 && h < 23) return { share: 0.2, label: 'term' };
  return { share: 0.03, label: 'night' };
}

export interface ReplayPoint { at: number; users: number; demandNodes: number; capacity: number; min: number; max: number; label: string }
export interface Shortfall { from: number; to: number; label: string; worstUsers: number; worstCapacity: number; demandNodes: number }

export interface CalendarResult {
  /** One point per `recordMinutes`: the step of that period where demand came closest to (or past) capacity. */
  points: ReplayPoint[];
  shortfalls: Shortfall[];
  actionsFired: number;
  stepMinutes: number;
  recordMinutes?: number;
  model: LoadModel;
  calendar: SchoolCalendar;
  /** Minutes of the year in which demand exceeded the nodes serving. */
  shortMinutes: number;
  /** How capacity was modelled: the policy, its alarm delays and the boot time, or the schedules alone. */
  scaling?: string;
  /** Minutes above the policy's target while capacity still covered demand (slower pages, not failures). */
  overTargetMinutes?: number;
}

export interface ReplayOptions {
  schedules: ScheduleSpec[];
  initial: { min: number; max: number; desired: number };
  /** The web group's target tracking policy: desired follows the load it has seen, between min and max. */
  targetTracking?: TargetTrackingSpec;
  calendar: SchoolCalendar;
  model?: LoadModel;
  /** Minutes of AWS time per step of the replay (5: finer than a boot, so scaling lag shows). */
  stepMinutes?: number;
  /** Minutes of AWS time per recorded point (the report's resolution). */
  recordMinutes?: number;
  clock: Clock;
  /** Called after every step (progress). */
  onStep?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Replays the scheduled actions over the calendar on `clock` (a ScaledClock makes a school year a
 * few minutes; tests use a ManualClock). At every step the actions due have set min/max/desired, the
 * target tracking policy (if any) asks for what the load it saw an alarm's delay ago needs, launched
 * nodes serve once booted, and the nodes serving are compared with the calendar's demand.
 */
export async function replayCalendar(o: ReplayOptions): Promise<CalendarResult> {
  const model = o.model ?? DEFAULT_LOAD;
  const stepMs = (o.stepMinutes ?? 30) * 60_000;
  const recordSteps = Math.max(1, Math.round((o.recordMinutes ?? o.stepMinutes ?? 30) * 60_000 / stepMs));
  const from = localMidnightUtc(o.calendar.start, o.calendar.timeZone);
  const to = localMidnightUtc(o.calendar.end, o.calendar.timeZone) + 86_400_000;
  const fired = o.schedules.flatMap((s) => occurrences(s.recurrence, s.timeZone, from, to).map((at) => ({ at, s }))).sort((a, b) => a.at - b.at);
  let { min, max, desired } = o.initial;
  const fleet = new FleetCapacity(desired, model.bootMinutes * 60_000);
  const tracker = o.targetTracking ? new TargetTracker(o.targetTracking) : undefined;
  let next = 0;
  let overTargetSteps = 0, shortSteps = 0;
  let period: ReplayPoint | undefined;
  const points: ReplayPoint[] = [];
  const shortfalls: Shortfall[] = [];
  const total = Math.ceil((to - from) / stepMs);
  const replayStart = o.clock.now();
  for (let i = 0, t = from; t < to; i++, t += stepMs) {
    if (o.signal?.aborted) throw o.signal.reason ?? new Error('cancelled');
    while (next < fired.length && fired[next].at <= t) {
      const s = fired[next++].s;
      if (s.min !== undefined) min = s.min;
      if (s.max !== undefined) max = s.max;
      if (s.desired !== undefined) { desired = s.desired; tracker?.setHeld(s.desired); }
    }
    if (tracker) desired = tracker.desiredAt(t);
    desired = Math.min(Math.max(desired, min), max);
    fleet.setDesired(desired, t);
    const capacity = fleet.servingAt(t);
    const { share, label } = demandShare(localTime(t, o.calendar.timeZone), o.calendar);
    const users = Math.round(share * model.peakUsers);
    const demandNodes = users / model.usersPerNode;
    tracker?.observeLoad(t, demandNodes, users * model.requestsPerUserMinute);
    const point = { at: t, users, demandNodes: Math.round(demandNodes * 100) / 100, capacity, min, max, label };
    if (demandNodes > capacity) { shortSteps++; addShortfall(shortfalls, point, stepMs); }
    else if (tracker?.spec.metric === 'cpu' && demandNodes > capacity * (tracker.spec.targetValue / 100)) overTargetSteps++;
    if (!period || point.demandNodes - point.capacity > period.demandNodes - period.capacity) period = point;
    if ((i + 1) % recordSteps === 0) { points.push(period); period = undefined; }
    o.onStep?.(i + 1, total);
    // Sleep until this step's end in AWS time; when the clock is ahead (timers are coarser than a
    // compressed step), catch up without sleeping, so a year takes the time asked for.
    const wait = replayStart + (i + 1) * stepMs - o.clock.now();
    if (wait > 0) await o.clock.sleep(wait, o.signal);
  }
  if (period) points.push(period);
  const stepMinutes = stepMs / 60_000;
  return {
    points, shortfalls, actionsFired: next, stepMinutes, recordMinutes: recordSteps * stepMinutes, model, calendar: o.calendar,
    shortMinutes: shortSteps * stepMinutes,
    scaling: describeScaling(tracker, model),
    overTargetMinutes: tracker?.spec.metric === 'cpu' ? overTargetSteps * stepMinutes : undefined,
  };
}

function addShortfall(shortfalls: Shortfall[], p: ReplayPoint, stepMs: number): void {
  const last = shortfalls[shortfalls.length - 1];
  if (last && last.to === p.at && last.label === p.label) {
    last.to = p.at + stepMs;
    if (p.users > last.worstUsers) { last.worstUsers = p.users; last.worstCapacity = p.capacity; last.demandNodes = p.demandNodes; }
  } else {
    shortfalls.push({ from: p.at, to: p.at + stepMs, label: p.label, worstUsers: p.users, worstCapacity: p.capacity, demandNodes: p.demandNodes });
  }
}

function describeScaling(tracker: TargetTracker | undefined, model: LoadModel): string {
  const boot = `a launched node serves ${model.bootMinutes} min later`;
  if (!tracker) return `the schedules' sizes alone (no target tracking policy on CPU or requests per target); ${boot}`;
  const spec = tracker.spec;
  const what = spec.metric === 'cpu' ? `average CPU at ${spec.targetValue} %` : `${spec.targetValue} requests per target per minute (${model.requestsPerUserMinute} per user)`;
  const metrics = spec.metricPeriodSeconds === 60 ? '1-minute metrics' : "EC2's basic monitoring, 5-minute metrics";
  return `target tracking (${spec.policyId}) on ${what}: scale-out ${tracker.alarmMs / 60_000} min after the load rises, scale-in ${spec.scaleIn ? `after ${tracker.scaleInMs / 60_000} min below` : 'disabled'} (${metrics}); ${boot}`;
}

/** UTC ms of 00:00 local on a date in a time zone. */
export function localMidnightUtc(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  let guess = Date.UTC(y, m - 1, d);
  for (let i = 0; i < 3; i++) {
    const t = localTime(guess, timeZone);
    const shown = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
    guess -= shown - Date.UTC(y, m - 1, d);
  }
  return guess;
}
