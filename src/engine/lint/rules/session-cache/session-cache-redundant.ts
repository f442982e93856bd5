import { defineRule } from '../../rule';

export const sessionCacheRedundant = defineRule({
  id: 'MHA4004',
  name: 'session-cache-redundant',
  category: 'session-cache',
  defaultSeverity: 'warning',
  description: 'The session cache survives losing a node: memcached with several nodes across AZs, Redis/Valkey with a replica and automatic failover.',
  check({ topology, report }) {
    const cache = topology.sessionCache;
    if (!cache.found || !cache.path) return;
    if (cache.kind === 'memcached') {
      if (cache.nodeCount === 'unknown' || cache.nodeCount >= 2) return;
      report({
        path: cache.path, atKey: true,
        message: `Memcached ${cache.logicalId} has one node: when it restarts every Moodle user is logged out. Set NumCacheNodes to 2 or more with AZMode: cross-az.`,
      });
      return;
    }
    if (cache.resourceType === 'AWS::ElastiCache::ServerlessCache') return;
    const singleNode = cache.nodeCount !== 'unknown' && cache.nodeCount < 2;
    if (!singleNode && cache.automaticFailover !== false) return;
    report({
      path: cache.path, atKey: true,
      message: cache.resourceType === 'AWS::ElastiCache::CacheCluster'
        ? `${cache.kind} ${cache.logicalId} is a single-node CacheCluster with no replica: a node failure logs every user out. Use an AWS::ElastiCache::ReplicationGroup with NumCacheClusters: 2, AutomaticFailoverEnabled: true and MultiAZEnabled: true.`
        : `${cache.kind} ${cache.logicalId} ${singleNode ? 'has no replica' : 'has no automatic failover'}: if the primary fails, sessions are gone until someone intervenes. Set NumCacheClusters: 2 (or ReplicasPerNodeGroup: 1), AutomaticFailoverEnabled: true and MultiAZEnabled: true.`,
    });
  },
});
