import { isScalar } from '../../template/nodes';
import type { GenericCheck } from './generic-check';
import { hasTransform, intrinsicCalls, names, PSEUDO_PARAMETERS } from './targets';

/** cfn-lint E1020: Ref names a parameter, a resource or a pseudo parameter (in Conditions, Resources, Outputs, nested calls too). */
export const refTargets: GenericCheck = {
  id: 'E1020',
  severity: 'error',
  description: 'Ref names a parameter, a resource or a pseudo parameter of the template.',
  check(model, report) {
    if (hasTransform(model)) return;
    const { resources, parameters } = names(model);
    // In Conditions an unknown name is reported once per condition, as cfn-lint does.
    const reported = new Set<string>();
    for (const call of intrinsicCalls(model, 'Ref')) {
      if (!isScalar(call.argument) || typeof call.argument.value !== 'string') continue;
      const target = call.argument.value;
      if (parameters.has(target) || resources.has(target) || PSEUDO_PARAMETERS.has(target)) continue;
      if (call.path[0] === 'Conditions') {
        const once = `${String(call.path[1])}\u0000${target}`;
        if (reported.has(once)) continue;
        reported.add(once);
      }
      report({ message: `'${target}' is not a parameter, resource or pseudo parameter of this template.`, range: call.argument.range, path: call.path, subject: target });
    }
  },
};
