import { intrinsicName, isScalar } from '../../template/nodes';
import type { GenericCheck } from './generic-check';
import { intrinsicCalls } from './targets';

/** cfn-lint E1015: Fn::GetAZs takes a region: a string ('' for the stack's own) or a Ref; null is not one. */
export const getAzsArgument: GenericCheck = {
  id: 'E1015',
  severity: 'error',
  description: "Fn::GetAZs takes a region name, '' or a Ref to AWS::Region.",
  check(model, report) {
    for (const call of intrinsicCalls(model, 'Fn::GetAZs')) {
      const arg = call.argument;
      if (isScalar(arg) && typeof arg.value === 'string') continue;
      if (intrinsicName(arg) === 'Ref') continue;
      const shown = isScalar(arg) ? String(arg.value) : arg.kind === 'seq' ? 'a list' : intrinsicName(arg) ?? 'a mapping';
      report({ message: `Fn::GetAZs takes a region ('' means the stack's own, or !Ref AWS::Region), not ${shown}.`, range: call.node.range, path: call.path });
    }
  },
};
