import type { ScaffoldOptions } from '../options';
import { GetAtt, If, NoValue, Ref, type CfnValue } from './intrinsics';

/**
 * Outbound rules. A security group without SecurityGroupEgress gets AWS's default (all traffic to
 * anywhere); one inline rule replaces that default. Groups that start no connection of their own
 * (the database, the caches, EFS: security groups are stateful, so replies always get out) carry
 * only this rule, which matches nothing: the loopback address never leaves an ENI.
 */
export const NO_OUTBOUND: CfnValue = { IpProtocol: '-1', CidrIp: '127.0.0.1/32', Description: 'No outbound traffic (replaces the default allow-all rule)' };

const toAnywhere = (port: number, description: string): CfnValue => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: '0.0.0.0/0', Description: description });

/**
 * The web servers reach AWS's APIs (SSM, Secrets Manager, CodeDeploy, CloudWatch, S3 through its
 * gateway endpoint), the package mirrors and what Moodle fetches itself (moodle.org, feeds, its own
 * wwwroot for the admin checks) over HTTP(S), and the mail relay. DNS, NTP and instance metadata go
 * to the VPC's link-local services, which security groups do not filter.
 */
export function webInlineEgress(options: ScaffoldOptions): CfnValue[] {
  return [
    toAnywhere(443, 'HTTPS out: AWS APIs, package mirrors, moodle.org'),
    toAnywhere(80, 'HTTP out: package mirrors and feeds Moodle fetches'),
    If('MailOn', { IpProtocol: 'tcp', FromPort: Ref('MailSmtpPort'), ToPort: Ref('MailSmtpPort'), CidrIp: '0.0.0.0/0', Description: 'SMTP submission to the mail relay' }, NoValue),
    ...externalStorageEgress(options),
  ];
}

/** An existing NFS/GlusterFS server may sit anywhere the app subnets route to (another VPC, on premises). */
function externalStorageEgress(options: ScaffoldOptions): CfnValue[] {
  switch (options.storage.kind) {
    case 'efs': return [];
    // NFS 4.1 (the mount's nfsvers) needs port 2049 only: no portmapper, no mountd.
    case 'nfs': return [toAnywhere(2049, 'NFS 4.1 to the moodledata export')];
    case 'glusterfs': return [
      { IpProtocol: 'tcp', FromPort: 24007, ToPort: 24008, CidrIp: '0.0.0.0/0', Description: 'GlusterFS management (glusterd)' },
      { IpProtocol: 'tcp', FromPort: 49152, ToPort: 60999, CidrIp: '0.0.0.0/0', Description: "GlusterFS bricks (glusterd's default port range)" },
    ];
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
