import type { HaTopology } from '../../../../src/engine/topology/types';

const missing = (reason: string) => ({ found: false as const, reason });

/** HaTopology objects built by hand: the planner is tested without deriveTopology. */
export function topology(parts: Partial<HaTopology> = {}): HaTopology {
  return {
    loadBalancer: missing('none'), webTier: missing('none'), sharedStorage: missing('none'),
    database: missing('none'), sessionCache: missing('none'), code: missing('none'), ...parts,
  };
}

export function webTier(min: number | 'unknown', max: number | 'unknown', desired: number | 'unknown', webServer: 'apache' | 'nginx' | 'unknown' = 'apache'): HaTopology['webTier'] {
  return {
    found: true, asgLogicalId: 'WebAsg', minSize: min, maxSize: max, desiredCapacity: desired, azCount: 2,
    healthCheckType: 'ELB', targetGroupIds: [], scheduledActions: [], scalingPolicyIds: [], imdsV2Required: true,
    webServer, codeDeployAgentInstalled: true,
  };
}

export function database(engine: 'aurora-mysql' | 'aurora-postgresql' | 'mysql' | 'mariadb' | 'postgres'): HaTopology['database'] {
  return {
    found: true, kind: engine.startsWith('aurora') ? 'aurora' : 'rds', engine, family: engine.includes('postgres') ? 'postgres' : 'mysql',
    logicalIds: ['Db'], multiAz: true, instanceCount: 2, backupRetentionDays: 7, storageEncrypted: true, deletionProtection: true,
    passwordSource: 'secrets-manager',
  };
}

export function cache(kind: 'memcached' | 'redis' | 'valkey', options: { nodes?: number; failover?: boolean | 'unknown'; multiAz?: boolean | 'unknown' } = {}): HaTopology['sessionCache'] {
  return {
    found: true, kind, logicalId: 'Sessions', nodeCount: options.nodes ?? 1,
    multiAz: options.multiAz ?? false, automaticFailover: options.failover ?? false, transitEncryption: true,
  };
}
