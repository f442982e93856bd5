import { entry, isScalar } from '../../template/nodes';
import { alternatives } from './alternatives';
import type { GenericCheck } from './generic-check';

/** Properties that take a KMS key by id, ARN or alias (the AWS resource reference pages). */
const KMS_KEY_PROPERTIES: Record<string, string[]> = {
  'AWS::SNS::Topic': ['KmsMasterKeyId'],
  'AWS::SQS::Queue': ['KmsMasterKeyId'],
};

const KEY_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const KEY_ARN = /^arn:aws[a-zA-Z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/;
const ALIAS = /^alias\/[a-zA-Z0-9:/_-]+$/;

/**
 * cfn-lint E3017 (with E1157/E1162/E1164: the key ARN, key id and alias formats): a literal KMS key
 * is a key id, a key ARN or `alias/…`. The common slip is AWS's managed key written `aws/sns`
 * instead of `alias/aws/sns`.
 */
export const kmsKeyFormat: GenericCheck = {
  id: 'E3017',
  severity: 'error',
  description: 'A KMS key property holds a key id, a key ARN or an alias name (alias/…).',
  check(model, report) {
    for (const r of model.resources()) {
      for (const name of KMS_KEY_PROPERTIES[r.type] ?? []) {
        for (const value of alternatives(entry(r.properties, name)?.value)) {
          if (!isScalar(value) || typeof value.value !== 'string') continue;
          const v = value.value;
          if (KEY_ID.test(v) || KEY_ARN.test(v) || ALIAS.test(v)) continue;
          const hint = /^aws\//.test(v) ? ` Did you mean 'alias/${v}'?` : '';
          report({ message: `'${v}' is not a KMS key id, key ARN or alias name (alias/…) for ${name}.${hint}`, range: value.range, path: [...r.path, 'Properties', name] });
        }
      }
    }
  },
};
