import { MhaError } from '../../common/errors';
import { requireReplica, webNodes } from '../replica/replica-state';
import type { SimContext } from '../replica/sim-context';
import { ScaledClock } from '../aws/clock';
import { DEFAULT_LOAD, defaultCalendar, replayCalendar, type CalendarResult } from '../aws/calendar-replay';
import { calendarFromTerms } from '../aws/calendar-from-terms';
import { localTime } from '../../common/local-clock';
import type { DrillReport, Expectation } from './drill-report';

const YEAR_MS = 365 * 86_400_000;

/**
 * The template's scheduled actions replayed over a school year on a compressed clock ("a school
 * year in N seconds"), against a load curve: term days, evenings, weekends, holidays, exam mornings,
 * Friday deadlines at 23:59. A model of capacity, not of containers: the replica's nodes do not
 * follow it (hundreds of changes in a minute would measure Docker, not the schedule).
 */
export async function runCalendarDrill(ctx: SimContext, project: string, options: { seconds?: number; year?: number; users?: number } = {}): Promise<DrillReport> {
  const state = await requireReplica(ctx.docker, project);
  const aws = state.plan.aws;
  if (!aws) throw new MhaError('usage', 'The calendar drill replays the scheduled actions of a template, and this replica was planned without one.', { nextStep: "Start the replica with 'moodle-ha sim up --template infra/moodle-ha.yaml'." });
  const seconds = Math.min(Math.max(options.seconds ?? 30, 5), 600);
  if (options.users !== undefined && !(Number.isInteger(options.users) && options.users >= 1)) throw new MhaError('usage', `--users must be a whole number of people (got '${options.users}').`, { nextStep: 'For the calendar drill it is how many people are on the site at its busiest moment, e.g. --users 1200.' });
  const model = { ...DEFAULT_LOAD, peakUsers: options.users ?? DEFAULT_LOAD.peakUsers };
  // The school's own terms when the template's options file is beside it; a generic year otherwise.
  const own = aws.schoolYear && options.year === undefined ? calendarFromTerms(aws.schoolYear) : undefined;
  const tz = own?.timeZone ?? aws.schedules[0]?.timeZone ?? 'UTC';
  const calendar = own ?? defaultCalendar(options.year ?? new Date().getUTCFullYear(), tz);
  const clock = new ScaledClock(YEAR_MS / (seconds * 1000));
  const startedAt = new Date();
  let lastPercent = -1;
  const result = await replayCalendar({
    schedules: aws.schedules,
    initial: aws.autoScaling,
    targetTracking: aws.targetTracking,
    calendar,
    model,
    stepMinutes: 5,
    recordMinutes: 30,
    clock,
    signal: ctx.signal,
    onStep: (done, total) => {
      const percent = Math.floor((done / total) * 10) * 10;
      if (percent !== lastPercent) { lastPercent = percent; ctx.progress?.({ message: `replaying the school year: ${percent} %`, percent }); }
    },
  });
  const expectations = calendarExpectations(result);
  return {
    drill: 'calendar',
    project,
    startedAt: startedAt.toISOString(),
    durationSeconds: seconds,
    users: result.model.peakUsers,
    topology: { webNodes: webNodes(state).length, cache: state.plan.cache.kind, database: state.plan.database.family === 'postgres' ? 'PostgreSQL' : 'MariaDB', sticky: state.plan.lb.sticky, app: state.plan.app.kind },
    summary: { requests: 0, failed: 0, failedAfterDetection: 0, sessionsLost: 0, uploads: 0, uploadsLost: 0, detectSeconds: null, recoverSeconds: null, maintenance: 0, failuresByKind: {}, nodes: {}, topFailures: [] },
    series: [],
    events: result.shortfalls.slice(0, 12).map((f) => ({ t: (f.from - result.points[0].at) / 3_600_000, kind: 'short', detail: `${when(f.from, tz)} ${f.label}: ${f.worstUsers} users need ${f.demandNodes} nodes, ${f.worstCapacity} serving` })),
    verdict: { passed: expectations.every((e) => e.ok), expectations },
    notes: [
      `${result.actionsFired} scheduled actions fired over ${calendar.start} – ${calendar.end} (${tz}), replayed in ${seconds} s, one step every ${result.stepMinutes} min.`,
      `Calendar: ${own ? `the school's terms from ${aws.schoolYear!.source}` : 'a generic England-style year (no options file with terms beside the template)'}.`,
      `Assumptions: ${result.model.peakUsers} users at the busiest moment${options.users === undefined ? ' (--users sets it)' : ''}, ${result.model.usersPerNode} per web node at 100 % CPU; capacity: ${result.scaling}.`,
      ...(result.overTargetMinutes ? [`${result.overTargetMinutes} min above the policy's target while capacity still covered demand (pages slower, not failing).`] : []),
      "A model: the replica's containers do not follow the replay.",
    ],
    calendar: result,
  };
}

function when(ms: number, tz: string): string {
  const t = localTime(ms, tz);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${p(t.month)}-${p(t.day)} ${p(t.hour)}:${p(t.minute)}`;
}

/** From the modelled users: did capacity cover demand at the moments that matter? */
export function calendarExpectations(result: CalendarResult): Expectation[] {
  const at = (label: string) => result.shortfalls.filter((s) => s.label === label);
  const exam = at('exam morning'), deadline = at('deadline 23:59');
  const worst = [...result.shortfalls].sort((a, b) => b.demandNodes - b.worstCapacity - (a.demandNodes - a.worstCapacity))[0];
  return [
    { text: `exam mornings have the capacity they need (${exam.length} short period(s))`, ok: exam.length === 0 },
    { text: `the 23:59 deadlines have the capacity they need (${deadline.length} short evening(s))`, ok: deadline.length === 0 },
    { text: `capacity covers demand all year (${result.shortMinutes} min short${worst ? `; worst: ${worst.label}, ${worst.demandNodes} nodes needed, ${worst.worstCapacity} running` : ''})`, ok: result.shortMinutes === 0 },
  ];
}

/** One line per day: the busiest step's demand and the capacity then. */
export function calendarDays(result: CalendarResult): Array<{ date: string; demand: number; capacity: number; label: string }> {
  const days = new Map<string, { date: string; demand: number; capacity: number; label: string }>();
  for (const p of result.points) {
    const date = when(p.at, result.calendar.timeZone).slice(0, 10);
    const d = days.get(date);
    if (!d || p.demandNodes > d.demand) days.set(date, { date, demand: p.demandNodes, capacity: p.capacity, label: p.label });
  }
  return [...days.values()];
}

export { DEFAULT_LOAD };
