import type { RuleSettings } from './lint-template';

/**
 * Rules of AWS's validator we turn off unless the user turns them on again:
 * - I4010 asks for a `Metadata.com.aws.cloudformation.Context` block on the template and on every
 *   resource. It is a convention for AI tooling, not a CloudFormation requirement, and would put
 *   an info marker on every resource of every template.
 * - I9001 marks every create-only property ("updating it may cause resource replacement"): on a
 *   new template that is a dozen markers about updates nobody is making. The deploy's change-set
 *   preview shows which changes replace a resource, when it matters.
 */
export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  I4010: 'off',
  I9001: 'off',
};

export function withDefaultRuleSettings(user: RuleSettings | undefined): RuleSettings {
  return { ...DEFAULT_RULE_SETTINGS, ...user };
}
