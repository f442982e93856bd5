import { asString, at, entry, isSeq } from '../template/nodes';
import type { ResourceView, TemplateModel } from '../template/template-model';
import { refTarget } from './references';
import { renderText } from './user-data';

/** What an Auto Scaling group that is not Moodle's web tier is for. */
export type HelperRole = 'self-terminating helper' | 'ECS container host' | 'bastion host' | 'NAT instance';

/** Patterns of boot scripts that end by scaling their own group to zero or stopping the machine. */
const SELF_TERMINATING = [
  /update-auto-scaling-group[^\n]*--(min-size|desired-capacity) 0[^\n]*--(min-size|desired-capacity) 0/,
  /set-desired-capacity[^\n]*--desired-capacity 0/,
  /terminate-instance-in-auto-scaling-group/,
  /\b(shutdown -h|poweroff|halt -p)\b/,
];
const ECS_HOST = /ECS_CLUSTER|\/etc\/ecs\/ecs\.config|amazon-linux-2(023)?\/recommended|ecs-optimized|amzn2-ami-ecs/i;
const NAT = /net\.ipv4\.ip_forward\s*=\s*1|MASQUERADE/;

/**
 * Why a group is a helper rather than the web tier, from its boot script, names and tags. An ECS
 * cluster host is also recognised by a capacity provider that names it.
 */
export function helperRole(model: TemplateModel, asg: ResourceView, bootScript: string, imageText: string): HelperRole | undefined {
  const names = [asg.logicalId, ...nameTags(asg)].join(' ');
  if (ECS_HOST.test(bootScript) || ECS_HOST.test(imageText) || model.resourcesOfType('AWS::ECS::CapacityProvider').some((c) => refTarget(at(c.properties, ['AutoScalingGroupProvider', 'AutoScalingGroupArn'])) === asg.logicalId)) return 'ECS container host';
  // A group the load balancer sends users to serves the site, whatever its boot script does on failure.
  if (entry(asg.properties, 'TargetGroupARNs') || entry(asg.properties, 'LoadBalancerNames')) return undefined;
  if (SELF_TERMINATING.some((p) => p.test(bootScript)) || /auto[- ]?terminat/i.test(names)) return 'self-terminating helper';
  if (/bastion|jump ?host/i.test(names)) return 'bastion host';
  if (/(^|[^a-z])nat([^a-z]|$)|NAT(Instance|Asg|Group)/i.test(names) || NAT.test(bootScript)) return 'NAT instance';
  return undefined;
}

function nameTags(asg: ResourceView): string[] {
  const tags = at(asg.properties, ['Tags']);
  if (!isSeq(tags)) return [];
  return tags.items.filter((t) => asString(at(t, ['Key'])) === 'Name').map((t) => renderText(at(t, ['Value'])) ?? '');
}
