import { asBoolean, asNumber, asString, at, isSeq, type TNode } from '../template/nodes';
import type { ResourceView, TemplateModel } from '../template/template-model';
import { refTarget, refTargets } from './references';
import type { Known, Part, SessionCacheInfo } from './types';

const TYPES = ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::ServerlessCache', 'AWS::ElastiCache::CacheCluster'];

/** The template's ElastiCache stores (a replication group, a serverless cache, a cluster of its own). */
export function cacheStoresOf(model: TemplateModel): ResourceView[] {
  return model.resourcesOfType(...TYPES)
    // A CacheCluster that joins a replication group is one of its nodes, not a cache of its own.
    .filter((r) => !(r.type === 'AWS::ElastiCache::CacheCluster' && at(r.properties, ['ReplicationGroupId'])));
}

/** Where Moodle's sessions can live: ElastiCache memcached, Redis or Valkey. */
export function deriveSessionCache(model: TemplateModel, bootRefs: Set<string>): Part<SessionCacheInfo> {
  const caches = cacheStoresOf(model);
  const cache = caches.find((c) => bootRefs.has(c.logicalId))
    ?? TYPES.map((t) => caches.find((c) => c.type === t)).find((c) => c !== undefined);
  if (!cache) return { found: false, reason: 'No ElastiCache ReplicationGroup, ServerlessCache or CacheCluster in Resources.' };
  switch (cache.type) {
    case 'AWS::ElastiCache::ReplicationGroup': return { found: true, ...replicationGroup(cache), failoverLockSweep: failoverLockSweep(model, cache) };
    case 'AWS::ElastiCache::ServerlessCache': return { found: true, ...serverless(cache) };
    default: return { found: true, ...cacheCluster(cache) };
  }
}

function engineKind(node: TNode | undefined, fallback: SessionCacheInfo['kind']): SessionCacheInfo['kind'] {
  const v = asString(node)?.toLowerCase();
  return v === 'memcached' || v === 'valkey' || v === 'redis' ? v : fallback;
}

function flag(node: TNode | undefined): Known<boolean> {
  return node === undefined ? false : asBoolean(node) ?? 'unknown';
}

function replicationGroup(r: ResourceView): SessionCacheInfo {
  const p = r.properties;
  return {
    kind: engineKind(at(p, ['Engine']), 'redis'),
    logicalId: r.logicalId,
    nodeCount: replicationNodeCount(p),
    multiAz: flag(at(p, ['MultiAZEnabled'])),
    automaticFailover: flag(at(p, ['AutomaticFailoverEnabled'])),
    transitEncryption: flag(at(p, ['TransitEncryptionEnabled'])),
    resourceType: r.type,
    path: r.path,
    securityGroupIds: refTargets(at(p, ['SecurityGroupIds'])),
  };
}

function replicationNodeCount(p: TNode | undefined): Known<number> {
  const clusters = at(p, ['NumCacheClusters']);
  if (clusters) return asNumber(clusters) ?? 'unknown';
  const groups = at(p, ['NodeGroupConfiguration']);
  if (isSeq(groups)) {
    let total = 0;
    for (const g of groups.items) {
      const replicas = at(g, ['ReplicaCount']);
      const n = replicas === undefined ? 0 : asNumber(replicas);
      if (n === undefined) return 'unknown';
      total += n + 1;
    }
    return total;
  }
  const shards = at(p, ['NumNodeGroups']);
  const replicas = at(p, ['ReplicasPerNodeGroup']);
  const s = shards === undefined ? 1 : asNumber(shards);
  const rp = replicas === undefined ? 0 : asNumber(replicas);
  // CloudFormation's default for a group with neither setting is a single primary.
  return s === undefined || rp === undefined ? 'unknown' : s * (rp + 1);
}

/** Serverless caches replicate across AZs and only speak TLS. */
function serverless(r: ResourceView): SessionCacheInfo {
  return {
    kind: engineKind(at(r.properties, ['Engine']), 'redis'),
    logicalId: r.logicalId,
    nodeCount: 'unknown', multiAz: true, automaticFailover: true, transitEncryption: true,
    resourceType: r.type, path: r.path, securityGroupIds: refTargets(at(r.properties, ['SecurityGroupIds'])),
  };
}

function cacheCluster(r: ResourceView): SessionCacheInfo {
  const p = r.properties;
  const kind = engineKind(at(p, ['Engine']), 'memcached');
  const azMode = asString(at(p, ['AZMode']));
  return {
    kind,
    logicalId: r.logicalId,
    nodeCount: at(p, ['NumCacheNodes']) === undefined ? 1 : asNumber(at(p, ['NumCacheNodes'])) ?? 'unknown',
    multiAz: azMode === undefined ? (at(p, ['AZMode']) ? 'unknown' : false) : azMode === 'cross-az',
    automaticFailover: false,
    transitEncryption: flag(at(p, ['TransitEncryptionEnabled'])),
    resourceType: r.type,
    path: r.path,
    securityGroupIds: refTargets(at(p, ['VpcSecurityGroupIds'])),
  };
}

/** Subscribers that can run code on a notification (an email cannot sweep anything). */
const AUTOMATED = new Set(['lambda', 'sqs', 'https']);

/**
 * Whether a failover of the replication group reaches something that can sweep the dead session
 * locks: NotificationTopicArn names a topic of this template with a Lambda (or SQS/HTTPS)
 * subscriber. What that code does cannot be read from the template; a topic from elsewhere is unknown.
 */
function failoverLockSweep(model: TemplateModel, r: ResourceView): Known<boolean> {
  const arn = at(r.properties, ['NotificationTopicArn']);
  if (arn === undefined) return false;
  const topicId = refTarget(arn);
  const topic = topicId ? model.resource(topicId) : undefined;
  if (!topic || topic.type !== 'AWS::SNS::Topic') return 'unknown';
  const inline = at(topic.properties, ['Subscription']);
  const inlineProtocols = isSeq(inline) ? inline.items.map((s) => asString(at(s, ['Protocol']))?.toLowerCase()) : [];
  const separate = model.resourcesOfType('AWS::SNS::Subscription')
    .filter((s) => refTarget(at(s.properties, ['TopicArn'])) === topic.logicalId)
    .map((s) => asString(at(s.properties, ['Protocol']))?.toLowerCase());
  return [...inlineProtocols, ...separate].some((p) => p !== undefined && AUTOMATED.has(p));
}
