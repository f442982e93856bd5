import { dayAfter, monthPieces, type MonthDays } from '../calendar';
import type { ScheduleOption } from '../options';
import { GetAtt, Join, Ref, type CfnValue } from './intrinsics';
import type { BuildContext, Section } from './section';

/**
 * Target tracking for the day-to-day load, scheduled actions for the school year. Scheduled actions
 * set MinSize and MaxSize only: DesiredCapacity stays with target tracking, so a schedule never
 * scales in under load (a 23:59 deadline at 20:00).
 */
export function scalingSection(ctx: BuildContext): Section {
  const { scaling } = ctx.options;
  const parameters: Record<string, CfnValue> = {
    ScalingTargetValue: { Type: 'Number', Default: scaling.targetValue, MinValue: 1, Description: scaling.metric === 'cpu' ? 'Average CPU percent the web tier is kept at.' : 'ALB requests per web server per minute the web tier is kept at.' },
  };
  const metric: CfnValue = scaling.metric === 'cpu'
    ? { PredefinedMetricType: 'ASGAverageCPUUtilization' }
    : { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: Join('/', [GetAtt('LoadBalancer', 'LoadBalancerFullName'), GetAtt('WebTargetGroup', 'TargetGroupFullName')]) };
  const resources: Record<string, CfnValue> = {
    WebScalingPolicy: {
      '//': `Scaling: target tracking on ${scaling.metric === 'cpu' ? 'CPU' : 'requests per server'}, plus the academic calendar (time zone ${scaling.timeZone}).\nSchedules set MinSize/MaxSize only; the group's UpdatePolicy keeps their sizes across stack updates.`,
      Type: 'AWS::AutoScaling::ScalingPolicy',
      Properties: { AutoScalingGroupName: Ref('WebAutoScalingGroup'), PolicyType: 'TargetTrackingScaling', EstimatedInstanceWarmup: 300, TargetTrackingConfiguration: { PredefinedMetricSpecification: metric, TargetValue: Ref('ScalingTargetValue') } },
    },
  };
  for (const action of scheduledActions(ctx)) {
    resources[action.id] = {
      '//': action.comment,
      Type: 'AWS::AutoScaling::ScheduledAction',
      Properties: { AutoScalingGroupName: Ref('WebAutoScalingGroup'), Recurrence: action.recurrence || undefined, StartTime: action.startTime, EndTime: action.endTime, TimeZone: scaling.timeZone, MinSize: action.minSize, MaxSize: action.maxSize },
    };
  }
  return { parameters, resources };
}

export interface PlannedAction { id: string; comment?: string; recurrence: string; startTime?: string; endTime?: string; minSize: number; maxSize: number }

/** Every scheduled action, from the schedules and (when it has terms) the academic calendar. */
export function scheduledActions(ctx: BuildContext): PlannedAction[] {
  const { schedules, calendar } = ctx.options.scaling;
  const out: PlannedAction[] = [];
  const dated = calendar.terms.length > 0;
  for (const s of schedules) {
    const size = { minSize: s.minSize, maxSize: s.maxSize };
    const cron = cronParts(s);
    // A schedule with its own dates (e.g. one exam period, UTC) keeps them; so does one without a calendar.
    if (!dated || !cron || s.startTime !== undefined) {
      const when = [s.recurrence && `cron "${s.recurrence}"`, s.startTime && `from ${s.startTime}`, s.endTime && `to ${s.endTime}`].filter(Boolean).join(' ');
      out.push({ id: `Schedule${s.name}`, comment: `${kindLabel(s)}: ${when}.`, recurrence: s.recurrence ?? '', startTime: s.startTime, endTime: s.endTime, ...size });
      continue;
    }
    if (s.kind === 'holiday') {
      calendar.terms.forEach((term, i) => {
        const after = dayAfter(term.end);
        out.push({ id: `Schedule${s.name}After${term.name}`, comment: i === 0 ? `${kindLabel(s)}: from the day after each term ends (${ctx.options.scaling.timeZone}).` : undefined, recurrence: `${cron.minute} ${cron.hour} ${after.day} ${after.month} *`, ...size });
      });
      continue;
    }
    const windows = s.kind === 'exam' ? calendar.exams : calendar.terms;
    windows.forEach((window, i) => {
      groupPieces(monthPieces(window)).forEach((piece, n) => {
        out.push({
          id: `Schedule${s.name}${window.name}${n + 1}`,
          comment: i === 0 && n === 0 ? `${kindLabel(s)}: at ${cron.hour}:${cron.minute.padStart(2, '0')} inside each ${s.kind === 'exam' ? 'exam period' : 'term'} of the calendar (${ctx.options.scaling.timeZone}), e.g. ${window.name} ${window.start} to ${window.end}.\nPartial months name their days, so those run on every day of the week.` : undefined,
          recurrence: `${cron.minute} ${cron.hour} ${piece.days} ${piece.months} ${piece.days === '*' ? cron.weekday : '*'}`,
          ...size,
        });
      });
    });
  }
  return out;
}

function kindLabel(s: ScheduleOption): string {
  return s.kind === 'term' ? `Term time (${s.name})` : s.kind === 'holiday' ? `Holiday floor (${s.name})` : `Exam boost (${s.name})`;
}

function cronParts(s: ScheduleOption): { minute: string; hour: string; weekday: string } | undefined {
  const parts = s.recurrence?.trim().split(/\s+/);
  if (!parts || parts.length !== 5) return undefined;
  return { minute: parts[0], hour: parts[1], weekday: parts[4] };
}

/** A window's months as at most three cron pieces: a partial first month, whole months, a partial last month. */
function groupPieces(pieces: MonthDays[]): { days: string; months: string }[] {
  const out: { days: string; months: string }[] = [];
  let wholeFrom: number | undefined, wholeTo: number | undefined;
  const flush = () => {
    if (wholeFrom === undefined) return;
    out.push({ days: '*', months: wholeFrom === wholeTo ? String(wholeFrom) : `${wholeFrom}-${wholeTo}` });
    wholeFrom = wholeTo = undefined;
  };
  for (const p of pieces) {
    const whole = p.fromDay === 1 && p.toDay === 31;
    if (whole && (wholeTo === undefined || p.month === wholeTo + 1)) {
      wholeFrom ??= p.month;
      wholeTo = p.month;
      continue;
    }
    flush();
    if (whole) { wholeFrom = wholeTo = p.month; continue; }
    out.push({ days: p.fromDay === p.toDay ? String(p.fromDay) : `${p.fromDay}-${p.toDay}`, months: String(p.month) });
  }
  flush();
  return out;
}

