import { defineRule } from '../../rule';
import { dataTierParts } from './data-tier-groups';
import { openIngress } from './ingress';

export const dataTierNotPublic = defineRule({
  id: 'MHA6001',
  name: 'data-tier-not-public',
  category: 'network',
  defaultSeverity: 'error',
  description: 'The database, session cache and EFS security groups admit only the web tier, never 0.0.0.0/0 or ::/0.',
  check({ model, topology, report }) {
    for (const guarded of dataTierParts(topology)) {
      const seen = new Set<string>();
      for (const group of guarded.groups) {
        for (const port of guarded.ports) {
          for (const open of openIngress(model, group, port)) {
            const key = open.path.join('/');
            if (seen.has(key)) continue;
            seen.add(key);
            report({
              path: open.path,
              message: `Security group ${group} of the ${guarded.what} accepts port ${port} from ${open.cidr}. Allow only the web servers' security group (SourceSecurityGroupId: !Ref <WebSecurityGroup>).`,
            });
          }
        }
      }
    }
  },
});
