import { isPostgres, type ScaffoldOptions } from '../options';
import { GetAtt, Ref, Sub, type CfnValue } from './intrinsics';
import { tags, type BuildContext, type Section } from './section';

export function databasePort(options: ScaffoldOptions): number {
  return isPostgres(options.database.engine) ? 5432 : 3306;
}

export function cachePort(options: ScaffoldOptions): number {
  return options.cache.engine === 'memcached' ? 11211 : 6379;
}

/** Each tier accepts traffic only from the tier in front of it. */
export function securityGroupsSection(ctx: BuildContext): Section {
  const { options } = ctx;
  const fromWeb = (port: number, what: string): CfnValue => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, SourceSecurityGroupId: GetAtt('WebSecurityGroup', 'GroupId'), Description: `${what} from the web servers` });
  const group = (description: string, name: string, ingress: CfnValue[], comment?: string): CfnValue => ({
    '//': comment, Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: Sub(`\${AWS::StackName} ${description}`), VpcId: Ref('Vpc'), SecurityGroupIngress: ingress, Tags: tags(name) },
  });
  const resources: Record<string, CfnValue> = {
    LoadBalancerSecurityGroup: group('load balancer', 'alb', [
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0', Description: 'HTTPS from anywhere' },
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0', Description: 'HTTP from anywhere (redirected to HTTPS when a certificate is set)' },
    ], 'Security groups: internet → load balancer → web servers → database, cache, shared storage.'),
    WebSecurityGroup: group('web servers', 'web', [
      { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: GetAtt('LoadBalancerSecurityGroup', 'GroupId'), Description: 'HTTP from the load balancer' },
    ]),
    DatabaseSecurityGroup: group('database', 'db', [fromWeb(databasePort(options), 'Database')]),
    CacheSecurityGroup: group('session cache', 'cache', [fromWeb(cachePort(options), 'Session cache')]),
  };
  if (options.storage.kind === 'efs') resources.StorageSecurityGroup = group('shared storage', 'efs', [fromWeb(2049, 'NFS (EFS)')]);
  return { resources };
}
