import * as assert from 'node:assert/strict';
import { buildTemplate } from '../../../../src/engine/scaffold/cfn/build-template';
import { toPlain } from '../../../../src/engine/scaffold/cfn/intrinsics';
import { templateVariants } from '../../../../src/engine/scaffold/variants';

/**
 * Review m4 ("all security groups allow all egress"): each group sends only what its tier must.
 * Rules are read as AWS applies them: inline SecurityGroupEgress (none written means AWS's
 * allow-all default) plus AWS::EC2::SecurityGroupEgress resources naming the group.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
interface Egress { protocol: string; from: number | 'param'; to: number | 'param'; cidr?: string; group?: string; conditional?: boolean }

const target = (v: Json): string | undefined => v?.Ref ?? v?.['Fn::GetAtt']?.[0];
const port = (v: Json): number | 'param' => (typeof v === 'number' ? v : 'param');

function egressOf(resources: Record<string, Json>, group: string): Egress[] | 'aws-default' {
  const read = (rule: Json, conditional = false): Egress => ({ protocol: String(rule.IpProtocol), from: port(rule.FromPort), to: port(rule.ToPort), cidr: rule.CidrIp ?? rule.CidrIpv6, group: target(rule.DestinationSecurityGroupId), conditional });
  const inline: Json[] | undefined = resources[group].Properties.SecurityGroupEgress;
  if (inline === undefined) return 'aws-default';
  const rules = inline.flatMap((r) => (r['Fn::If'] ? [read(r['Fn::If'][1], true)] : [read(r)]));
  for (const r of Object.values(resources)) {
    if (r.Type === 'AWS::EC2::SecurityGroupEgress' && target(r.Properties.GroupId) === group) rules.push(read(r.Properties));
  }
  return rules;
}

const sendsNothing = (rules: Egress[]) => rules.every((r) => r.cidr === '127.0.0.1/32' && !r.group);
const allows = (rules: Egress[], p: number, to: string) => rules.some((r) => r.protocol === 'tcp' && typeof r.from === 'number' && typeof r.to === 'number' && r.from <= p && p <= r.to && (r.group === to || r.cidr === '0.0.0.0/0'));

/** What the checks need of one variant's template. */
function readVariant(variant: ReturnType<typeof templateVariants>[number]) {
  const resources = (toPlain(buildTemplate(variant.options) as never) as { Resources: Record<string, Json> }).Resources;
  const groups = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::EC2::SecurityGroup');
  const rulesOf = (group: string): Egress[] => {
    const rules = egressOf(resources, group);
    assert.notEqual(rules, 'aws-default', `${variant.name}: ${group} writes no SecurityGroupEgress, so AWS lets it send anything anywhere`);
    return rules as Egress[];
  };
  const dataTier = new Set(Object.values(resources).flatMap((r) => [
    ...(r.Type === 'AWS::RDS::DBCluster' ? r.Properties.VpcSecurityGroupIds : []),
    ...(r.Type === 'AWS::RDS::DBInstance' ? r.Properties.VPCSecurityGroups ?? [] : []),
    ...(r.Type.startsWith('AWS::ElastiCache::') ? r.Properties.SecurityGroupIds ?? [] : []),
    ...(r.Type === 'AWS::EFS::MountTarget' ? r.Properties.SecurityGroups : []),
  ].map(target) as string[]));
  return { name: variant.name, options: variant.options, resources, groups, rulesOf, dataTier };
}

describe('scaffold: security groups send only what their tier must (review m4, every template variant)', () => {
  const variants = templateVariants().map(readVariant);

  it('every group writes its outbound rules (none keeps AWS\'s allow-all default)', () => {
    for (const v of variants) for (const group of v.groups) v.rulesOf(group);
  });

  it('the database, caches and EFS send nothing', () => {
    for (const v of variants) {
      const expected = v.options.storage.kind === 'efs' ? 3 : 2;
      assert.equal(v.dataTier.size, expected, `${v.name}: the data tier's groups are ${[...v.dataTier].join(', ')}`);
      for (const group of v.dataTier) assert.ok(sendsNothing(v.rulesOf(group)), `${v.name} ${group}: ${JSON.stringify(v.rulesOf(group))}`);
    }
  });

  it('a group may send to each port another group accepts from it (else the connection the ingress allows never leaves)', () => {
    for (const v of variants) {
      for (const to of v.groups) {
        for (const rule of v.resources[to].Properties.SecurityGroupIngress ?? []) {
          const from = target(rule.SourceSecurityGroupId);
          if (!from) continue;
          for (const p of [rule.FromPort, rule.ToPort]) assert.ok(allows(v.rulesOf(from), p, to), `${v.name}: ${to} accepts ${p} from ${from}, which may not send it`);
        }
      }
    }
  });

  it('the load balancer sends only to the web servers, on the target group\'s port', () => {
    for (const v of variants) {
      const tg = v.resources.WebTargetGroup.Properties;
      const rules = v.rulesOf('LoadBalancerSecurityGroup').filter((r) => r.cidr !== '127.0.0.1/32');
      assert.deepEqual(rules.map((r) => [r.group, r.from, r.to]), [['WebSecurityGroup', tg.Port, tg.Port]], v.name);
      assert.equal(tg.HealthCheckPort ?? tg.Port, tg.Port, `${v.name}: health checks go to the traffic port`);
    }
  });

  it('to the internet the web servers and the user setup job send only HTTP(S), mail and the storage protocol', () => {
    for (const v of variants) {
      const external = v.options.storage.kind === 'nfs' ? [2049] : v.options.storage.kind === 'glusterfs' ? [24007, 49152] : [];
      for (const [group, expected] of [['WebSecurityGroup', [443, 80, 'param', ...external]], ['DbUserSetupSecurityGroup', [443]]] as const) {
        const open = v.rulesOf(group).filter((r) => r.cidr === '0.0.0.0/0');
        assert.ok(open.every((r) => r.protocol === 'tcp'), `${v.name} ${group}: only TCP to the internet`);
        assert.deepEqual(open.map((r) => r.from), expected, `${v.name} ${group}`);
        assert.ok(open.filter((r) => r.from === 'param').every((r) => r.conditional), `${v.name}: the SMTP port only when mail is on`);
      }
    }
  });
});
