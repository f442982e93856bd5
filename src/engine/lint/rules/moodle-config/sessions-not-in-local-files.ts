import { isOnShared, literalSetting, sharedMountPoints, symlinkTargets } from '../../../topology/facts/moodle-config-values';
import { sessionHandler } from '../../../topology/moodle-config';
import { defineRule } from '../../rule';
import { configPhpName, userDataPath, webTierOf } from '../helpers';

export const sessionsNotInFiles = defineRule({
  id: 'MHA8003',
  name: 'config-sessions-not-in-files',
  category: 'moodle-config',
  defaultSeverity: 'warning',
  description: "A config.php the template (or another template of its stack, for the web servers it deploys to) writes for more than one web server does not keep sessions in files (Moodle's default when session_handler_class is unset).",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const config = topology.moodleConfig;
    if (!web || !config || sessionHandler(config) !== 'file') return;
    if (topology.sessionCache.found) return; // sessions-use-cache (MHA4002) names the cache to use
    if (typeof web.maxSize !== 'number' || web.maxSize < 2) return;
    const script = [web.userData, web.bootstrapText].filter(Boolean).join('\n');
    const dataroot = literalSetting(config, 'dataroot');
    const shared = dataroot !== undefined && isOnShared(dataroot, sharedMountPoints(script), symlinkTargets(script));
    // A cache in another template of the stack (refarch: 03-elasticache.yaml) is the one to use.
    const sibling = topology.elsewhere?.sessionCache;
    const fix = sibling
      ? `The stack already has a session cache: ${sibling.logicalId ?? 'a cache'}${sibling.kind ? ` (${sibling.kind})` : ''} in ${sibling.file}${sibling.condition ? ` (when ${sibling.condition} is true)` : ''}. Set $CFG->session_handler_class = '${sibling.kind === 'memcached' ? '\\core\\session\\memcached' : '\\core\\session\\redis'}' and its host settings for it.`
      : "Set $CFG->session_handler_class = '\\core\\session\\redis' with an ElastiCache Redis/Valkey replication group (or '\\core\\session\\database').";
    report({
      path: userDataPath(model, web), atKey: true,
      severity: shared ? 'warning' : 'error',
      message: shared
        ? `${configPhpName(topology)} keeps sessions in files under the shared dataroot for up to ${web.maxSize} web servers: every request holds a lock file on the network file system for its whole run, so a user's parallel requests queue behind each other, and a server that dies mid-request holds that user's lock until the file system's lock lease expires. ${fix}`
        : `${configPhpName(topology)} keeps sessions in files in a dataroot that is not on shared storage, with up to ${web.maxSize} web servers: a user whose next request reaches another server has no session there and is logged out. ${fix}`,
    });
  },
});
