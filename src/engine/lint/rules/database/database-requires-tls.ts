import { asString, at, toPlain } from '../../../template/nodes';
import { refTarget } from '../../../topology/references';
import { defineRule } from '../../rule';
import { webTierOf } from '../helpers';

/** The parameter that makes each engine refuse unencrypted connections, and the value that turns it on. */
function requiresTls(parameters: unknown): boolean {
  const p = (parameters ?? {}) as Record<string, unknown>;
  const on = (v: unknown) => /^(1|on|true)$/i.test(String(v));
  return on(p.require_secure_transport) || on(p['rds.force_ssl']);
}

export const databaseRequiresTls = defineRule({
  id: 'MHA3009',
  name: 'database-requires-tls',
  category: 'database',
  defaultSeverity: 'warning',
  description: "Moodle's database refuses unencrypted connections (require_secure_transport / rds.force_ssl in its parameter group), so Moodle's queries and password never cross the VPC in clear.",
  check({ model, topology, report }) {
    const db = topology.database;
    if (!webTierOf(topology) || !db.found || !db.path || db.kind === 'on-web-servers') return;
    const resource = model.get(db.path);
    const key = db.kind === 'aurora' ? 'DBClusterParameterGroupName' : 'DBParameterGroupName';
    const groupId = refTarget(at(resource, ['Properties', key]));
    const group = groupId ? model.resource(groupId) : undefined;
    if (group && requiresTls(toPlain(at(group.properties, ['Parameters'])))) return;
    const id = String(db.path[db.path.length - 1]);
    report({
      path: group ? [...group.path, 'Properties', 'Parameters'] : db.path, atKey: true,
      message: `${id} accepts unencrypted connections${group ? ` (parameter group ${group.logicalId} does not require TLS)` : asString(at(resource, ['Properties', key])) ? ' (its parameter group is not in this template)' : ' (no parameter group: the engine default allows plain TCP)'}. Give it a ${db.kind === 'aurora' ? 'DBClusterParameterGroup' : 'DBParameterGroup'} with ${db.family === 'postgres' ? "rds.force_ssl: '1'" : "require_secure_transport: 'ON'"}, and have Moodle connect with TLS against the RDS CA bundle (dboptions ssl).`,
    });
  },
});
