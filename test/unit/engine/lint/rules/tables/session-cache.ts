import { redisFailoverLockSweep } from '../../../../../../src/engine/lint/rules/session-cache/redis-failover-lock-sweep';
import { redisTlsMatchesMoodle } from '../../../../../../src/engine/lint/rules/session-cache/redis-tls-matches-moodle';
import { sessionCachePresent } from '../../../../../../src/engine/lint/rules/session-cache/session-cache-present';
import { sessionCacheRedundant } from '../../../../../../src/engine/lint/rules/session-cache/session-cache-redundant';
import { sessionsUseCache } from '../../../../../../src/engine/lint/rules/session-cache/sessions-use-cache';
import { stickySessionsWithoutCache } from '../../../../../../src/engine/lint/rules/session-cache/sticky-sessions-without-cache';
import type { RuleTable } from '../rule-table';
import { ALB, REDIS, REDIS_CONFIG, stack, without } from './snippets';

const MEMCACHED = ['  Cache:', '    Type: AWS::ElastiCache::CacheCluster', '    Properties:', '      Engine: memcached', '      CacheNodeType: cache.t4g.small', '      NumCacheNodes: 2', '      AZMode: cross-az'];
const SERVERLESS = ['  Cache:', '    Type: AWS::ElastiCache::ServerlessCache', '    Properties:', '      Engine: valkey', '      ServerlessCacheName: moodle-sessions'];
const STICKY_ALB = [...ALB.slice(0, ALB.indexOf('  Https:')), '      TargetGroupAttributes:', '        - Key: stickiness.enabled', "          Value: 'true'", ...ALB.slice(ALB.indexOf('  Https:'))];
const TOPIC = ['  Events:', '    Type: AWS::SNS::Topic'];
const LAMBDA_SUBSCRIPTION = ['  Sweep:', '    Type: AWS::SNS::Subscription', '    Properties:', '      TopicArn: !Ref Events', '      Protocol: lambda', '      Endpoint: !GetAtt SweepFn.Arn'];
const EMAIL_SUBSCRIPTION = ['  Mail:', '    Type: AWS::SNS::Subscription', '    Properties:', '      TopicArn: !Ref Events', '      Protocol: email', '      Endpoint: ops@example.edu'];
const NOTIFYING_REDIS = [...REDIS, '      NotificationTopicArn: !Ref Events'];
const DB_SESSIONS = ["$CFG->session_handler_class = '\\core\\session\\database';"];

export const sessionCacheTables: RuleTable[] = [
  {
    rule: sessionCachePresent,
    valid: [
      { name: 'Redis replication group', template: stack({ resources: REDIS }) },
      { name: 'no web tier', template: stack({ noWebTier: true, resources: ['  Bucket:', '    Type: AWS::S3::Bucket'] }) },
    ],
    invalid: [
      { name: 'no cache, no config', template: stack(), line: '  Web:', message: /No session cache: Moodle's sessions would go to files in moodledata or the database/ },
      { name: 'no cache, config says database', template: stack({ config: DB_SESSIONS }), line: '  Web:', message: /the database \(config\.php sets \\core\\session\\database\)/ },
    ],
  },
  {
    rule: sessionsUseCache,
    valid: [
      { name: 'config uses Redis', template: stack({ resources: REDIS, config: REDIS_CONFIG }) },
      { name: 'template writes no config.php', template: stack({ resources: REDIS }) },
    ],
    invalid: [
      { name: 'database sessions with Redis present', template: stack({ resources: REDIS, config: DB_SESSIONS }), line: 'UserData', message: /keeps sessions in the database although Cache \(redis\)/ },
      { name: 'file sessions with memcached present', template: stack({ resources: MEMCACHED, config: ["$CFG->dataroot = '/mnt/moodledata';"] }), line: 'UserData', message: /files \(no session_handler_class\).*\\core\\session\\memcached/ },
    ],
  },
  {
    rule: stickySessionsWithoutCache,
    valid: [
      { name: 'sticky with a cache', template: stack({ resources: [...STICKY_ALB, ...REDIS] }) },
      { name: 'not sticky, no cache (MHA4001 says it)', template: stack({ resources: ALB }) },
    ],
    invalid: [{ name: 'sticky and no cache', template: stack({ resources: STICKY_ALB }), line: 'TargetGroupAttributes', message: /Target group Tg relies on sticky sessions/ }],
  },
  {
    rule: sessionCacheRedundant,
    valid: [
      { name: 'Redis with replica and failover', template: stack({ resources: REDIS }) },
      { name: 'memcached with two nodes', template: stack({ resources: MEMCACHED }) },
      { name: 'serverless', template: stack({ resources: SERVERLESS }) },
      { name: 'cluster mode: 2 shards with a replica each', template: stack({ resources: [...without(REDIS, 'NumCacheClusters', '      NumNodeGroups: 2'), '      ReplicasPerNodeGroup: 1'] }) },
    ],
    invalid: [
      { name: 'memcached, one node', template: stack({ resources: without(MEMCACHED, 'NumCacheNodes', '      NumCacheNodes: 1') }), line: '  Cache:', message: /Memcached Cache has one node/ },
      { name: 'Redis, one node', template: stack({ resources: without(without(REDIS, 'NumCacheClusters', '      NumCacheClusters: 1'), 'AutomaticFailoverEnabled', '      AutomaticFailoverEnabled: false') }), line: '  Cache:', message: /has no replica/ },
      { name: 'Redis, no failover', template: stack({ resources: without(REDIS, 'AutomaticFailoverEnabled') }), line: '  Cache:', message: /has no automatic failover/ },
      { name: 'Redis CacheCluster', template: stack({ resources: ['  Cache:', '    Type: AWS::ElastiCache::CacheCluster', '    Properties:', '      Engine: redis', '      CacheNodeType: cache.t4g.small', '      NumCacheNodes: 1'] }), line: '  Cache:', message: /single-node CacheCluster/ },
    ],
  },
  {
    rule: redisFailoverLockSweep,
    valid: [
      { name: 'failover notification to a Lambda subscription', template: stack({ resources: [...NOTIFYING_REDIS, ...TOPIC, ...LAMBDA_SUBSCRIPTION], config: REDIS_CONFIG }) },
      { name: 'the topic subscribes the Lambda itself', template: stack({ resources: [...NOTIFYING_REDIS, ...TOPIC, '    Properties:', '      Subscription:', '        - Protocol: lambda', '          Endpoint: !GetAtt SweepFn.Arn'] }) },
      { name: 'a topic from a parameter (cannot be read here)', template: stack({ parameters: ['  TopicArn:', '    Type: String'], resources: [...REDIS, '      NotificationTopicArn: !Ref TopicArn'], config: REDIS_CONFIG }) },
      { name: 'locks expire within 10 s anyway', template: stack({ resources: REDIS, config: [...REDIS_CONFIG, '$CFG->session_redis_lock_expire = 8;'] }) },
      { name: 'no automatic failover (MHA4004 says it)', template: stack({ resources: without(REDIS, 'AutomaticFailoverEnabled'), config: REDIS_CONFIG }) },
      { name: 'memcached sessions', template: stack({ resources: MEMCACHED }) },
      { name: 'config.php keeps sessions elsewhere', template: stack({ resources: REDIS, config: DB_SESSIONS }) },
    ],
    invalid: [
      { name: 'Redis sessions fail over with no notification topic', template: stack({ resources: REDIS, config: [...REDIS_CONFIG, '$CFG->session_redis_lock_expire = 30;'] }), line: '  Cache:', message: /Cache fails over with Moodle's session locks.*waits until the lock expires, 30 s \(session_redis_lock_expire\).*NotificationTopicArn/ },
      { name: 'the notifications only go to an email address', template: stack({ resources: [...NOTIFYING_REDIS, ...TOPIC, ...EMAIL_SUBSCRIPTION], config: REDIS_CONFIG }), line: '  Cache:', message: /Moodle's default: max_execution_time/ },
      { name: 'a template with no config.php (the cache is the session cache)', template: stack({ resources: REDIS }), line: '  Cache:', message: /failover lock sweep/ },
    ],
  },
  {
    rule: redisTlsMatchesMoodle,
    valid: [
      { name: 'TLS and session_redis_encrypt', template: stack({ resources: REDIS, config: REDIS_CONFIG }) },
      { name: 'no TLS, no encrypt', template: stack({ resources: without(REDIS, 'TransitEncryptionEnabled'), config: REDIS_CONFIG.slice(0, 2) }) },
      { name: 'serverless with encrypt', template: stack({ resources: SERVERLESS, config: REDIS_CONFIG }) },
      { name: 'no config.php in the template', template: stack({ resources: REDIS }) },
      { name: 'TLS cache and a tls:// host', template: stack({ resources: REDIS, config: ["$CFG->session_handler_class = '\\core\\session\\redis';", "$CFG->session_redis_host = 'tls://${Cache.PrimaryEndPoint.Address}';"] }) },
    ],
    invalid: [
      { name: 'TLS cache, no encrypt', template: stack({ resources: REDIS, config: REDIS_CONFIG.slice(0, 2) }), line: 'UserData', message: /only accepts TLS.*session_redis_encrypt/ },
      { name: 'serverless (always TLS), no encrypt', template: stack({ resources: SERVERLESS, config: REDIS_CONFIG.slice(0, 2) }), line: 'UserData', message: /only accepts TLS/ },
      { name: 'TLS cache, encrypt set to an empty array (empty() is false in PHP)', template: stack({ resources: REDIS, config: [...REDIS_CONFIG.slice(0, 2), '$CFG->session_redis_encrypt = [];'] }), line: 'UserData', message: /only accepts TLS/ },
      { name: 'encrypt without TLS', template: stack({ resources: without(REDIS, 'TransitEncryptionEnabled'), config: REDIS_CONFIG }), line: 'UserData', message: /has no TransitEncryptionEnabled/ },
    ],
  },
];
