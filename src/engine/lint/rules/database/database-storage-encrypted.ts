import { defineRule } from '../../rule';
import { propertyPath } from '../helpers';

export const databaseStorageEncrypted = defineRule({
  id: 'MHA3005',
  name: 'database-storage-encrypted',
  category: 'database',
  defaultSeverity: 'warning',
  description: 'The Moodle database (grades, personal data) is encrypted at rest.',
  check({ model, topology, report }) {
    const db = topology.database;
    if (!db.found || db.kind === 'on-web-servers' || db.storageEncrypted !== false || !db.path) return;
    const explicit = propertyPath(db.path, 'StorageEncrypted');
    // No quick fix: encryption is set at creation; changing it replaces the database.
    report({
      path: model.get(explicit) ? explicit : db.path, atKey: true,
      message: `${db.logicalIds[0]} stores grades and personal data unencrypted. Set StorageEncrypted: true; on an existing database this means restoring an encrypted copy of a snapshot.`,
    });
  },
});
