import type { TemplatePath } from '../../template/nodes';
import type { SourceRange } from '../../template/source-range';
import type { TemplateModel } from '../../template/template-model';
import type { Severity } from '../finding';

export const CFN_LINT_RULES_DOCS = 'https://github.com/aws-cloudformation/cfn-lint/blob/main/docs/rules.md';

export interface GenericReport {
  message: string;
  range: SourceRange;
  path?: TemplatePath;
  /** The name the finding is about (an unknown target), so the validator's repeat of it can be folded. */
  subject?: string;
}

/**
 * A generic CloudFormation check (not about Moodle) for what AWS's validator misses and cfn-lint
 * documents. One file per check; `id` is cfn-lint's where it is the same check.
 */
export interface GenericCheck {
  id: string;
  severity: Severity;
  description: string;
  check(model: TemplateModel, report: (r: GenericReport) => void): void;
}
