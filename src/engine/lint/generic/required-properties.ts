import { entry, intrinsicName } from '../../template/nodes';
import type { GenericCheck } from './generic-check';

/**
 * Properties CloudFormation now requires that the validator's resource schemas do not (yet) mark
 * required. Cloud9 has required ImageId since AWS stopped choosing an image by default.
 */
const REQUIRED: Record<string, string[]> = {
  'AWS::Cloud9::EnvironmentEC2': ['ImageId'],
};

/**
 * cfn-lint E3003 (required properties), for the properties in REQUIRED only: the validator
 * checks the rest from its schemas. Reported on the resource's Properties (or the resource when
 * it has none), where cfn-lint reports it.
 */
export const requiredProperties: GenericCheck = {
  id: 'E3003',
  severity: 'error',
  description: 'A resource has the properties CloudFormation requires.',
  check(model, report) {
    for (const r of model.resources()) {
      // Properties written as a function (an !If of two maps) are not judged.
      const properties = entry(r.node, 'Properties');
      if (properties && (!r.properties || intrinsicName(r.properties))) continue;
      for (const name of REQUIRED[r.type] ?? []) {
        if (entry(r.properties, name)) continue;
        report({
          message: `'${name}' is a required property of ${r.type}.`,
          range: properties?.keyRange ?? r.keyRange,
          path: properties ? [...r.path, 'Properties'] : r.path,
        });
      }
    }
  },
};
