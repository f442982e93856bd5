import type { QuickFix } from '../../finding';
import { defineRule } from '../../rule';
import { setProperty } from '../fixes/yaml-edit';
import { asgPathOf, propertyPath, webTierOf } from '../helpers';

export const webTierElbHealthCheck = defineRule({
  id: 'MHA1004',
  name: 'web-tier-elb-health-check',
  category: 'web-tier',
  defaultSeverity: 'warning',
  description: 'HealthCheckType is ELB, so a node whose Moodle fails the load balancer check is replaced, not only a node whose VM dies.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web || web.healthCheckType !== 'EC2' || web.targetGroupIds.length === 0) return;
    const asg = asgPathOf(web);
    const explicit = model.get(propertyPath(asg, 'HealthCheckType'));
    const edit = setProperty(model, asg, 'HealthCheckType', 'ELB');
    const fixes: QuickFix[] = edit ? [{ title: 'Set HealthCheckType: ELB', edits: [edit], preferred: true }] : [];
    report({
      path: explicit ? propertyPath(asg, 'HealthCheckType') : asg, atKey: !explicit,
      message: `Auto Scaling group ${web.asgLogicalId} uses EC2 health checks${explicit ? '' : ' (the default)'}: a node whose web server or PHP is broken stays in service. Set HealthCheckType: ELB (and a HealthCheckGracePeriod long enough for the boot script).`,
      fixes,
    });
  },
});
