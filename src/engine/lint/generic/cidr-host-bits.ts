import { entry, isMap, isScalar, isSeq, type TNode } from '../../template/nodes';
import type { GenericCheck } from './generic-check';
import { parseIpv4Network } from './ipv4-network';

/** Where a resource names an IPv4 network, by type: property paths (`[]` is each list item). */
const NETWORK_PROPERTIES: Record<string, string[][]> = {
  'AWS::EC2::VPC': [['CidrBlock']],
  'AWS::EC2::Subnet': [['CidrBlock']],
  'AWS::EC2::SecurityGroup': [['SecurityGroupIngress', '[]', 'CidrIp'], ['SecurityGroupEgress', '[]', 'CidrIp']],
  'AWS::EC2::SecurityGroupIngress': [['CidrIp']],
  'AWS::EC2::SecurityGroupEgress': [['CidrIp']],
  'AWS::EC2::Route': [['DestinationCidrBlock']],
};

/**
 * cfn-lint E3002 (format ipv4-network): a CIDR whose address has bits set past its prefix
 * (`192.168.1.0/0` in an ECS sample, meant as /24 or 0.0.0.0/0) is not a network, and EC2 refuses
 * it. AWS's validator checks the CIDR's pattern only. Just that case is reported here, on the
 * properties where cfn-lint checks the format; other malformed CIDRs are the validator's.
 */
export const cidrHostBits: GenericCheck = {
  id: 'E3002',
  severity: 'error',
  description: 'A CIDR block is a network: no address bits set past the prefix.',
  check(model, report) {
    for (const r of model.resources()) {
      for (const path of NETWORK_PROPERTIES[r.type] ?? []) {
        for (const { node, at } of valuesAt(r.properties, path, [...r.path, 'Properties'])) {
          if (!isScalar(node) || typeof node.value !== 'string' || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(node.value)) continue;
          if (parseIpv4Network(node.value) || !wellFormed(node.value)) continue;
          report({ message: `'${node.value}' is not a network: the address has bits set past the /${node.value.split('/')[1]} prefix (write the network's first address).`, range: node.range, path: at });
        }
      }
    }
  },
};

/** Octets and prefix in range, no leading zeros: only the host bits can be wrong. */
function wellFormed(cidr: string): boolean {
  const [address, prefix] = cidr.split('/');
  const parts = address.split('.');
  return Number(prefix) <= 32 && !/^0\d/.test(prefix) && parts.every((p) => Number(p) <= 255 && !/^0\d/.test(p));
}

function* valuesAt(node: TNode | undefined, path: string[], at: Array<string | number>): Generator<{ node: TNode; at: Array<string | number> }> {
  if (!node) return;
  if (!path.length) { yield { node, at }; return; }
  const [head, ...rest] = path;
  if (head === '[]') {
    if (isSeq(node)) for (const [i, item] of node.items.entries()) yield* valuesAt(item, rest, [...at, i]);
    return;
  }
  if (isMap(node)) yield* valuesAt(entry(node, head)?.value, rest, [...at, head]);
}
