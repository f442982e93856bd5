import { defineRule } from '../../rule';
import { userDataPath, webTierOf } from '../helpers';

export const sharedStorageMounted = defineRule({
  id: 'MHA2002',
  name: 'shared-storage-mounted',
  category: 'storage',
  defaultSeverity: 'warning',
  description: 'The web nodes mount the shared file system at boot; a file system nobody mounts protects nothing.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const storage = topology.sharedStorage;
    if (!web || !storage.found || storage.mountedByWebTier !== false) return;
    const name = storage.logicalId ?? storage.kind;
    report({
      path: userDataPath(model, web), atKey: true,
      message: `The web tier's user data never mentions ${name}, so moodledata stays on each node's local disk. Mount it at boot, e.g. \`mount -t efs -o tls \${${name}}:/ /mnt/moodledata\` plus an /etc/fstab line, before the web server starts.`,
    });
  },
});
