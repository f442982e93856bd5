import type { GenericCheck } from './generic-check';
import { getAttTarget, hasTransform, intrinsicCalls, names } from './targets';

/** cfn-lint E1010: Fn::GetAtt must name a resource of this template (in Conditions, Resources, Outputs, nested calls too). */
export const getAttTargets: GenericCheck = {
  id: 'E1010',
  severity: 'error',
  description: 'Fn::GetAtt names a resource that exists in the template.',
  check(model, report) {
    if (hasTransform(model)) return;
    const { resources, parameters } = names(model);
    for (const call of intrinsicCalls(model, 'Fn::GetAtt')) {
      const target = getAttTarget(call.argument);
      if (target === undefined || resources.has(target)) continue;
      const hint = parameters.has(target) ? ` ('${target}' is a parameter: use !Ref ${target})` : '';
      report({ message: `Fn::GetAtt names '${target}', which is not a resource of this template${hint}.`, range: call.argument.range, path: call.path, subject: target });
    }
  },
};
