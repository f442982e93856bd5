import { isMap, isScalar, isSeq } from '../../template/nodes';
import type { GenericCheck } from './generic-check';
import { hasTransform, intrinsicCalls, names, PSEUDO_PARAMETERS } from './targets';

/**
 * cfn-lint E1019: every `${Name}` or `${Resource.Attribute}` in a Fn::Sub string names a
 * parameter, resource, pseudo parameter or a variable of the Sub's own map. `${!Literal}` is text.
 */
export const subTargets: GenericCheck = {
  id: 'E1019',
  severity: 'error',
  description: 'Fn::Sub variables name parameters, resources, pseudo parameters or the Sub\'s own variables.',
  check(model, report) {
    if (hasTransform(model)) return;
    const { resources, parameters } = names(model);
    for (const call of intrinsicCalls(model, 'Fn::Sub')) {
      const stringNode = isSeq(call.argument) ? call.argument.items[0] : call.argument;
      if (!isScalar(stringNode) || typeof stringNode.value !== 'string') continue;
      const variables = isSeq(call.argument) && isMap(call.argument.items[1]) ? new Set(call.argument.items[1].entries.map((e) => e.key)) : new Set<string>();
      for (const match of stringNode.value.matchAll(/\$\{([^}]*)\}/g)) {
        const inner = match[1].trim();
        if (inner.startsWith('!') || variables.has(inner)) continue;
        const dot = inner.indexOf('.');
        const name = dot < 0 ? inner : inner.slice(0, dot);
        const known = dot < 0 ? parameters.has(name) || resources.has(name) || PSEUDO_PARAMETERS.has(name) : resources.has(name) || variables.has(name);
        if (known || inner === '') continue;
        report({ message: `Fn::Sub variable '\${${inner}}' is not a parameter, resource, pseudo parameter or variable of this Sub.`, range: stringNode.range, path: call.path, subject: name });
      }
    }
  },
};
