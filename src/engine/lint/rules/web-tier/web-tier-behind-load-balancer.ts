import { defineRule } from '../../rule';
import { asgPathOf, webTierOf } from '../helpers';

export const webTierBehindLoadBalancer = defineRule({
  id: 'MHA1001',
  name: 'web-tier-behind-load-balancer',
  category: 'web-tier',
  defaultSeverity: 'error',
  description: 'The Auto Scaling group registers its instances with an ALB/NLB target group, so users reach every node and failed nodes leave rotation.',
  check({ topology, report }) {
    const web = webTierOf(topology);
    if (!web || web.targetGroupIds.length) return;
    if (web.classicLoadBalancerIds?.length) {
      report({
        path: [...asgPathOf(web), 'Properties', 'LoadBalancerNames'], atKey: true, severity: 'warning',
        message: `Auto Scaling group ${web.asgLogicalId} sits behind a classic ELB (LoadBalancerNames). Move to an Application Load Balancer and register with TargetGroupARNs: a classic ELB cannot redirect HTTP to HTTPS or route per path.`,
      });
      return;
    }
    report({
      path: asgPathOf(web), atKey: true,
      message: `Auto Scaling group ${web.asgLogicalId} is behind no load balancer. Add TargetGroupARNs with an ALB target group (AWS::ElasticLoadBalancingV2::TargetGroup) so requests spread over every Moodle node and unhealthy nodes are taken out.`,
    });
  },
});
