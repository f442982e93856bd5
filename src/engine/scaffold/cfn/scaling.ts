import { GetAtt, Join, Ref, type CfnValue } from './intrinsics';
import type { BuildContext, Section } from './section';

/** Target tracking for the day-to-day load, scheduled actions for term time, holidays and exams. */
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
      '//': `Scaling: target tracking on ${scaling.metric === 'cpu' ? 'CPU' : 'requests per server'}, plus the academic calendar (time zone ${scaling.timeZone}).`,
      Type: 'AWS::AutoScaling::ScalingPolicy',
      Properties: { AutoScalingGroupName: Ref('WebAutoScalingGroup'), PolicyType: 'TargetTrackingScaling', EstimatedInstanceWarmup: 300, TargetTrackingConfiguration: { PredefinedMetricSpecification: metric, TargetValue: Ref('ScalingTargetValue') } },
    },
  };
  for (const s of scaling.schedules) {
    resources[`Schedule${s.name}`] = {
      '//': `${s.kind === 'term' ? 'Term time' : s.kind === 'holiday' ? 'Holiday minimum' : 'Exam-day boost'}: ${[s.recurrence && `cron "${s.recurrence}"`, s.startTime && `from ${s.startTime}`, s.endTime && `to ${s.endTime}`].filter(Boolean).join(' ')}.`,
      Type: 'AWS::AutoScaling::ScheduledAction',
      Properties: {
        AutoScalingGroupName: Ref('WebAutoScalingGroup'),
        Recurrence: s.recurrence, StartTime: s.startTime, EndTime: s.endTime,
        TimeZone: s.recurrence ? scaling.timeZone : undefined,
        MinSize: s.minSize, DesiredCapacity: s.desiredCapacity, MaxSize: s.maxSize,
      },
    };
  }
  return { parameters, resources };
}
