import { GetAtt, GetAZs, Ref, Select, type CfnValue } from './intrinsics';
import { subnetIds } from './network';
import { cachePort, MUC_PORT } from './security-groups';
import { output, tags, type BuildContext, type Section } from './section';

/**
 * The session cache. Redis/Valkey: a replication group, one node per AZ, automatic failover, TLS.
 * memcached: nodes spread over the AZs (no replication: a lost node logs its users out).
 */
export function cacheSection(ctx: BuildContext): Section {
  const { options, azs } = ctx;
  const parameters: Record<string, CfnValue> = {
    CacheNodeType: { Type: 'String', Default: options.cache.nodeType, Description: 'ElastiCache node type for the session cache.', AllowedPattern: '^cache\\.[a-z0-9]+\\.[a-z0-9]+$' },
  };
  const resources: Record<string, CfnValue> = {
    CacheSubnetGroup: {
      '//': 'Session cache: Moodle keeps sessions here, so any web server can serve any user.',
      Type: 'AWS::ElastiCache::SubnetGroup',
      Properties: { Description: 'Moodle session cache (data subnets)', SubnetIds: subnetIds('Data', ctx), Tags: tags('cache') },
    },
  };
  const outputs: Record<string, CfnValue> = {};
  if (options.cache.engine === 'memcached') {
    parameters.CacheNodeCount = { Type: 'Number', Default: options.cache.nodeCount, MinValue: 2, MaxValue: 20, Description: 'memcached nodes, spread over the AZs.' };
    resources.SessionCache = {
      Type: 'AWS::ElastiCache::CacheCluster',
      // Sessions are disposable: nothing to keep when the stack goes.
      // No TransitEncryptionEnabled, on purpose: ElastiCache memcached (1.6.12+) can require TLS, but
      // Moodle's memcached session handler (lib/classes/session/memcached.php) hands the servers to
      // php-memcached's session.save_handler through session.save_path, and that handler has no TLS
      // setting (TLS exists only in AWS's ElastiCache Cluster Client object API). With TLS required
      // no node could read a session. Sessions over TLS: choose Redis or Valkey (TransitEncryptionEnabled + session_redis_encrypt).
      DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete',
      Properties: {
        Engine: 'memcached', CacheNodeType: Ref('CacheNodeType'), NumCacheNodes: Ref('CacheNodeCount'), AZMode: 'cross-az',
        PreferredAvailabilityZones: Array.from({ length: options.cache.nodeCount }, (_, n) => Select(n % azs.length, GetAZs())),
        CacheSubnetGroupName: Ref('CacheSubnetGroup'), VpcSecurityGroupIds: [GetAtt('CacheSecurityGroup', 'GroupId')], Port: cachePort(options), Tags: tags('cache'),
      },
    };
    outputs.CacheEndpoint = output('memcached configuration endpoint (node N is this name with .cfg. replaced by .000N.).', GetAtt('SessionCache', 'ConfigurationEndpoint.Address'));
    outputs.CachePort = output('memcached port.', GetAtt('SessionCache', 'ConfigurationEndpoint.Port'));
  } else {
    resources.SessionCache = {
      Type: 'AWS::ElastiCache::ReplicationGroup',
      DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete',
      Properties: {
        ReplicationGroupDescription: 'Moodle sessions', Engine: options.cache.engine, CacheNodeType: Ref('CacheNodeType'),
        NumCacheClusters: azs.length, PreferredCacheClusterAZs: azs.map((i) => Select(i - 1, GetAZs())),
        AutomaticFailoverEnabled: true, MultiAZEnabled: true, TransitEncryptionEnabled: true, AtRestEncryptionEnabled: true,
        CacheSubnetGroupName: Ref('CacheSubnetGroup'), SecurityGroupIds: [GetAtt('CacheSecurityGroup', 'GroupId')], Port: cachePort(options),
        SnapshotRetentionLimit: 1,
        // FailoverComplete reaches the failover lock sweep (lock-sweep.ts).
        NotificationTopicArn: Ref('SessionFailoverTopic'),
        Tags: tags('cache'),
      },
    };
    outputs.CacheEndpoint = output(`${options.cache.engine} primary endpoint (TLS; follows failover).`, GetAtt('SessionCache', 'PrimaryEndPoint.Address'));
    outputs.CachePort = output(`${options.cache.engine} port.`, GetAtt('SessionCache', 'PrimaryEndPoint.Port'));
  }
  parameters.MucCacheNodeType = { Type: 'String', Default: options.cache.nodeType, Description: "ElastiCache node type for Moodle's application cache (MUC).", AllowedPattern: '^cache\\.[a-z0-9]+\\.[a-z0-9]+$' };
  resources.ApplicationCache = {
    '//': "Application cache (MUC): Moodle's caches on their own Redis/Valkey, apart from sessions (Moodle's advice),\ninstead of small files on EFS. Disposable: Moodle rebuilds it.",
    Type: 'AWS::ElastiCache::ReplicationGroup',
    DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete',
    Properties: {
      ReplicationGroupDescription: 'Moodle application cache (MUC)', Engine: mucEngine(ctx), CacheNodeType: Ref('MucCacheNodeType'),
      NumCacheClusters: azs.length, PreferredCacheClusterAZs: azs.map((i) => Select(i - 1, GetAZs())),
      AutomaticFailoverEnabled: true, MultiAZEnabled: true, TransitEncryptionEnabled: true, AtRestEncryptionEnabled: true,
      CacheSubnetGroupName: Ref('CacheSubnetGroup'), SecurityGroupIds: [GetAtt('CacheSecurityGroup', 'GroupId')], Port: MUC_PORT,
      Tags: tags('muc'),
    },
  };
  outputs.ApplicationCacheEndpoint = output('Application cache (MUC) primary endpoint (TLS).', GetAtt('ApplicationCache', 'PrimaryEndPoint.Address'));
  return { parameters, resources, outputs };
}

/** Lines of /etc/moodle-ha/moodle.env (inside the user data's Fn::Sub) and the variables they use. */
export function cacheEnv(ctx: BuildContext): { lines: string[]; vars: Record<string, CfnValue> } {
  const memcached = ctx.options.cache.engine === 'memcached';
  const endpoint = memcached ? 'ConfigurationEndpoint' : 'PrimaryEndPoint';
  return {
    lines: [
      `MOODLE_SESSION_HANDLER=${memcached ? 'memcached' : 'redis'}`,
      'MOODLE_SESSION_HOST=${CacheHost}',
      'MOODLE_SESSION_PORT=${CachePort}',
      ...(memcached ? ['MOODLE_SESSION_NODE_COUNT=${CacheNodeCount}', 'MOODLE_SESSION_TLS=0'] : ['MOODLE_SESSION_TLS=1']),
      'MOODLE_MUC_REDIS_HOST=${MucHost}',
      `MOODLE_MUC_REDIS_PORT=${MUC_PORT}`,
      'MOODLE_MUC_REDIS_TLS=1',
    ],
    vars: { CacheHost: GetAtt('SessionCache', `${endpoint}.Address`), CachePort: GetAtt('SessionCache', `${endpoint}.Port`), MucHost: GetAtt('ApplicationCache', 'PrimaryEndPoint.Address') },
  };
}

/** The MUC store's engine: Valkey when sessions use Valkey, else Redis (memcached cannot hold MUC's locking stores). */
function mucEngine(ctx: BuildContext): 'redis' | 'valkey' {
  return ctx.options.cache.engine === 'valkey' ? 'valkey' : 'redis';
}
