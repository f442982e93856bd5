import type { HaTopology } from '../../../topology/types';
import { defineRule } from '../../rule';
import { openIngress } from './ingress';

interface Guarded { what: string; groups: string[]; ports: number[] }

export const dataTierNotPublic = defineRule({
  id: 'MHA6001',
  name: 'data-tier-not-public',
  category: 'network',
  defaultSeverity: 'error',
  description: 'The database, session cache and EFS security groups admit only the web tier, never 0.0.0.0/0 or ::/0.',
  check({ model, topology, report }) {
    for (const guarded of guardedParts(topology)) {
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

function guardedParts(t: HaTopology): Guarded[] {
  const parts: Guarded[] = [];
  if (t.database.found && t.database.securityGroupIds?.length) {
    // Engine: !If [..., aurora-postgresql, aurora-mysql] can listen on either port.
    const engines = t.database.engineAlternatives ?? [t.database.engine];
    const ports = [...new Set(engines.map((e) => (e === 'postgres' || e === 'aurora-postgresql' || (e === 'unknown' && t.database.found && t.database.family === 'postgres') ? 5432 : 3306)))];
    parts.push({ what: 'database', groups: t.database.securityGroupIds, ports });
  }
  if (t.sessionCache.found && t.sessionCache.securityGroupIds?.length) {
    parts.push({ what: 'session cache', groups: t.sessionCache.securityGroupIds, ports: t.sessionCache.kind === 'memcached' ? [11211] : [6379] });
  }
  if (t.sharedStorage.found && t.sharedStorage.securityGroupIds?.length) {
    parts.push({ what: 'shared file system', groups: t.sharedStorage.securityGroupIds, ports: [2049] });
  }
  return parts;
}
