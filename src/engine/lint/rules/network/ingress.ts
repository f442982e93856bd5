import { asNumber, asString, at, isSeq, type TemplatePath, type TNode } from '../../../template/nodes';
import type { TemplateModel } from '../../../template/template-model';
import { refTarget } from '../../../topology/references';

export interface OpenIngress {
  groupId: string;
  /** The CidrIp / CidrIpv6 value that opens it. */
  path: TemplatePath;
  cidr: string;
}

const OPEN = ['0.0.0.0/0', '::/0'];

/**
 * Ingress rules of a security group that let the whole internet reach `port`: inline
 * SecurityGroupIngress entries and separate AWS::EC2::SecurityGroupIngress resources.
 */
export function openIngress(model: TemplateModel, groupId: string, port: number): OpenIngress[] {
  const found: OpenIngress[] = [];
  const group = model.resource(groupId);
  if (group?.type === 'AWS::EC2::SecurityGroup') {
    const inline = at(group.properties, ['SecurityGroupIngress']);
    if (isSeq(inline)) inline.items.forEach((rule, i) => check(rule, [...group.path, 'Properties', 'SecurityGroupIngress', i]));
  }
  for (const r of model.resourcesOfType('AWS::EC2::SecurityGroupIngress')) {
    if (refTarget(at(r.properties, ['GroupId'])) === groupId) check(r.properties, [...r.path, 'Properties']);
  }
  return found;

  function check(rule: TNode | undefined, path: TemplatePath): void {
    if (!coversPort(rule, port)) return;
    for (const key of ['CidrIp', 'CidrIpv6']) {
      const cidr = asString(at(rule, [key]));
      if (cidr && OPEN.includes(cidr)) found.push({ groupId, path: [...path, key], cidr });
    }
  }
}

function coversPort(rule: TNode | undefined, port: number): boolean {
  const protocol = asString(at(rule, ['IpProtocol']))?.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return true;
  if (protocol !== 'tcp' && protocol !== '6') return false;
  const from = asNumber(at(rule, ['FromPort']));
  const to = asNumber(at(rule, ['ToPort']));
  if (from === undefined || to === undefined) return true;
  return (from === -1 && to === -1) || (from <= port && port <= to);
}
