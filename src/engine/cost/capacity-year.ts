import { at, intrinsicName, scalarValue } from '../template/nodes';
import type { ResourceView, TemplateModel } from '../template/template-model';
import { parseCron, type CronSchedule, type LocalTime } from './cron-schedule';
import { LocalClock, isTimeZone } from '../common/local-clock';
import type { TemplateValues } from './template-values';

/** One scheduled action of the web tier's group, as the replay reads it. */
export interface CapacityAction {
  logicalId: string;
  recurrence?: string;
  startTime?: string;
  endTime?: string;
  timeZone: string;
  minSize?: number;
  maxSize?: number;
  desiredCapacity?: number;
  /** Why the action could not be replayed (a bad cron or time zone); it is then left out. */
  problem?: string;
}

export interface CapacityDay {
  /** Local date, YYYY-MM-DD, in the schedule's time zone. */
  date: string;
  /** Nodes running at noon and at 21:00 local time, and the most that day. */
  noon: number;
  evening: number;
  peak: number;
  /** The scheduled action that set the noon state, if any. */
  noonAction?: string;
  maxSize: number;
}

export interface CapacityYear {
  asgLogicalId: string;
  year: number;
  timeZone: string;
  days: CapacityDay[];
  /** Node-hours per calendar month (index 0 = January). */
  nodeHoursByMonth: number[];
  actions: CapacityAction[];
  /** A scaling policy adds nodes above the floor under load; the replay counts the floor. */
  scalesOnLoad: boolean;
  initial: { minSize: number; maxSize: number; desiredCapacity: number };
}

const MINUTE = 60_000;

/**
 * Replays a year of the web tier's scheduled actions, the way Auto Scaling
 * applies them: an action sets Min/Max/Desired, Desired is then kept within Min..Max. With a
 * target-tracking (or other) scaling policy, an idle group sits at MinSize, so that floor is what
 * is counted; without one, Desired is. December of the year before is replayed first so that
 * 1 January starts in the state the schedule leaves it in.
 */
export function replayCapacityYear(model: TemplateModel, values: TemplateValues, asg: ResourceView, year: number, scalesOnLoad: boolean): CapacityYear {
  const props = asg.properties;
  const minSize = values.number(at(props, ['MinSize'])) ?? 1;
  const maxSize = values.number(at(props, ['MaxSize'])) ?? minSize;
  const desiredCapacity = values.number(at(props, ['DesiredCapacity'])) ?? minSize;
  const actions = scheduledActionsOf(model, values, asg);
  const runnable = actions.filter((a) => !a.problem).map((a) => compile(a));
  const timeZone = runnable[0]?.action.timeZone ?? 'UTC';
  const clock = new LocalClock(timeZone);
  const clocks = new Map<string, LocalClock>([[timeZone, clock]]);
  const state = { min: minSize, max: maxSize, desired: clamp(desiredCapacity, minSize, maxSize), lastAction: undefined as string | undefined };
  const running = () => (scalesOnLoad ? state.min : state.desired);

  const begin = Date.UTC(year - 1, 11, 1);
  const countFrom = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const nodeMinutes = new Array<number>(12).fill(0);
  const days: CapacityDay[] = [];
  // Step by the largest interval every action's minutes fall on (30 for :00 and :30): a year is
  // then tens of thousands of steps, not half a million.
  const stepMinutes = runnable.reduce((g, r) => (r.cron ? r.cron.minutes.reduce(gcd, g) : g), 60);
  const step = stepMinutes * MINUTE;
  const fired = new Set<CapacityAction>();
  let day: CapacityDay | undefined;
  for (let t = begin; t < end; t += step) {
    const local = clock.at(t);
    for (const { action, cron, start, stop } of runnable) {
      if (start !== undefined && t < start) continue;
      if (stop !== undefined && t > stop) continue;
      // A one-off action fires at the first step on or after its StartTime.
      const fires = cron ? cron.matches(action.timeZone === timeZone ? local : clockFor(clocks, action.timeZone).at(t)) : !fired.has(action);
      if (!fires) continue;
      fired.add(action);
      if (action.minSize !== undefined) state.min = action.minSize;
      if (action.maxSize !== undefined) state.max = action.maxSize;
      if (action.desiredCapacity !== undefined) state.desired = action.desiredCapacity;
      state.desired = clamp(state.desired, state.min, state.max);
      state.lastAction = action.logicalId;
    }
    if (t < countFrom || local.year !== year) continue;
    const nodes = running();
    nodeMinutes[local.month - 1] += nodes * stepMinutes;
    if (!day || (local.hour === 0 && local.minute === 0)) {
      day = { date: dateText(local), noon: nodes, evening: nodes, peak: nodes, maxSize: state.max };
      days.push(day);
    }
    day.peak = Math.max(day.peak, nodes);
    if (local.hour === 12 && local.minute === 0) Object.assign(day, { noon: nodes, noonAction: state.lastAction, maxSize: state.max });
    if (local.hour === 21 && local.minute === 0) day.evening = nodes;
  }
  return {
    asgLogicalId: asg.logicalId, year, timeZone, days, actions, scalesOnLoad,
    nodeHoursByMonth: nodeMinutes.map((m) => m / 60),
    initial: { minSize, maxSize, desiredCapacity },
  };
}

function scheduledActionsOf(model: TemplateModel, values: TemplateValues, asg: ResourceView): CapacityAction[] {
  const groups = model.resourcesOfType('AWS::AutoScaling::AutoScalingGroup');
  return model.resourcesOfType('AWS::AutoScaling::ScheduledAction')
    .filter((r) => values.exists(r) && targets(r, asg.logicalId, groups.length))
    .map((r) => {
      const p = r.properties;
      const action: CapacityAction = {
        logicalId: r.logicalId,
        recurrence: values.text(at(p, ['Recurrence'])),
        startTime: values.text(at(p, ['StartTime'])),
        endTime: values.text(at(p, ['EndTime'])),
        timeZone: values.text(at(p, ['TimeZone'])) ?? 'UTC',
        minSize: values.number(at(p, ['MinSize'])),
        maxSize: values.number(at(p, ['MaxSize'])),
        desiredCapacity: values.number(at(p, ['DesiredCapacity'])),
      };
      action.problem = problemOf(action);
      return action;
    });
}

function targets(action: ResourceView, asgId: string, groupCount: number): boolean {
  const name = at(action.properties, ['AutoScalingGroupName']);
  if (intrinsicName(name) === 'Ref') return scalarValue(at(name, ['Ref'])) === asgId;
  return groupCount === 1;
}

function problemOf(action: CapacityAction): string | undefined {
  if (action.recurrence !== undefined && !parseCron(action.recurrence)) return `its Recurrence '${action.recurrence}' is not a five-field cron`;
  if (action.recurrence === undefined && action.startTime === undefined) return 'it has neither Recurrence nor StartTime';
  for (const time of [action.startTime, action.endTime]) if (time !== undefined && Number.isNaN(Date.parse(time))) return `its time '${time}' is not an ISO 8601 time`;
  if (!isTimeZone(action.timeZone)) return `its TimeZone '${action.timeZone}' is not an IANA time zone`;
  return undefined;
}

function compile(action: CapacityAction): { action: CapacityAction; cron?: CronSchedule; start?: number; stop?: number } {
  return {
    action,
    cron: action.recurrence ? parseCron(action.recurrence) : undefined,
    start: action.startTime ? Date.parse(action.startTime) : undefined,
    stop: action.endTime ? Date.parse(action.endTime) : undefined,
  };
}

function clockFor(clocks: Map<string, LocalClock>, zone: string): LocalClock {
  let clock = clocks.get(zone);
  if (!clock) clocks.set(zone, (clock = new LocalClock(zone)));
  return clock;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function dateText(local: LocalTime): string {
  return `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
