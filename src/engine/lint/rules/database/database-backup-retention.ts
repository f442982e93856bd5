import type { QuickFix } from '../../finding';
import { defineRule } from '../../rule';
import { setProperty } from '../fixes/yaml-edit';
import { propertyPath } from '../helpers';

const MIN_DAYS = 7;

export const databaseBackupRetention = defineRule({
  id: 'MHA3004',
  name: 'database-backup-retention',
  category: 'database',
  defaultSeverity: 'warning',
  description: 'Automated backups are kept for at least 7 days, so a bad upgrade or deletion found after a weekend can be undone.',
  check({ model, topology, report }) {
    const db = topology.database;
    if (!db.found || db.kind === 'on-web-servers' || db.backupRetentionDays === 'unknown' || db.backupRetentionDays >= MIN_DAYS || !db.path) return;
    const explicit = propertyPath(db.path, 'BackupRetentionPeriod');
    const edit = setProperty(model, db.path, 'BackupRetentionPeriod', String(MIN_DAYS));
    const fixes: QuickFix[] = edit ? [{ title: `Keep backups for ${MIN_DAYS} days`, edits: [edit], preferred: true }] : [];
    report({
      path: model.get(explicit) ? explicit : db.path, atKey: !model.get(explicit),
      message: `${db.logicalIds[0]} keeps automated backups for ${db.backupRetentionDays} day${db.backupRetentionDays === 1 ? '' : 's'}${model.get(explicit) ? '' : ' (the default)'}. Set BackupRetentionPeriod to at least ${MIN_DAYS}, so point-in-time restore reaches back past a weekend or a failed Moodle upgrade.`,
      fixes,
    });
  },
});
