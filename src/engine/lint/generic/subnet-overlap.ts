import { entry, intrinsicName, isMap, isScalar, isSeq, type TNode } from '../../template/nodes';
import type { ResourceView, TemplateModel } from '../../template/template-model';
import { conditionsExclusive } from '../conditions/condition-logic';
import type { GenericCheck } from './generic-check';
import { parseIpv4Network } from './ipv4-network';
import { parseIpv6Network } from './ipv6-network';

/** A subnet's network as a range of addresses of one family (IPv4 or IPv6). */
interface SubnetNetwork { text: string; family: 4 | 6; first: bigint; size: bigint }

/** A CIDR a subnet can have, with the `Fn::If` branches that lead to it. */
interface SubnetCidr { resource: ResourceView; network: SubnetNetwork; branches: Map<string, boolean> }

/** Where a subnet names its networks: its IPv4 block and its IPv6 block. */
const CIDR_PROPERTIES = ['CidrBlock', 'Ipv6CidrBlock'];

/**
 * cfn-lint E3060: the subnets of one VPC must not overlap. Subnets are grouped by what their
 * VpcId names (a Ref or GetAtt target, or a literal id); a VpcId that is another function is left
 * alone. Each CIDR is compared with the subnets written before it, and reported on the later
 * subnet's Properties, as cfn-lint does. Pairs that can never exist together are skipped: the two
 * branches of one `Fn::If`, or resources whose conditions exclude each other (cfn-lint reports
 * those too; they are not a problem). Only literal CIDRs are compared, IPv4 (`CidrBlock`) and
 * IPv6 (`Ipv6CidrBlock`), each family with its own; an IPv6 block is usually `!Select`ed from the
 * VPC's `!Cidr` and so not compared. AWS's validator
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
      const mine = CIDR_PROPERTIES.flatMap((key) => cidrsOf(r, entry(r.properties, key)?.value, new Map()));
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
    const network = typeof node.value === 'string' ? parseNetwork(node.value) : undefined;
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

function parseNetwork(text: string): SubnetNetwork | undefined {
  const v4 = parseIpv4Network(text);
  if (v4) return { text, family: 4, first: BigInt(v4.first), size: BigInt(v4.size) };
  const v6 = parseIpv6Network(text);
  return v6 && { text, family: 6, first: v6.first, size: v6.size };
}

function networksOverlap(a: SubnetNetwork, b: SubnetNetwork): boolean {
  return a.family === b.family && a.first < b.first + b.size && b.first < a.first + a.size;
}
