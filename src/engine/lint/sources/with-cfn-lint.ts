import { isCancellation } from '../../common/cancellation';
import type { Logger } from '../../common/logger';
import { applySettings, type LintResult, type RuleSettings } from '../lint-template';
import type { CfnLintSource } from './cfn-lint/cfn-lint-process';
import { cfnLintFindings, reconcileWithCfnLint } from './reconcile';

export interface CfnLintStepOptions {
  region?: string;
  rules?: RuleSettings;
  signal?: AbortSignal;
  /** The document, so a newer lint of it drops this one while it still waits. */
  key?: string;
  logger?: Logger;
}

/**
 * The background step after the fast path: cfn-lint on the same text, merged into the result
 * with cfn-lint as the arbiter of generic errors. When cfn-lint cannot run, the result stands as
 * it was and the sources say why.
 */
export async function withCfnLint(result: LintResult, cfnLint: CfnLintSource, options: CfnLintStepOptions = {}): Promise<LintResult> {
  if (!result.isCloudFormation) return result;
  let matches;
  try {
    matches = await cfnLint.lint(result.model.text, { region: options.region, signal: options.signal, key: options.key });
  } catch (error) {
    if (isCancellation(error)) throw error;
    options.logger?.warn?.(`cfn-lint: ${(error as Error).message}`);
    return { ...result, sources: { ...result.sources, cfnLint: 'failed', notes: [...result.sources.notes, (error as Error).message] } };
  }
  const { findings, dropped } = reconcileWithCfnLint(result.findings, cfnLintFindings(matches, result.model.lines));
  const notes = dropped.length ? [...result.sources.notes, `${dropped.length} error${dropped.length === 1 ? '' : 's'} of AWS's validator or our checks not confirmed by cfn-lint, dropped.`] : result.sources.notes;
  return { ...result, findings: applySettings(findings, options.rules), sources: { ...result.sources, cfnLint: 'ran', notes } };
}
