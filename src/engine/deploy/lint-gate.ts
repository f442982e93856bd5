import type { Finding } from '../lint/finding';
import { lintTemplate } from '../lint/lint-template';
import type { TemplateValidator } from '../lint/validator/validator-pool';
import { MhaError } from '../common/errors';
import type { TemplateModel } from '../template/template-model';

export interface LintGateResult {
  model: TemplateModel;
  errors: Finding[];
  warnings: Finding[];
  overridden: boolean;
}

/**
 * Our linter decides first: errors stop the deploy unless the user overrides (a flag, or a
 * host's confirmation); warnings travel with the result to be shown.
 */
export async function lintGate(
  file: string,
  text: string,
  options: { validator?: TemplateValidator; region?: string; allowErrors?: boolean; confirmOverride?: (errors: Finding[]) => Promise<boolean>; signal?: AbortSignal },
): Promise<LintGateResult> {
  const result = await lintTemplate(file, text, { validator: options.validator, region: options.region, signal: options.signal });
  if (!result.isCloudFormation) {
    throw new MhaError('usage', `${file} is not a CloudFormation template.`, { nextStep: 'Pick a template with AWSTemplateFormatVersion or a Resources section.' });
  }
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  let overridden = false;
  if (errors.length) {
    overridden = options.allowErrors === true || (await options.confirmOverride?.(errors)) === true;
    if (!overridden) {
      const first = errors.slice(0, 5).map((f) => `  line ${f.range.start.line + 1}: ${f.ruleId} ${f.message}`).join('\n');
      throw new MhaError('usage', `The template has ${errors.length} lint error${errors.length === 1 ? '' : 's'}; the deploy stopped before touching AWS:\n${first}`, {
        nextStep: 'Fix them (see Problems or `moodle-ha lint`), or deploy anyway with --allow-lint-errors.',
      });
    }
  }
  return { model: result.model, errors, warnings, overridden };
}
