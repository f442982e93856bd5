import { defineRule } from '../../rule';
import { propertyPath } from '../helpers';

export const efsEncrypted = defineRule({
  id: 'MHA2003',
  name: 'efs-encrypted',
  category: 'storage',
  defaultSeverity: 'warning',
  description: 'moodledata (student submissions, backups) is encrypted at rest.',
  check({ model, topology, report }) {
    const storage = topology.sharedStorage;
    if (!storage.found || storage.kind !== 'efs' || storage.encrypted !== false || !storage.path) return;
    const explicit = propertyPath(storage.path, 'Encrypted');
    // No quick fix: Encrypted can only be set at creation, so changing it replaces the file system.
    report({
      path: model.get(explicit) ? explicit : storage.path, atKey: true,
      message: `File system ${storage.logicalId} is not encrypted at rest. Set Encrypted: true; on an existing stack this creates a new file system, so copy moodledata across (AWS DataSync) first.`,
    });
  },
});
