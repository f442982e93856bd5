import type { QuickFix } from '../../finding';
import { defineRule } from '../../rule';
import { setProperty } from '../fixes/yaml-edit';
import { propertyPath } from '../helpers';

export const rdsMultiAz = defineRule({
  id: 'MHA3002',
  name: 'rds-multi-az',
  category: 'database',
  defaultSeverity: 'error',
  description: 'An RDS instance runs Multi-AZ, with a standby in another AZ that takes over in about a minute.',
  check({ model, topology, report }) {
    const db = topology.database;
    if (!db.found || db.kind !== 'rds' || db.multiAz !== false || !db.path || db.logicalIds.length !== 1) return;
    const explicit = propertyPath(db.path, 'MultiAZ');
    const edit = setProperty(model, db.path, 'MultiAZ', 'true');
    const fixes: QuickFix[] = edit ? [{ title: 'Set MultiAZ: true', edits: [edit], preferred: true }] : [];
    report({
      path: model.get(explicit) ? explicit : db.path, atKey: !model.get(explicit),
      message: `Database ${db.logicalIds[0]} is a single-AZ instance: an AZ outage or a host failure stops every Moodle node. Set MultiAZ: true.`,
      fixes,
    });
  },
});
