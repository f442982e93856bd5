import { isOnShared, literalSetting, sharedMountPoints, symlinkTargets } from '../../../topology/facts/moodle-config-values';
import { defineRule } from '../../rule';
import { configPhpName, userDataPath, webTierOf } from '../helpers';

/** The directories Moodle says every node of a cluster MUST share (config-dist.php), dataroot first. */
const SHARED_DIRS = ['dataroot', 'tempdir', 'cachedir', 'backuptempdir'] as const;

export const moodledataOnSharedStorage = defineRule({
  id: 'MHA8002',
  name: 'config-moodledata-on-shared-storage',
  category: 'moodle-config',
  defaultSeverity: 'error',
  description: "A config.php the template (or another template of its stack, for the web servers it deploys to) writes puts $CFG->dataroot (and tempdir, cachedir, backuptempdir when set) on the shared file system the web servers mount, as Moodle requires for a cluster.",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const config = topology.moodleConfig;
    if (!web || !config) return;
    const script = [web.userData, web.bootstrapText].filter(Boolean).join('\n');
    const mounts = sharedMountPoints(script);
    if (!mounts.length) return; // nothing mounted: shared-storage-mounted (MHA2002) says so
    const links = symlinkTargets(script);
    const local = SHARED_DIRS
      .map((name) => ({ name, dir: literalSetting(config, name) }))
      .filter((s): s is { name: typeof SHARED_DIRS[number]; dir: string } => !!s.dir && s.dir.startsWith('/') && !isOnShared(s.dir, mounts, links));
    if (!local.length) return;
    // Suggest the mount that already holds dataroot, when one does.
    const dataroot = literalSetting(config, 'dataroot');
    const home = mounts.find((m) => dataroot !== undefined && isOnShared(dataroot, [m], links)) ?? mounts[0];
    report({
      path: userDataPath(model, web), atKey: true,
      message: `${configPhpName(topology)} puts ${local.map((s) => `$CFG->${s.name} ('${s.dir}')`).join(', ')} on each server's local disk: the shared file system is mounted at ${mounts.join(', ')}. Moodle requires ${local.length > 1 ? 'these' : 'this'} to be shared by every node (files uploaded on one server are missing on the others; cached and temporary files disagree). Point ${local.length > 1 ? 'them' : 'it'} below the mount point, e.g. '${home}${local[0].name === 'dataroot' ? '' : `/${local[0].name.replace('dir', '')}`}'.`,
    });
  },
});
