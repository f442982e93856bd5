import { defineRule } from '../../rule';
import { asgPathOf, webTierOf } from '../helpers';

export const sharedStoragePresent = defineRule({
  id: 'MHA2001',
  name: 'shared-storage-present',
  category: 'storage',
  defaultSeverity: 'error',
  description: 'moodledata (dataroot, cachedir, tempdir, backuptempdir) is on a file system every web node shares.',
  check({ topology, report }) {
    const web = webTierOf(topology);
    if (!web || topology.sharedStorage.found || topology.elsewhere?.sharedStorage) return;
    report({
      path: asgPathOf(web), atKey: true,
      message: 'No shared file system for moodledata: each web node would see different uploads, caches and temp files. Add an AWS::EFS::FileSystem with a mount target per AZ (or mount your NFS/GlusterFS share in the user data) and point $CFG->dataroot at it.',
    });
  },
});
