import { entry, isScalar, isSeq, type TNode } from '../../template/nodes';
import type { ResourceView } from '../../template/template-model';
import { conditionImplies } from '../conditions/condition-logic';
import type { GenericCheck } from './generic-check';
import { hasTransform } from './targets';

/**
 * cfn-lint E3005: a resource that depends on a conditional resource must only exist when that
 * condition holds (its own Condition implies it), or the stack fails whenever the condition is
 * false. Reported on the DependsOn item, as cfn-lint does; when the implication cannot be decided
 * (too many comparisons) nothing is reported.
 */
export const dependsOnConditions: GenericCheck = {
  id: 'E3005',
  severity: 'error',
  description: 'DependsOn names a resource that exists whenever the depending resource does.',
  check(model, report) {
    if (hasTransform(model)) return;
    const byId = new Map(model.resources().map((r) => [r.logicalId, r]));
    for (const r of model.resources()) {
      const own = conditionOf(r);
      for (const item of dependsOnItems(r)) {
        if (!isScalar(item) || typeof item.value !== 'string') continue;
        const target = byId.get(item.value);
        const needed = target && conditionOf(target);
        if (!needed || (own && conditionImplies(model, own, needed) !== false)) continue;
        report({
          message: `'${item.value}' will not exist when condition '${needed}' is false, but '${r.logicalId}' depends on it${own ? ` under condition '${own}'` : ''}. Give '${r.logicalId}' a condition that implies '${needed}'.`,
          range: item.range, path: [...r.path, 'DependsOn'], subject: item.value,
        });
      }
    }
  },
};

function dependsOnItems(r: ResourceView): TNode[] {
  const value = entry(r.node, 'DependsOn')?.value;
  if (isSeq(value)) return value.items;
  return value ? [value] : [];
}

function conditionOf(r: ResourceView): string | undefined {
  const c = entry(r.node, 'Condition')?.value;
  return isScalar(c) && typeof c.value === 'string' ? c.value : undefined;
}
