import { at, isMap, isScalar } from '../../template/nodes';
import type { GenericCheck } from './generic-check';

const SIX_OCTAL_DIGITS = /^[0-7]{6}$/;

/**
 * cfn-lint E3009 (cfn-init configuration): a file's `mode` in AWS::CloudFormation::Init is six
 * octal digits as a string ("000644"); cfn-init rejects the shorter "0644". Symlinks use "120000".
 */
export const initFileMode: GenericCheck = {
  id: 'E3009',
  severity: 'error',
  description: "A cfn-init file's mode is six octal digits, such as \"000644\".",
  check(model, report) {
    for (const r of model.resources()) {
      const init = at(r.node, ['Metadata', 'AWS::CloudFormation::Init']);
      if (!isMap(init)) continue;
      for (const config of init.entries) {
        if (config.key === 'configSets') continue;
        const files = at(config.value, ['files']);
        if (!isMap(files)) continue;
        for (const file of files.entries) {
          const mode = at(file.value, ['mode']);
          if (!isScalar(mode) || typeof mode.value !== 'string' || SIX_OCTAL_DIGITS.test(mode.value)) continue;
          report({
            message: `File '${file.key}' has mode '${mode.value}': cfn-init needs six octal digits, e.g. '${mode.value.padStart(6, '0')}'.`,
            range: mode.range, path: [...r.path, 'Metadata', 'AWS::CloudFormation::Init', config.key, 'files', file.key, 'mode'],
          });
        }
      }
    }
  },
};
