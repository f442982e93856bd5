import { entry, intrinsicName, isMap, isScalar, isSeq, type TNode, type TemplatePath } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';
import { alternatives } from './alternatives';
import type { GenericCheck } from './generic-check';

/**
 * Where a resource takes security group ids, by type: property paths (`[]` is each list item).
 * Only those where cfn-lint checks the format (test/fixtures/cfn/generic/e1041-*.yaml, held to its
 * lines): a launch configuration's SecurityGroups also take names, and cfn-lint does not check an
 * instance's SecurityGroupIds or a DB instance's VPCSecurityGroups.
 */
const SECURITY_GROUP_ID_PROPERTIES: Record<string, string[][]> = {
  'AWS::EC2::LaunchTemplate': [['LaunchTemplateData', 'SecurityGroupIds', '[]']],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [['SecurityGroups', '[]']],
  'AWS::Lambda::Function': [['VpcConfig', 'SecurityGroupIds', '[]']],
  'AWS::ElastiCache::CacheCluster': [['VpcSecurityGroupIds', '[]']],
  'AWS::EC2::SecurityGroupIngress': [['GroupId'], ['SourceSecurityGroupId']],
};

/**
 * cfn-lint E1041 (a Ref's format against the property's): `Ref` to an AWS::EC2::SecurityGroup
 * gives its id only when the group has a VpcId; without one (EC2-Classic or the default VPC) it
 * gives the group's name, and a property that takes security group ids rejects the name at
 * deploy time. Reported on the Ref, where cfn-lint reports it. A group whose VpcId is written at
 * all (even as a function) gives its id, so it is not judged.
 */
export const securityGroupNameAsId: GenericCheck = {
  id: 'E1041',
  severity: 'error',
  description: "A Ref to a security group without VpcId gives its name; it is not a security group id.",
  check(model, report) {
    for (const r of model.resources()) {
      for (const path of SECURITY_GROUP_ID_PROPERTIES[r.type] ?? []) {
        for (const { node, at } of valuesAt(r.properties, path, [...r.path, 'Properties'])) {
          const group = refTarget(node);
          if (!group || !givesName(model, group)) continue;
          report({
            message: `Ref '${group}' gives the security group's name (it has no VpcId), but ${at.filter((p) => typeof p === 'string').slice(3).join('.')} takes security group ids: use !GetAtt ${group}.GroupId.`,
            range: node.range,
            path: at,
          });
        }
      }
    }
  },
};

function refTarget(node: TNode): string | undefined {
  if (intrinsicName(node) !== 'Ref' || !isMap(node)) return undefined;
  const arg = node.entries[0].value;
  return isScalar(arg) && typeof arg.value === 'string' ? arg.value : undefined;
}

function givesName(model: TemplateModel, logicalId: string): boolean {
  const group = model.resource(logicalId);
  return group?.type === 'AWS::EC2::SecurityGroup' && !entry(group.properties, 'VpcId');
}

/** The values at a path, each `Fn::If` branch on the way followed. */
function* valuesAt(node: TNode | undefined, path: string[], at: TemplatePath): Generator<{ node: TNode; at: TemplatePath }> {
  for (const value of alternatives(node)) {
    if (!path.length) { yield { node: value, at }; continue; }
    const [head, ...rest] = path;
    if (head === '[]') {
      if (isSeq(value)) for (const [i, item] of value.items.entries()) yield* valuesAt(item, rest, [...at, i]);
    } else if (isMap(value)) {
      yield* valuesAt(entry(value, head)?.value, rest, [...at, head]);
    }
  }
}
