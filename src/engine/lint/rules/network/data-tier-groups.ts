import type { HaTopology } from '../../../topology/types';

/** A part of the data tier, the security groups it sits in and the ports it listens on. */
export interface DataTierPart { what: string; groups: string[]; ports: number[] }

/** The database, session cache and shared file system's security groups, where the template names them. */
export function dataTierParts(t: HaTopology): DataTierPart[] {
  const parts: DataTierPart[] = [];
  if (t.database.found && t.database.securityGroupIds?.length) {
    // Engine: !If [..., aurora-postgresql, aurora-mysql] can listen on either port.
    const engines = t.database.engineAlternatives ?? [t.database.engine];
    const ports = [...new Set(engines.map((e) => (e === 'postgres' || e === 'aurora-postgresql' || (e === 'unknown' && t.database.found && t.database.family === 'postgres') ? 5432 : 3306)))];
    parts.push({ what: 'database', groups: t.database.securityGroupIds, ports });
  }
  if (t.sessionCache.found && t.sessionCache.securityGroupIds?.length) {
    parts.push({ what: 'session cache', groups: t.sessionCache.securityGroupIds, ports: t.sessionCache.kind === 'memcached' ? [11211] : [6379] });
  }
  if (t.sharedStorage.found && t.sharedStorage.securityGroupIds?.length) {
    parts.push({ what: 'shared file system', groups: t.sharedStorage.securityGroupIds, ports: [2049] });
  }
  return parts;
}
