import { at, isSeq } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';
import { cloudFrontOriginsOf } from '../load-balancer';
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
