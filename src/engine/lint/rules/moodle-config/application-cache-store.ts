import { moodleSetting, sessionHandler } from '../../../topology/moodle-config';
import { defineRule } from '../../rule';
import { configPhpName, userDataPath, webTierOf } from '../helpers';

export const applicationCacheStore = defineRule({
  id: 'MHA8006',
  name: 'config-application-cache-store',
  category: 'moodle-config',
  defaultSeverity: 'info',
  description: "A Moodle stack of more than one web server has a cache store for Moodle's application caches (MUC) apart from the session cache, instead of the file store in $CFG->cachedir.",
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const config = topology.moodleConfig;
    // A group whose size comes from a parameter is taken as able to grow (the stack is built for HA).
    if (!web || !config || (typeof web.maxSize === 'number' && web.maxSize < 2)) return;
    // tool_forcedcache (or another factory) configures the stores from config.php.
    if (moodleSetting(config, 'alternative_cache_factory_class') !== undefined) return;
    const stores = topology.cacheStores ?? 0;
    const sessionsInCache = ['redis', 'memcached'].includes(sessionHandler(config));
    // One store that does not hold the sessions may be the application cache's.
    if (stores >= 2 || (stores === 1 && !sessionsInCache)) return;
    const inStack = topology.stackFamily ? 'the stack' : 'the template';
    const have = stores === 0 ? `${inStack} has no cache store` : `the only cache store in ${inStack} holds the sessions`;
    report({
      path: userDataPath(model, web), atKey: true,
      message: `${configPhpName(topology)} configures no application cache store and ${have}, so Moodle's application caches (MUC: language strings, course modinfo, config, capabilities) use the file store in $CFG->cachedir: on shared storage that is thousands of small-file reads per page over NFS from ${typeof web.maxSize === 'number' ? `up to ${web.maxSize}` : 'every one of the'} servers (slow at term load, and EFS Elastic throughput bills each byte); on each server's disk the servers' caches disagree after a change. Moodle advises against putting sessions and application caches in one store. Add a second ElastiCache Redis/Valkey replication group and map the application mode to it (Site administration > Plugins > Caching, or tool_forcedcache from config.php); moodle-ha scaffold does this.`,
    });
  },
});
