import { moodleSetting, sessionHandler } from '../../../topology/moodle-config';
import { defineRule } from '../../rule';
import { userDataPath, webTierOf } from '../helpers';

export const redisTlsMatchesMoodle = defineRule({
  id: 'MHA4005',
  name: 'redis-tls-matches-moodle',
  category: 'session-cache',
  defaultSeverity: 'error',
  description: 'Moodle\'s session_redis_encrypt matches the cache\'s in-transit encryption; otherwise no node can read a session and nobody can log in.',
  check({ model, topology, report }) {
    const web = webTierOf(topology);
    const cache = topology.sessionCache;
    if (!web || !cache.found || cache.kind === 'memcached' || !topology.moodleConfig) return;
    if (sessionHandler(topology.moodleConfig) !== 'redis' || cache.transitEncryption === 'unknown') return;
    const encrypt = moodleSetting(topology.moodleConfig, 'session_redis_encrypt');
    const host = moodleSetting(topology.moodleConfig, 'session_redis_host') ?? '';
    // Moodle tests the setting with empty(): false, null, [] and array() all mean plain TCP.
    // A host written as tls://... makes phpredis use TLS even without the setting.
    const moodleUsesTls = (!!encrypt && !/^(false|null|0|''|""|\[\s*\]|array\(\s*\))$/i.test(encrypt)) || /^['"]tls:\/\//.test(host);
    if (cache.transitEncryption === moodleUsesTls) return;
    report({
      path: userDataPath(model, web), atKey: true,
      message: cache.transitEncryption
        ? `${cache.logicalId} only accepts TLS (TransitEncryptionEnabled), but config.php does not set $CFG->session_redis_encrypt: Moodle cannot reach its sessions. Add $CFG->session_redis_encrypt = ['verify_peer' => true]; to the config.php the user data writes.`
        : `config.php sets $CFG->session_redis_encrypt, but ${cache.logicalId} has no TransitEncryptionEnabled: the TLS handshake fails. Enable TransitEncryptionEnabled on the cache (preferred) or remove session_redis_encrypt.`,
    });
  },
});
