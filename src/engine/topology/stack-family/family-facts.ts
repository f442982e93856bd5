import { at, isSeq } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';
import { cloudFrontOriginsOf } from '../load-balancer';
import { cacheStoresOf } from '../session-cache';
import { nestedStacks } from './nested-stacks';
import type { TemplateFiles } from './template-files';
import type { CloudFrontOrigin } from '../types';
import { displayName, familyModels, resolveAcross, type StackFamily } from './family';

/**
 * Auto Scaling groups of this template that a CodeDeploy deployment group elsewhere in the stack
 * deploys to (AutoScalingGroups: [!Ref AppAutoScalingGroupName], wired through the root).
 */
export function groupsDeployedFromElsewhere(family: StackFamily): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of familyModels(family)) {
    if (m.file === family.file) continue;
    for (const dg of m.model.resourcesOfType('AWS::CodeDeploy::DeploymentGroup')) {
      const groups = at(dg.properties, ['AutoScalingGroups']);
      for (const item of isSeq(groups) ? groups.items : []) {
        const target = resolveAcross(family, m.file, item);
        if (target?.file === family.file) out.set(target.logicalId, displayName(family, m.file));
      }
    }
  }
  return out;
}

/** CloudFront distributions elsewhere in the stack whose origin is load balancer `lbId` of this template. */
export function cloudFrontOriginsFromElsewhere(family: StackFamily, lbId: string): CloudFrontOrigin[] {
  const out: CloudFrontOrigin[] = [];
  for (const m of familyModels(family)) {
    if (m.file === family.file) continue;
    const isOrigin = (node: Parameters<typeof resolveAcross>[2]) => {
      const target = resolveAcross(family, m.file, node);
      return target?.file === family.file && target.logicalId === lbId;
    };
    out.push(...cloudFrontOriginsOf(m.model, isOrigin, displayName(family, m.file), m.condition ? [m.condition] : []));
  }
  return out;
}

/** The other templates, for evidence and for parts this one does not have. */
export function otherTemplates(family: StackFamily): Array<{ file: string; model: TemplateModel; condition?: string }> {
  return familyModels(family).filter((m) => m.file !== family.file).map((m) => ({ ...m, file: displayName(family, m.file) }));
}

/**
 * ElastiCache stores in the whole stack: the root's own, and for each nested stack the most that any
 * of its TemplateURL branches creates. A template nested twice counts twice (aws-refarch-moodle
 * nests 03-elasticache.yaml once for sessions and once for the application cache).
 */
export function cacheStoresInStack(family: StackFamily, files: TemplateFiles): number {
  const modelOf = new Map(familyModels(family).map((m) => [m.file, m.model]));
  const perStack = new Map<string, number>();
  for (const n of nestedStacks(family.root.model, family.root.file, files)) {
    const model = modelOf.get(n.file);
    if (model) perStack.set(n.stackId, Math.max(perStack.get(n.stackId) ?? 0, cacheStoresOf(model).length));
  }
  return cacheStoresOf(family.root.model).length + [...perStack.values()].reduce((a, b) => a + b, 0);
}
