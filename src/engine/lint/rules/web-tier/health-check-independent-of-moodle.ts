import { asString, at } from '../../../template/nodes';
import { defineRule } from '../../rule';
import { webTierOf } from '../helpers';

/** Paths that run Moodle: its pages answer 503 in maintenance and 303 when Host is not wwwroot. */
export function isMoodlePage(path: string): boolean {
  const p = path.split('?')[0];
  return p === '/' || p.endsWith('.php') || /^\/(login|admin|my|course|index)(\/|$)/.test(p);
}

export const healthCheckIndependentOfMoodle = defineRule({
  id: 'MHA1008',
  name: 'health-check-independent-of-moodle',
  category: 'web-tier',
  defaultSeverity: 'error',
  description: "The target group of an ELB-checked web tier checks a static endpoint, not a Moodle page: Moodle answers 503 in maintenance (every upgrade) and 303 to the load balancer's Host, so the group would replace every node.",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    if (!web || web.healthCheckType !== 'ELB') return;
    for (const id of web.targetGroupIds) {
      const tg = model.resource(id);
      if (!tg || tg.type !== 'AWS::ElasticLoadBalancingV2::TargetGroup') continue;
      const protocol = asString(at(tg.properties, ['HealthCheckProtocol'])) ?? asString(at(tg.properties, ['Protocol'])) ?? 'HTTP';
      if (!/^HTTPS?$/i.test(protocol)) continue;
      const explicit = asString(at(tg.properties, ['HealthCheckPath']));
      const path = explicit ?? '/';
      if (!isMoodlePage(path)) continue;
      report({
        path: explicit ? [...tg.path, 'Properties', 'HealthCheckPath'] : tg.path, atKey: !explicit,
        message: `Target group ${id} checks ${explicit ? `${path}` : 'the default path /'}, a Moodle page, while ${web.asgLogicalId} replaces nodes that fail it (HealthCheckType: ELB). During an upgrade Moodle answers 503 (maintenance) on every page, before the first deploy there is no code, and with the node's IP as Host it answers 303: the group replaces every node. Check an endpoint outside Moodle's code that the user data writes (a static file or a one-line PHP ping, e.g. HealthCheckPath: /moodle-ha-health through an Alias, Matcher 200), and test Moodle itself in the deploy's ValidateService hook.`,
      });
    }
  },
});
