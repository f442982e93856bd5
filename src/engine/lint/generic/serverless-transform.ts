import { entry, toPlain } from '../../template/nodes';
import type { GenericCheck } from './generic-check';

const SERVERLESS_TRANSFORM = 'AWS::Serverless-2016-10-31';

/**
 * cfn-lint E3038: `AWS::Serverless::*` types exist only through the SAM transform; without
 * `Transform: AWS::Serverless-2016-10-31` CloudFormation does not know the type. Reported on the
 * Type, as cfn-lint does.
 */
export const serverlessTransform: GenericCheck = {
  id: 'E3038',
  severity: 'error',
  description: 'AWS::Serverless types need the AWS::Serverless-2016-10-31 transform.',
  check(model, report) {
    const transform = toPlain(model.get(['Transform']));
    const transforms = Array.isArray(transform) ? transform : [transform];
    if (transforms.includes(SERVERLESS_TRANSFORM)) return;
    for (const r of model.resources()) {
      if (!r.type.startsWith('AWS::Serverless::')) continue;
      const type = entry(r.node, 'Type')!.value;
      report({ message: `'${r.type}' is a SAM type: it needs 'Transform: ${SERVERLESS_TRANSFORM}' at the top of the template.`, range: type.range, path: [...r.path, 'Type'], subject: r.type });
    }
  },
};
