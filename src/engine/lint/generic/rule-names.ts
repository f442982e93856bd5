import type { GenericCheck } from './generic-check';

/**
 * cfn-lint E1700: the names in the Rules section are alphanumeric, like every logical id
 * (`X86_64Instance` in a Quick Start is refused for its underscore). AWS's validator checks the
 * rest of a rule's shape (Assertions and their items), not the name.
 */
export const ruleNames: GenericCheck = {
  id: 'E1700',
  severity: 'error',
  description: 'Names in the Rules section are alphanumeric.',
  check(model, report) {
    const rules = model.get(['Rules']);
    if (rules?.kind !== 'map') return;
    for (const e of rules.entries) {
      if (/^[A-Za-z0-9]+$/.test(e.key)) continue;
      report({ message: `Rule name '${e.key}' may only have letters and digits.`, range: e.keyRange, path: ['Rules', e.key] });
    }
  },
};
