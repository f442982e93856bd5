import { sessionHandler } from '../../../topology/moodle-config';
import { defineRule } from '../../rule';
import { userDataPath, webTierOf } from '../helpers';

export const sessionsUseCache = defineRule({
  id: 'MHA4002',
  name: 'sessions-use-cache',
  category: 'session-cache',
  defaultSeverity: 'warning',
  description: 'When the template writes config.php and has a cache, config.php sends sessions to that cache.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const cache = topology.sessionCache;
    if (!web || !cache.found || !topology.moodleConfig) return;
    const handler = sessionHandler(topology.moodleConfig);
    if (handler !== 'file' && handler !== 'database') return;
    const expected = cache.kind === 'memcached' ? '\\core\\session\\memcached' : '\\core\\session\\redis';
    report({
      path: userDataPath(model, web), atKey: true,
      message: `config.php keeps sessions in ${handler === 'file' ? 'files (no session_handler_class)' : 'the database'} although ${cache.logicalId} (${cache.kind}) exists. Set $CFG->session_handler_class = '${expected}' and its host settings in the user data.`,
    });
  },
});
