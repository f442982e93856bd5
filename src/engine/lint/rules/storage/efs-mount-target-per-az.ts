import { defineRule } from '../../rule';
import { webTierOf } from '../helpers';

export const efsMountTargetPerAz = defineRule({
  id: 'MHA2004',
  name: 'efs-mount-target-per-az',
  category: 'storage',
  defaultSeverity: 'warning',
  description: 'EFS has a mount target in every AZ the web tier uses, so nodes in each AZ mount locally and survive the loss of another AZ.',
  check({ topology, report }) {
    const storage = topology.sharedStorage;
    if (!storage.found || storage.kind !== 'efs' || !storage.path) return;
    const web = webTierOf(topology);
    const webAzs = web && web.azCount !== 'unknown' ? web.azCount : 2;
    const covered = storage.mountTargetAzCount === 'unknown' ? storage.mountTargetCount : storage.mountTargetAzCount;
    if (covered >= webAzs) return;
    report({
      path: storage.path, atKey: true,
      message: storage.mountTargetCount === 0
        ? `File system ${storage.logicalId} has no AWS::EFS::MountTarget: no node can mount it. Add one mount target per web-tier subnet/AZ.`
        : `File system ${storage.logicalId} has mount targets in ${covered} AZ${covered === 1 ? '' : 's'} but the web tier spans ${webAzs}. Add an AWS::EFS::MountTarget in each web subnet's AZ, or nodes there cannot mount moodledata when the other AZ fails.`,
    });
  },
});
