import type { ScaffoldOptions } from '../options';
import { GetAtt, If, NoValue, Ref, type CfnValue } from './intrinsics';

/**
 * Outbound rules. A security group without SecurityGroupEgress gets AWS's default (all traffic to
 * anywhere); one inline rule replaces that default. Groups that start no connection of their own
 * (the database, the caches, EFS: security groups are stateful, so replies always get out) carry
 * only this rule, which matches nothing: the loopback address never leaves an ENI.
 */
export const NO_OUTBOUND: CfnValue = { IpProtocol: '-1', CidrIp: '127.0.0.1/32', Description: 'No outbound traffic (replaces the default allow-all rule)' };

const toAnywhere = (description: string, from: CfnValue, to: CfnValue = from): CfnValue => ({ IpProtocol: 'tcp', FromPort: from, ToPort: to, CidrIp: '0.0.0.0/0', Description: description });

/**
 * The web servers reach AWS's APIs (SSM, Secrets Manager, CodeDeploy, CloudWatch, S3 through its
 * gateway endpoint), the package mirrors and what Moodle fetches itself (moodle.org, feeds, its own
 * wwwroot for the admin checks) over HTTP(S), and the mail relay. DNS, NTP and instance metadata go
 * to the VPC's link-local services, which security groups do not filter.
 */
export function webInlineEgress(options: ScaffoldOptions): CfnValue[] {
  return [
    toAnywhere('HTTPS out: AWS APIs, package mirrors, moodle.org', 443),
    toAnywhere('HTTP out: package mirrors and feeds Moodle fetches', 80),
    If('MailOn', toAnywhere('SMTP submission to the mail relay', Ref('MailSmtpPort')), NoValue),
    ...externalStorageEgress(options),
  ];
}

/** An existing NFS/GlusterFS server may sit anywhere the app subnets route to (another VPC, on premises). */
function externalStorageEgress(options: ScaffoldOptions): CfnValue[] {
  switch (options.storage.kind) {
    case 'efs': return [];
    // NFS 4.1 (the mount's nfsvers) needs port 2049 only: no portmapper, no mountd.
    case 'nfs': return [toAnywhere('NFS 4.1 to the moodledata export', 2049)];
    case 'glusterfs': return [toAnywhere('GlusterFS management (glusterd)', 24007, 24008), toAnywhere("GlusterFS bricks (glusterd's default port range)", 49152, 60999)];
  }
}

/**
 * A rule from one group to another, as a resource of its own: inline, it would make the two groups
 * refer to each other (the target's ingress names the source), a cycle CloudFormation refuses.
 */
export function egressTo(from: string, to: string, port: number, description: string): CfnValue {
  return {
    Type: 'AWS::EC2::SecurityGroupEgress',
    Properties: { GroupId: GetAtt(from, 'GroupId'), IpProtocol: 'tcp', FromPort: port, ToPort: port, DestinationSecurityGroupId: GetAtt(to, 'GroupId'), Description: description },
  };
}
