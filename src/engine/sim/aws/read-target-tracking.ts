import { asBoolean, at, type TNode } from '../../template/nodes';
import type { ResourceView, TemplateModel } from '../../template/template-model';
import { refTarget } from '../../topology/references';
import type { TargetTrackingSpec } from './aws-behaviour';

const METRICS: Record<string, TargetTrackingSpec['metric']> = {
  ASGAverageCPUUtilization: 'cpu',
  ALBRequestCountPerTarget: 'requests',
};

/**
 * The web group's target tracking policy, for the calendar replay. Only the two predefined metrics
 * the replay can relate to users are read; a policy on another metric (network, a custom metric)
 * is left out and the replay says capacity follows the schedules alone.
 */
export function readTargetTracking(
  model: TemplateModel,
  asg: ResourceView | undefined,
  launch: TNode | undefined,
  launchIsConfiguration: boolean,
  num: (n?: TNode) => number | undefined,
  str: (n?: TNode) => string | undefined,
): TargetTrackingSpec | undefined {
  if (!asg) return undefined;
  for (const policy of model.resourcesOfType('AWS::AutoScaling::ScalingPolicy')) {
    if (refTarget(at(policy.properties, ['AutoScalingGroupName'])) !== asg.logicalId) continue;
    if (str(at(policy.properties, ['PolicyType'])) !== 'TargetTrackingScaling') continue;
    const config = at(policy.properties, ['TargetTrackingConfiguration']);
    const metric = METRICS[str(at(config, ['PredefinedMetricSpecification', 'PredefinedMetricType'])) ?? ''];
    const targetValue = num(at(config, ['TargetValue']));
    if (!metric || !targetValue || targetValue <= 0) continue;
    return {
      policyId: policy.logicalId,
      metric,
      targetValue,
      // ALB metrics are published every minute; EC2's CPU every 5 minutes unless detailed monitoring is on.
      metricPeriodSeconds: metric === 'requests' || detailedMonitoring(launch, launchIsConfiguration) ? 60 : 300,
      scaleIn: asBoolean(at(config, ['DisableScaleIn'])) !== true,
      warmupSeconds: num(at(policy.properties, ['EstimatedInstanceWarmup'])) ?? num(at(asg.properties, ['DefaultInstanceWarmup'])) ?? 300,
    };
  }
  return undefined;
}

/** Launch templates default to basic monitoring (Monitoring.Enabled); launch configurations to detailed (InstanceMonitoring). */
function detailedMonitoring(launch: TNode | undefined, launchIsConfiguration: boolean): boolean {
  if (launchIsConfiguration) return asBoolean(at(launch, ['InstanceMonitoring'])) !== false;
  return asBoolean(at(launch, ['Monitoring', 'Enabled'])) === true;
}
