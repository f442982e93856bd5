import type { GenericCheck } from './generic-check';

const CONDITION_NAME = /^[a-zA-Z0-9&_]{1,255}$/;

/** cfn-lint E8001 (its Conditions schema): condition names are letters, digits, '&' and '_', up to 255 characters. */
export const conditionNames: GenericCheck = {
  id: 'E8001',
  severity: 'error',
  description: 'Condition names use only letters, digits, & and _.',
  check(model, report) {
    for (const e of model.section('Conditions')?.entries ?? []) {
      if (CONDITION_NAME.test(e.key)) continue;
      report({ message: `Condition name '${e.key}' may use only letters, digits, '&' and '_' (at most 255 characters).`, range: e.keyRange, path: ['Conditions', e.key] });
    }
  },
};
