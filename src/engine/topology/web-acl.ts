import { asString, at, intrinsicName, isMap, isSeq, toPlain, type TemplatePath, type TNode } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import { refTarget } from './references';

/** AWS's Core rule set and its rule that blocks any request body over 8 KB (8,192 bytes). */
export const CORE_RULE_SET = 'AWSManagedRulesCommonRuleSet';
export const BODY_SIZE_RULE = 'SizeRestrictions_BODY';
export const BODY_SIZE_LIMIT_BYTES = 8192;

/** A rule of a web ACL in front of the site that blocks request bodies over 8 KB. */
export interface BodySizeBlock {
  webAclId: string;
  /** What puts the web ACL in front of the site: a WebACLAssociation or a CloudFront distribution. */
  attachedBy: string;
  ruleName: string;
  /** The rule's item in `Rules` (its `Fn::If` branch when it is one). */
  rulePath: TemplatePath;
  /** Conditions that select the rule's branch. */
  when: string[];
}

/**
 * The web ACLs in front of the load balancer (a WebACLAssociation on it, or the WebACLId of a
 * CloudFront distribution whose origin it is), and each rule of theirs that runs the Core rule set
 * with SizeRestrictions_BODY left to block. That rule's own limit is fixed at 8 KB whatever the
 * web ACL's body inspection limit. A rule is left out when the whole group counts
 * (`OverrideAction: Count`), when SizeRestrictions_BODY is overridden to Count or Allow or
 * excluded, or when a scope-down statement narrows the group to requests we cannot judge.
 */
export function bodySizeBlocks(model: TemplateModel, loadBalancerId: string, distributionIds: readonly string[] = []): BodySizeBlock[] {
  const out: BodySizeBlock[] = [];
  for (const { webAclId, attachedBy } of webAclsInFront(model, loadBalancerId, distributionIds)) {
    const acl = model.resource(webAclId);
    if (acl?.type !== 'AWS::WAFv2::WebACL') continue;
    const rulesPath: TemplatePath = [...acl.path, 'Properties', 'Rules'];
    const rules = model.get(rulesPath);
    if (!isSeq(rules)) continue;
    rules.items.forEach((item, i) => {
      for (const branch of ruleBranches(item, [...rulesPath, i])) {
        if (!blocksLargeBodies(branch.node)) continue;
        out.push({ webAclId, attachedBy, ruleName: asString(at(branch.node, ['Name'])) ?? `rule ${i + 1}`, rulePath: branch.path, when: branch.when });
      }
    });
  }
  return out;
}

function webAclsInFront(model: TemplateModel, loadBalancerId: string, distributionIds: readonly string[]): Array<{ webAclId: string; attachedBy: string }> {
  const found: Array<{ webAclId: string; attachedBy: string }> = [];
  for (const association of model.resourcesOfType('AWS::WAFv2::WebACLAssociation')) {
    if (refTarget(at(association.properties, ['ResourceArn'])) !== loadBalancerId) continue;
    const webAclId = refTarget(at(association.properties, ['WebACLArn']));
    if (webAclId) found.push({ webAclId, attachedBy: association.logicalId });
  }
  for (const id of distributionIds) {
    const distribution = model.resource(id);
    const webAclId = distribution ? refTarget(at(distribution.properties, ['DistributionConfig', 'WebACLId'])) : undefined;
    if (webAclId) found.push({ webAclId, attachedBy: id });
  }
  return found;
}

/** A rule item, or both branches of an `Fn::If` item (a `Ref: AWS::NoValue` branch is no rule). */
function ruleBranches(item: TNode, path: TemplatePath): Array<{ node: TNode; path: TemplatePath; when: string[] }> {
  if (intrinsicName(item) !== 'Fn::If' || !isMap(item)) return [{ node: item, path, when: [] }];
  const args = item.entries[0].value;
  if (!isSeq(args) || args.items.length !== 3) return [];
  const condition = asString(args.items[0]) ?? '?';
  return [1, 2].flatMap((k) => {
    const node = args.items[k];
    if (!isMap(node) || intrinsicName(node) === 'Ref') return [];
    return [{ node, path: [...path, 'Fn::If', k], when: [k === 1 ? condition : `!${condition}`] }];
  });
}

function blocksLargeBodies(rule: TNode): boolean {
  const group = at(rule, ['Statement', 'ManagedRuleGroupStatement']);
  if (asString(at(group, ['VendorName'])) !== 'AWS' || asString(at(group, ['Name'])) !== CORE_RULE_SET) return false;
  if (at(rule, ['OverrideAction', 'Count']) !== undefined) return false;
  if (at(group, ['ScopeDownStatement']) !== undefined) return false;
  const overrides = toPlain(at(group, ['RuleActionOverrides'])) as Array<{ Name?: unknown; ActionToUse?: Record<string, unknown> }> | undefined;
  if (Array.isArray(overrides) && overrides.some((o) => o?.Name === BODY_SIZE_RULE && o.ActionToUse && ('Count' in o.ActionToUse || 'Allow' in o.ActionToUse))) return false;
  const excluded = toPlain(at(group, ['ExcludedRules'])) as Array<{ Name?: unknown }> | undefined;
  return !(Array.isArray(excluded) && excluded.some((e) => e?.Name === BODY_SIZE_RULE));
}
