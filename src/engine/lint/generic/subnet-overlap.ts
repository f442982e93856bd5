import { entry, intrinsicName, isMap, isScalar, isSeq, type TNode } from '../../template/nodes';
import type { ResourceView, TemplateModel } from '../../template/template-model';
import { conditionsExclusive } from '../conditions/condition-logic';
import type { GenericCheck } from './generic-check';
import { networksOverlap, parseIpv4Network, type Ipv4Network } from './ipv4-network';

/** A CIDR a subnet can have, with the `Fn::If` branches that lead to it. */
interface SubnetCidr { resource: ResourceView; network: Ipv4Network; branches: Map<string, boolean> }

/**
 * cfn-lint E3060: the subnets of one VPC must not overlap. Subnets are grouped by what their
 * VpcId names (a Ref or GetAtt target, or a literal id); a VpcId that is another function is left
 * alone. Each CIDR is compared with the subnets written before it, and reported on the later
 * subnet's Properties, as cfn-lint does. Pairs that can never exist together are skipped: the two
 * branches of one `Fn::If`, or resources whose conditions exclude each other (cfn-lint reports
 * those too; they are not a problem). Only literal IPv4 CIDRs are compared. AWS's validator
 * reports overlaps too, on the CidrBlock and also for CIDRs with host bits set; the CIDR is the
 * subject that folds its finding into ours.
 */
export const subnetOverlap: GenericCheck = {
  id: 'E3060',
  severity: 'error',
  description: 'The subnets of one VPC do not overlap.',
  check(model, report) {
    const byVpc = new Map<string, SubnetCidr[]>();
    for (const r of model.resourcesOfType('AWS::EC2::Subnet')) {
      const vpc = vpcName(entry(r.properties, 'VpcId')?.value);
      if (!vpc) continue;
      const earlier = byVpc.get(vpc) ?? [];
      const reported = new Set<string>();
      const mine = cidrsOf(r, entry(r.properties, 'CidrBlock')?.value, new Map());
      for (const cidr of mine) {
        for (const other of earlier) {
          if (!networksOverlap(cidr.network, other.network) || !canCoexist(model, cidr, other)) continue;
          const message = `Subnet CIDR '${cidr.network.text}' of '${r.logicalId}' overlaps '${other.network.text}' of '${other.resource.logicalId}' in the same VPC.`;
          // cfn-lint names only the two CIDRs, so one pair is one finding however many subnets repeat it.
          const pair = `${cidr.network.text} ${other.network.text}`;
          if (reported.has(pair)) continue;
          reported.add(pair);
          report({ message, range: entry(r.node, 'Properties')!.keyRange, path: [...r.path, 'Properties'], subject: cidr.network.text });
        }
      }
      byVpc.set(vpc, [...earlier, ...mine]);
    }
  },
};

function vpcName(node: TNode | undefined): string | undefined {
  if (isScalar(node)) return typeof node.value === 'string' ? `id:${node.value}` : undefined;
  const fn = intrinsicName(node);
  if (!fn || !isMap(node)) return undefined;
  const arg = node.entries[0].value;
  if (fn === 'Ref' && isScalar(arg)) return `name:${String(arg.value)}`;
  if (fn !== 'Fn::GetAtt') return undefined;
  const target = isSeq(arg) ? arg.items[0] : arg;
  return isScalar(target) ? `name:${String(target.value).split('.')[0]}` : undefined;
}

function cidrsOf(resource: ResourceView, node: TNode | undefined, branches: Map<string, boolean>): SubnetCidr[] {
  if (isScalar(node)) {
    const network = typeof node.value === 'string' ? parseIpv4Network(node.value) : undefined;
    return network ? [{ resource, network, branches }] : [];
  }
  if (intrinsicName(node) !== 'Fn::If' || !isMap(node)) return [];
  const args = node.entries[0].value;
  if (!isSeq(args) || args.items.length !== 3 || !isScalar(args.items[0])) return [];
  const condition = String(args.items[0].value);
  if (branches.has(condition)) return cidrsOf(resource, args.items[branches.get(condition) ? 1 : 2], branches);
  return [
    ...cidrsOf(resource, args.items[1], new Map([...branches, [condition, true]])),
    ...cidrsOf(resource, args.items[2], new Map([...branches, [condition, false]])),
  ];
}

function canCoexist(model: TemplateModel, a: SubnetCidr, b: SubnetCidr): boolean {
  for (const [name, value] of a.branches) if (b.branches.has(name) && b.branches.get(name) !== value) return false;
  const ca = conditionOf(a.resource);
  const cb = conditionOf(b.resource);
  return !(ca && cb && conditionsExclusive(model, ca, cb) === true);
}

function conditionOf(r: ResourceView): string | undefined {
  const c = entry(r.node, 'Condition')?.value;
  return isScalar(c) && typeof c.value === 'string' ? c.value : undefined;
}
