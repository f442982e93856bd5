import { entry, isScalar, isSeq } from '../../template/nodes';
import { alternatives } from './alternatives';
import type { GenericCheck } from './generic-check';

/**
 * cfn-lint E3680: an application load balancer needs subnets in at least two Availability Zones.
 * A literal list of one subnet (also as one branch of an !If) is an error; a Ref or a function
 * that makes the list is left alone.
 */
export const albSubnets: GenericCheck = {
  id: 'E3680',
  severity: 'error',
  description: 'An application load balancer has at least two subnets.',
  check(model, report) {
    for (const r of model.resourcesOfType('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      const type = entry(r.properties, 'Type')?.value;
      if (type && !(isScalar(type) && type.value === 'application')) continue;
      for (const list of alternatives(entry(r.properties, 'Subnets')?.value)) {
        if (!isSeq(list) || list.items.length !== 1) continue;
        report({ message: `Application load balancer '${r.logicalId}' has one subnet here; it needs at least two, in different Availability Zones.`, range: list.range, path: [...r.path, 'Properties', 'Subnets'] });
      }
    }
  },
};
