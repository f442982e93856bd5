import { defineRule } from '../../rule';
import { asgPathOf, webTierOf } from '../helpers';

export const webTierMultiAz = defineRule({
  id: 'MHA1002',
  name: 'web-tier-multi-az',
  category: 'web-tier',
  defaultSeverity: 'error',
  description: 'The web tier spans at least two Availability Zones, so losing one AZ leaves Moodle up.',
  check({ topology, report }) {
    const web = webTierOf(topology);
    if (!web || web.azCount === 'unknown' || web.azCount >= 2) return;
    report({
      path: web.placementPath ?? asgPathOf(web), atKey: !web.placementPath,
      message: `Auto Scaling group ${web.asgLogicalId} spans ${web.azCount} Availability Zone${web.azCount === 1 ? '' : 's'}. List subnets in at least two AZs in VPCZoneIdentifier (e.g. one per !Select [0|1, !GetAZs '']) so one AZ failing does not take Moodle down.`,
    });
  },
});
