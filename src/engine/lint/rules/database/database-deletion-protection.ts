import type { QuickFix } from '../../finding';
import { defineRule } from '../../rule';
import { resourcePolicyFix } from '../fixes/deletion-policy';

const KEEPS_DATA = ['Snapshot', 'Retain', 'RetainExceptOnCreate'];

export const databaseDeletionProtection = defineRule({
  id: 'MHA3006',
  name: 'database-deletion-protection',
  category: 'database',
  defaultSeverity: 'warning',
  description: 'Deleting the stack cannot silently delete the Moodle database: DeletionProtection, or DeletionPolicy Snapshot (CloudFormation\'s default for a DB cluster and a DB instance outside one).',
  check({ model, topology, report }) {
    const db = topology.database;
    if (!db.found || db.kind === 'on-web-servers' || !db.path) return;
    if (db.deletionProtection === true || db.deletionProtection === 'unknown') return;
    if (db.deletionPolicy && KEEPS_DATA.includes(db.deletionPolicy)) return;
    const edits = resourcePolicyFix(model, db.path, 'Snapshot');
    const fixes: QuickFix[] = edits ? [{ title: 'Add DeletionPolicy: Snapshot and UpdateReplacePolicy: Snapshot', edits, preferred: true }] : [];
    report({
      path: db.deletionPolicy ? [...db.path, 'DeletionPolicy'] : db.path, atKey: true,
      message: `${db.logicalIds[0]} has DeletionPolicy ${db.deletionPolicy ?? 'Delete'} and no DeletionProtection: deleting the stack (or removing the resource) deletes the Moodle database without a snapshot. Add DeletionPolicy: Snapshot with UpdateReplacePolicy: Snapshot, and DeletionProtection: true.`,
      fixes,
    });
  },
});
