import { asNumber, asString, at, intrinsicName, isMap, isSeq, type TNode } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import type { Known } from './types';
import { parameter, refTarget } from './references';

/**
 * How many distinct AZs a list of subnets spans. Each subnet's AZ is identified by what the
 * template says: a literal name, the index of `Fn::Select` over `Fn::GetAZs`, or a parameter.
 * Subnets passed in as parameters (List<AWS::EC2::Subnet::Id>) cannot be known before deploy.
 */
export function countSubnetAzs(model: TemplateModel, subnets: TNode | undefined): Known<number> {
  if (!subnets) return 'unknown';
  if (!isSeq(subnets)) return 'unknown';
  const zones = new Set<string>();
  for (const item of subnets.items) {
    const zone = subnetZoneKey(model, item);
    if (zone === undefined) return 'unknown';
    zones.add(zone);
  }
  return zones.size;
}

/** Distinct AZs in an AvailabilityZones list (literals or Fn::Select over Fn::GetAZs). */
export function countListedAzs(model: TemplateModel, azs: TNode | undefined): Known<number> {
  if (!isSeq(azs)) return 'unknown';
  const zones = new Set<string>();
  for (const item of azs.items) {
    const zone = zoneKey(model, item);
    if (zone === undefined) return 'unknown';
    zones.add(zone);
  }
  return zones.size;
}

/** A key that is equal for two subnets in the same AZ, or undefined when that is unknowable. */
export function subnetZoneKey(model: TemplateModel, node: TNode): string | undefined {
  const id = refTarget(node);
  if (!id) return undefined;
  const subnet = model.resource(id);
  if (!subnet || subnet.type !== 'AWS::EC2::Subnet') return undefined;
  const az = at(subnet.properties, ['AvailabilityZone']);
  if (az) return zoneKey(model, az);
  const azId = asString(at(subnet.properties, ['AvailabilityZoneId']));
  return azId ? `id:${azId}` : undefined;
}

function zoneKey(model: TemplateModel, node: TNode): string | undefined {
  const literal = asString(node);
  if (literal !== undefined) return `name:${literal}`;
  const fn = intrinsicName(node);
  if (fn === 'Fn::Select' && isMap(node)) {
    const arg = node.entries[0].value;
    if (!isSeq(arg) || arg.items.length !== 2) return undefined;
    const index = asNumber(arg.items[0]);
    if (index === undefined || intrinsicName(arg.items[1]) !== 'Fn::GetAZs') return undefined;
    return `index:${index}`;
  }
  if (fn === 'Ref') {
    const name = refTarget(node)!;
    const param = parameter(model, name);
    return param ? `param:${name}` : undefined;
  }
  return undefined;
}
