import { moodleSetting, sessionHandler } from '../../../topology/moodle-config';
import { defineRule } from '../../rule';

/** Below this lock expiry a dead request's lock is gone before a user would call the site down. */
const SHORT_LOCK_SECONDS = 10;

export const redisFailoverLockSweep = defineRule({
  id: 'MHA4006',
  name: 'redis-failover-lock-sweep',
  category: 'session-cache',
  defaultSeverity: 'warning',
  description: "A Redis/Valkey session cache that fails over has a failover lock sweep: its notification reaches code that deletes the session locks whose holders died with the old primary.",
  check({ topology, report }) {
    const cache = topology.sessionCache;
    if (!cache.found || cache.kind === 'memcached' || cache.resourceType !== 'AWS::ElastiCache::ReplicationGroup' || !cache.path) return;
    // Without failover there is no promotion to sweep after (MHA4004 says so); unknown: not ours to guess.
    if (cache.automaticFailover !== true || cache.failoverLockSweep !== false) return;
    const config = topology.moodleConfig;
    if (config !== undefined && sessionHandler(config) !== 'redis') return;
    const expire = config !== undefined ? Number(moodleSetting(config, 'session_redis_lock_expire')?.replace(/['"]/g, '')) : NaN;
    if (Number.isFinite(expire) && expire > 0 && expire <= SHORT_LOCK_SECONDS) return;
    const wait = Number.isFinite(expire) && expire > 0 ? `${expire} s (session_redis_lock_expire)` : "session_redis_lock_expire (Moodle's default: max_execution_time)";
    report({
      path: cache.path, atKey: true,
      message: `${cache.logicalId} fails over with Moodle's session locks (<prefix>session_<sid>.lock, taken with SET NX EX) copied to the replica, but their holders' connections died with the old primary: every user whose request the failover cut off waits until the lock expires, ${wait}. Add a failover lock sweep: NotificationTopicArn to an SNS topic, and a Lambda subscribed to it that, on ElastiCache:FailoverComplete, deletes the *.lock session keys taken before the promotion (age = lock expiry − remaining TTL), e.g. through SSM Run Command on a web server; moodle-ha scaffold generates one.`,
    });
  },
});
