import type { TemplateModel } from '../../../template/template-model';
import type { QuickFix } from '../../finding';
import { defineRule } from '../../rule';
import { block, insertKey } from '../fixes/yaml-edit';
import { dataTierParts } from './data-tier-groups';
import { openEgress } from './egress';

/**
 * RDS, ElastiCache and EFS answer connections and open none that Moodle needs; security groups are
 * stateful, so their replies leave whatever the egress rules say. An outbound rule to anywhere only
 * serves someone who has taken over the service's network interface or abuses an engine feature
 * that calls out (Aurora's S3/Lambda integration, which Moodle does not use).
 */
export const dataTierEgressClosed = defineRule({
  id: 'MHA6004',
  name: 'data-tier-egress-closed',
  category: 'network',
  defaultSeverity: 'warning',
  description: 'The database, session cache and EFS security groups send nothing: no outbound rule to 0.0.0.0/0 or ::/0, and not AWS\'s default one.',
  check({ model, topology, report }) {
    // A group the web servers share needs its outbound rules: that is the web tier's to decide.
    const shared = new Set(topology.webTier.found ? topology.webTier.instanceSecurityGroupIds ?? [] : []);
    const seen = new Set<string>();
    for (const { what, groups } of dataTierParts(topology)) {
      for (const group of groups) {
        if (shared.has(group) || seen.has(group)) continue;
        seen.add(group);
        for (const open of openEgress(model, group)) {
          if (open.kind === 'default') {
            report({
              path: open.path, atKey: true,
              message: `Security group ${group} of the ${what} has no SecurityGroupEgress, so AWS gives it its default rule: all traffic to 0.0.0.0/0. The ${what} needs none (replies to the web servers leave anyway): add one rule that matches nothing, IpProtocol '-1' to 127.0.0.1/32.`,
              fixes: closeEgressFix(model, open.path),
            });
          } else {
            report({
              path: open.path,
              message: `Security group ${group} of the ${what} may send anything to ${open.cidr}. The ${what} needs no outbound rule (replies to the web servers leave anyway): remove it, keeping one rule that matches nothing (IpProtocol '-1' to 127.0.0.1/32) so AWS's default does not come back.`,
            });
          }
        }
      }
    }
  },
});

function closeEgressFix(model: TemplateModel, groupPath: readonly (string | number)[]): QuickFix[] {
  const edit = insertKey(model, [...groupPath, 'Properties'], 'SecurityGroupEgress', block(
    "- IpProtocol: '-1'", '  CidrIp: 127.0.0.1/32', '  Description: No outbound traffic (replaces the default allow-all rule)',
  ));
  return edit ? [{ title: 'Allow no outbound traffic (one rule that matches nothing)', edits: [edit], preferred: true }] : [];
}
