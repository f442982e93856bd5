import { isPostgres, usesHttps, type ScaffoldOptions } from '../options';
import { GetAtt, Ref, Sub, type CfnValue } from './intrinsics';
import { egressTo, NO_OUTBOUND, webInlineEgress } from './security-group-egress';
import { tags, type BuildContext, type Section } from './section';

export function databasePort(options: ScaffoldOptions): number {
  return isPostgres(options.database.engine) ? 5432 : 3306;
}

/** Moodle's application cache (MUC) is always Redis/Valkey. */
export const MUC_PORT = 6379;

export function cachePort(options: ScaffoldOptions): number {
  return options.cache.engine === 'memcached' ? 11211 : 6379;
}

/**
 * Each tier accepts traffic only from the tier in front of it, and sends only what it must: the
 * load balancer to the web servers, the web servers to the data tier and out over HTTP(S) and SMTP,
 * the data tier nothing.
 */
export function securityGroupsSection(ctx: BuildContext): Section {
  const { options } = ctx;
  const fromWeb = (port: number, what: string): CfnValue => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, SourceSecurityGroupId: GetAtt('WebSecurityGroup', 'GroupId'), Description: `${what} from the web servers` });
  const group = (description: string, name: string, ingress: CfnValue[], egress: CfnValue[], comment?: string): CfnValue => ({
    '//': comment, Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: Sub(`\${AWS::StackName} ${description}`), VpcId: Ref('Vpc'), SecurityGroupIngress: ingress, SecurityGroupEgress: egress, Tags: tags(name) },
  });
  // Sessions and MUC share one Redis port, or memcached sessions beside a Redis MUC: one rule each way per port.
  const caches = [
    { port: cachePort(options), what: 'Session cache', egressId: 'WebToCacheEgress' },
    ...(cachePort(options) === MUC_PORT ? [] : [{ port: MUC_PORT, what: 'Application cache (MUC)', egressId: 'WebToCacheEgressMuc' }]),
  ];
  const resources: Record<string, CfnValue> = {
    // Port 443 only when there is an HTTPS listener behind it.
    LoadBalancerSecurityGroup: group('load balancer', 'alb', [
      ...(usesHttps(options) ? [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0', Description: 'HTTPS from anywhere' }] : []),
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0', Description: usesHttps(options) ? 'HTTP from anywhere (redirected to HTTPS)' : 'HTTP from anywhere (demo mode)' },
    ], [NO_OUTBOUND], 'Security groups: internet → load balancer → web servers → database, cache, shared storage; each sends only to the next.'),
    LoadBalancerToWebEgress: egressTo('LoadBalancerSecurityGroup', 'WebSecurityGroup', 80, 'HTTP and health checks to the web servers'),
    WebSecurityGroup: group('web servers', 'web', [
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: GetAtt('LoadBalancerSecurityGroup', 'GroupId'), Description: 'HTTP from the load balancer' },
    ], webInlineEgress(options)),
    WebToDatabaseEgress: egressTo('WebSecurityGroup', 'DatabaseSecurityGroup', databasePort(options), 'Database'),
    ...Object.fromEntries(caches.map((c) => [c.egressId, egressTo('WebSecurityGroup', 'CacheSecurityGroup', c.port, c.what)])),
    DatabaseSecurityGroup: group('database', 'db', [
      fromWeb(databasePort(options), 'Database'),
      { IpProtocol: 'tcp', FromPort: databasePort(options), ToPort: databasePort(options), SourceSecurityGroupId: GetAtt('DbUserSetupSecurityGroup', 'GroupId'), Description: 'Database from the DB user setup job' },
    ], [NO_OUTBOUND]),
    CacheSecurityGroup: group('session and application caches', 'cache', caches.map((c) => fromWeb(c.port, c.what)), [NO_OUTBOUND]),
  };
  if (options.storage.kind === 'efs') {
    resources.StorageSecurityGroup = group('shared storage', 'efs', [fromWeb(2049, 'NFS (EFS)')], [NO_OUTBOUND]);
    resources.WebToStorageEgress = egressTo('WebSecurityGroup', 'StorageSecurityGroup', 2049, 'NFS (EFS)');
  }
  return { resources };
}
