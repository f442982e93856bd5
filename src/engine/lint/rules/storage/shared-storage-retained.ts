import type { QuickFix } from '../../finding';
import { defineRule } from '../../rule';
import { resourcePolicyFix } from '../fixes/deletion-policy';

const KEEPS_DATA = ['Retain', 'RetainExceptOnCreate'];

export const sharedStorageRetained = defineRule({
  id: 'MHA2006',
  name: 'shared-storage-retained',
  category: 'storage',
  defaultSeverity: 'error',
  description: 'Deleting or replacing the stack keeps the moodledata file system (DeletionPolicy: Retain).',
  check({ model, topology, report }) {
    const storage = topology.sharedStorage;
    if (!storage.found || storage.kind !== 'efs' || !storage.path) return;
    if (storage.deletionPolicy && KEEPS_DATA.includes(storage.deletionPolicy)) return;
    const edits = resourcePolicyFix(model, storage.path, 'Retain');
    const fixes: QuickFix[] = edits ? [{ title: 'Add DeletionPolicy: Retain and UpdateReplacePolicy: Retain', edits, preferred: true }] : [];
    report({
      path: storage.deletionPolicy ? [...storage.path, 'DeletionPolicy'] : storage.path, atKey: true,
      message: `File system ${storage.logicalId} has DeletionPolicy ${storage.deletionPolicy ?? 'Delete (the default)'}: deleting the stack deletes moodledata. Add DeletionPolicy: Retain and UpdateReplacePolicy: Retain (EFS does not support Snapshot).`,
      fixes,
    });
  },
});
