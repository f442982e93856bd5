import { sessionHandler } from '../../../topology/moodle-config';
import { defineRule } from '../../rule';
import { asgPathOf, webTierOf } from '../helpers';

export const sessionCachePresent = defineRule({
  id: 'MHA4001',
  name: 'session-cache-present',
  category: 'session-cache',
  defaultSeverity: 'warning',
  description: 'Moodle sessions live in a shared cache (ElastiCache memcached, Redis or Valkey), not in files or the database.',
  check({ topology, report }) {
    const web = webTierOf(topology);
    if (!web || topology.sessionCache.found || topology.elsewhere?.sessionCache) return;
    const handler = topology.moodleConfig ? sessionHandler(topology.moodleConfig) : undefined;
    const where = handler === 'database' ? 'the database (config.php sets \\core\\session\\database)'
      : handler === 'file' ? 'files in moodledata (config.php sets no session handler)'
      : 'files in moodledata or the database';
    report({
      path: asgPathOf(web), atKey: true,
      message: `No session cache: Moodle's sessions would go to ${where}, which is slow and locks under load across nodes. Add an AWS::ElastiCache::ReplicationGroup (Redis/Valkey, Multi-AZ) and set $CFG->session_handler_class = '\\core\\session\\redis'.`,
    });
  },
});
