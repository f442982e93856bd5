import type { QuickFix, TextEdit } from '../../finding';
import { defineRule } from '../../rule';
import { block, replaceScalar, setProperty } from '../fixes/yaml-edit';
import { propertyPath } from '../helpers';

export const efsBackups = defineRule({
  id: 'MHA2005',
  name: 'efs-backups',
  category: 'storage',
  defaultSeverity: 'warning',
  description: 'moodledata is backed up (EFS automatic backups or an AWS Backup plan), because the database alone cannot restore a Moodle site.',
  check({ model, topology, report }) {
    const storage = topology.sharedStorage;
    if (!storage.found || storage.kind !== 'efs' || storage.backupEnabled !== false || !storage.path) return;
    const status = propertyPath(storage.path, 'BackupPolicy', 'Status');
    const edit: TextEdit | undefined = model.get(status)
      ? replaceScalar(model, status, 'ENABLED')
      : setProperty(model, storage.path, 'BackupPolicy', block('Status: ENABLED'));
    const fixes: QuickFix[] = edit ? [{ title: 'Enable EFS automatic backups', edits: [edit], preferred: true }] : [];
    report({
      path: model.get(status) ? status : storage.path, atKey: !model.get(status),
      message: `File system ${storage.logicalId} is not backed up: files in moodledata (submissions, course files) would be lost with it. Set BackupPolicy: {Status: ENABLED}, or select it in an AWS::Backup::BackupSelection.`,
      fixes,
    });
  },
});
