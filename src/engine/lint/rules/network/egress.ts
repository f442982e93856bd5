import { asString, at, isMap, isSeq, type TemplatePath, type TNode } from '../../../template/nodes';
import type { TemplateModel } from '../../../template/template-model';
import { refTarget } from '../../../topology/references';

/** Why a security group may send anywhere: AWS's default rule, or a rule of the template. */
export type OpenEgress =
  | { kind: 'default'; groupId: string; path: TemplatePath }
  | { kind: 'rule'; groupId: string; path: TemplatePath; cidr: string };

const ANYWHERE = ['0.0.0.0/0', '::/0'];

/**
 * What lets a security group send to the whole internet. A group whose SecurityGroupEgress is
 * not written keeps the rule AWS adds to every new group (all traffic to 0.0.0.0/0), even when
 * separate AWS::EC2::SecurityGroupEgress resources add rules of their own.
 */
export function openEgress(model: TemplateModel, groupId: string): OpenEgress[] {
  const group = model.resource(groupId);
  if (group?.type !== 'AWS::EC2::SecurityGroup') return [];
  const found: OpenEgress[] = [];
  const inline = at(group.properties, ['SecurityGroupEgress']);
  if (inline === undefined) found.push({ kind: 'default', groupId, path: group.path });
  else if (isSeq(inline)) inline.items.forEach((rule, i) => check(rule, [...group.path, 'Properties', 'SecurityGroupEgress', i]));
  for (const r of model.resourcesOfType('AWS::EC2::SecurityGroupEgress')) {
    if (refTarget(at(r.properties, ['GroupId'])) === groupId) check(r.properties, [...r.path, 'Properties']);
  }
  return found;

  function check(rule: TNode | undefined, path: TemplatePath): void {
    if (!isMap(rule)) return;
    for (const key of ['CidrIp', 'CidrIpv6']) {
      const cidr = asString(at(rule, [key]));
      if (cidr && ANYWHERE.includes(cidr)) found.push({ kind: 'rule', groupId, path: [...path, key], cidr });
    }
  }
}
